import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Stack } from '../../src/core/index.js';
import { WebSocketApi, WebSocketStage } from '../../src/apigatewayv2/index.js';
import { WebSocketLambdaIntegration } from '../../src/apigatewayv2/integrations/index.js';
import * as lambda from '../../src/lambda/index.js';
import { NodejsFunction } from '../../src/lambda-nodejs/index.js';
import { Gateway } from '../../src/gateway/gateway.js';
import { TestClient } from './support/client.js';

const here = dirname(fileURLToPath(import.meta.url));

/** An app whose two-way $default route is served by `makeFunction`. */
function appWith(context: Record<string, unknown>, makeFunction: (stack: Stack) => lambda.IFunction): App {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'wsgate-code-')), context });
  const stack = new Stack(app, 'CodeStack');
  const api = new WebSocketApi(stack, 'Api', { defaultRouteOptions: { integration: new WebSocketLambdaIntegration('Handler', makeFunction(stack)), returnResponse: true } });
  new WebSocketStage(stack, 'Dev', { webSocketApi: api, stageName: 'dev' });
  return app;
}

describe('where function code comes from', { timeout: 90_000 }, () => {
  const gateways: Gateway[] = [];
  after(async () => { for (const g of gateways) await g.stop(); });

  const reply = async (input: Parameters<typeof Gateway.start>[0], message: string, codeKind: string) => {
    const gateway = await Gateway.start(input, { log: false });
    gateways.push(gateway);
    assert.deepEqual([...gateway.model.functions.values()].map((f) => f.code.kind), [codeKind]);
    const client = await TestClient.connect(gateway.endpoints()[0].url);
    client.send(message);
    const answer = await client.next(30_000);
    client.close();
    return answer;
  };

  test('a NodejsFunction is served from its bundled asset, found through the assets manifest', async () => {
    const app = appWith({}, (stack) => new NodejsFunction(stack, 'Greet', { entry: join(here, 'fixtures/handlers/greet.ts') }));
    const dir = app.synth().directory;
    assert.equal(await reply(dir, 'bundle', 'directory'), 'hello bundle');
  });

  test('with the wsgate:recordEntry context, the TypeScript entry itself runs (no bundle needed)', async () => {
    const app = appWith({ 'wsgate:recordEntry': true }, (stack) => new NodejsFunction(stack, 'Greet', { entry: join(here, 'fixtures/handlers/greet.ts') }));
    assert.equal(await reply(app, 'source', 'entry'), 'hello source');
  });

  test('Code.fromAsset with a handler in another file of the directory', async () => {
    const app = appWith({}, (stack) => new lambda.Function(stack, 'Asset', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'app.reply', code: lambda.Code.fromAsset(join(here, 'fixtures/asset-handler')),
    }));
    assert.equal(await reply(app, 'x', 'directory'), 'asset:x');
  });
});
