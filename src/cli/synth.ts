/**
 * `wsgate synth [app]`: runs the app in a child process with CDK_OUTDIR set (as the cdk CLI does),
 * then reads the cloud assembly back and prints a summary of its WebSocket APIs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CloudAssembly } from '../core/cloud-assembly.js';
import { CommandFailure, defineCommand, EXIT, runCommand, UsageError } from './config.js';
import { summarizeAssembly } from './summary.js';

/** The command's options and help (config.ts). */
export const SYNTH_COMMAND = defineCommand({
  name: 'synth',
  usage: 'wsgate synth [app] [options]',
  summary: 'Runs a TypeScript or JavaScript app (or the "app" command of ./cdk.json, as the cdk CLI does)\nand writes its cloud assembly; prints its stacks, WebSocket APIs, stages and routes.',
  options: {
    app: { type: 'string', positional: 0, defaultText: 'the "app" of ./cdk.json', description: 'the app file (.ts, .mts, .js, .mjs)' },
    output: { type: 'string', short: 'o', env: 'WSGATE_OUTPUT', default: 'cdk.out', placeholder: 'DIR', description: 'where the cloud assembly goes' },
    quiet: { type: 'boolean', env: 'WSGATE_QUIET', description: 'print nothing but errors' },
  },
  examples: [
    'wsgate synth examples/seed/app.ts',
    'wsgate synth --output /tmp/out app.ts',
    'wsgate synth                         # runs the "app" of ./cdk.json',
  ],
});

export async function synthCommand(args: string[]): Promise<number> {
  return runCommand(SYNTH_COMMAND, args, async ({ settings: { app, output, quiet } }) => {
    if (app && !existsSync(app)) throw new UsageError(`no such file: ${app}. Give the app's .ts or .js file`);
    const command = appCommand(app);
    if (!command) throw new UsageError('no app given and no ./cdk.json with an "app" entry. Pass the app file (wsgate synth app.ts) or set "app" in wsgate.config.json');
    const outdir = resolve(output);
    const run = spawnSync(command, { shell: true, stdio: 'inherit', env: { ...process.env, CDK_OUTDIR: outdir } });
    if (run.status !== 0) throw new CommandFailure(`the app failed (exit code ${run.status ?? run.signal}). Fix the error above and run again.`);
    if (!existsSync(resolve(outdir, 'manifest.json'))) throw new CommandFailure(`the app ran but wrote no cloud assembly to ${outdir}. Does it create an App and call app.synth()?`);
    if (!quiet) {
      process.stdout.write(summarizeAssembly(new CloudAssembly(outdir)));
      process.stdout.write(`\nCloud assembly written to ${outdir}\n`);
    }
    return EXIT.OK;
  });
}

function appCommand(app: string | undefined): string | undefined {
  if (app) {
    if (!/\.[cm]?ts$/.test(app)) return `node ${JSON.stringify(app)}`;
    // TypeScript apps run through tsx, from wsgate's own dependencies; the wsgate-source condition
    // lets an app inside this repository import wsgate's sources.
    return `node --conditions=wsgate-source --import ${JSON.stringify(import.meta.resolve('tsx'))} ${JSON.stringify(app)}`;
  }
  if (!existsSync('cdk.json')) return undefined;
  const config = JSON.parse(readFileSync('cdk.json', 'utf8')) as { app?: string };
  return config.app;
}
