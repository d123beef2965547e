/**
 * What a broken edit looks like to the dev command: a syntax error (esbuild), a type error
 * (TypeScript), or an app that fails to synthesize, each with the file, line and column it points
 * at when one is known.
 */
import { isAbsolute, relative } from 'node:path';
import type { Terminal } from './terminal.js';

/** The kinds of problems, as the dev command names them. */
export const PROBLEM_KINDS = {
  syntax: 'syntax error',
  type: 'type error',
  synth: 'synth error',
  /** A fault of wsgate itself while building. */
  internal: 'wsgate error',
} as const;

export type ProblemKind = keyof typeof PROBLEM_KINDS;

/** One problem of a build. */
export interface BuildProblem {
  readonly kind: ProblemKind;
  readonly message: string;
  /** Absolute path of the file, when known. */
  readonly file?: string;
  /** 1-based. */
  readonly line?: number;
  /** 1-based. */
  readonly column?: number;
  /** The source line, for a caret under the column. */
  readonly lineText?: string;
  /** More output (the app's own output, for a synth error). */
  readonly detail?: string;
}

/** `file:line:column`, relative to `cwd` when inside it. */
export function locationOf(problem: BuildProblem, cwd = process.cwd()): string | undefined {
  if (!problem.file) return undefined;
  const rel = isAbsolute(problem.file) ? relative(cwd, problem.file) : problem.file;
  const shown = rel.startsWith('..') ? problem.file : rel;
  return [shown, problem.line, problem.line !== undefined ? problem.column : undefined].filter((p) => p !== undefined).join(':');
}

/** The problems as the terminal shows them: `file:line:col  kind: message`, the line and a caret. */
export function formatProblems(problems: readonly BuildProblem[], terminal: Terminal, cwd = process.cwd()): string[] {
  const lines: string[] = [];
  for (const p of problems) {
    const where = locationOf(p, cwd);
    lines.push(`${where ? `${terminal.paint(where, 'cyan')}  ` : ''}${terminal.paint(`${PROBLEM_KINDS[p.kind]}:`, 'red', 'bold')} ${p.message}`);
    if (p.lineText !== undefined && p.line !== undefined) {
      const gutter = `${p.line} | `;
      lines.push(terminal.paint(`  ${gutter}`, 'dim') + p.lineText);
      if (p.column !== undefined) lines.push(`  ${' '.repeat(gutter.length + Math.max(0, p.column - 1))}${terminal.paint('^', 'red')}`);
    }
    if (p.detail) lines.push(...p.detail.split('\n').map((l) => terminal.paint(`  ${l}`, 'dim')));
  }
  return lines;
}
