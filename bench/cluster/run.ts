/**
 * The cluster case of `npm run bench`: three wsgate nodes (each its own process, in-process
 * handlers) on one Redis, 3000 WebSocket connections spread evenly across them, then signed
 * PostToConnection calls made for a fixed time by a closed loop of concurrent callers:
 * - same-node: each call goes to the node that holds the connection;
 * - cross-node: each call goes to another node, which passes it over Redis to the holder.
 * Prints posts/s and latency percentiles of both and their ratio (cross / same), checks that every
 * accepted post reached its client, and prints the idle connections each node holds with its RSS.
 *
 * Redis: REDIS_URL, else 127.0.0.1:6379 when it answers, else a private `redis-server` on a free
 * port. Everything is on loopback, bounded in time, and cleaned up at the end (the nodes stop, the
 * keys under the run's prefix are deleted, a private Redis is stopped).
 *
 * Environment: BENCH_CLUSTER=0 skips the case; BENCH_CLUSTER_CONNECTIONS (default 3000),
 * BENCH_CLUSTER_NODES (default 3), BENCH_CLUSTER_SECONDS per measured phase (default 5),
 * BENCH_CLUSTER_CONCURRENCY callers in flight (default 32), BENCH_CLUSTER_NODE_ARGS (extra Node
 * options for the nodes, e.g. `--cpu-prof --cpu-prof-dir=prof`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { testRedis, type TestRedis } from '../../test/registry/support/redis.js';
import { ManagementClient } from './management-client.js';
import { BENCH_CALLER, CLUSTER_TEMPLATE } from './template.js';

const ENABLED = process.env.BENCH_CLUSTER !== '0';
const CONNECTIONS = Number(process.env.BENCH_CLUSTER_CONNECTIONS ?? 3000);
const NODES = Number(process.env.BENCH_CLUSTER_NODES ?? 3);
const SECONDS = Number(process.env.BENCH_CLUSTER_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CLUSTER_CONCURRENCY ?? 32);
const NODE_ARGS = (process.env.BENCH_CLUSTER_NODE_ARGS ?? '').split(' ').filter(Boolean);
const STAGE = 'bench';
const START_TIMEOUT_MS = 60_000;
const DELIVERY_TIMEOUT_MS = 15_000;

interface BenchNode {
  readonly id: string;
  readonly child: ChildProcess;
  readonly port: number;
}

interface Client {
  readonly ws: WebSocket;
  readonly node: number;
  id: string;
  received: number;
}

interface PhaseResult {
  readonly postsPerSecond: number;
  /** CPU time per delivered post: the nodes together, and this load generator (signing, HTTP, WebSocket clients). */
  readonly nodeCpuMicros: number;
  readonly generatorCpuMicros: number;
  readonly p50: number;
  readonly p99: number;
  readonly p999: number;
  readonly ok: number;
  readonly failed: Readonly<Record<string, number>>;
}

async function startNode(template: string, redisUrl: string, keyPrefix: string, id: string): Promise<BenchNode> {
  const child = spawn(process.execPath, [...NODE_ARGS, '--import', 'tsx', 'bench/cluster/node.ts', template, redisUrl, keyPrefix, id], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`node ${id} did not start in ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`node ${id} exited with ${code}`)); });
    lines.on('line', (line) => {
      const m = /^PORT (\d+)$/.exec(line);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
  });
  return { id, child, port };
}

async function stopNode(node: BenchNode): Promise<void> {
  if (node.child.exitCode !== null || node.child.signalCode !== null) return;
  const exited = new Promise((r) => node.child.once('exit', r));
  node.child.stdin!.end();
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  node.child.kill('SIGKILL');
}

/** Resident memory of a process, in bytes (Linux /proc). */
function rssOf(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

/** CPU time (user + system) a process has used, in microseconds (Linux /proc). */
function cpuOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / 100) * 1e6;
}

/** One value of a node's /metrics (the first sample of `name`). */
async function metric(node: BenchNode, name: string, labels = ''): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${node.port}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : NaN;
}

/** Opens `n` connections, spread round-robin over the nodes, 50 at a time per node. */
async function openClients(nodes: readonly BenchNode[], n: number): Promise<Client[]> {
  const clients: Client[] = [];
  const open = (node: number) => new Promise<Client>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${nodes[node].port}/${STAGE}`, { perMessageDeflate: false });
    ws.once('open', () => resolve({ ws, node, id: '', received: 0 }));
    ws.once('error', reject);
  });
  for (let i = 0; i < n; i += 50 * nodes.length) {
    const batch = Array.from({ length: Math.min(50 * nodes.length, n - i) }, (_, k) => open((i + k) % nodes.length));
    clients.push(...await Promise.all(batch));
  }
  return clients;
}

/** Asks each client's connection id (the `whoami` route), 200 at a time, then counts what each receives. */
async function identify(clients: Client[]): Promise<void> {
  for (let i = 0; i < clients.length; i += 200) {
    await Promise.all(clients.slice(i, i + 200).map((c) => new Promise<void>((resolve) => {
      c.ws.once('message', (data) => { c.id = data.toString(); resolve(); });
      c.ws.send('{"action":"whoami"}');
    })));
  }
  for (const c of clients) c.ws.on('message', () => { c.received++; });
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Posts for `seconds` with CONCURRENCY callers in a closed loop. Caller k takes connections in
 * turn; `target` says which node each call goes to (the holder, or another node).
 */
async function postPhase(api: ManagementClient, nodes: readonly BenchNode[], clients: readonly Client[], seconds: number, target: (c: Client) => number): Promise<PhaseResult> {
  const latencies: number[] = [];
  const failed: Record<string, number> = {};
  const sentTo = new Map<Client, number>();
  let next = 0;
  let running = true;
  const caller = async (): Promise<void> => {
    while (running) {
      const c = clients[next++ % clients.length];
      const result = await api.post(nodes[target(c)].port, STAGE, c.id, 'bench post').catch((e: Error) => ({ status: e.message, ms: 0 }));
      if (result.status === 200) {
        latencies.push(result.ms);
        sentTo.set(c, (sentTo.get(c) ?? 0) + 1);
      } else {
        failed[String(result.status)] = (failed[String(result.status)] ?? 0) + 1;
      }
    }
  };
  const before = new Map(clients.map((c) => [c, c.received]));
  const nodeCpu = () => nodes.reduce((sum, n) => sum + cpuOf(n.child.pid!), 0);
  const cpuStart = { nodes: nodeCpu(), generator: process.cpuUsage() };
  const started = performance.now();
  const timer = setTimeout(() => { running = false; }, seconds * 1000);
  await Promise.all(Array.from({ length: CONCURRENCY }, caller));
  clearTimeout(timer);
  const elapsed = (performance.now() - started) / 1000;
  const generator = process.cpuUsage(cpuStart.generator);
  const cpu = { nodes: nodeCpu() - cpuStart.nodes, generator: generator.user + generator.system };
  // Every post answered 200 must reach its client.
  const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
  const missing = () => [...sentTo].reduce((sum, [c, n]) => sum + Math.max(0, n - (c.received - before.get(c)!)), 0);
  while (missing() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (missing() > 0) throw new Error(`${missing()} posts answered 200 never reached their client`);
  const sorted = Float64Array.from(latencies).sort();
  const ok = Math.max(1, latencies.length);
  return {
    postsPerSecond: latencies.length / elapsed, nodeCpuMicros: cpu.nodes / ok, generatorCpuMicros: cpu.generator / ok,
    p50: percentile(sorted, 50), p99: percentile(sorted, 99), p999: percentile(sorted, 99.9), ok: latencies.length, failed,
  };
}

function describePhase(name: string, r: PhaseResult): string {
  const failures = Object.entries(r.failed).map(([status, n]) => `${n} x ${status}`).join(', ');
  return `  ${name.padEnd(11)} ${r.postsPerSecond.toFixed(0).padStart(6)} posts/s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  p99.9 ${r.p999.toFixed(2)} ms  ` +
    `CPU/post: nodes ${r.nodeCpuMicros.toFixed(0)} µs, generator ${r.generatorCpuMicros.toFixed(0)} µs  (${r.ok} delivered${failures ? `; failed: ${failures}` : ''})`;
}

async function main(): Promise<void> {
  if (!ENABLED) {
    console.log('\ncluster: skipped (BENCH_CLUSTER=0)');
    return;
  }
  if (!(NODES >= 2)) throw new Error('BENCH_CLUSTER_NODES must be at least 2 (cross-node calls need another node)');
  let redis: TestRedis | undefined;
  const nodes: BenchNode[] = [];
  let clients: Client[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'wsgate-cluster-bench-'));
  const api = new ManagementClient(BENCH_CALLER, CONCURRENCY);
  const cleanUp = async () => {
    for (const c of clients) c.ws.terminate();
    api.close();
    await Promise.all(nodes.map(stopNode));
    await redis?.close();
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => { void cleanUp().finally(() => process.exit(130)); });
  try {
    redis = await testRedis();
    const template = join(dir, 'cluster.json');
    writeFileSync(template, JSON.stringify(CLUSTER_TEMPLATE));
    const keyPrefix = redis.newPrefix();
    console.log(`\ncluster: ${NODES} nodes (in-process handlers) on Redis ${redis.url.replace(/\/\/[^@]*@/, '//')}, ${CONNECTIONS} connections, ` +
      `signed PostToConnection from ${CONCURRENCY} concurrent callers for ${SECONDS} s per phase; ${cpus().length} cores shared by the nodes, Redis and this load generator`);
    nodes.push(...await Promise.all(Array.from({ length: NODES }, (_, i) => startNode(template, redis!.url, keyPrefix, `bench-node-${i}`))));
    const baseline = nodes.map((n) => rssOf(n.child.pid!));

    clients = await openClients(nodes, CONNECTIONS);
    await identify(clients);
    await new Promise((r) => setTimeout(r, 1000));
    console.log('  idle connections per node:');
    for (const [i, node] of nodes.entries()) {
      const held = await metric(node, 'wsgate_node_connections');
      const rss = rssOf(node.child.pid!);
      console.log(`    ${node.id}  ${String(held).padStart(5)} connections  RSS ${(rss / 1048576).toFixed(1)} MB  ` +
        `(${(baseline[i] / 1048576).toFixed(1)} MB before them: ${((rss - baseline[i]) / held / 1024).toFixed(1)} KB per connection)`);
    }

    // Warm-up: both paths, not measured.
    await postPhase(api, nodes, clients, 1, (c) => c.node);
    await postPhase(api, nodes, clients, 1, (c) => (c.node + 1) % NODES);
    const crossBefore = (await Promise.all(nodes.map((n) => metric(n, 'wsgate_cross_node_calls_total', 'method="POST",outcome="answered"')))).reduce((a, b) => a + b, 0);
    const same = await postPhase(api, nodes, clients, SECONDS, (c) => c.node);
    const cross = await postPhase(api, nodes, clients, SECONDS, (c) => (c.node + 1) % NODES);
    const crossAfter = (await Promise.all(nodes.map((n) => metric(n, 'wsgate_cross_node_calls_total', 'method="POST",outcome="answered"')))).reduce((a, b) => a + b, 0);
    console.log(describePhase('same-node', same));
    console.log(describePhase('cross-node', cross));
    console.log(`  cross-node calls the nodes counted (wsgate_cross_node_calls_total, POST answered): ${crossAfter - crossBefore}`);
    console.log(`  cross / same: ${(cross.postsPerSecond / same.postsPerSecond).toFixed(2)} x posts/s, ${(cross.p99 / same.p99).toFixed(2)} x p99, ${(cross.p50 / same.p50).toFixed(2)} x p50`);
  } finally {
    await cleanUp();
  }
}

await main();
process.exit(0);
