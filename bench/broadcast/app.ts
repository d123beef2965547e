/** The broadcast benchmark's app, synthesized with wsgate's constructs into a cloud assembly. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketApi, WebSocketStage } from '../../src/apigatewayv2/index.js';
import { WebSocketLambdaIntegration } from '../../src/apigatewayv2/integrations/index.js';
import { App, Duration, Stack } from '../../src/core/index.js';
import * as lambda from '../../src/lambda/index.js';
import { NodejsFunction } from '../../src/lambda-nodejs/index.js';

const here = dirname(fileURLToPath(import.meta.url));

/** Synthesizes the app and returns the cloud assembly directory. */
export function synthBroadcastApp(): string {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'wsgate-broadcast-')) });
  const stack = new Stack(app, 'BroadcastBench');
  const api = new WebSocketApi(stack, 'Api');
  new WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'bench', autoDeploy: true });
  const fn = new NodejsFunction(stack, 'Broadcaster', {
    entry: join(here, 'handler.ts'),
    runtime: lambda.Runtime.NODEJS_22_X,
    memorySize: 1024,
    timeout: Duration.seconds(60),
    bundling: { externalModules: [] },
  });
  api.grantManageConnections(fn);
  api.addRoute('whoami', { integration: new WebSocketLambdaIntegration('WhoAmI', fn), returnResponse: true });
  api.addRoute('broadcast', { integration: new WebSocketLambdaIntegration('Broadcast', fn) });
  return app.synth().directory;
}
