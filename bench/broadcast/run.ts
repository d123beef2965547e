/**
 * The broadcast case of `npm run bench`: one WebSocket message whose handler posts to every one of
 * N connections (default 1000) through the AWS SDK's management API client, as a chat or a live
 * feed does. Prints deliveries/s and the time until the last client has its message, median of the
 * rounds, the TLS handshakes the posts cost, and the ratio to a raw `ws` server broadcasting the
 * same message to the same clients in the same run.
 *
 * Environment: BROADCAST_CONNECTIONS (default 1000), BROADCAST_ROUNDS (default 5),
 * BROADCAST_KINDS (default "raw,isolated,in-process").
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { synthBroadcastApp } from './app.js';

const CONNECTIONS = Number(process.env.BROADCAST_CONNECTIONS ?? 1000);
const ROUNDS = Number(process.env.BROADCAST_ROUNDS ?? 5);
const KINDS = (process.env.BROADCAST_KINDS ?? 'raw,isolated,in-process').split(',');
const ROUND_TIMEOUT_MS = 60_000;

interface Server {
  readonly child: ChildProcess;
  readonly url: string;
  stats(): Promise<{ tlsHandshakes: number }>;
}

async function startServer(kind: string, assembly: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/broadcast/server.ts', kind, assembly], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const waiting: Array<(line: string) => void> = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const nextLine = (what: string) => new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} server: no ${what} in 60 s`)), 60_000);
    waiting.push((line) => { clearTimeout(timer); resolve(line); });
  });
  const port = /^PORT (\d+) (\S+)/.exec(await nextLine('PORT line'));
  if (!port) throw new Error(`${kind} server did not start`);
  return {
    child,
    url: `ws://127.0.0.1:${port[1]}${port[2] === '/' ? '' : port[2]}`,
    async stats() {
      child.stdin!.write('stats\n');
      return JSON.parse((await nextLine('STATS line')).slice('STATS '.length)) as { tlsHandshakes: number };
    },
  };
}

async function openClients(url: string, n: number): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  for (let i = 0; i < n; i += 50) {
    sockets.push(...await Promise.all(Array.from({ length: Math.min(50, n - i) }, () => new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    }))));
  }
  return sockets;
}

function idOf(ws: WebSocket): Promise<string> {
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve(data.toString()));
    ws.send(JSON.stringify({ action: 'whoami' }));
  });
}

/** One broadcast: resolves with the ms until the last client had the round's message. */
function broadcastRound(sockets: WebSocket[], ids: string[], round: number): Promise<number> {
  const data = `round ${round}`;
  const started = performance.now();
  let pending = sockets.length;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`round ${round}: ${pending} of ${sockets.length} clients had nothing after ${ROUND_TIMEOUT_MS} ms`)), ROUND_TIMEOUT_MS);
    for (const ws of sockets) {
      const onMessage = (message: WebSocket.RawData) => {
        if (message.toString() !== data) return;
        ws.off('message', onMessage);
        if (--pending === 0) {
          clearTimeout(timer);
          resolve(performance.now() - started);
        }
      };
      ws.on('message', onMessage);
    }
    sockets[0].send(JSON.stringify({ action: 'broadcast', ids, data }));
  });
}

async function runKind(kind: string, assembly: string): Promise<{ medianMs: number; handshakes: number }> {
  const server = await startServer(kind, assembly);
  try {
    const sockets = await openClients(server.url, CONNECTIONS);
    const ids: string[] = [];
    for (const ws of sockets) ids.push(await idOf(ws));
    await broadcastRound(sockets, ids, 0); // warm-up: cold start, first TLS connections
    const before = await server.stats();
    const times: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) times.push(await broadcastRound(sockets, ids, round));
    const after = await server.stats();
    for (const ws of sockets) ws.terminate();
    times.sort((a, b) => a - b);
    return { medianMs: times[Math.floor(times.length / 2)], handshakes: after.tlsHandshakes - before.tlsHandshakes };
  } finally {
    server.child.stdin!.end();
    await Promise.race([new Promise((r) => server.child.once('exit', r)), new Promise((r) => setTimeout(r, 5000))]);
    server.child.kill('SIGKILL');
  }
}

async function main(): Promise<void> {
  const assembly = synthBroadcastApp();
  console.log(`\nbroadcast: one message, its handler posts to ${CONNECTIONS} connections (median of ${ROUNDS} rounds after a warm-up)`);
  const results = new Map<string, number>();
  for (const kind of KINDS) {
    const { medianMs, handshakes } = await runKind(kind, assembly);
    results.set(kind, medianMs);
    const how = kind === 'raw' ? 'ws server sends directly' : `through the SDK, ${handshakes} TLS handshakes in ${ROUNDS * CONNECTIONS} posts`;
    console.log(`  ${kind.padEnd(10)} last client after ${medianMs.toFixed(1).padStart(7)} ms  ${(CONNECTIONS / (medianMs / 1000)).toFixed(0).padStart(7)} deliveries/s  (${how})`);
  }
  const raw = results.get('raw');
  if (raw === undefined) return;
  for (const [kind, ms] of results) if (kind !== 'raw') console.log(`  ${kind.padEnd(10)} ${(raw / ms).toFixed(3)} x the raw ws broadcast`);
}

await main();
process.exit(0);
