/**
 * Helpers of NodejsFunction: finding files upwards, the file that created the function, lock
 * files and package managers, and shell steps.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UnscopedValidationError } from '../../core/index.js';
import { Runtime } from '../../lambda/index.js';

/** Lock file names, by package manager. */
export enum LockFile {
  NPM = 'package-lock.json',
  YARN = 'yarn.lock',
  BUN = 'bun.lockb',
  BUN_LOCK = 'bun.lock',
  PNPM = 'pnpm-lock.yaml',
}

/** The first directory at or above `directory` that holds any of `names`; those files. */
export function findUpMultiple(names: string[], directory: string = process.cwd()): string[] {
  const absolute = path.resolve(directory);
  const files = names.map((name) => path.join(directory, name)).filter((file) => fs.existsSync(file));
  if (files.length > 0) return files;
  const { root } = path.parse(absolute);
  return absolute === root ? [] : findUpMultiple(names, path.dirname(absolute));
}

export function findUp(name: string, directory: string = process.cwd()): string | undefined {
  return findUpMultiple([name], directory)[0];
}

/**
 * The file of the code that called the constructor named `constructorName`: the stack frame right
 * after the constructor's own.
 */
export function findDefiningFile(constructorName: string): string | undefined {
  const previous = Error.prepareStackTrace;
  let sites: NodeJS.CallSite[] = [];
  try {
    Error.prepareStackTrace = (_, stack) => stack;
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder);
    sites = (holder.stack as NodeJS.CallSite[] | undefined) ?? [];
  } finally {
    Error.prepareStackTrace = previous;
  }
  const index = sites.findIndex((site) => site.getFunctionName() === constructorName);
  const caller = index >= 0 ? sites[index + 1] : undefined;
  const file = caller?.getFileName();
  if (!file) return undefined;
  return file.startsWith('file://') ? fileURLToPath(file) : file;
}

/** Whether the runtime ships AWS SDK v2 (Node.js 16 and older). */
export function isSdkV2Runtime(runtime: Runtime): boolean {
  const v2 = [Runtime.NODEJS, Runtime.NODEJS_4_3, Runtime.NODEJS_6_10, Runtime.NODEJS_8_10, Runtime.NODEJS_10_X, Runtime.NODEJS_12_X, Runtime.NODEJS_14_X, Runtime.NODEJS_16_X];
  return v2.some((r) => r.family === runtime.family && r.name === runtime.name);
}

/** Whether the runtime can load ECMAScript modules. */
export function isEsmRuntime(runtime: Runtime): boolean {
  const cjsOnly = [Runtime.NODEJS, Runtime.NODEJS_4_3, Runtime.NODEJS_6_10, Runtime.NODEJS_8_10, Runtime.NODEJS_10_X, Runtime.NODEJS_12_X];
  return !cjsOnly.some((r) => r.family === runtime.family && r.name === runtime.name);
}

/** How to install modules with the package manager of a lock file. */
export interface PackageManager {
  readonly lockFile: LockFile;
  readonly installCommand: string[];
}

export function packageManagerFor(lockFilePath: string, logLevel?: string): PackageManager {
  const quiet = logLevel !== undefined && logLevel !== 'info';
  switch (path.basename(lockFilePath)) {
    case LockFile.YARN:
      return { lockFile: LockFile.YARN, installCommand: quiet ? ['yarn', 'install', '--no-immutable', '--silent'] : ['yarn', 'install', '--no-immutable'] };
    case LockFile.PNPM:
      return {
        lockFile: LockFile.PNPM,
        installCommand: ['pnpm', 'install', ...(quiet ? ['--reporter', 'silent'] : []), '--config.node-linker=hoisted',
          '--config.package-import-method=clone-or-copy', '--no-prefer-frozen-lockfile'],
      };
    case LockFile.BUN:
    case LockFile.BUN_LOCK:
      return { lockFile: path.basename(lockFilePath) as LockFile, installCommand: quiet ? ['bun', 'install', '--backend', 'copyfile', '--silent'] : ['bun', 'install', '--backend', 'copyfile'] };
    default:
      return { lockFile: LockFile.NPM, installCommand: logLevel ? ['npm', 'ci', '--loglevel', logLevel] : ['npm', 'ci'] };
  }
}

/** The versions of `modules`, from the package.json at `pkgPath` or from what is installed. */
export function extractDependencies(pkgPath: string, modules: string[]): Record<string, string> {
  const pkg = JSON.parse(fs.readFileSync(pkgPath, 'utf8')) as Record<string, Record<string, string> | undefined>;
  const declared = { ...pkg.dependencies ?? {}, ...pkg.devDependencies ?? {}, ...pkg.peerDependencies ?? {} };
  const req = createRequire(pkgPath);
  const dependencies: Record<string, string> = {};
  for (const mod of modules) {
    let version: string | undefined = declared[mod];
    const fileMatch = version ? /file:(.+)/.exec(version) : null;
    if (fileMatch && !path.isAbsolute(fileMatch[1])) version = `file:${path.join(path.dirname(pkgPath), fileMatch[1])}`;
    if (!version) {
      try {
        version = (req(`${mod}/package.json`) as { version?: string }).version;
      } catch {
        version = undefined;
      }
    }
    if (!version) {
      throw new UnscopedValidationError('CannotExtractModuleVersion', `Cannot extract version for module '${mod}'. Check that it's referenced in your package.json or installed.`);
    }
    dependencies[mod] = version;
  }
  return dependencies;
}

/** Runs a command and fails unless it exits with status 0. */
export function exec(cmd: string, args: string[], options: SpawnSyncOptions): void {
  const proc = spawnSync(cmd, args, options);
  if (proc.error) throw proc.error;
  if (proc.status !== 0) {
    throw new UnscopedValidationError('CommandExitedWithNonZeroStatus',
      `${cmd} ${args.join(' ')} ${options.cwd ? `run in directory ${String(options.cwd)}` : ''} exited with status ${proc.status}`);
  }
}

/** Runs a shell command line (bash, or cmd on Windows). */
export function execShell(command: string, options: SpawnSyncOptions): void {
  if (os.platform() === 'win32') exec(process.env.COMSPEC ?? 'cmd', ['/c', command], { ...options, windowsVerbatimArguments: true });
  else exec('bash', ['-c', command], options);
}
