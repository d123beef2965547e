/**
 * Runs the chat example (`npm start`): the gateway serving ChatStack, and the chat page over HTTP on
 * a port of its own. Prints the URL to open; stops on SIGINT/SIGTERM.
 *
 *   node --conditions=wsgate-source --import tsx examples/chat/serve.ts [--port N] [--page-port N] [--host H] [--quiet]
 *
 * --port       the gateway's port [WSGATE_PORT] (default 8080; 0 for a free one)
 * --page-port  the page's port [CHAT_PAGE_PORT] (default 8000; 0 for a free one)
 * --host       the address both listen on [WSGATE_HOST] (default 127.0.0.1)
 * --quiet      no per-request log lines
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { App } from 'wsgate';
import { Gateway } from 'wsgate/gateway';
import { ChatStack } from './chat-stack.js';

const PUBLIC = join(dirname(fileURLToPath(import.meta.url)), 'public');

/** The files the page server serves, by URL path. */
const FILES: Readonly<Record<string, { file: string; type: string }>> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/index.html': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/chat.js': { file: 'chat.js', type: 'text/javascript; charset=utf-8' },
};

function usage(message: string): never {
  process.stderr.write(`examples/chat/serve.ts: ${message}\n`
    + 'Usage: serve.ts [--port N] [--page-port N] [--host H] [--quiet]\n');
  process.exit(2);
}

function portOf(text: string, flag: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`${flag} must be a number from 0 to 65535, got '${text}'`);
  return port;
}

let values: { port?: string; 'page-port'?: string; host?: string; quiet?: boolean };
try {
  ({ values } = parseArgs({
    options: { port: { type: 'string' }, 'page-port': { type: 'string' }, host: { type: 'string' }, quiet: { type: 'boolean' } },
  }));
} catch (e) {
  usage((e as Error).message);
}
const host = values.host ?? process.env.WSGATE_HOST ?? '127.0.0.1';
const gatewayPort = portOf(values.port ?? process.env.WSGATE_PORT ?? '8080', '--port');
const pagePort = portOf(values['page-port'] ?? process.env.CHAT_PAGE_PORT ?? '8000', '--page-port');

/** Serves the page, and config.json telling it where the gateway is. */
function pageServer(gatewayUrl: string): Server {
  const config = JSON.stringify({ url: gatewayUrl });
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://page').pathname;
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain', 'Method Not Allowed');
    if (path === '/config.json') return send(200, 'application/json', config);
    const entry = FILES[path];
    if (!entry) return send(404, 'text/plain', 'Not Found');
    send(200, entry.type, readFileSync(join(PUBLIC, entry.file)));
  });
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as { port: number }).port));
  });
}

function failOnBusyPort(e: unknown, port: number, flag: string): never {
  if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    process.stderr.write(`examples/chat/serve.ts: port ${port} is in use. Pick another with ${flag} (0 picks a free one).\n`);
    process.exit(1);
  }
  throw e;
}

// The cloud assembly (template and function bundles) goes to a temporary directory, removed at exit.
const outdir = mkdtempSync(join(tmpdir(), 'wsgate-chat-'));
process.once('exit', () => rmSync(outdir, { recursive: true, force: true }));
const app = new App({ outdir });
new ChatStack(app, 'ChatStack');
const gateway = await Gateway.start(app, { host, port: gatewayPort, log: values.quiet ? false : undefined })
  .catch((e: unknown) => failOnBusyPort(e, gatewayPort, '--port'));
const endpoint = gateway.endpoints()[0];
const page = pageServer(endpoint.url);
const boundPagePort = await listen(page, pagePort).catch(async (e: unknown) => {
  await gateway.stop();
  return failOnBusyPort(e, pagePort, '--page-port');
});
const pageUrl = `http://${host.includes(':') ? `[${host}]` : host}:${boundPagePort}/`;

process.stdout.write([
  `chat: open ${pageUrl} in two browser tabs, join with two names and chat`,
  `  WebSocket API  ${endpoint.url}  (wss: ${endpoint.secureUrl ?? 'off'})`,
  `  @connections   ${endpoint.managementUrl}/@connections/{connectionId}`,
  `  metrics        ${gateway.url}/metrics`,
  'Ctrl+C stops.',
  '',
].join('\n'));

const shutdown = (signal: string) => {
  process.stdout.write(`chat: ${signal}, closing ${gateway.connectionCount} connection(s)…\n`);
  page.close();
  page.closeAllConnections();
  gateway.stop().then(() => process.exit(0), (e: unknown) => {
    process.stderr.write(`chat: stopping the gateway failed: ${(e as Error).message}\n`);
    process.exit(1);
  });
};
process.once('SIGINT', () => shutdown('SIGINT'));
process.once('SIGTERM', () => shutdown('SIGTERM'));
