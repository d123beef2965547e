/**
 * `wsgate serve <input>`: serves the WebSocket APIs of a cloud assembly, a template file, or an
 * app file (synthesized first) until SIGINT or SIGTERM, then shuts down gracefully.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import type { ExternalCredentials } from '../gateway/auth/credential-store.js';
import { IAM_MODES, type IamMode } from '../gateway/auth/iam-guard.js';
import { LocalAwsError } from '../gateway/aws/local-aws-errors.js';
import { Gateway } from '../gateway/gateway.js';
import { ClusterError } from '../registry/cluster-errors.js';
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
  --iam MODE      how the @connections API checks callers: enforce (refuse what AWS would refuse),
                  warn (allow, and log the grant AWS would require) or off [WSGATE_IAM] (default enforce)
  --credentials AKID:SECRET[=ACTIONS]
                  credentials of a caller outside the template (a backend, a script), allowed
                  ACTIONS (comma-separated, default execute-api:*); repeatable
                  [WSGATE_CREDENTIALS, several separated by spaces]
  --no-tls        serve plain ws:// and http:// only [WSGATE_TLS=0]
  --redis URL     cluster mode: share connections with the other nodes on this Redis
                  [WSGATE_REDIS_URL] (redis://[[user]:password@]host[:port][/db])
  --node-id ID    this node's id in the cluster [WSGATE_NODE_ID] (default: random)
  --state-dir D   where the project CA and kept DynamoDB tables live [WSGATE_STATE_DIR] (default ./.wsgate)
  --persist       keep the template's DynamoDB tables and their items in the state directory from
                  one run to the next [WSGATE_PERSIST=1] (default: in memory, empty at each start)
  --quiet         no per-request log lines
  -h, --help      show this help

Examples:
  wsgate serve cdk.out --port 8080
  wsgate serve template.yaml --region eu-west-1
  wsgate serve examples/seed/app.ts
  wsgate serve cdk.out --iam warn
  wsgate serve cdk.out --credentials AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY

TLS: wss:// and https:// are served on the same port, with a certificate from a CA kept in
the state directory (ca/ca-cert.pem); handlers trust it, other clients need it (NODE_EXTRA_CA_CERTS).
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
    iam: (env.WSGATE_IAM ?? 'enforce') as string,
    credentials: (env.WSGATE_CREDENTIALS ?? '').split(/\s+/).filter((c) => c !== ''),
    tls: env.WSGATE_TLS !== '0',
    stateDir: env.WSGATE_STATE_DIR,
    redis: env.WSGATE_REDIS_URL,
    nodeId: env.WSGATE_NODE_ID,
    persist: env.WSGATE_PERSIST === '1',
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
      else if (a === '--iam') opts.iam = value();
      else if (a === '--credentials') opts.credentials.push(value());
      else if (a === '--no-tls') opts.tls = false;
      else if (a === '--redis') opts.redis = value();
      else if (a === '--node-id') opts.nodeId = value();
      else if (a === '--state-dir') opts.stateDir = value();
      else if (a === '--persist') opts.persist = true;
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
  if (!IAM_MODES.includes(opts.iam as IamMode)) {
    process.stderr.write(`wsgate serve: --iam must be one of ${IAM_MODES.join(', ')}, got '${opts.iam}'. Run 'wsgate serve --help'.\n`);
    return 2;
  }
  let credentials: ExternalCredentials[];
  try {
    credentials = opts.credentials.map(parseCredentials);
  } catch (e) {
    process.stderr.write(`wsgate serve: ${(e as Error).message}. Run 'wsgate serve --help'.\n`);
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
      iam: opts.iam as IamMode,
      credentials,
      tls: opts.tls,
      stateDir: opts.stateDir,
      redis: opts.redis,
      nodeId: opts.nodeId,
      dynamodb: { persist: opts.persist },
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
    if (e instanceof ClusterError) {
      process.stderr.write(`wsgate serve: cannot use Redis at ${redactUrl(opts.redis ?? '')}: ${e.message}\n`);
      return 1;
    }
    if (e instanceof LocalAwsError) {
      process.stderr.write(`wsgate serve: ${e.message}\n`);
      return 1;
    }
    if (e instanceof Error && e.name === 'CredentialStoreError') {
      process.stderr.write(`wsgate serve: ${e.message}. Run 'wsgate serve --help'.\n`);
      return 2;
    }
    throw e;
  }

  const lines = gateway.endpoints().flatMap((e) => [
    `  ${e.apiName} (${e.apiId})  stage ${e.stage}  ${e.url}${e.secureUrl ? `  ${e.secureUrl}` : ''}`,
    `    @connections  ${e.managementUrl}/@connections/{connectionId}`,
  ]);
  const trailer = [`  metrics  ${gateway.url}/metrics`, `  iam      ${opts.iam}`];
  if (gateway.caCertPath) trailer.push(`  CA       ${gateway.caCertPath}`);
  if (opts.redis) trailer.push(`  cluster  node ${gateway.nodeId} on ${redactUrl(opts.redis)}  (ready: ${gateway.url}/readyz)`);
  const tables = gateway.model.tables.size;
  if (tables > 0) trailer.push(`  dynamodb ${tables} table(s), ${opts.persist ? `kept in ${resolvePath(opts.stateDir ?? '.wsgate', 'dynamodb')}` : 'in memory'}`);
  process.stdout.write(`wsgate serving ${gateway.endpoints().length} stage(s):\n${lines.join('\n')}\n${trailer.join('\n')}\n`);

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

/** A Redis URL without its password, for messages. */
function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}

/** `AKID:SECRET[=ACTION,ACTION]` as external credentials; the actions default to every execute-api action. */
function parseCredentials(text: string): ExternalCredentials {
  const m = /^([^:=\s]+):([^=\s]+)(?:=(.+))?$/.exec(text);
  if (!m) throw new UsageError(`--credentials must be ACCESS_KEY_ID:SECRET[=ACTIONS], got '${text}'`);
  const actions = (m[3] ?? 'execute-api:*').split(',').map((a) => a.trim()).filter((a) => a !== '');
  return { accessKeyId: m[1], secretAccessKey: m[2], allow: actions };
}
