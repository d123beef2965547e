/**
 * Running the user's app for the dev command: each synth is a new child process (Node's module
 * cache cannot forget the app's modules, so importing it again in-process would see old code),
 * with `CDK_OUTDIR` set to a fresh directory, as the cdk CLI runs apps, and the context
 * `wsgate:recordEntry` so that NodejsFunction records its entry file and the gateway runs the
 * TypeScript source directly. The context of ./cdk.json and of `CDK_CONTEXT_JSON` is passed on.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { BuildProblem } from './build-problem.js';

/** NodejsFunction's RECORD_ENTRY_CONTEXT (src/lambda-nodejs/function.ts), written out so the CLI does not load the construct library. */
const RECORD_ENTRY_CONTEXT = 'wsgate:recordEntry';

/** How to run the app. */
export interface AppSpec {
  /** The program and its arguments, or a shell command line (the `app` of cdk.json). */
  readonly command: { readonly file: string; readonly args: readonly string[] } | { readonly shell: string };
  /** The app's source file (absolute), when known: it is watched, with what it imports. */
  readonly appFile?: string;
  /** What the command shows as the app. */
  readonly label: string;
  /** Context for the app (cdk.json's), `wsgate:recordEntry` added at each run. */
  readonly context: Readonly<Record<string, unknown>>;
  readonly cwd: string;
}

/** What a synth gave. */
export type SynthOutcome = { readonly ok: true } | { readonly ok: false; readonly problems: readonly BuildProblem[] };

/** The app to run: the given file, or the `app` command of ./cdk.json. Throws an Error saying what to do when there is none. */
export function resolveApp(app: string | undefined, cwd: string): AppSpec {
  const cdkJson = join(cwd, 'cdk.json');
  const config = existsSync(cdkJson) ? (JSON.parse(readFileSync(cdkJson, 'utf8')) as { app?: unknown; context?: Record<string, unknown> }) : undefined;
  const context = config?.context ?? {};
  if (app !== undefined) {
    const file = resolve(cwd, app);
    if (!existsSync(file)) throw new Error(`no such file: ${app}. Give the app's .ts or .js file`);
    return { command: nodeCommand(file), appFile: file, label: app, context, cwd };
  }
  if (typeof config?.app !== 'string') {
    throw new Error('no app given and no ./cdk.json with an "app" entry. Pass the app file: wsgate dev app.ts');
  }
  return { command: { shell: config.app }, appFile: appFileOf(config.app, cwd), label: `cdk.json: ${config.app}`, context, cwd };
}

/** Node running the file: TypeScript through tsx, with the wsgate-source condition (apps inside this repository import wsgate's sources). */
function nodeCommand(file: string): { file: string; args: string[] } {
  if (!/\.[cm]?tsx?$/.test(file)) return { file: process.execPath, args: [file] };
  return { file: process.execPath, args: ['--conditions=wsgate-source', '--import', import.meta.resolve('tsx'), file] };
}

/** The source file a cdk.json `app` command runs (its first argument that is a .ts or .js file). */
function appFileOf(command: string, cwd: string): string | undefined {
  for (const word of command.split(/\s+/)) {
    const unquoted = word.replace(/^["']|["']$/g, '');
    if (!/\.[cm]?[jt]sx?$/.test(unquoted)) continue;
    const file = isAbsolute(unquoted) ? unquoted : resolve(cwd, unquoted);
    if (existsSync(file)) return file;
  }
  return undefined;
}

/** Most output kept from a failed run. */
const OUTPUT_LIMIT = 64 * 1024;
/** Lines of the app's output (or of its error's stack) shown under a synth error. */
const DETAIL_LINES = 12;

/**
 * Runs the app with its cloud assembly going to `outdir`. A failure is a synth problem pointing at
 * the first frame of its stack in `ownFiles` (the app's sources), else in the project.
 */
export function synthesize(spec: AppSpec, outdir: string, ownFiles: ReadonlySet<string>): Promise<SynthOutcome> {
  const inherited = process.env.CDK_CONTEXT_JSON ? (JSON.parse(process.env.CDK_CONTEXT_JSON) as Record<string, unknown>) : {};
  const env = {
    ...process.env,
    CDK_OUTDIR: outdir,
    CDK_CONTEXT_JSON: JSON.stringify({ ...spec.context, ...inherited, [RECORD_ENTRY_CONTEXT]: true }),
  };
  const child = 'shell' in spec.command
    ? spawn(spec.command.shell, { cwd: spec.cwd, env, shell: true, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(spec.command.file, [...spec.command.args], { cwd: spec.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > OUTPUT_LIMIT) output = output.slice(-OUTPUT_LIMIT);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return new Promise((resolvePromise) => {
    child.once('error', (error) => resolvePromise({ ok: false, problems: [{ kind: 'synth', message: `the app could not be started: ${error.message}` }] }));
    child.once('close', (code, signal) => {
      if (code === 0 && existsSync(join(outdir, 'manifest.json'))) return resolvePromise({ ok: true });
      if (code === 0) {
        return resolvePromise({ ok: false, problems: [{ kind: 'synth', message: `the app ran but wrote no cloud assembly. Does it create an App and call app.synth()?`, file: spec.appFile }] });
      }
      resolvePromise({ ok: false, problems: [synthProblem(output, code ?? signal ?? 'unknown', spec, ownFiles)] });
    });
  });
}

/** The error the app's output reports, located at the first stack frame in the app's files (else in the project). */
function synthProblem(output: string, exit: number | string, spec: AppSpec, ownFiles: ReadonlySet<string>): BuildProblem {
  const text = stripVTControlCharacters(output);
  const message = /^\s*((?:[A-Z]\w*)?(?:Error|Exception)\b[^\n]*)/m.exec(text)?.[1]?.trim();
  const frames = [...text.matchAll(/(?:file:\/\/)?((?:\/|[A-Za-z]:[\\/])[^\s():'"]+\.[cm]?[jt]sx?):(\d+):(\d+)/g)]
    .map((m) => ({ file: m[1], line: Number(m[2]), column: Number(m[3]) }))
    .filter((f) => existsSync(f.file) && !f.file.includes('node_modules'));
  const frame = frames.find((f) => ownFiles.has(f.file)) ?? frames.find((f) => f.file.startsWith(spec.cwd));
  // With an error and its place, its stack says enough; otherwise the app's output is all there is.
  const stack = text.split('\n').filter((l) => /^\s+at /.test(l)).map((l) => l.trim());
  const shown = message && stack.length > 0 ? stack : text.trimEnd().split('\n').filter((l) => !/^Bundling asset /.test(l));
  const detail = shown.length > DETAIL_LINES ? [...shown.slice(0, DETAIL_LINES), `… (${shown.length - DETAIL_LINES} more lines)`] : shown;
  return {
    kind: 'synth',
    message: message ?? `the app failed (exit ${exit})`,
    file: frame?.file ?? spec.appFile,
    line: frame?.line,
    column: frame?.column,
    lineText: frame ? lineOf(frame.file, frame.line) : undefined,
    detail: detail.join('\n'),
  };
}

/** Line `line` (1-based) of a file. */
function lineOf(file: string, line: number): string | undefined {
  try {
    return readFileSync(file, 'utf8').split('\n')[line - 1]?.replace(/\r$/, '');
  } catch {
    return undefined;
  }
}
