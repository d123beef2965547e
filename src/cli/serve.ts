/**
 * `wsgate serve <input>`: serves the WebSocket APIs of a cloud assembly, a template file, or an
 * app file (synthesized first) until SIGINT or SIGTERM, then shuts down gracefully.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { Gateway } from '../gateway/gateway.js';
import { defineCommand, runCommand, UsageError, type Settings } from './config.js';
import { GATEWAY_OPTIONS, gatewayOptionsFrom, redactUrl, startFailure } from './gateway-options.js';
import { synthCommand } from './synth.js';

/** The command's options and help (config.ts). */
export const SERVE_COMMAND = defineCommand({
  name: 'serve',
  usage: 'wsgate serve [input] [options]',
  summary: 'Serves the WebSocket APIs of a cloud assembly, a template or an app until SIGINT or SIGTERM,\nthen closes each connection with 1001 and runs $disconnect.',
  options: {
    input: {
      type: 'string', positional: 0, default: 'cdk.out',
      description: 'a cloud assembly directory, a template (.json/.yaml),\nor an app file (.ts/.js) that is synthesized first',
    },
    ...GATEWAY_OPTIONS,
  },
  examples: [
    'wsgate serve cdk.out --port 8080',
    'wsgate serve template.yaml --region eu-west-1',
    'wsgate serve examples/seed/app.ts',
    'wsgate serve cdk.out --iam warn',
    'wsgate serve cdk.out --credentials AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'WSGATE_PORT=9000 WSGATE_IN_PROCESS=1 wsgate serve',
  ],
  notes: `TLS: wss:// and https:// are served on the same port, with a certificate from a CA kept in
the state directory (ca/ca-cert.pem); handlers trust it, other clients need it (NODE_EXTRA_CA_CERTS).`,
});

export async function serveCommand(args: string[]): Promise<number> {
  return runCommand(SERVE_COMMAND, args, ({ settings }) => serve(settings));
}

async function serve(opts: Settings<typeof SERVE_COMMAND.options>): Promise<number> {
  const gatewayOptions = gatewayOptionsFrom(opts);
  let input = opts.input;
  if (!existsSync(input)) throw new UsageError(`${input} does not exist. Give a cloud assembly, a template or an app file`);
  if (/\.[cm]?[jt]s$/.test(input)) {
    const outdir = mkdtempSync(join(tmpdir(), 'wsgate-serve-'));
    const code = await synthCommand([input, '--output', outdir, '--quiet']);
    if (code !== 0) return code;
    input = outdir;
  }

  let gateway: Gateway;
  try {
    gateway = await Gateway.start(input, gatewayOptions);
  } catch (e) {
    throw startFailure(e, opts) ?? e;
  }

  const lines = gateway.endpoints().flatMap((e) => [
    `  ${e.apiName} (${e.apiId})  stage ${e.stage}  ${e.url}${e.secureUrl ? `  ${e.secureUrl}` : ''}`,
    `    @connections  ${e.managementUrl}/@connections/{connectionId}`,
  ]);
  const trailer = [`  metrics  ${gateway.url}/metrics`, `  iam      ${opts.iam}`];
  if (gateway.caCertPath) trailer.push(`  CA       ${gateway.caCertPath}`);
  for (const key of gateway.apiKeys().filter((k) => k.valueSource === 'generated')) {
    trailer.push(`  api key  ${key.model.name} (${key.model.key}): ${key.value}  (generated for this run; give one with the apiKeys option)`);
  }
  if (opts.redis) trailer.push(`  cluster  node ${gateway.nodeId} on ${redactUrl(opts.redis)}  (ready: ${gateway.url}/readyz)`);
  const tables = gateway.model.tables.size;
  if (tables > 0) trailer.push(`  dynamodb ${tables} table(s), ${opts.persist ? `kept in ${resolvePath(opts.stateDir ?? '.wsgate', 'dynamodb')}` : 'in memory'}`);
  // The signal handlers come before the banner: whoever reads the banner may signal at once.
  const stopped = new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      process.stdout.write(`wsgate: ${signal}, closing ${gateway.connectionCount} connection(s)…\n`);
      gateway.stop().then(resolve, resolve);
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  });
  process.stdout.write(`wsgate serving ${gateway.endpoints().length} stage(s):\n${lines.join('\n')}\n${trailer.join('\n')}\n`);
  await stopped;
  return 0;
}
