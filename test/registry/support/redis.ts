/**
 * A Redis for tests. `testRedis()` uses the Redis at REDIS_URL, else the one on 127.0.0.1:6379,
 * when it answers a PING, else starts a private `redis-server` (from PATH) on a free loopback
 * port. Each handle has its own key prefix (and hands out sub-prefixes), so parallel runs and
 * tests do not see each other's keys; `close()` deletes them. `startRedisServer()` always starts a
 * private server, for tests that kill, restart or freeze it. Without any Redis, the error says how to
 * get one (scripts/ensure-redis.sh installs Debian's redis-server).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export interface TestRedis {
  /** Where the Redis is. */
  readonly url: string;
  /** A key prefix no other handle uses. */
  newPrefix(): string;
  /** Deletes every key under this handle's prefixes, and stops the server it started (if any). */
  close(): Promise<void>;
}

/** A redis-server process of the test's own, on a free loopback port. */
export interface RedisServerProcess {
  readonly port: number;
  readonly url: string;
  /** Kills the server (SIGKILL: no save, no goodbye to clients); `restart` brings it back. */
  kill(): Promise<void>;
  /** Kills the server for good and removes its files. */
  stop(): Promise<void>;
  /** Starts it again on the same port (empty, unless persistent) and waits until it answers. */
  restart(): Promise<void>;
  /** Stops the process (SIGSTOP): connections stay open but nothing answers, as in a network partition. */
  freeze(): void;
  /** Lets a frozen server go on (SIGCONT). */
  thaw(): void;
}

const PING_TIMEOUT_MS = 1000;
const START_TIMEOUT_MS = 10_000;

/** A Redis for this test file: see the module comment. */
export async function testRedis(): Promise<TestRedis> {
  const base = `wsgate-test:${process.pid}:${randomUUID().slice(0, 8)}:`;
  let sequence = 0;
  const candidates = process.env.REDIS_URL ? [process.env.REDIS_URL] : ['redis://127.0.0.1:6379'];
  for (const url of candidates) {
    if (await answers(url)) {
      return { url, newPrefix: () => `${base}${++sequence}:`, close: () => deleteKeys(url, base) };
    }
  }
  const server = await startRedisServer();
  return {
    url: server.url,
    newPrefix: () => `${base}${++sequence}:`,
    close: async () => {
      await deleteKeys(server.url, base);
      await server.stop();
    },
  };
}

/**
 * Starts a private redis-server on a free loopback port and waits until it answers. Without
 * persistence by default; `persistent` keeps every write in an append-only file (fsync always),
 * so a restart after a kill comes back with the data.
 */
export async function startRedisServer(options: { persistent?: boolean } = {}): Promise<RedisServerProcess> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'wsgate-redis-'));
  let child: ChildProcess | undefined;
  const killChild = (): void => { child?.kill('SIGKILL'); };
  process.once('exit', killChild);

  const start = async (): Promise<void> => {
    const proc = spawn('redis-server', [
      '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir, '--loglevel', 'warning',
      ...(options.persistent ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']),
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    proc.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const failed = new Promise<never>((_, reject) => {
      proc.once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT'
        ? new Error('No Redis for the tests: set REDIS_URL, run one on 127.0.0.1:6379, or put redis-server on PATH (bash scripts/ensure-redis.sh installs it)')
        : e));
      proc.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${stderr}`)));
    });
    failed.catch(() => undefined);
    child = proc;
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (!(await answers(url))) {
      await Promise.race([failed, new Promise((r) => setTimeout(r, 50))]);
      if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer within ${START_TIMEOUT_MS} ms: ${stderr}`);
    }
  };

  const kill = async (): Promise<void> => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGKILL');
    });
  };

  await start();
  return {
    port,
    url,
    kill,
    stop: async () => {
      await kill();
      process.removeListener('exit', killChild);
      rmSync(dir, { recursive: true, force: true });
    },
    restart: async () => {
      await kill();
      await start();
    },
    freeze: () => { child?.kill('SIGSTOP'); },
    thaw: () => { child?.kill('SIGCONT'); },
  };
}

/** True when a Redis answers PING at this URL within a second. */
async function answers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: PING_TIMEOUT_MS, commandTimeout: PING_TIMEOUT_MS, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

async function deleteKeys(url: string, prefix: string): Promise<void> {
  const client = new Redis(url, { connectTimeout: PING_TIMEOUT_MS, commandTimeout: 5000, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  client.on('error', () => undefined);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch {
    // A server that is gone has nothing left to clean.
  } finally {
    client.disconnect();
  }
}

/** A free TCP port on loopback (nothing listens on it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
