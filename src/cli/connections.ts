/**
 * `wsgate connections list | get <id> | post <id> <data> | delete <id>`: pokes at the clients of a
 * running gateway from a terminal. get, post and delete are the `@connections` management API's
 * GetConnection, PostToConnection and DeleteConnection; list is wsgate's admin API
 * (gateway/management/admin-api.ts). Every call is signed with SigV4 as the AWS SDK signs it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ManagementApiError, ManagementClient, type ListedConnection, type SigningCredentials } from '../testing/management-client.js';
import { CommandFailure, defineCommand, EXIT, runCommand, UsageError, type ParsedCommand } from './config.js';
import { parseCredentials } from './gateway-options.js';

const ACTIONS = ['list', 'get', 'post', 'delete'] as const;
type Action = (typeof ACTIONS)[number];

/** The command's options and help (config.ts). */
export const CONNECTIONS_COMMAND = defineCommand({
  name: 'connections',
  usage: 'wsgate connections <list | get ID | post ID DATA | delete ID> [options]',
  summary: 'Lists the connections of a running gateway, describes one, sends it data or closes it,\nthrough the @connections management API (list: wsgate\'s own GET /@wsgate/connections).',
  arguments: [
    ['list', 'the connections of the URL\'s stage, or of every stage (oldest first)'],
    ['get ID', 'GetConnection: when it connected, its identity, when it was last active'],
    ['post ID DATA', 'PostToConnection: sends DATA as one message (DATA "-" reads standard input)'],
    ['delete ID', 'DeleteConnection: closes the connection (the client sees close code 1000)'],
  ],
  maxPositionals: 3,
  options: {
    url: {
      type: 'string', env: 'WSGATE_URL', placeholder: 'URL', defaultText: 'http://{host}:{port}',
      description: 'the gateway: a stage\'s URL (http://127.0.0.1:8080/dev; ws:// and the banner\'s\n@connections URL work too), or its root URL to reach every stage',
    },
    credentials: {
      type: 'list', env: 'WSGATE_CREDENTIALS', placeholder: 'AKID:SECRET',
      defaultText: 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY',
      description: 'credentials to sign with, ones the gateway knows (wsgate serve --credentials);\nthe first one is used',
    },
    region: { type: 'string', env: 'WSGATE_REGION', default: 'us-east-1', placeholder: 'R', description: 'the gateway\'s region, which signatures are scoped to' },
    ca: { type: 'string', env: 'WSGATE_CA', placeholder: 'FILE', defaultText: '{stateDir}/ca/ca-cert.pem when it exists', description: 'the CA to trust for an https:// URL' },
    json: { type: 'boolean', description: 'print list as JSON' },
    host: { type: 'string', flag: false, env: 'WSGATE_HOST', default: '127.0.0.1', description: 'the gateway\'s address, for the default URL (0.0.0.0 means 127.0.0.1)' },
    port: { type: 'number', flag: false, env: 'WSGATE_PORT', default: 8080, min: 1, max: 65535, description: 'the gateway\'s port, for the default URL' },
    stateDir: { type: 'string', flag: false, env: 'WSGATE_STATE_DIR', default: '.wsgate', description: 'the state directory of the gateway, for the default CA' },
  },
  examples: [
    'wsgate connections list',
    'wsgate connections list --url http://127.0.0.1:8080/dev --json',
    'wsgate connections get Jz1EpdGJoAMCJ0g=',
    'wsgate connections post Jz1EpdGJoAMCJ0g= \'{"type":"notice","text":"hello"}\'',
    'echo hello | wsgate connections post Jz1EpdGJoAMCJ0g= -',
    'wsgate connections delete Jz1EpdGJoAMCJ0g= --credentials AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  ],
  notes: `Credentials: the flag, then WSGATE_CREDENTIALS, then AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY
(and AWS_SESSION_TOKEN), then the config file's "credentials" (the ones wsgate serve registers).
Without any, calls are unsigned: only a gateway started with --iam off or warn accepts them.`,
});

type ConnectionsSettings = ParsedCommand<typeof CONNECTIONS_COMMAND.options>;

export async function connectionsCommand(args: string[]): Promise<number> {
  return runCommand(CONNECTIONS_COMMAND, args, (parsed) => connections(parsed));
}

async function connections(parsed: ConnectionsSettings): Promise<number> {
  const { settings } = parsed;
  const [action, id, data] = parsed.positionals;
  if (!action) throw new UsageError(`needs an action: ${ACTIONS.join(', ')}`);
  if (!(ACTIONS as readonly string[]).includes(action)) throw new UsageError(`unknown action '${action}': the actions are ${ACTIONS.join(', ')}`);
  const wanted = action === 'list' ? 0 : action === 'post' ? 2 : 1;
  if (parsed.positionals.length - 1 < wanted) throw new UsageError(`${action} needs ${action === 'post' ? 'a connection id and the data' : 'a connection id'}`);
  if (parsed.positionals.length - 1 > wanted) throw new UsageError(`${action} takes ${wanted === 0 ? 'no argument' : wanted === 1 ? 'one argument' : 'two arguments'}, got '${parsed.positionals[wanted + 1]}'`);

  const url = gatewayUrl(settings);
  const options = {
    credentials: signingCredentials(parsed),
    region: settings.region,
    ca: certificateAuthority(settings, url),
  };
  try {
    return await perform(action as Action, { url, id, data, json: settings.json, options });
  } catch (error) {
    if (error instanceof ManagementApiError) throw new CommandFailure(explain(error, url, options.credentials));
    throw error;
  }
}

interface Call {
  readonly url: URL;
  readonly id?: string;
  readonly data?: string;
  readonly json: boolean;
  readonly options: { credentials?: SigningCredentials; region: string; ca?: Buffer };
}

async function perform(action: Action, call: Call): Promise<number> {
  const client = (url: string) => new ManagementClient({ url, ...call.options });
  if (action === 'list') {
    const listed = await client(call.url.href).listConnections();
    process.stdout.write(call.json ? `${JSON.stringify(listed, null, 2)}\n` : renderList(listed));
    return EXIT.OK;
  }
  const id = call.id!;
  const stageClient = client(await stageUrl(call, id, client));
  switch (action) {
    case 'get':
      process.stdout.write(`${JSON.stringify(await stageClient.getConnection(id), null, 2)}\n`);
      break;
    case 'post': {
      const data = call.data === '-' ? readFileSync(0) : Buffer.from(call.data!);
      await stageClient.postToConnection(id, data);
      process.stdout.write(`sent ${data.length} byte(s) to ${id}\n`);
      break;
    }
    case 'delete':
      await stageClient.deleteConnection(id);
      process.stdout.write(`closed ${id}\n`);
      break;
  }
  return EXIT.OK;
}

/** The URL of the connection's stage: the given one, or (for the gateway's root URL) the one the listing names. */
async function stageUrl(call: Call, id: string, client: (url: string) => ManagementClient): Promise<string> {
  const path = call.url.pathname.replace(/\/+$/, '');
  if (path !== '') return call.url.href;
  const found = (await client(call.url.href).listConnections()).find((c) => c.connectionId === id);
  if (!found) throw new CommandFailure(`no connection ${id} on the gateway at ${call.url.origin}: it closed, or the id is wrong. Run 'wsgate connections list' to see the connections.`);
  return `${call.url.origin}/${encodeURIComponent(found.apiId)}/${encodeURIComponent(found.stage)}`;
}

/** --url, or http://{host}:{port} from the settings serve uses too. */
function gatewayUrl(settings: ConnectionsSettings['settings']): URL {
  if (settings.url === undefined) {
    const host = settings.host === '0.0.0.0' || settings.host === '' ? '127.0.0.1' : settings.host === '::' ? '[::1]' : settings.host.includes(':') ? `[${settings.host}]` : settings.host;
    return new URL(`http://${host}:${settings.port}`);
  }
  let url: URL;
  try {
    url = new URL(settings.url.replace(/^ws(s?):/, 'http$1:'));
  } catch {
    throw new UsageError(`--url must be a URL such as http://127.0.0.1:8080/dev, got '${settings.url}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--url must be http(s):// or ws(s)://, got '${settings.url}'`);
  url.pathname = url.pathname.replace(/\/@connections(\/.*)?$/, '');
  url.search = '';
  return url;
}

/** The credentials to sign with, in the order the help gives. */
function signingCredentials(parsed: ConnectionsSettings): SigningCredentials | undefined {
  const { settings, sources } = parsed;
  const env = process.env;
  const fromSetting = () => {
    const { accessKeyId, secretAccessKey } = parseCredentials(settings.credentials[0]);
    return { accessKeyId, secretAccessKey };
  };
  if (settings.credentials.length > 0 && (sources.credentials === 'flag' || sources.credentials === 'env')) return fromSetting();
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    return { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) };
  }
  return settings.credentials.length > 0 ? fromSetting() : undefined;
}

/** --ca, else the project CA in the state directory, for https:// URLs. */
function certificateAuthority(settings: ConnectionsSettings['settings'], url: URL): Buffer | undefined {
  if (settings.ca !== undefined) {
    if (!existsSync(settings.ca)) throw new UsageError(`--ca ${settings.ca} does not exist`);
    return readFileSync(settings.ca);
  }
  const projectCa = resolve(settings.stateDir, 'ca', 'ca-cert.pem');
  return url.protocol === 'https:' && existsSync(projectCa) ? readFileSync(projectCa) : undefined;
}

/** A failed call, said with what to do next. */
function explain(error: ManagementApiError, url: URL, credentials: SigningCredentials | undefined): string {
  if (error.status === undefined) {
    if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(error.networkCode ?? '')) {
      return `cannot verify the gateway's certificate at ${url.origin} (${error.networkCode}). Pass its CA with --ca (the banner's CA line, .wsgate/ca/ca-cert.pem), or use the http:// URL.`;
    }
    return `no gateway answers at ${url.origin} (${error.networkCode ?? error.message}). Start one with 'wsgate serve', or point to it with --url or WSGATE_URL.`;
  }
  if (error.status === 410) return `${error.message}. Run 'wsgate connections list' to see the connections.`;
  if (error.status === 403) {
    // The first line: a signature mismatch goes on with the canonical request, as on AWS.
    const text = error.message.split('\n')[0].trim();
    if (/Missing Authentication Token/.test(text)) {
      return `the gateway wants signed calls (${text}). Pass credentials it knows: --credentials AKID:SECRET (as given to wsgate serve --credentials), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.`;
    }
    if (/scoped to a valid region/.test(text)) return `the gateway runs in another region (${text}). Pass its region with --region or WSGATE_REGION.`;
    if (/security token included in the request is invalid/.test(text)) {
      return `the gateway does not know the access key ${credentials?.accessKeyId ?? ''} (${text}). Start it with --credentials ${credentials?.accessKeyId ?? 'AKID'}:SECRET, or pass the credentials it was started with.`;
    }
    if (/signature we calculated does not match/.test(text)) return `the secret of ${credentials?.accessKeyId ?? 'the access key'} is not the one the gateway knows (${text}). Pass the right one with --credentials.`;
    if (/is not authorized/.test(text)) return `${text}. Give the credentials execute-api:ManageConnections (wsgate serve --credentials AKID:SECRET=execute-api:ManageConnections).`;
    return `${text}.`;
  }
  if (error.status === 404) return `${error.message}. Pass a stage's URL with --url.`;
  return `${error.message}.`;
}

/** The connections as a table. */
function renderList(listed: readonly ListedConnection[]): string {
  if (listed.length === 0) return 'no connections\n';
  const severalApis = new Set(listed.map((c) => c.apiId)).size > 1;
  const rows = [
    ['CONNECTION ID', ...(severalApis ? ['API'] : []), 'STAGE', 'CONNECTED', 'LAST ACTIVE', 'SOURCE IP', 'USER AGENT'],
    ...listed.map((c) => [
      c.connectionId, ...(severalApis ? [c.apiId] : []), c.stage, c.connectedAt, c.lastActiveAt,
      String(c.identity.sourceIp ?? ''), String(c.identity.userAgent ?? ''),
    ]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const lines = rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd());
  return `${lines.join('\n')}\n${listed.length} connection(s)\n`;
}
