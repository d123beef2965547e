/**
 * The local source files of an entry (the app, or a handler) and their syntax, read with esbuild:
 * a bundle that is never written, with every package left external, lists in its metafile the
 * project files the entry imports, directly or not, and fails with the location of the first
 * syntax error or unresolvable import. It takes milliseconds, so it runs on every change.
 */
import { resolve } from 'node:path';
import { build, type Message } from 'esbuild';
import type { BuildProblem } from './build-problem.js';

/** What reading an entry gave: its files (absolute paths, the entry included), or its problems. */
export type SourceGraph =
  | { readonly ok: true; readonly files: ReadonlySet<string> }
  | { readonly ok: false; readonly problems: readonly BuildProblem[] };

/** Reads the local files of `entry` and checks their syntax. Paths in messages are resolved from `cwd`. */
export async function readSourceGraph(entry: string, cwd: string): Promise<SourceGraph> {
  try {
    const result = await build({
      entryPoints: [entry],
      absWorkingDir: cwd,
      bundle: true,
      write: false,
      metafile: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      outdir: resolve(cwd, '.wsgate-dev-unused'),
      logLevel: 'silent',
    });
    const files = new Set(Object.keys(result.metafile.inputs).filter((f) => !f.includes(':')).map((f) => resolve(cwd, f)));
    files.add(resolve(cwd, entry));
    return { ok: true, files };
  } catch (error) {
    const messages = (error as { errors?: Message[] }).errors;
    if (!Array.isArray(messages) || messages.length === 0) {
      return { ok: false, problems: [{ kind: 'syntax', message: (error as Error).message, file: resolve(cwd, entry) }] };
    }
    return { ok: false, problems: messages.map((m) => problemOf(m, cwd)) };
  }
}

function problemOf(message: Message, cwd: string): BuildProblem {
  const at = message.location;
  if (!at) return { kind: 'syntax', message: message.text };
  return { kind: 'syntax', message: message.text, file: resolve(cwd, at.file), line: at.line, column: at.column + 1, lineText: at.lineText };
}
