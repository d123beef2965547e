// Synthesizes parity programs in this process and writes their templates, errors and warnings to a JSON file.
//
// Usage: node --import tsx [--import ./test/parity/hooks/register-wsgate.ts] test/parity/run-programs.ts <outfile.json> [program...]
//
// Which library the programs get is decided only by the module-resolution hooks this process was started
// with: without the wsgate hook `aws-cdk-lib` is the real package, with it the imports land in src/.
// Programs run one after another in sorted order (or the order given), all in this one process. That matters
// for deprecation warnings: aws-cdk-lib prints each one only once per process.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'node:util';

/** What the runner records for one program. */
export interface ProgramResult {
  /** Template per stack artifact id, present when build() and synth() succeeded. */
  readonly templates?: Record<string, unknown>;
  /** A few stack properties from manifest.json that are not part of the template. */
  readonly stacks?: Record<string, StackInfo>;
  /** Set when build() or synth() threw. */
  readonly error?: { readonly name: string; readonly message: string; readonly stack?: string };
  /** Everything written to stderr, console.warn or console.error while the program ran, split into lines. */
  readonly warnings: string[];
}

/** The parts of a stack artifact in manifest.json that the parity test compares. */
export interface StackInfo {
  readonly environment?: string;
  readonly stackName?: string;
  readonly terminationProtection?: boolean;
  readonly stackDependencies: string[];
}

/** The outfile: one entry per program name. */
export type RunnerOutput = Record<string, ProgramResult>;

interface ProgramModule {
  readonly default: () => { synth(): unknown };
}

interface ManifestArtifact {
  readonly type?: string;
  readonly environment?: string;
  readonly dependencies?: string[];
  readonly properties?: { templateFile?: string; stackName?: string; terminationProtection?: boolean };
}

export const PROGRAMS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'programs');

/** Names of all programs, i.e. the `.ts` files in programs/ without the extension, sorted. */
export function listPrograms(): string[] {
  return readdirSync(PROGRAMS_DIR)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => basename(file, '.ts'))
    .sort();
}

/** Reads manifest.json and every CloudFormation stack template it lists. */
function readAssembly(outdir: string): Pick<ProgramResult, 'templates' | 'stacks'> {
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as {
    artifacts?: Record<string, ManifestArtifact>;
  };
  const artifacts = manifest.artifacts ?? {};
  const isStack = (id: string): boolean => artifacts[id]?.type === 'aws:cloudformation:stack';
  const templates: Record<string, unknown> = {};
  const stacks: Record<string, StackInfo> = {};
  for (const [id, artifact] of Object.entries(artifacts)) {
    if (!isStack(id)) continue;
    const templateFile = artifact.properties?.templateFile;
    if (templateFile === undefined) {
      throw new Error(`manifest.json: stack artifact ${id} has no properties.templateFile`);
    }
    templates[id] = JSON.parse(readFileSync(join(outdir, templateFile), 'utf8'));
    stacks[id] = {
      environment: artifact.environment,
      stackName: artifact.properties?.stackName,
      terminationProtection: artifact.properties?.terminationProtection,
      stackDependencies: (artifact.dependencies ?? []).filter(isStack),
    };
  }
  return { templates, stacks };
}

/** Starts collecting stderr output; the returned function stops it and yields the collected lines. */
function captureStderr(): () => string[] {
  const chunks: string[] = [];
  const original = { write: process.stderr.write, warn: console.warn, error: console.error };
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  }) as typeof process.stderr.write;
  console.warn = (...args: unknown[]) => void chunks.push(`${format(...args)}\n`);
  console.error = (...args: unknown[]) => void chunks.push(`${format(...args)}\n`);
  return () => {
    process.stderr.write = original.write;
    console.warn = original.warn;
    console.error = original.error;
    return chunks.join('').split(/\r?\n/).filter((line) => line.length > 0);
  };
}

function describeError(error: unknown): NonNullable<ProgramResult['error']> {
  if (error instanceof Error) {
    return { name: error.name, message: error.message, stack: error.stack };
  }
  return { name: typeof error, message: String(error) };
}

/** Builds and synthesizes one program into a fresh CDK_OUTDIR and returns what it produced. */
export async function runProgram(name: string): Promise<ProgramResult> {
  // PARITY_TMPDIR lets the test put the outdirs in its own work directory, so even a killed run leaves nothing behind.
  const outdir = mkdtempSync(join(process.env.PARITY_TMPDIR ?? tmpdir(), `parity-${name}-`));
  const previousOutdir = process.env.CDK_OUTDIR;
  process.env.CDK_OUTDIR = outdir;
  // aws-cdk-lib's App registers a `beforeExit` synth when CDK_OUTDIR is set; the runner synthesizes
  // explicitly, so those listeners are removed again afterwards.
  const listenersBefore = new Set(process.rawListeners('beforeExit'));
  const stopCapture = captureStderr();
  let result: Omit<ProgramResult, 'warnings'>;
  try {
    const module = (await import(pathToFileURL(join(PROGRAMS_DIR, `${name}.ts`)).href)) as ProgramModule;
    const app = module.default();
    app.synth();
    result = readAssembly(outdir);
  } catch (error) {
    result = { error: describeError(error) };
  } finally {
    const warnings = stopCapture();
    result ??= {};
    Object.assign(result, { warnings });
    for (const listener of process.rawListeners('beforeExit')) {
      if (!listenersBefore.has(listener)) {
        process.removeListener('beforeExit', listener as (...args: unknown[]) => void);
      }
    }
    if (previousOutdir === undefined) delete process.env.CDK_OUTDIR;
    else process.env.CDK_OUTDIR = previousOutdir;
    rmSync(outdir, { recursive: true, force: true });
  }
  return result as ProgramResult;
}

async function main(argv: string[]): Promise<void> {
  const [outfile, ...requested] = argv;
  if (outfile === undefined) {
    throw new Error('usage: run-programs.ts <outfile.json> [program...]');
  }
  const names = requested.length > 0 ? requested : listPrograms();
  const output: RunnerOutput = {};
  for (const name of names) {
    // The progress file names the program in flight, so a caller that had to kill a hung run can say which.
    writeFileSync(`${outfile}.progress`, name);
    output[name] = await runProgram(name);
    writeFileSync(outfile, JSON.stringify(output, null, 1));
  }
  writeFileSync(outfile, JSON.stringify(output, null, 1));
  rmSync(`${outfile}.progress`, { force: true });
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await main(process.argv.slice(2));
    // Exit explicitly: pending `beforeExit` work of the libraries under test must not run after the results.
    process.exit(0);
  } catch (error) {
    process.stderr.write(`run-programs: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  }
}
