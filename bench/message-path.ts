/**
 * `node --import tsx bench/message-path.ts [in-process|isolated] [messages]`: the gateway's
 * per-message path (route selection, event, invocation, reply, metrics) without sockets, in one
 * process, so its cost can be compared between changes without the noise of a loopback load test.
 * Prints CPU µs and wall µs per message, best of three runs.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WebSocket } from 'ws';
import { loadGatewayModel } from '../src/model/load-template.js';
import { readTemplateSources } from '../src/model/load-source.js';
import { Connection } from '../src/gateway/connection.js';
import { IntegrationRunner } from '../src/gateway/integrations/integration-runner.js';
import { createInvoker } from '../src/gateway/invocation/create-invoker.js';
import { runMessage } from '../src/gateway/lifecycle.js';
import { GatewayMetrics } from '../src/gateway/metrics/metrics.js';
import { resolveOptions } from '../src/gateway/options.js';
import { compileSelectionExpression } from '../src/gateway/routing/selection-expression.js';
import { EndpointMap } from '../src/gateway/transport/endpoint-map.js';
import { MemoryRegistry } from '../src/registry/memory-registry.js';
import type { GatewayContext } from '../src/gateway/gateway-context.js';
import { ECHO_TEMPLATE } from './echo-template.js';

const mode = (process.argv[2] ?? 'in-process') as 'in-process' | 'isolated';
const messages = Number(process.argv[3] ?? 100_000);
const inFlight = Number(process.env.IN_FLIGHT ?? 100);

const dir = mkdtempSync(join(tmpdir(), 'wsgate-path-'));
writeFileSync(join(dir, 'bench.json'), JSON.stringify(ECHO_TEMPLATE));
const model = loadGatewayModel(readTemplateSources(join(dir, 'bench.json')));
const invoker = createInvoker({ mode });
const options = resolveOptions({ log: false });
const ctx: GatewayContext = {
  model, options, registry: new MemoryRegistry(), metrics: new GatewayMetrics(), runner: new IntegrationRunner(model, invoker),
  nodeId: 'bench', connections: new Map(), selectors: new Map(model.apis.map((a) => [a.apiId, compileSelectionExpression(a.routeSelectionExpression)])),
};
const endpoint = new EndpointMap(model.apis).list()[0];
let replies = 0;
const fakeSocket = { readyState: 1, OPEN: 1, CONNECTING: 0, bufferedAmount: 0, send: () => { replies++; }, close: () => undefined, terminate: () => undefined };
const conn = new Connection(fakeSocket as unknown as WebSocket, {
  connectionId: 'AAAAAAAAAAAAAAA=', apiId: endpoint.api.apiId, stage: endpoint.stage.name, domainName: '127.0.0.1:1',
  connectedAt: Date.now(), identity: { sourceIp: '127.0.0.1' },
}, endpoint, '127.0.0.1:1', options.limits, () => undefined);

async function run(n: number): Promise<{ cpu: number; wall: number }> {
  const body = JSON.stringify({ action: 'echo', data: 'x'.repeat(64) });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let started = 0;
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (started < n) {
      started++;
      await runMessage(ctx, conn, body);
    }
  }));
  const cpu = process.cpuUsage(cpu0);
  return { cpu: (cpu.user + cpu.system) / n, wall: ((performance.now() - t0) * 1000) / n };
}

await run(Math.min(5000, messages));
const runs = [];
for (let i = 0; i < 3; i++) runs.push(await run(messages));
const best = runs.reduce((a, b) => (b.cpu < a.cpu ? b : a));
console.log(`message path (${mode}, ${inFlight} in flight): ${best.cpu.toFixed(1)} µs CPU/msg, ${best.wall.toFixed(1)} µs wall/msg; replies ${replies}`);
conn.stopTimers();
await invoker.close();
process.exit(0);
