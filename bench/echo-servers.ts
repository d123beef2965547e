/**
 * The servers the benchmark drives, each in its own process so its CPU and memory are its own:
 * `raw` is a bare `ws` echo server (the baseline); `isolated` and `in-process` are wsgate serving a
 * two-way `$default` route whose Lambda handler echoes the body.
 *
 * Run as `node --import tsx bench/echo-servers.ts <kind>`; prints `PORT <n>` when listening.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { Gateway } from '../src/gateway/gateway.js';
import { ECHO_TEMPLATE } from './echo-template.js';


async function main(kind: string): Promise<void> {
  if (kind === 'raw') {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false, maxPayload: 128 * 1024 });
    wss.on('connection', (ws) => ws.on('message', (data) => ws.send(data.toString())));
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    const address = wss.address();
    process.stdout.write(`PORT ${address && typeof address === 'object' ? address.port : String(address)} /\n`);
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'wsgate-bench-'));
    writeFileSync(join(dir, 'bench.json'), JSON.stringify(ECHO_TEMPLATE));
    const gateway = await Gateway.start(join(dir, 'bench.json'), {
      log: false,
      invocationMode: kind === 'in-process' ? 'in-process' : 'isolated',
      // The load far exceeds API Gateway's account quotas (500 new connections and 10 000 requests per second).
      throttle: { connectionsPerSecond: Infinity, connectionBurst: Infinity, requestsPerSecond: Infinity, requestBurst: Infinity },
    });
    process.stdout.write(`PORT ${gateway.port} /bench\n`);
  }
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
}

await main(process.argv[2] ?? 'raw');
