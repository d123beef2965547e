/**
 * A server of the broadcast benchmark, in its own process: `raw` is a bare `ws` server that sends a
 * `broadcast` message's data to the listed clients itself (the baseline); `isolated` and `in-process`
 * are wsgate serving the cloud assembly given as the second argument.
 *
 * Prints `PORT <n> <path>` when listening; answers `stats` on stdin with `STATS {"tlsHandshakes":n}`.
 */
import { createInterface } from 'node:readline';
import { WebSocketServer, type WebSocket } from 'ws';
import { Gateway } from '../../src/gateway/gateway.js';

async function main(kind: string, assembly: string | undefined): Promise<void> {
  let stats = () => ({ tlsHandshakes: 0 });
  if (kind === 'raw') {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false, maxPayload: 128 * 1024 });
    const byId = new Map<string, WebSocket>();
    let next = 0;
    wss.on('connection', (ws) => {
      const id = `conn${String(next++).padStart(11, '0')}=`;
      byId.set(id, ws);
      ws.on('close', () => byId.delete(id));
      ws.on('message', (raw) => {
        const message = JSON.parse(raw.toString()) as { action: string; ids?: string[]; data?: string };
        if (message.action === 'whoami') ws.send(id);
        else for (const target of message.ids ?? []) byId.get(target)?.send(message.data ?? '');
      });
    });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    process.stdout.write(`PORT ${(wss.address() as { port: number }).port} /\n`);
  } else {
    if (!assembly) throw new Error('usage: server.ts <isolated|in-process> <cloud assembly>');
    // No gateway-wide throttles: the benchmark opens 1000 connections at once, over AWS's 500 a second.
    const unlimited = { connectionsPerSecond: Infinity, connectionBurst: Infinity, requestsPerSecond: Infinity, requestBurst: Infinity };
    const gateway = await Gateway.start(assembly, { log: false, invocationMode: kind === 'in-process' ? 'in-process' : 'isolated', throttle: unlimited });
    stats = () => ({ tlsHandshakes: gateway.tlsHandshakeCount });
    process.stdout.write(`PORT ${gateway.port} /bench\n`);
  }
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => { if (line === 'stats') process.stdout.write(`STATS ${JSON.stringify(stats())}\n`); });
  lines.on('close', () => process.exit(0));
}

await main(process.argv[2] ?? 'raw', process.argv[3]);
