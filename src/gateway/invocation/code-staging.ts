/**
 * Putting a function's code where it can run, as Lambda puts it in /var/task:
 * - ZipFile code becomes `index.js` in a directory of its own, with a package.json saying
 *   CommonJS, because Lambda runs inline Node.js code as CommonJS whatever surrounds it;
 * - an asset directory runs in place, unless it has no package.json of its own and sits below one
 *   saying `"type": "module"` (a cdk.out inside an ESM project): on Lambda nothing is above
 *   /var/task, so such a directory is copied to the work directory to keep its `.js` CommonJS;
 * - an entry source file runs in place through tsx.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { FunctionModel } from '../../model/gateway-model.js';
import type { LoadSpec } from './handler-loader.js';

/** A function's code, ready to load. */
export interface StagedCode {
  readonly spec: LoadSpec;
  /** LAMBDA_TASK_ROOT. */
  readonly taskRoot: string;
  /** The working directory of the instance: the task root, or the project for entry files (tsx reads its tsconfig there). */
  readonly cwd: string;
  /** The code is an entry source file that needs tsx. */
  readonly needsTsx: boolean;
}

const STAGED_MANIFEST = `${JSON.stringify({ type: 'commonjs', private: true })}\n`;

let copies = 0;

/** A directory name made of the function key, safe on every file system. */
function safeName(key: string): string {
  return key.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 80);
}

function packageTypeAbove(dir: string): string | undefined {
  let current = dirname(dir);
  for (;;) {
    const manifest = join(current, 'package.json');
    if (existsSync(manifest)) {
      try {
        const type = (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type;
        return typeof type === 'string' ? type : 'commonjs';
      } catch {
        return undefined;
      }
    }
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** True when the code of this function runs on a Node.js runtime. */
export function isNodeRuntime(fn: FunctionModel): boolean {
  return fn.runtime.startsWith('nodejs');
}

/**
 * Stages the function's code under `workDir` when needed and says how to load it. Paths in the
 * model that are relative are taken from `projectDir`.
 */
export function stageCode(fn: FunctionModel, workDir: string, projectDir: string): StagedCode {
  const code = fn.code;
  switch (code.kind) {
    case 'inline': {
      const digest = createHash('sha256').update(code.source).digest('hex').slice(0, 16);
      const dir = join(workDir, 'functions', `${safeName(fn.key)}-${digest}`);
      if (!existsSync(join(dir, 'index.js'))) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'package.json'), STAGED_MANIFEST);
        writeFileSync(join(dir, 'index.js'), code.source);
      }
      return { spec: { kind: 'handler', taskRoot: dir, handler: fn.handler }, taskRoot: dir, cwd: dir, needsTsx: false };
    }
    case 'directory': {
      let dir = isAbsolute(code.path) ? code.path : resolve(projectDir, code.path);
      if (existsSync(dir) && !existsSync(join(dir, 'package.json')) && packageTypeAbove(dir) === 'module') {
        const copy = join(workDir, 'functions', `${safeName(fn.key)}-copy${++copies}`);
        cpSync(dir, copy, { recursive: true });
        writeFileSync(join(copy, 'package.json'), STAGED_MANIFEST);
        dir = copy;
      }
      return { spec: { kind: 'handler', taskRoot: dir, handler: fn.handler }, taskRoot: dir, cwd: existsSync(dir) ? dir : projectDir, needsTsx: false };
    }
    case 'entry': {
      const file = isAbsolute(code.path) ? code.path : resolve(projectDir, code.path);
      return {
        spec: { kind: 'entry', file, exportName: code.handlerExport, handler: fn.handler },
        taskRoot: dirname(file),
        cwd: projectDir,
        needsTsx: true,
      };
    }
  }
}
