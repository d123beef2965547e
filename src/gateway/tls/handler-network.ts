/**
 * How handler code reaches the gateway at the addresses it would use on AWS. Production handlers
 * build the management endpoint as `https://{apiId}.execute-api.{region}.amazonaws.com/{stage}`
 * (AWS's samples, and a stage's `callbackUrl` passed in through the environment). Those names do
 * not resolve here, and port 443 is not the gateway's, so this hook wraps `tls.connect` in the
 * handlers' runtime: a TLS connection to one of the served API hosts on port 443 goes to the
 * gateway's listener instead, keeping the name for SNI and certificate checks, and every TLS
 * connection to the gateway trusts the project CA (see project-ca.ts).
 *
 * `https`, the AWS SDK's Node handler and `fetch` all open TLS connections through
 * `tls.connect`, so they are covered; only TLS is redirected (plain `http://` to those names is
 * not, as on AWS, where the management endpoint is HTTPS only).
 *
 * Isolated handlers get the configuration in the `_WSGATE_NETWORK` variable, which the child
 * runtime reads and removes before the handler loads; in-process handlers share the gateway's
 * process, where the gateway installs the hook itself.
 */
import { readFileSync } from 'node:fs';
import tls from 'node:tls';

/** Where the served API hosts lead. */
export interface GatewayNetwork {
  /** The gateway's listener. */
  readonly host: string;
  readonly port: number;
  /** Host names (lower case) that lead to the gateway when called on port 443. */
  readonly hosts: readonly string[];
  /** Path of the project CA's certificate. */
  readonly caCertPath: string;
}

/** The environment variable that carries a {@link GatewayNetwork} into an isolated runtime. */
export const NETWORK_VARIABLE = '_WSGATE_NETWORK';

interface Route {
  readonly host: string;
  readonly port: number;
  /** Trusts the system's roots and the project CA; built once, as parsing the roots costs milliseconds per connection. */
  readonly secureContext: tls.SecureContext;
}

const redirects = new Map<string, Route>();
const direct = new Map<string, Route>();
let originalConnect: typeof tls.connect | undefined;

/** Routes the network's hosts to its gateway in this process; returns a function that undoes it. */
export function installGatewayNetwork(network: GatewayNetwork): () => void {
  const ca = [...tls.rootCertificates, readFileSync(network.caCertPath, 'utf8')];
  const route: Route = { host: network.host, port: network.port, secureContext: tls.createSecureContext({ ca }) };
  const keys = network.hosts.map((h) => h.toLowerCase());
  for (const key of keys) redirects.set(key, route);
  const self = `${network.host}:${network.port}`;
  direct.set(self, route);
  if (!originalConnect) {
    originalConnect = tls.connect;
    tls.connect = connectThroughGateway as typeof tls.connect;
  }
  return () => {
    for (const key of keys) if (redirects.get(key) === route) redirects.delete(key);
    if (direct.get(self) === route) direct.delete(self);
    if (redirects.size === 0 && direct.size === 0 && originalConnect) {
      tls.connect = originalConnect;
      originalConnect = undefined;
    }
  };
}

/** Installs the hook described by `_WSGATE_NETWORK`, if set, and removes the variable. */
export function installGatewayNetworkFromEnvironment(env: NodeJS.ProcessEnv = process.env): void {
  const text = env[NETWORK_VARIABLE];
  if (text === undefined) return;
  delete env[NETWORK_VARIABLE];
  installGatewayNetwork(JSON.parse(text) as GatewayNetwork);
}

/** `tls.connect` with the served hosts rerouted; every other call goes through unchanged. */
function connectThroughGateway(this: unknown, ...args: unknown[]): tls.TLSSocket {
  const connect = originalConnect as (...a: unknown[]) => tls.TLSSocket;
  const normalized = normalize(args);
  if (!normalized) return connect.apply(this, args);
  const { options, callback } = normalized;
  const host = String(options.host ?? 'localhost').toLowerCase();
  const port = Number(options.port ?? 443);
  const redirect = port === 443 ? redirects.get(host) : undefined;
  const route = redirect ?? direct.get(`${host}:${port}`);
  if (!route) return connect.apply(this, args);
  const rerouted: tls.ConnectionOptions = {
    ...options,
    host: route.host,
    port: route.port,
    servername: options.servername ?? (redirect ? host : undefined),
    ...(options.ca === undefined && options.secureContext === undefined ? { secureContext: route.secureContext } : {}),
  };
  return callback ? connect.call(this, rerouted, callback) : connect.call(this, rerouted);
}

/** The options of a `tls.connect` call in any of its forms; undefined for the path form. */
function normalize(args: unknown[]): { options: tls.ConnectionOptions; callback?: () => void } | undefined {
  const callback = typeof args[args.length - 1] === 'function' ? (args[args.length - 1] as () => void) : undefined;
  const rest = callback ? args.slice(0, -1) : args;
  if (rest.length === 0) return undefined;
  if (typeof rest[0] === 'object' && rest[0] !== null) {
    const options = rest[0] as tls.ConnectionOptions;
    return typeof options.path === 'string' ? undefined : { options, callback };
  }
  if (typeof rest[0] === 'number' || (typeof rest[0] === 'string' && /^\d+$/.test(rest[0]))) {
    const port = Number(rest[0]);
    const host = typeof rest[1] === 'string' ? rest[1] : undefined;
    const extra = rest.find((a, i) => i > 0 && typeof a === 'object' && a !== null) as tls.ConnectionOptions | undefined;
    return { options: { ...extra, port, ...(host !== undefined ? { host } : {}) }, callback };
  }
  return undefined;
}
