/**
 * The `wsgate` command line. Commands: `synth [app]` (writes the cloud assembly and prints the
 * WebSocket APIs it holds). Exit codes: 0 success, 1 the app or command failed, 2 bad usage.
 */
import { serveCommand } from './serve.js';
import { synthCommand } from './synth.js';

const USAGE = `Usage: wsgate <command> [options]

Commands:
  serve [input]   Serve the WebSocket APIs of a cloud assembly, template or app file
  synth [app]     Run a TypeScript or JavaScript app (default: the "app" of ./cdk.json)
                  and write its cloud assembly; prints stacks, APIs, stages and routes.

Each command has --help.

Examples:
  wsgate serve cdk.out --port 8080
  wsgate synth examples/seed/app.ts
  wsgate synth --output /tmp/out app.ts
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  switch (command) {
    case 'synth':
      return synthCommand(rest);
    case 'serve':
      return serveCommand(rest);
    default:
      process.stderr.write(`wsgate: unknown command '${command}'. Run 'wsgate --help' to see the commands.\n`);
      return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
