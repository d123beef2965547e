/**
 * One open connection: its socket, the facts its events carry, its idle and maximum-duration
 * timers, and sending with a bound on what may queue for a slow client. Frames sent during one
 * turn of the event loop are written together at its end (see holdWrites).
 */
import type { WebSocket } from 'ws';
import { connectionFacts, type ConnectionFacts } from './events/lambda-events.js';
import type { Endpoint } from './transport/endpoint-map.js';
import type { GatewayLimits } from './options.js';

/** Why a connection ended, as $disconnect reports it. */
export interface CloseCause {
  readonly code: number;
  readonly reason: string;
}

/** The causes the gateway itself closes for, with the status and reason $disconnect gets. */
export const CLOSE_CAUSES = {
  /** DeleteConnection through the management API (AWS reports exactly this). */
  deleted: { code: 1000, reason: 'Connection Closed Normally' },
  /** Idle for longer than the idle timeout. [I] AWS does not document the code; wsgate uses 1001. */
  idle: { code: 1001, reason: 'Going away' },
  /** Open for longer than the maximum duration. [I] as above. */
  maxDuration: { code: 1001, reason: 'Going away' },
  /** The gateway is shutting down. */
  shutdown: { code: 1001, reason: 'Going away' },
  /** A hot reload removed the connection's stage or API (wsgate's own rule: as a shutdown of that stage). */
  stageRemoved: { code: 1001, reason: 'Going away' },
  /** The client did not read fast enough and too much queued for it (wsgate's own rule). */
  slowClient: { code: 1008, reason: 'Slow client: too much data queued' },
} as const;

/** The part of a `net.Socket` that holding writes needs. */
interface CorkableSocket {
  cork(): void;
  uncork(): void;
  readonly writableCorked: number;
  readonly destroyed: boolean;
}

/** Sockets holding the frames sent to them since the current turn of the event loop began. */
const heldSockets: CorkableSocket[] = [];
/** At most this many sockets hold frames at once, so a busy turn does not hold the first replies for long. */
const MAX_HELD_SOCKETS = 64;
let turnEndScheduled = false;
let turnNow = 0;
let turnNowRead = false;

/** Runs {@link endTurn} once the current turn of the event loop has handled its input. */
function scheduleTurnEnd(): void {
  if (turnEndScheduled) return;
  turnEndScheduled = true;
  setImmediate(endTurn);
}

function endTurn(): void {
  turnEndScheduled = false;
  turnNowRead = false;
  writeHeldFrames();
}

function writeHeldFrames(): void {
  for (let i = 0; i < heldSockets.length; i++) heldSockets[i].uncork();
  heldSockets.length = 0;
}

/** Writes what this socket holds now (it stays in the list; uncorking it again does nothing). */
function writeHeldFramesOf(ws: WebSocket): void {
  const socket = (ws as unknown as { _socket?: Partial<CorkableSocket> })._socket;
  if (socket && typeof socket.uncork === 'function' && (socket.writableCorked ?? 0) > 0) socket.uncork();
}

/**
 * `Date.now()` as read once in the current turn of the event loop: the time of a connection's
 * activity needs no finer grain, and a message would otherwise read the clock once on arrival and
 * once per reply.
 */
function turnClock(): number {
  if (!turnNowRead) {
    turnNow = Date.now();
    turnNowRead = true;
    scheduleTurnEnd();
  }
  return turnNow;
}

/**
 * Holds the frames sent to this socket until the current turn of the event loop has handled its
 * other input (or {@link MAX_HELD_SOCKETS} sockets hold frames), then writes them: the replies to
 * the messages that arrived together leave together, a socket's frames in one write, and the
 * client's side of loopback is woken once for many of them instead of once per reply. Frames
 * keep their order, and `bufferedAmount` counts held frames.
 */
function holdWrites(ws: WebSocket): void {
  // `_socket` is ws's own; a socket without cork() is written at once.
  const socket = (ws as unknown as { _socket?: Partial<CorkableSocket> })._socket;
  if (!socket || typeof socket.cork !== 'function' || socket.writableCorked !== 0 || socket.destroyed) return;
  if (heldSockets.length >= MAX_HELD_SOCKETS) writeHeldFrames();
  socket.cork();
  heldSockets.push(socket as CorkableSocket);
  scheduleTurnEnd();
}

export class Connection {
  public lastActiveAt: number;
  /** Set once the connection is closing, with the cause the gateway chose (if it chose one). */
  public closeCause?: CloseCause;
  private idleTimer?: NodeJS.Timeout;
  private readonly maxTimer: NodeJS.Timeout;
  private lastTouch = 0;
  private currentFacts: ConnectionFacts;
  private currentEndpoint: Endpoint;

  constructor(
    public readonly ws: WebSocket,
    facts: ConnectionFacts,
    endpoint: Endpoint,
    /** The Host the client connected to (for the $disconnect event). */
    public readonly host: string,
    private readonly limits: GatewayLimits,
    private readonly onActivity: (c: Connection) => void,
  ) {
    this.currentFacts = connectionFacts(facts);
    this.currentEndpoint = endpoint;
    this.lastActiveAt = facts.connectedAt;
    this.maxTimer = setTimeout(() => this.close(CLOSE_CAUSES.maxDuration), limits.maxConnectionDurationMs);
    this.maxTimer.unref();
    this.armIdle();
  }

  public get connectionId(): string {
    return this.currentFacts.connectionId;
  }

  /** What the connection's events carry. */
  public get facts(): ConnectionFacts {
    return this.currentFacts;
  }

  /** The API and stage the connection belongs to (the version being served, after a reload). */
  public get endpoint(): Endpoint {
    return this.currentEndpoint;
  }

  /**
   * Points the connection at the same stage of a new version of the model (hot reload): its next
   * messages are routed by the new API's routes, and its events carry the new stage's variables.
   */
  public repoint(endpoint: Endpoint): void {
    const variables = endpoint.stage.variables;
    this.currentEndpoint = endpoint;
    this.currentFacts = connectionFacts({ ...this.currentFacts, stageVariables: Object.keys(variables).length > 0 ? variables : undefined });
  }

  /**
   * Records activity (the idle timer reads it when it fires) and tells the registry at most once a
   * second. The time defaults to the clock as read in the current turn of the event loop.
   */
  public touch(now = turnClock()): void {
    this.lastActiveAt = now;
    if (now - this.lastTouch >= 1000) {
      this.lastTouch = now;
      this.onActivity(this);
    }
  }

  /**
   * Sends a text frame. Returns false when the connection is not open, or when the client has
   * let more than `maxBufferedBytes` queue up (the connection is then closed as a slow client).
   */
  public send(text: string): boolean {
    const outcome = this.post(text);
    if (outcome === 'full') this.close(CLOSE_CAUSES.slowClient);
    return outcome === 'sent';
  }

  /**
   * Sends a text frame for the management API: unlike {@link send}, a full queue refuses the
   * message (`'full'`, answered 429) instead of closing the connection.
   */
  public post(text: string): 'sent' | 'gone' | 'full' {
    if (this.closeCause || this.ws.readyState !== this.ws.OPEN) return 'gone';
    // A string's UTF-8 length is at most 3 bytes per UTF-16 unit: the exact length is needed only near the limit.
    let room = this.limits.maxBufferedBytes - this.ws.bufferedAmount;
    if (text.length * 3 > room) {
      // Near the limit, what the socket holds is written first (as it would have been without
      // holding): only what the client has not taken counts against it.
      writeHeldFramesOf(this.ws);
      room = this.limits.maxBufferedBytes - this.ws.bufferedAmount;
      if (text.length * 3 > room && Buffer.byteLength(text) > room) return 'full';
    }
    holdWrites(this.ws);
    this.ws.send(text);
    this.touch();
    return 'sent';
  }

  /** Closes with a cause the gateway chose; the first cause wins. */
  public close(cause: CloseCause): void {
    if (this.closeCause) return;
    this.closeCause = cause;
    this.stopTimers();
    // A client that never answers the close frame is cut off by ws after the server's closeTimeout.
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING) this.ws.close(cause.code, cause.reason);
  }

  public stopTimers(): void {
    clearTimeout(this.maxTimer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
  }

  /**
   * The idle timer is not restarted on every message (that costs a timer-list update per
   * message); when it fires it checks the last activity and sleeps again for the rest.
   */
  private armIdle(delayMs = this.limits.idleTimeoutMs): void {
    this.idleTimer = setTimeout(() => {
      const idleFor = Date.now() - this.lastActiveAt;
      if (idleFor >= this.limits.idleTimeoutMs) this.close(CLOSE_CAUSES.idle);
      else this.armIdle(this.limits.idleTimeoutMs - idleFor);
    }, delayMs);
    this.idleTimer.unref();
  }
}
