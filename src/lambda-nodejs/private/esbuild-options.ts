/**
 * esbuild command-line flags as options of esbuild's JavaScript API. NodejsFunction describes its
 * build as the flags aws-cdk-lib passes to the esbuild binary; reading them back here keeps the
 * two builds the same, including the order in which repeated flags override each other.
 */
import type { BuildOptions, Format, Loader, LogLevel, Platform } from 'esbuild';

/** A flag wsgate does not know how to pass to the JavaScript API. */
export class UnsupportedEsbuildFlagError extends Error {
  constructor(public readonly flag: string) {
    super(`esbuild flag '${flag}' is not supported by wsgate's bundler`);
  }
}

/** What the flags ask for that is not a build option. */
export interface ParsedFlags {
  readonly options: BuildOptions;
  /** Where to write the metafile (`--metafile=<path>`), if anywhere. */
  readonly metafilePath?: string;
}

/**
 * Turns a list of esbuild flags into build options. The entry point is not among the flags. Flags
 * that take one value keep the last; flags that build up a map or list accumulate.
 */
export function parseEsbuildFlags(flags: readonly string[]): ParsedFlags {
  const o: Record<string, unknown> = {};
  const map = (key: string) => (o[key] ??= {}) as Record<string, string>;
  const list = (key: string) => (o[key] ??= []) as string[];
  let metafilePath: string | undefined;

  for (const flag of flags) {
    const [name, value] = splitFlag(flag);
    switch (name) {
      case '--bundle': o.bundle = true; break;
      case '--minify': o.minify = true; break;
      case '--minify-whitespace': o.minifyWhitespace = true; break;
      case '--minify-identifiers': o.minifyIdentifiers = true; break;
      case '--minify-syntax': o.minifySyntax = true; break;
      case '--keep-names': o.keepNames = true; break;
      case '--ignore-annotations': o.ignoreAnnotations = true; break;
      case '--preserve-symlinks': o.preserveSymlinks = true; break;
      case '--allow-overwrite': o.allowOverwrite = true; break;
      case '--splitting': o.splitting = true; break;
      case '--target': o.target = required(flag, value).split(','); break;
      case '--platform': o.platform = required(flag, value) as Platform; break;
      case '--format': o.format = required(flag, value) as Format; break;
      case '--outfile': o.outfile = required(flag, value); break;
      case '--outdir': o.outdir = required(flag, value); break;
      case '--sourcemap': o.sourcemap = value === undefined ? true : value as BuildOptions['sourcemap']; break;
      case '--sources-content': o.sourcesContent = bool(flag, value); break;
      case '--source-root': o.sourceRoot = required(flag, value); break;
      case '--log-level': o.logLevel = required(flag, value) as LogLevel; break;
      case '--log-limit': o.logLimit = Number(required(flag, value)); break;
      case '--tsconfig': o.tsconfig = required(flag, value); break;
      case '--metafile': metafilePath = required(flag, value); o.metafile = true; break;
      case '--main-fields': o.mainFields = required(flag, value).split(','); break;
      case '--conditions': o.conditions = required(flag, value).split(','); break;
      case '--resolve-extensions': o.resolveExtensions = required(flag, value).split(','); break;
      case '--legal-comments': o.legalComments = required(flag, value); break;
      case '--charset': o.charset = required(flag, value); break;
      case '--tree-shaking': o.treeShaking = bool(flag, value); break;
      case '--packages': o.packages = required(flag, value); break;
      case '--line-limit': o.lineLimit = Number(required(flag, value)); break;
      case '--global-name': o.globalName = required(flag, value); break;
      case '--public-path': o.publicPath = required(flag, value); break;
      case '--entry-names': o.entryNames = required(flag, value); break;
      case '--chunk-names': o.chunkNames = required(flag, value); break;
      case '--asset-names': o.assetNames = required(flag, value); break;
      case '--jsx': o.jsx = required(flag, value); break;
      case '--jsx-factory': o.jsxFactory = required(flag, value); break;
      case '--jsx-fragment': o.jsxFragment = required(flag, value); break;
      case '--jsx-import-source': o.jsxImportSource = required(flag, value); break;
      case '--tsconfig-raw': o.tsconfigRaw = required(flag, value); break;
      case '--mangle-props': o.mangleProps = new RegExp(required(flag, value)); break;
      case '--reserve-props': o.reserveProps = new RegExp(required(flag, value)); break;
      case '--mangle-quoted': o.mangleQuoted = value === undefined ? true : bool(flag, value); break;
      case '--drop-labels': o.dropLabels = required(flag, value).split(','); break;
      default:
        if (!parseColonFlag(flag, map, list)) throw new UnsupportedEsbuildFlagError(flag);
    }
  }
  return { options: o as BuildOptions, metafilePath };
}

/** Flags of the form `--name:key=value` or `--name:value`. */
function parseColonFlag(flag: string, map: (key: string) => Record<string, string>, list: (key: string) => string[]): boolean {
  const m = /^(--[a-z-]+):(.*)$/s.exec(flag);
  if (!m) return false;
  const [, name, rest] = m;
  const eq = rest.indexOf('=');
  const key = eq < 0 ? rest : rest.slice(0, eq);
  const val = eq < 0 ? '' : rest.slice(eq + 1);
  switch (name) {
    case '--external': list('external').push(rest); return true;
    case '--inject': list('inject').push(rest); return true;
    case '--drop': list('drop').push(rest); return true;
    case '--pure': list('pure').push(rest); return true;
    case '--loader': map('loader')[key] = val as Loader; return true;
    case '--define': map('define')[key] = val; return true;
    case '--alias': map('alias')[key] = val; return true;
    case '--banner': map('banner')[key] = val; return true;
    case '--footer': map('footer')[key] = val; return true;
    case '--log-override': map('logOverride')[key] = val; return true;
    case '--out-extension': map('outExtension')[key] = val; return true;
    case '--supported': (map('supported') as unknown as Record<string, boolean>)[key] = val === 'true'; return true;
    default: return false;
  }
}

function splitFlag(flag: string): [string, string | undefined] {
  // A colon flag (`--define:a=b`) keeps its whole text as the name; the switch handles it.
  if (/^--[a-z-]+:/.test(flag)) return [flag, undefined];
  const eq = flag.indexOf('=');
  return eq < 0 ? [flag, undefined] : [flag.slice(0, eq), flag.slice(eq + 1)];
}

function required(flag: string, value: string | undefined): string {
  if (value === undefined) throw new UnsupportedEsbuildFlagError(flag);
  return value;
}

function bool(flag: string, value: string | undefined): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new UnsupportedEsbuildFlagError(flag);
}
