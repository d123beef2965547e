/**
 * The options of the commands that run a gateway (`serve`, `dev`), declared once for config.ts:
 * their flags, environment variables, config file keys and help, the GatewayOptions they make,
 * and what a failed start means for the user (exit code and what to do next).
 */
import { resolve as resolvePath } from 'node:path';
import type { ExternalCredentials } from '../gateway/auth/credential-store.js';
import { IAM_MODES } from '../gateway/auth/iam-guard.js';
import { LocalAwsError } from '../gateway/aws/local-aws-errors.js';
import type { GatewayOptions } from '../gateway/options.js';
import { ModelError } from '../model/model-error.js';
import { ClusterError } from '../registry/cluster-errors.js';
import { CommandFailure, UsageError, type OptionSpec, type Settings } from './config.js';

/** The gateway's options as command-line options. */
export const GATEWAY_OPTIONS = {
  port: { type: 'number', env: 'WSGATE_PORT', default: 8080, min: 0, max: 65535, placeholder: 'N', description: 'port to listen on (0 picks a free one)' },
  host: { type: 'string', env: 'WSGATE_HOST', default: '127.0.0.1', placeholder: 'H', description: 'address to listen on (0.0.0.0 for every interface)' },
  region: { type: 'string', env: 'WSGATE_REGION', default: 'us-east-1', placeholder: 'R', description: 'region the templates are evaluated in' },
  account: { type: 'string', env: 'WSGATE_ACCOUNT', default: '123456789012', placeholder: 'A', description: 'account the templates are evaluated in' },
  inProcess: { type: 'boolean', env: 'WSGATE_IN_PROCESS', description: "run handlers in the gateway's process (faster, no isolation)" },
  iam: {
    type: 'string', env: 'WSGATE_IAM', default: 'enforce', choices: IAM_MODES, placeholder: 'MODE',
    description: 'how the @connections API checks callers: enforce (refuse what AWS would refuse),\nwarn (allow, and log the grant AWS would require) or off',
  },
  credentials: {
    type: 'list', env: 'WSGATE_CREDENTIALS', placeholder: 'AKID:SECRET[=ACTIONS]',
    description: 'credentials of a caller outside the template (a backend, a script, wsgate\nconnections), allowed ACTIONS (comma-separated, default execute-api:*); repeatable\n(the variable takes several separated by spaces, the config file a list)',
  },
  tls: { type: 'boolean', env: 'WSGATE_TLS', default: true, description: 'serve plain ws:// and http:// only, no wss:// and https://' },
  redis: { type: 'string', env: 'WSGATE_REDIS_URL', placeholder: 'URL', description: 'cluster mode: share connections with the other nodes on this Redis\n(redis://[[user]:password@]host[:port][/db])' },
  nodeId: { type: 'string', env: 'WSGATE_NODE_ID', placeholder: 'ID', defaultText: 'random', description: "this node's id in the cluster" },
  stateDir: { type: 'string', env: 'WSGATE_STATE_DIR', default: '.wsgate', placeholder: 'DIR', description: 'where the project CA and kept DynamoDB tables live' },
  persist: { type: 'boolean', env: 'WSGATE_PERSIST', description: "keep the template's DynamoDB tables and their items in the state directory from\none run to the next (default: in memory, empty at each start)" },
  quiet: { type: 'boolean', env: 'WSGATE_QUIET', description: 'no per-request log lines' },
} as const satisfies Record<string, OptionSpec>;

export type GatewaySettings = Settings<typeof GATEWAY_OPTIONS>;

/** The GatewayOptions the settings ask for (the caller adds `log`, `onInvocation`, …). Throws a UsageError for bad credentials. */
export function gatewayOptionsFrom(settings: GatewaySettings): GatewayOptions {
  return {
    port: settings.port,
    host: settings.host,
    region: settings.region,
    account: settings.account,
    invocationMode: settings.inProcess ? 'in-process' : 'isolated',
    log: settings.quiet ? false : undefined,
    iam: settings.iam as GatewayOptions['iam'],
    credentials: settings.credentials.map(parseCredentials),
    tls: settings.tls,
    stateDir: settings.stateDir,
    redis: settings.redis,
    nodeId: settings.nodeId,
    dynamodb: { persist: settings.persist },
  };
}

/** `AKID:SECRET[=ACTION,ACTION]` as external credentials; the actions default to every execute-api action. */
export function parseCredentials(text: string): ExternalCredentials {
  const m = /^([^:=\s]+):([^=\s]+)(?:=(.+))?$/.exec(text);
  if (!m) throw new UsageError(`--credentials must be ACCESS_KEY_ID:SECRET[=ACTIONS], got '${text}'`);
  const actions = (m[3] ?? 'execute-api:*').split(',').map((a) => a.trim()).filter((a) => a !== '');
  return { accessKeyId: m[1], secretAccessKey: m[2], allow: actions };
}

/**
 * What a failed `Gateway.start` means for the user: a CommandFailure (exit 1) or UsageError
 * (exit 2) saying what to do next; undefined for an error nobody expects (let it crash).
 */
export function startFailure(error: unknown, settings: GatewaySettings): CommandFailure | UsageError | undefined {
  if (error instanceof ModelError) return new CommandFailure(`the template cannot be served: ${error.message}`);
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') return new CommandFailure(`port ${settings.port} is in use. Pick another with --port (0 picks a free one).`);
  if ((error as NodeJS.ErrnoException).code === 'EADDRNOTAVAIL') return new CommandFailure(`cannot listen on ${settings.host}: no such address here. Pick another with --host.`);
  if (error instanceof ClusterError) return new CommandFailure(`cannot use Redis at ${redactUrl(settings.redis ?? '')}: ${error.message}`);
  if (error instanceof LocalAwsError) return new CommandFailure(error.message);
  if (error instanceof Error && error.name === 'CredentialStoreError') return new UsageError(error.message);
  return undefined;
}

/** Where the DynamoDB tables are kept, for banners. */
export function tablesDirectory(settings: GatewaySettings): string {
  return resolvePath(settings.stateDir, 'dynamodb');
}

/** A Redis URL without its password, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
