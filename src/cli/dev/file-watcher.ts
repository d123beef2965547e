/**
 * Watching the dev command's source files. Each directory holding a watched file is watched once
 * (fs.watch on the directory, so editors that save by writing a new file and renaming it are seen
 * too), events are gathered for a short while (one save often makes several), and a file counts
 * as changed only when its content did (a save without change, or a touch, rebuilds nothing).
 */
import { createHash } from 'node:crypto';
import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { dirname, join } from 'node:path';

/** How long events are gathered before the changed files are reported. */
export const DEBOUNCE_MS = 100;

export class FileWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  /** The content digest of each watched file (undefined: the file does not exist). */
  private readonly digests = new Map<string, string | undefined>();
  private readonly pending = new Set<string>();
  private timer?: NodeJS.Timeout;
  private closed = false;

  /** @param onChange called with the files (absolute paths) whose content changed */
  constructor(private readonly onChange: (files: string[]) => void, private readonly debounceMs = DEBOUNCE_MS) {}

  /** The files watched now. */
  public get files(): string[] {
    return [...this.digests.keys()];
  }

  /** Watches exactly these files (absolute paths) from now on. */
  public watch(files: Iterable<string>): void {
    if (this.closed) return;
    const wanted = new Set(files);
    for (const file of [...this.digests.keys()]) if (!wanted.has(file)) this.digests.delete(file);
    for (const file of wanted) if (!this.digests.has(file)) this.digests.set(file, digestOf(file));
    const dirs = new Set([...wanted].map((f) => dirname(f)));
    for (const [dir, watcher] of this.watchers) {
      if (dirs.has(dir)) continue;
      watcher.close();
      this.watchers.delete(dir);
    }
    for (const dir of dirs) {
      if (this.watchers.has(dir)) continue;
      try {
        const watcher = watch(dir, (_event, name) => this.saw(dir, name));
        watcher.on('error', () => {
          watcher.close();
          this.watchers.delete(dir);
        });
        this.watchers.set(dir, watcher);
      } catch {
        // A directory that went away: its files are seen again when a build watches them anew.
      }
    }
  }

  public close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  private saw(dir: string, name: string | Buffer | null): void {
    if (name === null) {
      for (const file of this.digests.keys()) if (dirname(file) === dir) this.pending.add(file);
    } else {
      const file = join(dir, name.toString());
      if (!this.digests.has(file)) return;
      this.pending.add(file);
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.debounceMs);
  }

  private flush(): void {
    this.timer = undefined;
    const changed: string[] = [];
    for (const file of this.pending) {
      if (!this.digests.has(file)) continue;
      const digest = digestOf(file);
      if (digest === this.digests.get(file)) continue;
      this.digests.set(file, digest);
      changed.push(file);
    }
    this.pending.clear();
    if (changed.length > 0 && !this.closed) this.onChange(changed);
  }
}

function digestOf(file: string): string | undefined {
  try {
    return createHash('sha1').update(readFileSync(file)).digest('hex');
  } catch {
    return undefined;
  }
}
