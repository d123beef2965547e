/**
 * `node --import tsx bench/message-path.ts [in-process|isolated] [messages]`: the gateway's
 * per-message path (route selection, event, invocation, reply, metrics) without sockets, in one
 * process, so its cost can be compared between changes without the noise of a loopback load test.
 * Prints CPU µs and wall µs per message, best of three runs; in isolated mode also the CPU of the
 * function instances (child processes, read from /proc on Linux), per message.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
import { CredentialStore } from '../src/gateway/auth/credential-store.js';
import { IamGuard } from '../src/gateway/auth/iam-guard.js';
import { RequestAuthorizer } from '../src/gateway/auth/request-authorizer.js';
import { MemoryNodeBus } from '../src/registry/memory-node-bus.js';
import { ApiKeyCheck } from '../src/gateway/limits/api-key-check.js';
import { ApiKeyRegistry } from '../src/gateway/limits/api-keys.js';
import { MemoryCounterStore } from '../src/gateway/limits/memory-counter-store.js';
import { resolveThrottleOptions, Throttle } from '../src/gateway/limits/throttle.js';
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
  bus: MemoryNodeBus.single('bench'),
  // No gateway-wide throttle: the bench sends far more than API Gateway's account quota (10 000 requests/s).
  throttle: new Throttle(model, new MemoryCounterStore(), resolveThrottleOptions({ connectionsPerSecond: Infinity, connectionBurst: Infinity, requestsPerSecond: Infinity, requestBurst: Infinity })),
  apiKeys: new ApiKeyCheck({ usagePlans: model.usagePlans, registry: ApiKeyRegistry.create(model.usagePlans), store: new MemoryCounterStore() }),
  iam: new IamGuard('off', new RequestAuthorizer({ environment: model.environment, credentials: new CredentialStore(model.environment) }), () => undefined),
};
const endpoint = new EndpointMap(model.apis).list()[0];
let replies = 0;
const fakeSocket = { readyState: 1, OPEN: 1, CONNECTING: 0, bufferedAmount: 0, send: () => { replies++; }, close: () => undefined, terminate: () => undefined };
const conn = new Connection(fakeSocket as unknown as WebSocket, {
  connectionId: 'AAAAAAAAAAAAAAA=', apiId: endpoint.api.apiId, stage: endpoint.stage.name, domainName: '127.0.0.1:1',
  connectedAt: Date.now(), identity: { sourceIp: '127.0.0.1' },
}, endpoint, '127.0.0.1:1', options.limits, () => undefined);

/** CPU time (µs) of this process's descendants, from /proc (Linux; 0 elsewhere). */
function childrenCpuMicros(): number {
  let total = 0;
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return 0;
  }
  const parents = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
      cpu.set(Number(entry), ((Number(fields[11]) + Number(fields[12])) / 100) * 1e6);
    } catch {
      // The process ended while we looked.
    }
  }
  for (const [pid, micros] of cpu) {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) {
      if (p === process.pid) {
        total += micros;
        break;
      }
    }
  }
  return total;
}

async function run(n: number): Promise<{ cpu: number; wall: number; children: number }> {
  const body = JSON.stringify({ action: 'echo', data: 'x'.repeat(64) });
  const children0 = childrenCpuMicros();
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
  const wall = ((performance.now() - t0) * 1000) / n;
  return { cpu: (cpu.user + cpu.system) / n, wall, children: (childrenCpuMicros() - children0) / n };
}

await run(Math.min(5000, messages));
const runs = [];
for (let i = 0; i < 3; i++) runs.push(await run(messages));
const best = runs.reduce((a, b) => (b.cpu < a.cpu ? b : a));
const childCpu = mode === 'isolated' ? ` + ${best.children.toFixed(1)} µs CPU/msg in function instances` : '';
console.log(`message path (${mode}, ${inFlight} in flight): ${best.cpu.toFixed(1)} µs CPU/msg${childCpu}, ${best.wall.toFixed(1)} µs wall/msg; replies ${replies}`);
conn.stopTimers();
await invoker.close();
process.exit(0);
