/** A WebSocket test client over loopback: connect, send, await frames and the close, all bounded in time. */
import { readFileSync, existsSync } from 'node:fs';
import WebSocket from 'ws';

export class TestClient {
  public readonly frames: string[] = [];
  public closed?: { code: number; reason: string };
  private waiters: Array<() => void> = [];

  private constructor(public readonly ws: WebSocket, public readonly upgradeHeaders: Record<string, string | string[] | undefined>) {
    ws.on('message', (data) => { this.frames.push(data.toString()); this.wake(); });
    ws.on('close', (code, reason) => { this.closed = { code, reason: reason.toString() }; this.wake(); });
  }

  /** Connects; rejects with the HTTP status when the handshake is refused. */
  public static connect(url: string, options: { protocols?: string[]; headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<TestClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, options.protocols ?? [], { headers: options.headers, handshakeTimeout: options.timeoutMs ?? 10_000 });
      let upgradeHeaders: Record<string, string | string[] | undefined> = {};
      ws.once('upgrade', (res) => { upgradeHeaders = res.headers; });
      ws.once('open', () => resolve(new TestClient(ws, upgradeHeaders)));
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (c: Buffer) => { body += c.toString(); });
        res.on('end', () => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode, body })));
        res.on('error', () => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode, body })));
      });
      ws.once('error', (e) => reject(e));
    });
  }

  public send(data: string | Buffer, options: { binary?: boolean; fin?: boolean } = {}): void {
    this.ws.send(data, { binary: options.binary ?? false, fin: options.fin ?? true });
  }

  /** The next frame not yet taken. */
  public async next(timeoutMs = 10_000): Promise<string> {
    await this.until(() => this.frames.length > 0, timeoutMs, 'a frame');
    return this.frames.shift()!;
  }

  /** Waits for the server to close the connection. */
  public async waitClosed(timeoutMs = 10_000): Promise<{ code: number; reason: string }> {
    await this.until(() => this.closed !== undefined, timeoutMs, 'the close');
    return this.closed!;
  }

  public close(code?: number, reason?: string): void {
    this.ws.close(code, reason);
  }

  private until(ready: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (ready()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
      const check = () => {
        if (ready()) {
          clearTimeout(timer);
          resolve();
        } else {
          this.waiters.push(check);
        }
      };
      this.waiters.push(check);
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

/** The JSON events a fixture's handlers appended to `path`. */
export function readEvents(path: string): Array<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any -- events are free-form JSON
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

/** Polls until `find` returns something, bounded in time. */
export async function eventually<T>(find: () => T | undefined, timeoutMs = 10_000, what = 'a condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
