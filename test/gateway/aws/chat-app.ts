/**
 * AWS's WebSocket chat sample as a wsgate app: a DynamoDB table of connection ids, `$connect` puts,
 * `$disconnect` deletes, `sendmessage` scans and posts to every other connection. Every handler uses
 * the real AWS SDK, bundled into its asset by NodejsFunction (test/gateway/fixtures/handlers/dynamodb-chat/).
 *
 * Routes besides the sample's (two-way): `inspect` (what the function sees of its table), `stranger`
 * (a PutItem by a function whose role has no grant on the table), `elsewhere` (a call to S3).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketApi, WebSocketStage } from '../../../src/apigatewayv2/index.js';
import { WebSocketLambdaIntegration } from '../../../src/apigatewayv2/integrations/index.js';
import { App, Duration, RemovalPolicy, Stack } from '../../../src/core/index.js';
import { AttributeType, BillingMode, Table } from '../../../src/dynamodb/index.js';
import * as lambda from '../../../src/lambda/index.js';
import { NodejsFunction } from '../../../src/lambda-nodejs/index.js';

const HANDLERS = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/handlers/dynamodb-chat');

/** Synthesizes the app into a fresh cloud assembly and returns its directory. */
export function buildDynamoDbChatApp(): string {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'wsgate-ddb-chat-')) });
  const stack = new Stack(app, 'ChatStack');
  const table = new Table(stack, 'Connections', {
    partitionKey: { name: 'connectionId', type: AttributeType.STRING },
    billingMode: BillingMode.PAY_PER_REQUEST,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const handler = (id: string, file: string) => new NodejsFunction(stack, id, {
    entry: join(HANDLERS, file),
    runtime: lambda.Runtime.NODEJS_22_X,
    timeout: Duration.seconds(20),
    environment: { TABLE_NAME: table.tableName, TABLE_ARN: table.tableArn },
    // The SDK goes into the bundle, as for a deployment that pins its own SDK version.
    bundling: { externalModules: [] },
  });
  const onConnect = handler('OnConnect', 'connect.ts');
  const onDisconnect = handler('OnDisconnect', 'disconnect.ts');
  const sendMessage = handler('SendMessage', 'send-message.ts');
  const inspect = handler('Inspect', 'inspect.ts');
  const stranger = handler('Stranger', 'stranger.ts');
  const elsewhere = handler('Elsewhere', 'elsewhere.ts');
  table.grantWriteData(onConnect);
  table.grantWriteData(onDisconnect);
  table.grantReadWriteData(sendMessage);
  table.grantReadWriteData(inspect);

  const api = new WebSocketApi(stack, 'ChatApi', {
    connectRouteOptions: { integration: new WebSocketLambdaIntegration('ConnectIntegration', onConnect) },
    disconnectRouteOptions: { integration: new WebSocketLambdaIntegration('DisconnectIntegration', onDisconnect) },
  });
  api.addRoute('sendmessage', { integration: new WebSocketLambdaIntegration('SendIntegration', sendMessage) });
  api.addRoute('inspect', { integration: new WebSocketLambdaIntegration('InspectIntegration', inspect), returnResponse: true });
  api.addRoute('stranger', { integration: new WebSocketLambdaIntegration('StrangerIntegration', stranger), returnResponse: true });
  api.addRoute('elsewhere', { integration: new WebSocketLambdaIntegration('ElsewhereIntegration', elsewhere), returnResponse: true });
  api.grantManageConnections(sendMessage);
  new WebSocketStage(stack, 'Dev', { webSocketApi: api, stageName: 'dev', autoDeploy: true });
  return app.synth().directory;
}
