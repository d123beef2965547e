/**
 * The chat example as `npm start` runs it: examples/chat/serve.ts in a child process on free ports
 * of 127.0.0.1, with the page's URL read from what it prints. `stop()` sends SIGTERM and waits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A running chat example. */
export interface ChatProcess {
  /** The page to open (`http://127.0.0.1:{port}/`). */
  readonly pageUrl: string;
  /** The gateway's WebSocket URL of the `dev` stage. */
  readonly gatewayUrl: string;
  /** Everything it printed so far, for failure messages. */
  output(): string;
  /** SIGTERM, then the exit code (SIGKILL after `timeoutMs`). */
  stop(timeoutMs?: number): Promise<number | null>;
}

/**
 * Starts the example and resolves once it printed its URLs; rejects if it exits first or takes over
 * `timeoutMs`. Whatever happens, the process is killed after `lifetimeMs`.
 */
export function startChat(timeoutMs: number, lifetimeMs: number): Promise<ChatProcess> {
  const child: ChildProcess = spawn(process.execPath,
    ['--conditions=wsgate-source', '--import', 'tsx', 'examples/chat/serve.ts', '--port', '0', '--page-port', '0', '--quiet'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: withoutTestRunnerVariables(process.env), timeout: lifetimeMs, killSignal: 'SIGKILL' });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const stop = async (stopTimeoutMs = 30_000): Promise<number | null> => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop(1000);
      reject(new Error(`the chat example printed no URL within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = () => {
      const page = /chat: open (http:\/\/\S+)/.exec(output);
      const gateway = /WebSocket API\s+(ws:\/\/\S+)/.exec(output);
      if (!page || !gateway) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve({ pageUrl: page[1], gatewayUrl: gateway[1], output: () => output, stop });
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the chat example exited with code ${code} before printing its URL:\n${output}`));
    });
  });
}

/** The environment without node:test's own variables, so the child is not taken for a test file. */
function withoutTestRunnerVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  delete out.NODE_TEST_CONTEXT;
  delete out.NODE_OPTIONS;
  return out;
}
