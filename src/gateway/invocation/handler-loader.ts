/**
 * Finding and loading a handler the way Lambda's Node.js runtime does. Runs in the gateway
 * (in-process mode) and in the child runtime, so it only uses `node:` builtins.
 *
 * For `file.export` handlers in a task root: the module is the part of the handler's last path
 * segment before its first dot, and the export path is the rest (`index.handlers.main` is
 * `handlers.main` of `index`). The runtime tries, in order: the extensionless file; `file.js`
 * through `require` unless the nearest package.json says `"type": "module"`; `file.js` (when it
 * does) and `file.mjs` through `import`; `file.cjs` through `require`; and finally Node's own
 * resolution of the module name from the task root.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { RUNTIME_ERROR_TYPES, RuntimeError } from './lambda-errors.js';

/** Where a handler comes from; plain data, sent to the child runtime. */
export type LoadSpec =
  /** Lambda's `file.export` handler string, resolved in a task root (ZipFile code and asset directories). */
  | { readonly kind: 'handler'; readonly taskRoot: string; readonly handler: string }
  /** A source file and the name of its export (NodejsFunction entries, run through tsx). */
  | { readonly kind: 'entry'; readonly file: string; readonly exportName: string; readonly handler: string };

/** How modules are loaded: the child runtime loads each once; the in-process invoker can load again. */
export interface ModuleLoader {
  /** Loads a CommonJS file with `require`. */
  require(file: string): unknown;
  /** Loads a file with `import()`, giving its namespace. */
  import(file: string): Promise<unknown>;
  /** Loads an entry source file (TypeScript allowed), giving its namespace. */
  importEntry(file: string): Promise<unknown>;
  /** Resolves a module name as `require.resolve` would from these directories. */
  resolve(request: string, paths: readonly string[]): string;
}

/** A loaded handler. */
export type HandlerFunction = (event: unknown, context: unknown, callback: unknown) => unknown;

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** True when the nearest package.json between the file and the task root has `"type": "module"`. */
function hasTypeModule(file: string, taskRoot: string): boolean {
  const root = resolve(taskRoot);
  let dir = dirname(file);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type === 'module';
      } catch {
        return false;
      }
    }
    if (dir === root || !dir.startsWith(root + sep)) return false;
    dir = dirname(dir);
  }
}

/**
 * The syntax error in an esbuild failure (tsx compiles TypeScript entries, and every module when the
 * gateway itself runs under tsx): `Transform failed with 1 error:\n<file>:1:2: ERROR: <text>`.
 */
function transformSyntaxError(error: unknown): string | undefined {
  if ((error as { name?: unknown } | null)?.name !== 'TransformError') return undefined;
  const match = /^(.*?): ERROR: (.*)$/m.exec(String((error as Error).message));
  return match ? `SyntaxError: ${match[2]} (${match[1]})` : `SyntaxError: ${(error as Error).message}`;
}

/** Turns an error thrown while loading user code into what Lambda reports. */
function classifyLoadError(error: unknown): unknown {
  if (error instanceof SyntaxError) return new RuntimeError(RUNTIME_ERROR_TYPES.USER_CODE_SYNTAX, String(error));
  const transformed = transformSyntaxError(error);
  if (transformed) return new RuntimeError(RUNTIME_ERROR_TYPES.USER_CODE_SYNTAX, transformed);
  if ((error as { code?: unknown } | null)?.code === 'MODULE_NOT_FOUND') return new RuntimeError(RUNTIME_ERROR_TYPES.IMPORT_MODULE, String(error));
  return error;
}

async function loadModule(spec: Extract<LoadSpec, { kind: 'handler' }>, moduleRoot: string, moduleName: string, loader: ModuleLoader): Promise<unknown> {
  const base = resolve(spec.taskRoot, moduleRoot, moduleName);
  if (isFile(base)) return loader.require(base);
  const typeModule = hasTypeModule(base, spec.taskRoot);
  if (!typeModule && isFile(`${base}.js`)) return loader.require(`${base}.js`);
  if (typeModule && isFile(`${base}.js`)) return loader.import(`${base}.js`);
  if (isFile(`${base}.mjs`)) return loader.import(`${base}.mjs`);
  if (isFile(`${base}.cjs`)) return loader.require(`${base}.cjs`);
  let resolved: string;
  try {
    resolved = loader.resolve(moduleName, [spec.taskRoot, resolve(spec.taskRoot, moduleRoot)]);
  } catch {
    throw new RuntimeError(RUNTIME_ERROR_TYPES.IMPORT_MODULE, `Error: Cannot find module '${moduleName}'`);
  }
  return loader.require(resolved);
}

function property(object: unknown, path: string): unknown {
  let value = object;
  for (const key of path.split('.')) {
    if (value === null || value === undefined) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function checkHandler(value: unknown, handler: string): HandlerFunction {
  if (value === undefined || value === null) throw new RuntimeError(RUNTIME_ERROR_TYPES.HANDLER_NOT_FOUND, `${handler} is undefined or not exported`);
  if (typeof value !== 'function') throw new RuntimeError(RUNTIME_ERROR_TYPES.HANDLER_NOT_FOUND, `${handler} is not a function`);
  return value as HandlerFunction;
}

/**
 * Loads the module and returns its handler. Throws what Lambda would report: a {@link RuntimeError}
 * (`Runtime.ImportModuleError`, `Runtime.UserCodeSyntaxError`, `Runtime.HandlerNotFound`,
 * `Runtime.MalformedHandlerName`) or whatever the module threw while it was evaluated.
 */
export async function loadHandler(spec: LoadSpec, loader: ModuleLoader): Promise<HandlerFunction> {
  if (spec.kind === 'entry') {
    let namespace: unknown;
    try {
      namespace = await loader.importEntry(spec.file);
    } catch (error) {
      throw classifyLoadError(error);
    }
    let value = property(namespace, spec.exportName);
    // A CommonJS entry compiled by tsx may expose its exports only as the default export.
    if (value === undefined) value = property((namespace as { default?: unknown }).default, spec.exportName);
    return checkHandler(value, spec.handler);
  }
  if (spec.handler.includes('..')) {
    throw new RuntimeError(RUNTIME_ERROR_TYPES.MALFORMED_HANDLER_NAME, `'..' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`);
  }
  const handlerName = basename(spec.handler);
  const moduleRoot = spec.handler.slice(0, spec.handler.length - handlerName.length);
  const match = /^([^.]*)\.(.*)$/.exec(handlerName);
  if (!match) throw new RuntimeError(RUNTIME_ERROR_TYPES.MALFORMED_HANDLER_NAME, 'Bad handler');
  const [, moduleName, exportPath] = match;
  let namespace: unknown;
  try {
    namespace = await loadModule(spec, moduleRoot, moduleName, loader);
  } catch (error) {
    throw error instanceof RuntimeError ? error : classifyLoadError(error);
  }
  return checkHandler(property(namespace, exportPath), spec.handler);
}
