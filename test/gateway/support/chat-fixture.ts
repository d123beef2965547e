/**
 * The app the gateway compatibility suite serves, written once against aws-cdk-lib's API and built
 * with either library: wsgate's constructs, or aws-cdk-lib itself (served unchanged).
 *
 * Handlers are inline CommonJS; each appends the events it receives to the file named by
 * EVENT_LOG, so tests can read exactly what a handler was given.
 */
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/** The modules a fixture is built from (wsgate's or aws-cdk-lib's). */
export interface Library {
  readonly core: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- the same code drives both libraries' module objects
  readonly apigwv2: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- as above
  readonly integrations: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- as above
  readonly lambda: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- as above
}

export async function wsgateLibrary(): Promise<Library> {
  return {
    core: await import('../../../src/core/index.js'),
    apigwv2: await import('../../../src/apigatewayv2/index.js'),
    integrations: await import('../../../src/apigatewayv2/integrations/index.js'),
    lambda: await import('../../../src/lambda/index.js'),
  };
}

export function awsCdkLibrary(): Library {
  return {
    core: require('aws-cdk-lib'),
    apigwv2: require('aws-cdk-lib/aws-apigatewayv2'),
    integrations: require('aws-cdk-lib/aws-apigatewayv2-integrations'),
    lambda: require('aws-cdk-lib/aws-lambda'),
  };
}

const RECORD = `const fs = require('fs'); const record = (e) => fs.appendFileSync(process.env.EVENT_LOG, JSON.stringify(e) + '\\n');`;

export const HANDLERS = {
  connect: `${RECORD}
exports.handler = async (event) => {
  record(event);
  const q = event.queryStringParameters || {};
  if (q.reject) return { statusCode: Number(q.reject) };
  if (q.throw) throw new Error('connect failed');
  if (q.slow) await new Promise((r) => setTimeout(r, 6000));
  if (q.protocol) return { statusCode: 200, headers: { 'Sec-WebSocket-Protocol': q.protocol } };
  return { statusCode: 200 };
};`,
  disconnect: `${RECORD}
exports.handler = async (event) => { record(event); return { statusCode: 200 }; };`,
  echo: `${RECORD}
let calls = 0;
exports.handler = async (event) => { record(event); calls++; return { statusCode: 500, body: JSON.stringify({ calls, routeKey: event.requestContext.routeKey, body: event.body }) }; };`,
  oneWay: `${RECORD}
exports.handler = async (event) => { record(event); return { statusCode: 200, body: 'never sent' }; };`,
  bounce: `exports.handler = async (event) => ({ body: event.body });`,
  boom: `exports.handler = async () => { throw new Error('boom'); };`,
  slow: `exports.handler = async () => { await new Promise((r) => setTimeout(r, 3000)); return { body: 'late' }; };`,
  exit: `exports.handler = async () => { process.exit(1); };`,
  loop: `exports.handler = async () => { for (;;) {} };`,
  importThrows: `throw new Error('cannot load');\nexports.handler = async () => ({});`,
};

/** Builds the fixture app into a fresh cloud assembly directory and returns the directory. */
export function buildChatApp(lib: Library, eventLog: string): string {
  const { core, apigwv2, integrations, lambda } = lib;
  const outdir = mkdtempSync(join(tmpdir(), 'wsgate-fixture-'));
  const app = new core.App({ outdir });
  const stack = new core.Stack(app, 'ChatStack');
  const fn = (id: string, code: string, timeout = 10) => new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline(code),
    timeout: core.Duration.seconds(timeout), environment: { EVENT_LOG: eventLog },
  });
  const integration = (id: string, code: string, props?: Record<string, unknown>) => new integrations.WebSocketLambdaIntegration(id, fn(`${id}Fn`, code), props);
  const api = new apigwv2.WebSocketApi(stack, 'ChatApi', {
    // 3 s: room for a cold start on a loaded machine (it counts, as on AWS), and still short of ?slow's 6 s.
    connectRouteOptions: { integration: integration('Connect', HANDLERS.connect, { timeout: core.Duration.seconds(3) }) },
    disconnectRouteOptions: { integration: integration('Disconnect', HANDLERS.disconnect) },
  });
  new apigwv2.WebSocketStage(stack, 'Dev', { webSocketApi: api, stageName: 'dev', autoDeploy: true, stageVariables: { color: 'blue' } });
  api.addRoute('echo', { integration: integration('Echo', HANDLERS.echo), returnResponse: true });
  api.addRoute('oneway', { integration: integration('OneWay', HANDLERS.oneWay) });
  api.addRoute('bounce', { integration: integration('Bounce', HANDLERS.bounce), returnResponse: true });
  api.addRoute('boom', { integration: integration('Boom', HANDLERS.boom), returnResponse: true });
  api.addRoute('slow', { integration: integration('Slow', HANDLERS.slow, { timeout: core.Duration.seconds(1) }), returnResponse: true });
  api.addRoute('exit', { integration: integration('Exit', HANDLERS.exit) });
  api.addRoute('loop', { integration: integration('Loop', HANDLERS.loop, { timeout: core.Duration.seconds(1) }), returnResponse: true });
  api.addRoute('broken', { integration: integration('Broken', HANDLERS.importThrows) });
  api.addRoute('mock', { integration: new integrations.WebSocketMockIntegration('Mock', { requestTemplates: { $default: '{"statusCode":200}' }, templateSelectionExpression: '\\$default' }) });
  app.synth();
  return outdir;
}
