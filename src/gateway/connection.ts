/**
 * One open connection: its socket, the facts its events carry, its idle and maximum-duration
 * timers, and sending with a bound on what may queue for a slow client.
 */
import type { WebSocket } from 'ws';
import type { ConnectionFacts } from './events/lambda-events.js';
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
  /** The client did not read fast enough and too much queued for it (wsgate's own rule). */
  slowClient: { code: 1008, reason: 'Slow client: too much data queued' },
} as const;

export class Connection {
  public lastActiveAt: number;
  /** Set once the connection is closing, with the cause the gateway chose (if it chose one). */
  public closeCause?: CloseCause;
  private idleTimer?: NodeJS.Timeout;
  private readonly maxTimer: NodeJS.Timeout;
  private lastTouch = 0;

  constructor(
    public readonly ws: WebSocket,
    public readonly facts: ConnectionFacts,
    public readonly endpoint: Endpoint,
    /** The Host the client connected to (for the $disconnect event). */
    public readonly host: string,
    private readonly limits: GatewayLimits,
    private readonly onActivity: (c: Connection) => void,
  ) {
    this.lastActiveAt = facts.connectedAt;
    this.maxTimer = setTimeout(() => this.close(CLOSE_CAUSES.maxDuration), limits.maxConnectionDurationMs);
    this.maxTimer.unref();
    this.armIdle();
  }

  public get connectionId(): string {
    return this.facts.connectionId;
  }

  /** Records activity (the idle timer reads it when it fires) and tells the registry at most once a second. */
  public touch(now = Date.now()): void {
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
    const room = this.limits.maxBufferedBytes - this.ws.bufferedAmount;
    if (text.length * 3 > room && Buffer.byteLength(text) > room) return 'full';
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
