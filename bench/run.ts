/**
 * `npm run bench`: one load generator (this process) drives each echo server over loopback, at
 * 100 and 1000 connections, and prints messages/s, latency percentiles, server CPU per message and
 * memory per idle connection, with wsgate's ratio to the raw `ws` echo server measured in the same
 * run. Bounded: each case runs a fixed time and everything stops by itself.
 *
 * Environment: BENCH_SECONDS (default 5) per case, BENCH_SIZES (default "100,1000"), BENCH_KINDS
 * (default "raw,in-process,isolated"; the ratios need raw), BENCH_SERVER_CPUS (a `taskset` CPU
 * list for the server and its children, e.g. `1`; run the generator itself under `taskset -c 0`),
 * BENCH_SERVER_NODE_ARGS (extra Node options for the server, e.g. `--cpu-prof --cpu-prof-dir=prof`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import WebSocket from 'ws';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const SIZES = (process.env.BENCH_SIZES ?? '100,1000').split(',').map(Number);
const KINDS = (process.env.BENCH_KINDS ?? 'raw,in-process,isolated').split(',') as Array<'raw' | 'in-process' | 'isolated'>;
const SERVER_CPUS = process.env.BENCH_SERVER_CPUS;
const SERVER_NODE_ARGS = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
type Kind = (typeof KINDS)[number];

interface Result {
  kind: Kind;
  connections: number;
  messagesPerSecond: number;
  p50: number;
  p99: number;
  p999: number;
  cpuMicrosPerMessage: number;
  /** The server process alone (without the function instances it started). */
  serverCpuMicrosPerMessage: number;
  rssPerIdleConnectionKb: number;
}

/** CPU time (µs) and RSS (bytes) of a process and all its descendants, and the CPU time of the process alone, from /proc (Linux). */
function processTreeUsage(rootPid: number): { cpuMicros: number; rss: number; rootCpuMicros: number } {
  const ticks = 100;
  const pageSize = 4096;
  const children = new Map<number, number[]>();
  const stats = new Map<number, { cpu: number; rss: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      stats.set(Number(entry), { cpu: ((Number(fields[11]) + Number(fields[12])) / ticks) * 1e6, rss: Number(fields[21]) * pageSize });
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  let cpuMicros = 0;
  let rss = 0;
  const visit = (pid: number) => {
    const s = stats.get(pid);
    if (s) { cpuMicros += s.cpu; rss += s.rss; }
    for (const c of children.get(pid) ?? []) visit(c);
  };
  visit(rootPid);
  return { cpuMicros, rss, rootCpuMicros: stats.get(rootPid)?.cpu ?? 0 };
}

async function startServer(kind: Kind): Promise<{ child: ChildProcess; url: string }> {
  const args = [...SERVER_NODE_ARGS, '--import', 'tsx', 'bench/echo-servers.ts', kind];
  const child = SERVER_CPUS
    ? spawn('taskset', ['-c', SERVER_CPUS, process.execPath, ...args], { stdio: ['pipe', 'pipe', 'inherit'] })
    : spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} server did not start in 30 s`)), 30_000);
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /PORT (\d+) (\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(`ws://127.0.0.1:${m[1]}${m[2] === '/' ? '' : m[2]}`); }
    });
  });
  return { child, url };
}

async function openConnections(url: string, n: number): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  const batch = 50;
  for (let i = 0; i < n; i += batch) {
    const opened = await Promise.all(Array.from({ length: Math.min(batch, n - i) }, () => new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    })));
    sockets.push(...opened);
  }
  return sockets;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function runCase(kind: Kind, connections: number): Promise<Result> {
  const { child, url } = await startServer(kind);
  try {
    // Warm up the handler (a cold start is not what this measures).
    const [probe] = await openConnections(url, 1);
    await new Promise<void>((resolve) => { probe.once('message', () => resolve()); probe.send('{"warm":1}'); });
    probe.close();
    await new Promise((r) => setTimeout(r, 300));

    const before = processTreeUsage(child.pid!);
    const sockets = await openConnections(url, connections);
    await new Promise((r) => setTimeout(r, 500));
    const idle = processTreeUsage(child.pid!);
    const rssPerIdleConnectionKb = Math.max(0, (idle.rss - before.rss) / connections / 1024);

    const latencies: number[] = [];
    let running = true;
    const payload = JSON.stringify({ action: 'echo', data: 'x'.repeat(64) });
    const loops = sockets.map((ws) => new Promise<void>((resolve) => {
      let sentAt = 0;
      const sendOne = () => {
        if (!running) { resolve(); return; }
        sentAt = performance.now();
        ws.send(payload);
      };
      ws.on('message', () => {
        latencies.push(performance.now() - sentAt);
        sendOne();
      });
      ws.once('close', () => resolve());
      sendOne();
    }));
    const usageStart = processTreeUsage(child.pid!);
    const started = performance.now();
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    running = false;
    const elapsed = (performance.now() - started) / 1000;
    const count = latencies.length;
    const usageEnd = processTreeUsage(child.pid!);
    await Promise.race([Promise.all(loops), new Promise((r) => setTimeout(r, 10_000))]);
    for (const ws of sockets) ws.terminate();
    const sorted = Float64Array.from(latencies).sort();
    return {
      kind, connections,
      messagesPerSecond: count / elapsed,
      p50: percentile(sorted, 50), p99: percentile(sorted, 99), p999: percentile(sorted, 99.9),
      cpuMicrosPerMessage: (usageEnd.cpuMicros - usageStart.cpuMicros) / Math.max(1, count),
      serverCpuMicrosPerMessage: (usageEnd.rootCpuMicros - usageStart.rootCpuMicros) / Math.max(1, count),
      rssPerIdleConnectionKb,
    };
  } finally {
    // A graceful exit first (so --cpu-prof can write its profile), then no more waiting.
    const exited = new Promise((r) => child.once('exit', r));
    child.stdin!.end();
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    child.kill('SIGKILL');
  }
}

async function main(): Promise<void> {
  console.log(`wsgate bench: ${SECONDS} s per case, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}`);
  const results: Result[] = [];
  for (const connections of SIZES) {
    for (const kind of KINDS) {
      const r = await runCase(kind, connections);
      results.push(r);
      console.log(`  ${kind.padEnd(10)} ${String(connections).padStart(5)} conns  ${r.messagesPerSecond.toFixed(0).padStart(7)} msg/s  ` +
        `p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  p99.9 ${r.p999.toFixed(2)} ms  ` +
        `${r.cpuMicrosPerMessage.toFixed(0)} µs CPU/msg${kind === 'isolated' ? ` (gateway ${r.serverCpuMicrosPerMessage.toFixed(0)})` : ''}  ` +
        `${r.rssPerIdleConnectionKb.toFixed(1)} KB RSS/idle conn`);
    }
  }
  if (!KINDS.includes('raw')) return;
  console.log('\nratio to the raw ws echo server (throughput):');
  for (const connections of SIZES) {
    const raw = results.find((r) => r.kind === 'raw' && r.connections === connections)!;
    for (const r of results.filter((x) => x.kind !== 'raw' && x.connections === connections)) {
      console.log(`  ${r.kind.padEnd(10)} ${String(connections).padStart(5)} conns  ${(r.messagesPerSecond / raw.messagesPerSecond).toFixed(2)} x`);
    }
  }
}

await main();
process.exit(0);
