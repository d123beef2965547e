/**
 * Walking and copying asset directories as aws-cdk-lib does: entries in name order, `exclude`
 * patterns applied to paths relative to the root, and symbolic links followed or kept according
 * to the follow mode.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UnscopedValidationError } from '../errors.js';
import { globMatches } from './asset-glob.js';

/** How symbolic links are treated (values of the public `SymlinkFollowMode`). */
export type FollowMode = 'never' | 'always' | 'external' | 'internal-only';

/** Decides which paths below a root are left out. */
export interface IgnoreStrategy {
  /** Whether the file (or link) at this absolute path is left out. */
  ignores(absolutePath: string): boolean;
  /** Whether the directory at this absolute path is left out with everything below it. */
  completelyIgnores(absoluteDirectoryPath: string): boolean;
}

/**
 * The glob strategy: patterns apply in order, a `!pattern` re-includes what an earlier one left
 * out.
 */
export function globIgnoreStrategy(absoluteRootPath: string, patterns: readonly string[]): IgnoreStrategy {
  if (!path.isAbsolute(absoluteRootPath)) {
    throw new UnscopedValidationError('GlobIgnoreStrategyExpectsAbsolute', 'GlobIgnoreStrategy expects an absolute file path');
  }
  const ignores = (absolutePath: string): boolean => {
    if (!path.isAbsolute(absolutePath)) {
      throw new UnscopedValidationError('GlobIgnoreStrategyIgnoresExpects', 'GlobIgnoreStrategy.ignores() expects an absolute path');
    }
    const relative = path.relative(absoluteRootPath, absolutePath);
    let excluded = false;
    for (const pattern of patterns) {
      const negate = pattern.startsWith('!');
      if (globMatches(relative, pattern)) excluded = !negate;
    }
    return excluded;
  };
  return { ignores, completelyIgnores: ignores };
}

export interface WalkEntry {
  /** The path as seen from the root (through links). */
  readonly path: string;
  /** Where the content really is. */
  readonly realPath: string;
  /** Stats of a followed link's target. */
  readonly stats?: fs.BigIntStats;
}

export interface SymlinkEntry {
  readonly path: string;
  readonly realPath: string;
  /** The link's text. */
  readonly linkTarget: string;
  /** The link's target, absolute and canonical. */
  readonly resolvedLinkTarget: string;
  /** Whether the target is inside the root. */
  readonly internal: boolean;
}

export interface WalkVisitor {
  onFile?(entry: WalkEntry): void;
  onDirectory?(entry: { path: string; realPath: string; ignored: boolean }): void;
  onSymlink?(entry: SymlinkEntry): void;
  onUnsupported?(entry: WalkEntry): void;
}

export interface WalkOptions {
  readonly follow: FollowMode;
  readonly ignoreStrategy: IgnoreStrategy;
  /** The root that decides which links are internal. @default - the walked directory */
  readonly root?: string;
}

/** Visits everything below `directory`, in name order, depth first. */
export function walkDirectory(directory: string, options: WalkOptions, visitor: WalkVisitor): void {
  const { follow, ignoreStrategy } = options;
  const canonicalRoot = realPathOrSelf(options.root ?? directory);
  const ancestors = new Set<string>();

  const walk = (symbolicPath: string, realPath: string, canonicalPath: string): void => {
    // A link back to an ancestor would loop forever.
    if (ancestors.has(canonicalPath)) return;
    ancestors.add(canonicalPath);
    const entries = fs.readdirSync(realPath, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const childPath = path.join(symbolicPath, entry.name);
      const childRealPath = path.join(realPath, entry.name);
      if (entry.isSymbolicLink()) visitSymlink(childPath, childRealPath);
      else if (entry.isDirectory()) visitDirectory(childPath, childRealPath, path.join(canonicalPath, entry.name));
      else if (entry.isFile()) visitFile({ path: childPath, realPath: childRealPath });
    }
    ancestors.delete(canonicalPath);
  };

  const visitDirectory = (symbolicPath: string, realPath: string, canonicalPath: string): void => {
    if (ignoreStrategy.completelyIgnores(symbolicPath)) return;
    visitor.onDirectory?.({ path: symbolicPath, realPath, ignored: ignoreStrategy.ignores(symbolicPath) });
    walk(symbolicPath, realPath, canonicalPath);
  };

  const visitFile = (entry: WalkEntry): void => {
    if (!ignoreStrategy.ignores(entry.path)) visitor.onFile?.(entry);
  };

  const visitSymlink = (symbolicPath: string, realPath: string): void => {
    const linkTarget = fs.readlinkSync(realPath);
    const resolvedLinkTarget = canonicalLinkTarget(resolveLinkTarget(realPath, linkTarget));
    const internal = isInternalPath(canonicalRoot, resolvedLinkTarget);
    const targetStats = shouldFollow(follow, internal) ? tryStat(resolvedLinkTarget) : undefined;
    if (!targetStats) {
      if (!ignoreStrategy.ignores(symbolicPath)) visitor.onSymlink?.({ path: symbolicPath, realPath, linkTarget, resolvedLinkTarget, internal });
      return;
    }
    if (targetStats.isDirectory()) {
      visitDirectory(symbolicPath, resolvedLinkTarget, realPathOrSelf(resolvedLinkTarget));
    } else if (targetStats.isFile()) {
      visitFile({ path: symbolicPath, realPath: resolvedLinkTarget, stats: targetStats });
    } else if (!ignoreStrategy.ignores(symbolicPath)) {
      visitor.onUnsupported?.({ path: symbolicPath, realPath: resolvedLinkTarget });
    }
  };

  walk(directory, directory, realPathOrSelf(directory));
}

/** Copies a directory as the walk sees it: excluded entries skipped, links followed or recreated. */
export function copyDirectory(srcDir: string, destDir: string, follow: FollowMode, ignoreStrategy: IgnoreStrategy): void {
  if (!fs.statSync(srcDir).isDirectory()) throw new UnscopedValidationError('Directory', `${srcDir} is not a directory`);
  const canonicalSrcDir = fs.realpathSync(srcDir);
  const destinationOf = (sourcePath: string) => path.join(destDir, path.relative(srcDir, sourcePath));
  walkDirectory(srcDir, { follow, ignoreStrategy }, {
    onDirectory: (entry) => {
      if (!entry.ignored) fs.mkdirSync(destinationOf(entry.path), { recursive: true });
    },
    onFile: (entry) => {
      const destination = destinationOf(entry.path);
      fs.mkdirSync(path.dirname(destination), { recursive: true });
      fs.copyFileSync(entry.realPath, destination);
    },
    onSymlink: (entry) => {
      if (follow === 'internal-only' && !entry.internal) {
        throw new UnscopedValidationError('BundlingFileSymlinkForbidden',
          `The file ${entry.resolvedLinkTarget} is an external symbolic link which is forbidden due to follow mode ${follow}. Set \`follow\` to a mode that will follow symlinks (ALWAYS or EXTERNAL) or emit a regular file`);
      }
      const destination = destinationOf(entry.path);
      fs.mkdirSync(path.dirname(destination), { recursive: true });
      let linkText = entry.linkTarget;
      if (isInternalPath(canonicalSrcDir, entry.resolvedLinkTarget)) {
        const copiedTarget = path.join(destDir, path.relative(canonicalSrcDir, entry.resolvedLinkTarget));
        linkText = path.relative(path.dirname(destination), copiedTarget) || '.';
      }
      fs.symlinkSync(linkText, destination);
    },
  });
}

/** Throws if a link below `root` points outside it (for the BLOCK_EXTERNAL follow mode). */
export function validateInternalSymlinks(root: string, follow: FollowMode, ignoreStrategy: IgnoreStrategy, fail: (target: string) => never): void {
  walkDirectory(root, { follow, ignoreStrategy }, {
    onSymlink: (entry) => {
      if (!entry.internal) fail(entry.resolvedLinkTarget);
    },
  });
}

export function isInternalPath(rootPath: string, targetPath: string): boolean {
  return rootPath === targetPath || targetPath.startsWith(rootPath + path.sep);
}

function resolveLinkTarget(realPath: string, linkTarget: string): string {
  return path.isAbsolute(linkTarget) ? path.resolve(linkTarget) : path.resolve(path.dirname(realPath), linkTarget);
}

function shouldFollow(follow: FollowMode, internal: boolean): boolean {
  switch (follow) {
    case 'always': return true;
    case 'external': return !internal;
    case 'internal-only': return internal;
    default: return false;
  }
}

function canonicalLinkTarget(target: string): string {
  return path.join(realPathOrSelf(path.dirname(target)), path.basename(target));
}

function realPathOrSelf(target: string): string {
  try {
    return fs.realpathSync(target);
  } catch {
    return target;
  }
}

function tryStat(target: string): fs.BigIntStats | undefined {
  try {
    return fs.statSync(target, { bigint: true });
  } catch {
    return undefined;
  }
}
