/**
 * `wsgate serve <input>`: serves the WebSocket APIs of a cloud assembly, a template file, or an
 * app file (synthesized first) until SIGINT or SIGTERM, then shuts down gracefully.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Gateway } from '../gateway/gateway.js';
import { ModelError } from '../model/model-error.js';
import { synthCommand } from './synth.js';

const HELP = `Usage: wsgate serve [input] [options]

  input   a cloud assembly directory (default ./cdk.out), a template (.json/.yaml),
          or an app file (.ts/.js) that is synthesized first

Options (environment variable in brackets):
  --port N        port to listen on [WSGATE_PORT] (default 8080; 0 for a free port)
  --host H        address to listen on [WSGATE_HOST] (default 127.0.0.1)
  --region R      region the templates are evaluated in [WSGATE_REGION] (default us-east-1)
  --account A     account the templates are evaluated in [WSGATE_ACCOUNT] (default 123456789012)
  --in-process    run handlers in the gateway's process (faster, no isolation) [WSGATE_IN_PROCESS=1]
  --quiet         no per-request log lines
  -h, --help      show this help

Examples:
  wsgate serve cdk.out --port 8080
  wsgate serve template.yaml --region eu-west-1
  wsgate serve examples/seed/app.ts
`;

export async function serveCommand(args: string[]): Promise<number> {
  const env = process.env;
  let input: string | undefined;
  const opts = {
    port: Number(env.WSGATE_PORT ?? 8080),
    host: env.WSGATE_HOST ?? '127.0.0.1',
    region: env.WSGATE_REGION ?? 'us-east-1',
    account: env.WSGATE_ACCOUNT ?? '123456789012',
    inProcess: env.WSGATE_IN_PROCESS === '1',
    quiet: false,
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    try {
      if (a === '-h' || a === '--help') { process.stdout.write(HELP); return 0; }
      else if (a === '--port') opts.port = Number(value());
      else if (a === '--host') opts.host = value();
      else if (a === '--region') opts.region = value();
      else if (a === '--account') opts.account = value();
      else if (a === '--in-process') opts.inProcess = true;
      else if (a === '--quiet') opts.quiet = true;
      else if (a.startsWith('-')) throw new UsageError(`unknown option '${a}'`);
      else input = a;
    } catch (e) {
      process.stderr.write(`wsgate serve: ${(e as Error).message}. Run 'wsgate serve --help'.\n`);
      return 2;
    }
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
    process.stderr.write(`wsgate serve: --port must be a number from 0 to 65535. Run 'wsgate serve --help'.\n`);
    return 2;
  }
  input ??= 'cdk.out';
  if (!existsSync(input)) {
    process.stderr.write(`wsgate serve: ${input} does not exist. Give a cloud assembly, a template or an app file.\n`);
    return 2;
  }
  if (/\.[cm]?[jt]s$/.test(input)) {
    const outdir = mkdtempSync(join(tmpdir(), 'wsgate-serve-'));
    const code = await synthCommand([input, '--output', outdir, '--quiet']);
    if (code !== 0) return code;
    input = outdir;
  }

  let gateway: Gateway;
  try {
    gateway = await Gateway.start(input, {
      port: opts.port, host: opts.host, region: opts.region, account: opts.account,
      invocationMode: opts.inProcess ? 'in-process' : 'isolated',
      log: opts.quiet ? false : undefined,
    });
  } catch (e) {
    if (e instanceof ModelError) {
      process.stderr.write(`wsgate serve: the template cannot be served: ${e.message}\n`);
      return 1;
    }
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      process.stderr.write(`wsgate serve: port ${opts.port} is in use. Pick another with --port (0 picks a free one).\n`);
      return 1;
    }
    throw e;
  }

  const lines = gateway.endpoints().map((e) => `  ${e.apiName} (${e.apiId})  stage ${e.stage}  ${e.url}`);
  process.stdout.write(`wsgate serving ${gateway.endpoints().length} stage(s):\n${lines.join('\n')}\n  metrics  ${gateway.url}/metrics\n`);

  await new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      process.stdout.write(`wsgate: ${signal}, closing ${gateway.connectionCount} connection(s)…\n`);
      gateway.stop().then(resolve, resolve);
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  });
  return 0;
}

class UsageError extends Error {}
