import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Gateway } from '../../src/gateway/gateway.js';
import type { InvocationRecord } from '../../src/gateway/options.js';
import { ModelError } from '../../src/model/model-error.js';
import { eventually, TestClient } from './support/client.js';

/** Inline handlers: a module-level counter (warm state shows), and a reply tagged with a version. */
const COUNTER = 'let n = 0; exports.handler = async () => ({ statusCode: 200, body: "count:" + (++n) });';
const tagged = (tag: string) => `exports.handler = async (e) => ({ statusCode: 200, body: "${tag}:" + e.body });`;
const BYE = 'exports.handler = async () => ({ statusCode: 200 });';
/** Answers with the DynamoDB endpoint it saw when it started, and how many calls its instance served. */
const ENDPOINT = 'const seen = process.env.AWS_ENDPOINT_URL_DYNAMODB; let n = 0; exports.handler = async () => ({ statusCode: 200, body: seen + " " + (++n) });';

interface Version {
  /** Route key → inline source of its function (the logical ID is derived from the key). */
  readonly routes: Readonly<Record<string, string>>;
  readonly stages: readonly string[];
  /** Names of DynamoDB tables. */
  readonly tables?: readonly string[];
}

const logicalId = (routeKey: string) => routeKey.replace(/[^A-Za-z0-9]/g, '') || 'Default';

/** A template with one WebSocket API: a Lambda function per route (two-way), and the given stages. */
function template(version: Version): Record<string, unknown> {
  const resources: Record<string, unknown> = {
    Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'reload', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' } },
  };
  for (const name of version.tables ?? []) {
    resources[`Table${name}`] = {
      Type: 'AWS::DynamoDB::Table',
      Properties: { TableName: name, BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] },
    };
  }
  for (const stage of version.stages) {
    resources[`Stage${stage}`] = { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Api' }, StageName: stage } };
  }
  for (const [routeKey, source] of Object.entries(version.routes)) {
    const id = logicalId(routeKey === '$default' ? 'Default' : routeKey);
    resources[`Fn${id}`] = { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs22.x', Handler: 'index.handler', Code: { ZipFile: source } } };
    resources[`Integ${id}`] = {
      Type: 'AWS::ApiGatewayV2::Integration',
      Properties: { ApiId: { Ref: 'Api' }, IntegrationType: 'AWS_PROXY', IntegrationUri: { 'Fn::Sub': `arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn${id}.Arn}/invocations` } },
    };
    resources[`Route${id}`] = {
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: { ApiId: { Ref: 'Api' }, RouteKey: routeKey, Target: { 'Fn::Sub': `integrations/\${Integ${id}}` }, RouteResponseSelectionExpression: '$default' },
    };
    resources[`Response${id}`] = { Type: 'AWS::ApiGatewayV2::RouteResponse', Properties: { ApiId: { Ref: 'Api' }, RouteId: { Ref: `Route${id}` }, RouteResponseKey: '$default' } };
  }
  return { Resources: resources };
}

/** A template file whose content a test rewrites between reloads. */
function templateFile(version: Version): { path: string; write(v: Version): void } {
  const path = join(mkdtempSync(join(tmpdir(), 'wsgate-reload-')), 'reload.json');
  const write = (v: Version) => writeFileSync(path, JSON.stringify(template(v)));
  write(version);
  return { path, write };
}

const ask = async (client: TestClient, action: string, data = ''): Promise<string> => {
  client.send(JSON.stringify({ action, data }));
  return client.next(30_000);
};

for (const mode of ['isolated', 'in-process'] as const) {
  describe(`Gateway.reload (${mode})`, { timeout: 120_000 }, () => {
    const gateways: Gateway[] = [];
    after(async () => { for (const g of gateways) await g.stop(); });
    const start = async (path: string, onInvocation?: (r: InvocationRecord) => void) => {
      const gateway = await Gateway.start(path, { log: false, tls: false, invocationMode: mode, onInvocation });
      gateways.push(gateway);
      return gateway;
    };

    test('GIVEN a connected client WHEN a function changes and a route is added THEN the same connection gets the new answers, and an unchanged function stays warm', async () => {
      const file = templateFile({ routes: { count: COUNTER, $default: tagged('v1') }, stages: ['dev'] });
      const gateway = await start(file.path);
      const client = await TestClient.connect(gateway.endpoints()[0].url);
      assert.equal(await ask(client, 'count'), 'count:1');
      assert.match(await ask(client, 'other'), /^v1:/);

      file.write({ routes: { count: COUNTER, $default: tagged('v2'), echo: tagged('echo') }, stages: ['dev'] });
      const summary = await gateway.reload(file.path);

      assert.deepEqual(summary.retiredFunctions, ['reload/FnDefault']);
      assert.deepEqual(summary.routesAdded, ['reload echo']);
      assert.deepEqual([summary.keptConnections, summary.closedConnections], [1, 0]);
      assert.equal(client.closed, undefined);
      assert.match(await ask(client, 'other'), /^v2:/);
      assert.match(await ask(client, 'echo'), /^echo:/);
      // The counter's instance was kept warm: its module state goes on.
      assert.equal(await ask(client, 'count'), 'count:2');
      client.close();
    });

    test('GIVEN a route WHEN a reload removes it THEN its messages go to $default; a function named in changedFunctions starts cold', async () => {
      const file = templateFile({ routes: { count: COUNTER, gone: tagged('gone'), $default: tagged('default') }, stages: ['dev'] });
      const gateway = await start(file.path);
      const client = await TestClient.connect(gateway.endpoints()[0].url);
      assert.match(await ask(client, 'gone'), /^gone:/);
      assert.equal(await ask(client, 'count'), 'count:1');

      file.write({ routes: { count: COUNTER, $default: tagged('default') }, stages: ['dev'] });
      const summary = await gateway.reload(file.path, { changedFunctions: ['reload/Fncount'] });

      assert.deepEqual(summary.routesRemoved, ['reload gone']);
      assert.deepEqual(summary.retiredFunctions, ['reload/Fncount']);
      assert.match(await ask(client, 'gone'), /^default:/);
      assert.equal(await ask(client, 'count'), 'count:1');
      client.close();
    });

    test('GIVEN clients on two stages WHEN a reload removes one stage THEN its clients are closed with 1001 "Going away" and $disconnect runs; the others stay', async () => {
      const file = templateFile({ routes: { $default: tagged('v1'), $disconnect: BYE }, stages: ['dev', 'test'] });
      const records: InvocationRecord[] = [];
      const gateway = await start(file.path, (r) => records.push(r));
      const url = (stage: string) => gateway.endpoints().find((e) => e.stage === stage)!.url;
      const staying = await TestClient.connect(url('dev'));
      const leaving = await TestClient.connect(url('test'));

      file.write({ routes: { $default: tagged('v2'), $disconnect: BYE }, stages: ['dev'] });
      const summary = await gateway.reload(file.path);

      assert.deepEqual(summary.stagesRemoved, ['reload/test']);
      assert.deepEqual([summary.keptConnections, summary.closedConnections], [1, 1]);
      assert.deepEqual(await leaving.waitClosed(), { code: 1001, reason: 'Going away' });
      const disconnect = await eventually(() => records.find((r) => r.eventType === 'DISCONNECT'), 30_000, 'the $disconnect call');
      assert.equal(disconnect.stage, 'test');
      assert.equal(disconnect.outcome.kind, 'answer');
      assert.deepEqual(gateway.endpoints().map((e) => e.stage), ['dev']);
      assert.match(await ask(staying, 'x'), /^v2:/);
      await assert.rejects(TestClient.connect(url('dev').replace(/dev$/, 'test')), { status: 403 });
      staying.close();
    });

    test('GIVEN a table WHEN a reload adds another THEN the local store starts again with both, and every function starts cold with its new address', async () => {
      const file = templateFile({ routes: { $default: ENDPOINT }, stages: ['dev'], tables: ['one'] });
      const gateway = await start(file.path);
      const client = await TestClient.connect(gateway.endpoints()[0].url);
      const [before, first] = (await ask(client, 'x')).split(' ');
      assert.match(before, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(first, '1');

      file.write({ routes: { $default: ENDPOINT }, stages: ['dev'], tables: ['one', 'two'] });
      const summary = await gateway.reload(file.path);

      assert.equal(summary.tablesRestarted, true);
      assert.deepEqual(summary.retiredFunctions, ['reload/FnDefault']);
      assert.equal(gateway.model.tables.size, 2);
      const [after, count] = (await ask(client, 'x')).split(' ');
      assert.notEqual(after, before);
      assert.equal(count, '1');
      client.close();
    });

    test('GIVEN a template it cannot serve WHEN reloading THEN it rejects and the running version keeps serving', async () => {
      const file = templateFile({ routes: { $default: tagged('v1') }, stages: ['dev'] });
      const gateway = await start(file.path);
      const client = await TestClient.connect(gateway.endpoints()[0].url);
      const broken = template({ routes: { $default: tagged('v2') }, stages: ['dev'] }) as { Resources: Record<string, { Properties: Record<string, unknown> }> };
      broken.Resources.FnDefault.Properties.Runtime = 'python3.12';
      writeFileSync(file.path, JSON.stringify(broken));

      await assert.rejects(gateway.reload(file.path), ModelError);

      assert.match(await ask(client, 'x'), /^v1:/);
      client.close();
    });
  });
}
