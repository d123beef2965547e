/**
 * One `wsgate dev` session: builds the app, serves it, and rebuilds on every change of the app or a
 * handler, swapping the new version into the running gateway (Gateway.reload) without dropping
 * clients. A build that fails leaves the last good version serving.
 *
 * Two kinds of builds:
 * - full, when the app or a file it imports changed (and at start): the app's and the handlers'
 *   syntax is checked, the app is synthesized in a child process into a new cloud assembly, the
 *   template is read, the handlers' files are listed again, types are checked, and the gateway
 *   reloads the new assembly;
 * - handler only, when only files of handlers changed: their syntax and the types are checked, and
 *   the gateway retires the handlers whose files changed (their next invocation runs the new code).
 *
 * Handlers are found through the entry files NodejsFunction records (`wsgate:recordEntry`); the
 * code of other functions (inline, asset directories) changes only with the app, and is picked up
 * by a full build.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { Gateway, type GatewayEndpoint, type ReloadSummary } from '../../gateway/gateway.js';
import type { GatewayOptions } from '../../gateway/options.js';
import type { GatewayModel } from '../../model/gateway-model.js';
import { readTemplateSources } from '../../model/load-source.js';
import { loadGatewayModel } from '../../model/load-template.js';
import { ModelError } from '../../model/model-error.js';
import { synthesize, type AppSpec } from './app-runner.js';
import { bannerLines, reloadLine, seconds, stageLines } from './banner.js';
import { formatProblems, type BuildProblem } from './build-problem.js';
import { FileWatcher } from './file-watcher.js';
import { formatRequest } from './request-log.js';
import { readSourceGraph } from './source-graph.js';
import { BuildProgress, type Terminal } from './terminal.js';
import type { TypeCheckSetup } from './type-checker.js';

export interface DevSessionOptions {
  readonly app: AppSpec;
  /** Options of the gateway (port, host, invocation mode, TLS, …); `log` and `warn` are the session's. */
  readonly gateway: Omit<GatewayOptions, 'log' | 'warn'>;
  readonly typeChecking: TypeCheckSetup;
  readonly terminal: Terminal;
  /** No request log. */
  readonly quiet?: boolean;
  /** What to tell the user when the gateway cannot start (the port is taken, …). */
  readonly explainStartFailure: (error: unknown) => string;
}

/** A version that built: its cloud assembly, and the files it was built from. */
interface GoodVersion {
  readonly assemblyDir: string;
  /** The app's file and the project files it imports. */
  readonly appFiles: ReadonlySet<string>;
  /** Entry file of each function whose code is an entry, by function key. */
  readonly entries: ReadonlyMap<string, string>;
  /** The files of each such function (its entry and the project files it imports), by function key. */
  readonly handlerFiles: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Why a build stopped. */
class BuildFailed extends Error {
  constructor(public readonly problems: readonly BuildProblem[]) {
    super('build failed');
  }
}

export class DevSession {
  /** Settles with the exit code when the session cannot go on (the gateway could not start). */
  public readonly finished: Promise<number>;
  private finish!: (code: number) => void;
  private gateway?: Gateway;
  private good?: GoodVersion;
  /** Files a failed build needs watched (new imports), besides the good version's. */
  private extraWatched = new Set<string>();
  private readonly watcher: FileWatcher;
  private readonly workDir = mkdtempSync(join(tmpdir(), 'wsgate-dev-'));
  private builds = 0;
  private readonly queued = new Set<string>();
  private running?: Promise<void>;
  private stopped = false;
  private inProcessNoteShown = false;
  private readonly cwd: string;

  constructor(private readonly options: DevSessionOptions) {
    this.cwd = options.app.cwd;
    this.finished = new Promise((resolvePromise) => (this.finish = resolvePromise));
    this.watcher = new FileWatcher((files) => this.changed(files));
  }

  /** The running gateway, once a version built. */
  public get current(): Gateway | undefined {
    return this.gateway;
  }

  /** Builds and serves the app; when the first build fails, waits for a change that fixes it. Never rejects. */
  public async start(): Promise<void> {
    const { terminal, typeChecking, app } = this.options;
    if (typeChecking.enabled === false) terminal.line(terminal.paint(typeChecking.reason, 'yellow'));
    if (!app.appFile) terminal.line(terminal.paint(`no .ts or .js file in ${app.label}: only the handlers are watched (give the app file: wsgate dev app.ts)`, 'yellow'));
    await this.build([]);
  }

  /** Stops watching, stops the gateway (clients are closed with 1001) and removes the session's files. */
  public async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.watcher.close();
    await this.running?.catch(() => undefined);
    await this.gateway?.stop();
    rmSync(this.workDir, { recursive: true, force: true });
  }

  private changed(files: string[]): void {
    void this.build(files);
  }

  /** Runs builds one after the other until no change is queued. */
  private build(files: string[]): Promise<void> {
    for (const file of files) this.queued.add(file);
    if (this.running) return this.running;
    const loop = async () => {
      do {
        const batch = [...this.queued];
        this.queued.clear();
        if (this.stopped) return;
        await this.buildOnce(batch);
      } while (this.queued.size > 0);
    };
    this.running = loop().finally(() => { this.running = undefined; });
    return this.running;
  }

  private async buildOnce(changed: readonly string[]): Promise<void> {
    const { terminal } = this.options;
    const good = this.good;
    const full = !good || !this.gateway || changed.some((f) => good.appFiles.has(f) || !this.isHandlerFile(good, f));
    if (changed.length > 0) terminal.line(terminal.paint(`↻ ${changed.map((f) => this.show(f)).join(', ')} changed`, 'dim'));
    const progress = new BuildProgress(terminal, full ? 'checking' : 'checking handlers');
    try {
      const retired = good ? [...good.handlerFiles].filter(([, files]) => changed.some((f) => files.has(f))).map(([key]) => key) : [];
      const version = full ? await this.fullBuild(progress, good) : await this.handlerBuild(progress, good!, retired);
      progress.update(this.gateway ? 'swapping' : 'starting the gateway');
      await this.serve(version, retired, progress);
      this.noteInProcessLimits(version, changed, retired);
    } catch (error) {
      progress.done();
      const problems: readonly BuildProblem[] = error instanceof BuildFailed ? error.problems : [{ kind: 'internal', message: (error as Error).stack ?? String(error) }];
      this.watcher.watch(this.watchSet());
      terminal.line(
        `${terminal.paint('✗ build failed', 'red', 'bold')} ${terminal.paint(`(${seconds(progress.elapsedMs)})`, 'dim')}${this.gateway ? '; still serving the last good version' : '; waiting for a change'}`,
        ...formatProblems(problems, terminal, this.cwd),
      );
    }
  }

  /** Everything from the app: syntax, synth, template, handlers' files, types. */
  private async fullBuild(progress: BuildProgress, previous: GoodVersion | undefined): Promise<GoodVersion> {
    const { app } = this.options;
    let appFiles: ReadonlySet<string> = new Set();
    if (app.appFile) {
      progress.update(`checking ${this.show(app.appFile)}`);
      const graph = await readSourceGraph(app.appFile, this.cwd);
      if (!graph.ok) throw new BuildFailed(graph.problems);
      appFiles = graph.files;
      this.extraWatched = new Set(appFiles);
    }
    // The handlers the app had: a syntax error there is shown as such, not as a failed bundle.
    if (previous) await this.readHandlers(previous.entries);

    progress.update(`synth ${app.label}`);
    const assemblyDir = join(this.workDir, String(++this.builds));
    const outcome = await synthesize(app, assemblyDir, appFiles);
    if (!outcome.ok) {
      rmSync(assemblyDir, { recursive: true, force: true });
      throw new BuildFailed(outcome.problems);
    }
    let model: GatewayModel;
    try {
      model = loadGatewayModel(readTemplateSources(assemblyDir, this.options.gateway.parameters), { region: this.options.gateway.region, account: this.options.gateway.account });
    } catch (error) {
      rmSync(assemblyDir, { recursive: true, force: true });
      if (!(error instanceof ModelError)) throw error;
      throw new BuildFailed([{ kind: 'synth', message: `the template cannot be served: ${error.message}`, file: app.appFile }]);
    }
    const entries = new Map<string, string>();
    for (const fn of model.functions.values()) {
      if (fn.code.kind === 'entry') entries.set(fn.key, isAbsolute(fn.code.path) ? fn.code.path : resolve(this.cwd, fn.code.path));
    }
    progress.update('checking handlers');
    const handlerFiles = await this.readHandlers(entries);
    const version = { assemblyDir, appFiles, entries, handlerFiles };
    try {
      this.checkTypes(progress, version);
    } catch (error) {
      rmSync(assemblyDir, { recursive: true, force: true });
      throw error;
    }
    return version;
  }

  /** Only handlers' files changed: their syntax and the types. */
  private async handlerBuild(progress: BuildProgress, good: GoodVersion, retired: readonly string[]): Promise<GoodVersion> {
    const changedEntries = new Map(retired.map((key) => [key, good.entries.get(key)!]));
    const reread = await this.readHandlers(changedEntries);
    const handlerFiles = new Map(good.handlerFiles);
    for (const [key, files] of reread) handlerFiles.set(key, files);
    const version = { ...good, handlerFiles };
    this.checkTypes(progress, version);
    return version;
  }

  /** The files of each entry; the syntax problems of all of them when there are any. */
  private async readHandlers(entries: ReadonlyMap<string, string>): Promise<Map<string, ReadonlySet<string>>> {
    const files = new Map<string, ReadonlySet<string>>();
    const problems: BuildProblem[] = [];
    const seen = new Set<string>();
    const graphs = await Promise.all([...entries].map(async ([key, entry]) => [key, entry, await readSourceGraph(entry, this.cwd)] as const));
    for (const [key, entry, graph] of graphs) {
      if (graph.ok) {
        files.set(key, graph.files);
        for (const f of graph.files) this.extraWatched.add(f);
        continue;
      }
      this.extraWatched.add(entry);
      // Two handlers importing the same broken file report it once.
      for (const p of graph.problems) {
        const id = `${p.file}:${p.line}:${p.column}:${p.message}`;
        if (seen.has(id)) continue;
        seen.add(id);
        problems.push(p);
      }
    }
    if (problems.length > 0) throw new BuildFailed(problems);
    return files;
  }

  private checkTypes(progress: BuildProgress, version: GoodVersion): void {
    const setup = this.options.typeChecking;
    if (!setup.enabled) return;
    progress.update('type checking');
    const problems = setup.checker.check(filesOf(version));
    if (problems.length > 0) throw new BuildFailed(problems);
  }

  /** Starts the gateway on the version, or swaps the version into it. */
  private async serve(version: GoodVersion, retired: readonly string[], progress: BuildProgress): Promise<void> {
    const { terminal } = this.options;
    const previous = this.good;
    if (!this.gateway) {
      try {
        this.gateway = await Gateway.start(version.assemblyDir, {
          ...this.options.gateway,
          log: this.options.quiet ? false : (line) => terminal.line(...formatRequest(line, terminal, this.manyStages())),
          warn: (message) => terminal.line(terminal.paint(message, 'yellow')),
        });
      } catch (error) {
        progress.done();
        terminal.line(`${terminal.paint('✗ the gateway cannot start:', 'red', 'bold')} ${this.options.explainStartFailure(error)}`);
        this.finish(1);
        return;
      }
      this.commit(version, previous);
      progress.done();
      const typeChecking = this.options.typeChecking.enabled ? `types checked with ${this.options.typeChecking.description}` : 'types not checked';
      terminal.line(...bannerLines(this.gateway, {
        app: this.options.app.label,
        mode: this.options.gateway.invocationMode ?? 'isolated',
        persist: this.options.gateway.dynamodb?.persist ?? false,
        watchedFiles: this.watcher.files.length,
        typeChecking,
        elapsedMs: progress.elapsedMs,
      }, terminal, this.cwd));
      return;
    }
    let summary: ReloadSummary;
    try {
      summary = await this.gateway.reload(version.assemblyDir, { changedFunctions: retired });
    } catch (error) {
      if (version.assemblyDir !== previous?.assemblyDir) rmSync(version.assemblyDir, { recursive: true, force: true });
      throw new BuildFailed([{ kind: 'synth', message: `the new version cannot be served: ${(error as Error).message}` }]);
    }
    this.commit(version, previous);
    progress.done();
    const names = (key: string) => (version.entries.has(key) ? this.show(version.entries.get(key)!) : key);
    terminal.line(reloadLine(summary, names, progress.elapsedMs, terminal));
    if (summary.stagesAdded.length > 0) {
      const added = new Set(summary.stagesAdded);
      terminal.line(...stageLines(this.gateway.endpoints().filter((e: GatewayEndpoint) => added.has(`${e.apiName}/${e.stage}`)), terminal));
    }
  }

  /** The version is the good one now: its files are watched, the previous assembly goes. */
  private commit(version: GoodVersion, previous: GoodVersion | undefined): void {
    this.good = version;
    this.extraWatched = new Set();
    this.watcher.watch(this.watchSet());
    if (previous && previous.assemblyDir !== version.assemblyDir) rmSync(previous.assemblyDir, { recursive: true, force: true });
  }

  private watchSet(): Set<string> {
    const files = new Set(this.extraWatched);
    if (this.options.app.appFile) files.add(this.options.app.appFile);
    if (this.good) for (const f of filesOf(this.good)) files.add(f);
    return files;
  }

  /** More than one stage is served (the request log then names the stage). */
  private manyStages(): boolean {
    let stages = 0;
    for (const api of this.gateway?.model.apis ?? []) stages += api.stages.size;
    return stages > 1;
  }

  private isHandlerFile(good: GoodVersion, file: string): boolean {
    for (const files of good.handlerFiles.values()) if (files.has(file)) return true;
    return false;
  }

  /**
   * In-process, a handler's entry is evaluated again when it is retired, but the modules it
   * imports stay loaded (Node cannot unload ES modules): said once, when such a module changed.
   */
  private noteInProcessLimits(version: GoodVersion, changed: readonly string[], retired: readonly string[]): void {
    if (this.inProcessNoteShown || this.options.gateway.invocationMode !== 'in-process') return;
    const entries = new Set(retired.map((key) => version.entries.get(key)));
    if (!changed.some((f) => !entries.has(f) && !version.appFiles.has(f))) return;
    this.inProcessNoteShown = true;
    const { terminal } = this.options;
    terminal.line(terminal.paint('  note: in-process handlers reload their entry file, but the modules it imports keep their first version; restart, or leave out --in-process, to reload those too', 'yellow'));
  }

  private show(file: string): string {
    const rel = relative(this.cwd, file);
    return rel.startsWith('..') ? file : rel;
  }
}

function filesOf(version: GoodVersion): Set<string> {
  const files = new Set(version.appFiles);
  for (const set of version.handlerFiles.values()) for (const f of set) files.add(f);
  return files;
}
