/**
 * Type checking for the dev command, with the project's own TypeScript (resolved from the project
 * directory, never wsgate's) and the compiler options of the project's tsconfig.json. Only the
 * files the dev command watches are checked (the app, the handlers and the project files they
 * import), not everything the tsconfig includes; from one check to the next, files whose text is
 * unchanged keep their parsed form and their results (a semantic-diagnostics builder program), so
 * a check after an edit costs about the edited files.
 */
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type * as TypeScript from 'typescript';
import type { BuildProblem } from './build-problem.js';

type Ts = typeof TypeScript;

/** Why type checking is off, or how it is done. */
export type TypeCheckSetup =
  | { readonly enabled: false; readonly reason: string }
  | { readonly enabled: true; readonly checker: TypeChecker; readonly description: string };

/**
 * A type checker for the project around `dir`, when the project has TypeScript and a
 * tsconfig.json; otherwise why not (shown as one line).
 */
export function setUpTypeChecking(dir: string): TypeCheckSetup {
  let ts: Ts;
  try {
    const requireFromProject = createRequire(join(dir, 'package.json'));
    ts = requireFromProject(requireFromProject.resolve('typescript')) as Ts;
  } catch {
    return { enabled: false, reason: `type checking off: the project has no 'typescript' package (npm install --save-dev typescript)` };
  }
  const configPath = ts.findConfigFile(dir, (f) => ts.sys.fileExists(f));
  if (!configPath) return { enabled: false, reason: `type checking off: no tsconfig.json in ${dir} or above` };
  const config = ts.readConfigFile(configPath, (f) => ts.sys.readFile(f));
  if (config.error) return { enabled: false, reason: `type checking off: ${configPath}: ${ts.flattenDiagnosticMessageText(config.error.messageText, ' ')}` };
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(configPath), undefined, configPath);
  const options: TypeScript.CompilerOptions = { ...parsed.options, noEmit: true, incremental: false, composite: false, declaration: false, emitDeclarationOnly: false };
  delete options.tsBuildInfoFile;
  return { enabled: true, checker: new TypeChecker(ts, options), description: `TypeScript ${ts.version}, ${configPath}` };
}

/** Checks a set of files, reusing what it can from the previous check. */
export class TypeChecker {
  private readonly host: TypeScript.CompilerHost;
  private builder?: TypeScript.SemanticDiagnosticsBuilderProgram;
  /** Parsed files by path, with the text they were parsed from. */
  private readonly parsed = new Map<string, { text: string; file: TypeScript.SourceFile }>();

  constructor(private readonly ts: Ts, private readonly options: TypeScript.CompilerOptions) {
    const host = ts.createIncrementalCompilerHost(options);
    const parse = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
      const text = ts.sys.readFile(fileName);
      const known = this.parsed.get(fileName);
      if (known && text !== undefined && known.text === text) return known.file;
      const file = parse(fileName, languageVersion, onError, shouldCreate);
      if (file) this.parsed.set(fileName, { text: file.text, file });
      return file;
    };
    this.host = host;
  }

  /**
   * The type errors of `files` (absolute paths; the roots of the program are the `.ts`, `.tsx`,
   * `.mts` and `.cts` ones). Errors in other files (packages' types) are not reported.
   */
  public check(files: Iterable<string>): BuildProblem[] {
    const ts = this.ts;
    const wanted = new Set([...files].map((f) => resolve(f)).filter((f) => /\.[cm]?tsx?$/.test(f) && !f.endsWith('.d.ts')));
    this.builder = ts.createSemanticDiagnosticsBuilderProgram([...wanted], this.options, this.host, this.builder);
    const program = this.builder.getProgram();
    const problems: BuildProblem[] = [];
    for (const file of program.getSourceFiles()) {
      if (!wanted.has(resolve(file.fileName))) continue;
      const diagnostics = [...this.builder.getSyntacticDiagnostics(file), ...this.builder.getSemanticDiagnostics(file)];
      for (const d of diagnostics) {
        if (d.category !== ts.DiagnosticCategory.Error) continue;
        problems.push(problemOf(ts, d));
      }
    }
    for (const d of this.builder.getOptionsDiagnostics()) {
      if (d.category === ts.DiagnosticCategory.Error) problems.push(problemOf(ts, d));
    }
    return problems;
  }
}

function problemOf(ts: Ts, d: TypeScript.Diagnostic): BuildProblem {
  const message = `${ts.flattenDiagnosticMessageText(d.messageText, '\n')} (TS${d.code})`;
  if (!d.file || d.start === undefined) return { kind: 'type', message };
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  const lineStart = d.file.getPositionOfLineAndCharacter(line, 0);
  const lineEnd = d.file.text.indexOf('\n', lineStart);
  const lineText = d.file.text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd).replace(/\r$/, '');
  return { kind: 'type', message, file: resolve(d.file.fileName), line: line + 1, column: character + 1, lineText };
}
