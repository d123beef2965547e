/**
 * The `wsgate` command line. Every command follows config.ts's conventions: `--help` with
 * examples; flags with environment variables and config file keys (flag > environment > config
 * file > default); errors that say what to do next; exit codes 0 success, 1 failure at run time,
 * 2 bad usage.
 */
import { readFileSync } from 'node:fs';
import { connectionsCommand } from './connections.js';
import { EXIT, nearest } from './config.js';
import { devCommand } from './dev.js';
import { serveCommand } from './serve.js';
import { synthCommand } from './synth.js';

/** The commands, by name: what runs them and their line in the usage. */
const COMMANDS: Readonly<Record<string, { readonly run: (args: string[]) => Promise<number>; readonly summary: string }>> = {
  dev: { run: devCommand, summary: 'dev [app]           Synthesize and serve an app, and reload on every change of the app or a\n                      handler without dropping connected clients' },
  serve: { run: serveCommand, summary: 'serve [input]       Serve the WebSocket APIs of a cloud assembly, template or app file' },
  synth: { run: synthCommand, summary: 'synth [app]         Run an app (default: the "app" of ./cdk.json) and write its cloud\n                      assembly; prints stacks, APIs, stages and routes' },
  connections: { run: connectionsCommand, summary: 'connections ACTION  list, get, post to or delete the connections of a running gateway' },
};

const USAGE = `Usage: wsgate <command> [options]

Commands:
${Object.values(COMMANDS).map((c) => `  ${c.summary}`).join('\n')}

Each command has --help, with its options, their environment variables and config file keys.

Examples:
  wsgate dev examples/chat/app.ts
  wsgate serve cdk.out --port 8080
  wsgate synth examples/seed/app.ts
  wsgate connections list --url http://127.0.0.1:8080/dev

Settings: flag > environment variable (WSGATE_PORT, …) > ./wsgate.config.json or the "wsgate"
object of ./package.json > default.
Exit codes: 0 success, 1 failure at run time (the message says what to do), 2 bad usage.
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command) {
    process.stderr.write(USAGE);
    return EXIT.USAGE;
  }
  if (command === '-h' || command === '--help') {
    process.stdout.write(USAGE);
    return EXIT.OK;
  }
  if (command === '-v' || command === '--version') {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    process.stdout.write(`wsgate ${pkg.version}\n`);
    return EXIT.OK;
  }
  if (command === 'help') {
    const topic = rest[0];
    if (topic === undefined) {
      process.stdout.write(USAGE);
      return EXIT.OK;
    }
    if (COMMANDS[topic]) return COMMANDS[topic].run(['--help']);
    return unknown(topic);
  }
  const entry = COMMANDS[command];
  return entry ? entry.run(rest) : unknown(command);
}

function unknown(command: string): number {
  const near = nearest(command, Object.keys(COMMANDS));
  process.stderr.write(`wsgate: unknown command '${command}'${near ? ` (did you mean '${near}'?)` : ''}. Run 'wsgate --help' to see the commands.\n`);
  return EXIT.USAGE;
}

process.exitCode = await main(process.argv.slice(2));
