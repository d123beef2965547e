/**
 * An app whose handlers call the @connections management API with the real AWS SDK, bundled into
 * their assets by NodejsFunction as users deploy them (test/gateway/fixtures/handlers/manage.ts).
 *
 * Routes (selection on `$request.body.action`):
 * - `manage` and `$default`: the `Manager` function, granted `execute-api:ManageConnections` by
 *   `api.grantManageConnections`; two-way, answers with what the SDK returned or threw;
 * - `stranger`: the same code (its own bundle) as the `Stranger` function, whose role has no grant;
 * - `$disconnect`: records its event to the EVENT_LOG file.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketApi, WebSocketStage } from '../../../src/apigatewayv2/index.js';
import { WebSocketLambdaIntegration } from '../../../src/apigatewayv2/integrations/index.js';
import { App, Duration, Stack } from '../../../src/core/index.js';
import * as lambda from '../../../src/lambda/index.js';
import { NodejsFunction } from '../../../src/lambda-nodejs/index.js';

const here = dirname(fileURLToPath(import.meta.url));

export const MANAGE_ENTRY = join(here, '../fixtures/handlers/manage.ts');
const STRANGER_ENTRY = join(here, '../fixtures/handlers/manage-stranger.ts');

/** Synthesizes the app into a fresh cloud assembly and returns its directory. */
export function buildManagementApp(eventLog: string): string {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'wsgate-manage-')) });
  const stack = new Stack(app, 'ManageStack');
  const api = new WebSocketApi(stack, 'Api');
  const stage = new WebSocketStage(stack, 'Dev', { webSocketApi: api, stageName: 'dev', autoDeploy: true });
  const managementFunction = (id: string, entry: string) => new NodejsFunction(stack, id, {
    entry,
    runtime: lambda.Runtime.NODEJS_22_X,
    timeout: Duration.seconds(20),
    environment: { CALLBACK_URL: stage.callbackUrl },
    // The SDK goes into the bundle, as for a deployment that pins its own SDK version.
    bundling: { externalModules: [] },
  });
  const manager = managementFunction('Manager', MANAGE_ENTRY);
  api.grantManageConnections(manager);
  const stranger = managementFunction('Stranger', STRANGER_ENTRY);
  api.addRoute('manage', { integration: new WebSocketLambdaIntegration('Manage', manager), returnResponse: true });
  api.addRoute('$default', { integration: new WebSocketLambdaIntegration('DefaultIntegration', manager), returnResponse: true });
  api.addRoute('stranger', { integration: new WebSocketLambdaIntegration('StrangerRoute', stranger), returnResponse: true });
  const disconnect = new lambda.Function(stack, 'Disconnect', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline(`const fs = require('fs');
exports.handler = async (event) => { fs.appendFileSync(process.env.EVENT_LOG, JSON.stringify(event) + '\\n'); return { statusCode: 200 }; };`),
    environment: { EVENT_LOG: eventLog },
  });
  api.addRoute('$disconnect', { integration: new WebSocketLambdaIntegration('Disconnect', disconnect) });
  return app.synth().directory;
}
