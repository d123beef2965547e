/**
 * `wsgate synth [app]`: runs the app in a child process with CDK_OUTDIR set (as the cdk CLI does),
 * then reads the cloud assembly back and prints a summary of its WebSocket APIs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CloudAssembly } from '../core/cloud-assembly.js';
import { summarizeAssembly } from './summary.js';

export async function synthCommand(args: string[]): Promise<number> {
  let output = process.env.WSGATE_OUTPUT ?? 'cdk.out';
  let app: string | undefined;
  let quiet = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-o' || a === '--output') output = args[++i] ?? output;
    else if (a === '--quiet') quiet = true;
    else if (a === '-h' || a === '--help') {
      process.stdout.write('Usage: wsgate synth [app] [--output DIR]\n  app: a .ts/.js file, or omitted to use the "app" command of ./cdk.json\n');
      return 0;
    } else if (a.startsWith('-')) {
      process.stderr.write(`wsgate synth: unknown option '${a}'. Run 'wsgate synth --help'.\n`);
      return 2;
    } else app = a;
  }

  if (app && !existsSync(app)) {
    process.stderr.write(`wsgate synth: no such file: ${app}. Give the app's .ts or .js file.\n`);
    return 2;
  }
  const command = appCommand(app);
  if (!command) {
    process.stderr.write('wsgate synth: no app given and no ./cdk.json with an "app" entry. Pass the app file: wsgate synth app.ts\n');
    return 2;
  }
  const outdir = resolve(output);
  const run = spawnSync(command, { shell: true, stdio: 'inherit', env: { ...process.env, CDK_OUTDIR: outdir } });
  if (run.status !== 0) {
    process.stderr.write(`wsgate synth: the app failed (exit code ${run.status ?? run.signal}). Fix the error above and run again.\n`);
    return 1;
  }
  if (!existsSync(resolve(outdir, 'manifest.json'))) {
    process.stderr.write(`wsgate synth: the app ran but wrote no cloud assembly to ${outdir}. Does it create an App?\n`);
    return 1;
  }
  if (!quiet) {
    process.stdout.write(summarizeAssembly(new CloudAssembly(outdir)));
    process.stdout.write(`\nCloud assembly written to ${outdir}\n`);
  }
  return 0;
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
