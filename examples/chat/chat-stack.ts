/**
 * The chat's stack: a WebSocket API whose handlers keep the connected people in a DynamoDB table
 * and broadcast through the `@connections` management API, as they would on AWS.
 *
 * Routes: `$connect` (`?name=Alice`: stores the person, tells the others), `$disconnect` (removes
 * them, tells the others), `sendMessage` (`{"action":"sendMessage","text":"…"}`: sent to everyone)
 * and the two-way `whoami` (`{"action":"whoami"}`: answers with the caller and who is here).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'wsgate';
import { WebSocketApi, WebSocketStage } from 'wsgate/aws-apigatewayv2';
import { WebSocketLambdaIntegration } from 'wsgate/aws-apigatewayv2-integrations';
import { AttributeType, BillingMode, Table } from 'wsgate/aws-dynamodb';
import { Runtime } from 'wsgate/aws-lambda';
import { NodejsFunction } from 'wsgate/aws-lambda-nodejs';
import type { Construct } from 'constructs';

const HANDLERS = join(dirname(fileURLToPath(import.meta.url)), 'handlers');

/** The chat's API, its `dev` stage and the table of connected people. */
export class ChatStack extends Stack {
  public readonly api: WebSocketApi;
  public readonly stage: WebSocketStage;
  public readonly table: Table;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    this.table = new Table(this, 'Connections', {
      partitionKey: { name: 'connectionId', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const handler = (id: string, file: string) => new NodejsFunction(this, id, {
      entry: join(HANDLERS, file),
      runtime: Runtime.NODEJS_22_X,
      timeout: Duration.seconds(10),
      environment: { TABLE_NAME: this.table.tableName },
      // The AWS SDK goes into each bundle (no external modules): the deployed function runs the
      // SDK version of package-lock.json rather than the one the Lambda runtime ships.
      bundling: { externalModules: [] },
    });
    const onConnect = handler('OnConnect', 'connect.ts');
    const onDisconnect = handler('OnDisconnect', 'disconnect.ts');
    const sendMessage = handler('SendMessage', 'send-message.ts');
    const whoami = handler('Whoami', 'whoami.ts');

    this.api = new WebSocketApi(this, 'ChatApi', {
      apiName: 'chat',
      connectRouteOptions: { integration: new WebSocketLambdaIntegration('ConnectIntegration', onConnect) },
      disconnectRouteOptions: { integration: new WebSocketLambdaIntegration('DisconnectIntegration', onDisconnect) },
    });
    this.api.addRoute('sendMessage', { integration: new WebSocketLambdaIntegration('SendMessageIntegration', sendMessage) });
    this.api.addRoute('whoami', { integration: new WebSocketLambdaIntegration('WhoamiIntegration', whoami), returnResponse: true });
    this.stage = new WebSocketStage(this, 'Dev', { webSocketApi: this.api, stageName: 'dev', autoDeploy: true });

    for (const fn of [onConnect, onDisconnect, sendMessage]) {
      this.table.grantReadWriteData(fn);
      this.api.grantManageConnections(fn);
    }
    this.table.grantReadData(whoami);

    new CfnOutput(this, 'ChatUrl', { value: this.stage.url, description: 'The URL the chat page connects to' });
  }
}
