/**
 * `wsgate dev [app]`: synthesizes the app and serves it, then watches the app and every handler's
 * source and swaps each change into the running gateway without dropping connected clients
 * (src/cli/dev/dev-session.ts). Runs until SIGINT or SIGTERM.
 */
import { defineCommand, runCommand, UsageError, type Settings } from './config.js';
import { resolveApp, type AppSpec } from './dev/app-runner.js';
import { DevSession } from './dev/dev-session.js';
import { Terminal } from './dev/terminal.js';
import { setUpTypeChecking, type TypeCheckSetup } from './dev/type-checker.js';
import { GATEWAY_OPTIONS, gatewayOptionsFrom, startFailure } from './gateway-options.js';

/** The command's options and help (config.ts). */
export const DEV_COMMAND = defineCommand({
  name: 'dev',
  usage: 'wsgate dev [app] [options]',
  summary: `Synthesizes the app, serves its WebSocket APIs, and reloads on every change of the app or of a
handler's source (NodejsFunction entries and the project files they import) without dropping
connected clients: a client's next message is answered by the new code on the same connection.
A broken edit (syntax error, type error, an app that fails to synthesize) is printed with its
file and line, and the last good version keeps serving.`,
  options: {
    app: { type: 'string', positional: 0, config: false, defaultText: './cdk.json\'s "app"', description: "the app's .ts or .js file" },
    ...GATEWAY_OPTIONS,
    typecheck: {
      type: 'boolean', env: 'WSGATE_TYPECHECK', default: true,
      description: "skip type checking (syntax is still checked); type checking uses the project's\ntypescript package and tsconfig.json",
    },
  },
  examples: [
    'wsgate dev examples/chat/app.ts',
    'wsgate dev                                   # the app of ./cdk.json',
    'wsgate dev app.ts --port 0 --in-process',
    'NO_COLOR=1 wsgate dev app.ts --no-typecheck',
  ],
  notes: `Handlers run in child processes by default, so an edit to any module a handler imports is
picked up; with --in-process, a handler's entry file is evaluated again but the modules it imports
keep their first version until restart. Functions other than NodejsFunction entries (inline code,
asset directories) change with the app. Connections whose stage or API an edit removes are closed
with 1001 "Going away" (their $disconnect runs).
The request log is colored on a terminal only, and never with NO_COLOR set.`,
});

export async function devCommand(args: string[]): Promise<number> {
  return runCommand(DEV_COMMAND, args, ({ settings }) => dev(settings));
}

async function dev(settings: Settings<typeof DEV_COMMAND.options>): Promise<number> {
  const { log: _log, ...gateway } = gatewayOptionsFrom(settings);
  let app: AppSpec;
  try {
    app = resolveApp(settings.app, process.cwd());
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const typeChecking: TypeCheckSetup = settings.typecheck ? setUpTypeChecking(app.cwd) : { enabled: false, reason: 'type checking off (--no-typecheck)' };
  const session = new DevSession({
    app,
    typeChecking,
    terminal: new Terminal(),
    quiet: settings.quiet,
    gateway,
    explainStartFailure: (error) => (startFailure(error, settings) ?? (error as Error)).message,
  });

  const signalled = new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  void session.start();
  const outcome = await Promise.race([signalled.then((signal) => ({ signal })), session.finished.then((code) => ({ code }))]);
  if ('signal' in outcome) process.stdout.write(`\nwsgate dev: ${outcome.signal}, closing ${session.current?.connectionCount ?? 0} connection(s)…\n`);
  await session.stop();
  return 'code' in outcome ? outcome.code : 0;
}
