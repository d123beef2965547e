/**
 * Where the child runtime's script is, and the tsx loader entry functions need.
 *
 * Compiled (dist), the runtime is `child-runtime.js` next to this file and runs as is. Run from
 * source (through tsx), it is TypeScript, which a plain `node` child cannot run; loading tsx in
 * every child would cost each cold start hundreds of milliseconds, so instead the source is bundled
 * once per gateway process with esbuild into one JavaScript file in the work directory.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

let bundled: Promise<string> | undefined;

async function bundleSource(source: string): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [source],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/** The path of a script that runs the child runtime, writing it under `workDir` if needed. */
export async function childRuntimeScript(workDir: string): Promise<string> {
  const compiled = join(here, 'child-runtime.js');
  if (existsSync(compiled)) return compiled;
  bundled ??= bundleSource(join(here, 'child-runtime.ts')).catch((error: unknown) => {
    bundled = undefined;
    throw error;
  });
  const file = join(workDir, 'wsgate-lambda-runtime.mjs');
  writeFileSync(file, await bundled);
  return file;
}

/** The directory the runtime lives in (LAMBDA_RUNTIME_DIR). */
export const RUNTIME_DIR = here;

/** The `file:` URL of tsx's loader, for `--import`. */
export function tsxLoaderUrl(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
}
