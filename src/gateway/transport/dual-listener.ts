/**
 * One port, two protocols: plain HTTP/WebSocket and the same over TLS. Each new socket is routed by
 * its first byte (22 is a TLS handshake record) to an `http.Server` or an `https.Server` that share
 * one request handler and one upgrade handler. So `ws://host:port/dev`, `wss://host:port/dev`,
 * `http://host:port/dev/@connections/…` and `https://…` all reach the same gateway, and a handler
 * that builds `https://${domainName}/${stage}` from its event finds it where the client did.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/** The first byte of a TLS ClientHello (a handshake record). */
const TLS_HANDSHAKE = 0x16;

/** A socket that sends nothing for this long after connecting is closed. */
const FIRST_BYTE_TIMEOUT_MS = 30_000;

export interface DualListenerOptions {
  /** Certificate chain and key for TLS; without them every socket is plain HTTP. */
  readonly tls?: { readonly cert: string; readonly key: string };
  readonly onRequest: (req: IncomingMessage, res: ServerResponse) => void;
  readonly onUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
}

export class DualListener {
  /** TLS handshakes completed since the listener started (each is a new TLS connection). */
  public tlsHandshakes = 0;
  private readonly net: NetServer;
  private readonly http: HttpServer;
  private readonly https?: HttpsServer;

  constructor(options: DualListenerOptions) {
    this.http = createHttpServer(options.onRequest);
    this.https = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, options.onRequest) : undefined;
    for (const server of this.servers()) {
      server.on('upgrade', options.onUpgrade);
      server.on('clientError', (_error, socket: Duplex) => socket.destroy());
    }
    this.https?.on('tlsClientError', (_error, socket) => socket.destroy());
    this.https?.on('secureConnection', () => this.tlsHandshakes++);
    // noDelay as http.createServer sets it: without it, small responses wait for delayed ACKs (40 ms stalls).
    this.net = createNetServer({ noDelay: true }, (socket) => this.route(socket));
  }

  /** Listens on `port` (0 for a free one) and resolves with the port. */
  public listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.net.once('error', reject);
      this.net.listen(port, host, () => {
        this.net.off('error', reject);
        const address = this.net.address();
        resolve(address && typeof address === 'object' ? address.port : port);
      });
    });
  }

  /** Stops accepting connections; resolves once every connection has ended. */
  public close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.net.close(() => resolve()));
    for (const server of this.servers()) server.closeIdleConnections();
    return closed;
  }

  /** Ends every connection, busy or not. */
  public closeAllConnections(): void {
    for (const server of this.servers()) server.closeAllConnections();
  }

  private servers(): Array<HttpServer | HttpsServer> {
    return this.https ? [this.http, this.https] : [this.http];
  }

  private route(socket: Socket): void {
    if (!this.https) {
      this.http.emit('connection', socket);
      return;
    }
    socket.setTimeout(FIRST_BYTE_TIMEOUT_MS, () => socket.destroy());
    socket.once('error', () => socket.destroy());
    socket.once('data', (chunk: Buffer) => {
      socket.setTimeout(0);
      socket.pause();
      socket.unshift(chunk);
      (chunk[0] === TLS_HANDSHAKE ? this.https : this.http)?.emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  }
}
