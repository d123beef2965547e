import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { Gateway } from '../../src/gateway/gateway.js';
import { TestClient } from './support/client.js';

/** A template with two WebSocket APIs, no $connect routes, and a $default route each that names its API. */
function twoApis(): Record<string, unknown> {
  const resources: Record<string, unknown> = {};
  for (const name of ['Alpha', 'Beta']) {
    resources[`${name}Api`] = { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: name, ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' } };
    resources[`${name}Dev`] = { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: `${name}Api` }, StageName: 'dev' } };
    resources[`${name}Fn`] = { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs22.x', Handler: 'index.handler', Code: { ZipFile: `exports.handler = async (e) => ({ body: '${name}:' + e.requestContext.stage + ':' + e.requestContext.routeKey })` } } };
    resources[`${name}Integ`] = { Type: 'AWS::ApiGatewayV2::Integration', Properties: { ApiId: { Ref: `${name}Api` }, IntegrationType: 'AWS_PROXY', IntegrationUri: { 'Fn::Sub': `arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${name}Fn.Arn}/invocations` } } };
    resources[`${name}Route`] = { Type: 'AWS::ApiGatewayV2::Route', Properties: { ApiId: { Ref: `${name}Api` }, RouteKey: '$default', Target: { 'Fn::Sub': `integrations/\${${name}Integ}` }, RouteResponseSelectionExpression: '$default' } };
    resources[`${name}Response`] = { Type: 'AWS::ApiGatewayV2::RouteResponse', Properties: { ApiId: { Ref: `${name}Api` }, RouteId: { Ref: `${name}Route` }, RouteResponseKey: '$default' } };
  }
  resources.BetaProd = { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'BetaApi' }, StageName: 'prod' } };
  return { Resources: resources };
}

describe('gateway endpoints with several APIs', { timeout: 60_000 }, () => {
  let gateway: Gateway;
  const clients: TestClient[] = [];

  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsgate-apis-'));
    writeFileSync(join(dir, 'two-apis.json'), JSON.stringify(twoApis()));
    gateway = await Gateway.start(join(dir, 'two-apis.json'), { log: false, invocationMode: 'in-process' });
  });
  after(async () => {
    for (const c of clients) c.ws.terminate();
    await gateway.stop();
  });

  const ask = async (url: string, headers?: Record<string, string>) => {
    const c = await TestClient.connect(url, { headers });
    clients.push(c);
    c.send('hello');
    return c.next();
  };

  test('every stage is listed: /{apiId}/{stage}, and /{stage} where only one API has that stage', () => {
    const urls = gateway.endpoints().map((e) => `${e.apiName} ${e.stage} ${e.url.replace(gateway.url.replace('http', 'ws'), '')}`).sort();
    const [alpha, beta] = ['Alpha', 'Beta'].map((n) => gateway.endpoints().find((e) => e.apiName === n)!.apiId);
    assert.deepEqual(urls, [`Alpha dev /${alpha}/dev`, `Beta dev /${beta}/dev`, 'Beta prod /prod'].sort());
  });

  test('each API answers at its own path; no $connect route means the connection is accepted', async () => {
    const base = gateway.url.replace('http', 'ws');
    for (const e of gateway.endpoints()) {
      assert.equal(await ask(e.url), `${e.apiName}:${e.stage}:$default`);
    }
    assert.equal(await ask(`${base}/prod`), 'Beta:prod:$default');
  });

  test('an invalid handshake gets 400 before any integration runs', async () => {
    const statusLine = await new Promise<string>((resolve, reject) => {
      const socket = connect(gateway.port, '127.0.0.1', () => socket.write(
        'GET /prod HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: short\r\n\r\n'));
      socket.once('data', (d: Buffer) => { resolve(d.toString().split('\r\n')[0]); socket.destroy(); });
      socket.once('error', reject);
    });
    assert.equal(statusLine, 'HTTP/1.1 400 Bad Request');
  });

  test('a stage name two APIs share is not reachable without the API id; a Host of {apiId}.execute-api.… selects the API', async () => {
    const base = gateway.url.replace('http', 'ws');
    await assert.rejects(TestClient.connect(`${base}/dev`), (e: { status?: number }) => e.status === 403);
    const alpha = gateway.endpoints().find((e) => e.apiName === 'Alpha')!.apiId;
    assert.equal(await ask(`${base}/dev`, { Host: `${alpha}.execute-api.localhost:${gateway.port}` }), 'Alpha:dev:$default');
  });
});
