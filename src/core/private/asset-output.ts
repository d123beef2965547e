/**
 * Naming and inspecting staged assets as aws-cdk-lib does: `asset.<hash><ext>` names, archive
 * extensions, the cache key of a staging, and what a bundling step produced.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IConstruct } from 'constructs';
import { ValidationError } from '../errors.js';
import { FileAssetPackaging } from '../stack-synthesizer.js';

/** Extensions of files that are uploaded as they are. */
export const ARCHIVE_EXTENSIONS = ['.tar.gz', '.zip', '.jar', '.tar', '.tgz'];

/** The name of a staged asset in the cloud assembly. */
export function renderAssetFilename(assetHash: string, extension = ''): string {
  return `asset.${assetHash}${extension}`;
}

/** The extension of a path, recognising the two-part `.tar.gz`. */
export function getExtension(source: string): string {
  for (const ext of ARCHIVE_EXTENSIONS) if (source.toLowerCase().endsWith(ext)) return ext;
  return path.extname(source);
}

/** A hash of a staging's inputs, keys sorted, naming it in the per-process cache. */
export function calculateCacheKey(props: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(sortObject(props))).digest('hex');
}

function sortObject(object: unknown): unknown {
  if (typeof object !== 'object' || object === null || Array.isArray(object)) return object;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(object).sort()) out[key] = sortObject((object as Record<string, unknown>)[key]);
  return out;
}

/** What bundling left in its output directory. */
export interface BundledAsset {
  readonly path: string;
  readonly packaging: FileAssetPackaging;
  readonly extension?: string;
}

/**
 * The asset in a bundling output directory: the directory itself, or its single (archive) file,
 * according to the output type (the values of the public `BundlingOutput`).
 */
export function determineBundledAsset(scope: IConstruct, bundleDir: string, outputType: string): BundledAsset {
  const archiveFile = findSingleFile(scope, bundleDir, outputType !== 'single-file');
  const type = outputType === 'auto-discover' ? (archiveFile ? 'archived' : 'not-archived') : outputType;
  if (type === 'not-archived') return { path: bundleDir, packaging: FileAssetPackaging.ZIP_DIRECTORY };
  if (!archiveFile) {
    throw new ValidationError('BundlingOutputDirectoryExpectedSingleFile',
      'Bundling output directory is expected to include only a single file when `output` is set to `ARCHIVED` or `SINGLE_FILE`', scope);
  }
  if (fs.lstatSync(archiveFile).isSymbolicLink()) {
    throw new ValidationError('SymlinkInBundlingOutput', 'The output from bundling is not allowed to be a symlink.', scope);
  }
  return { path: archiveFile, packaging: FileAssetPackaging.FILE, extension: getExtension(archiveFile) };
}

function findSingleFile(scope: IConstruct, directory: string, archiveOnly: boolean): string | undefined {
  if (!fs.existsSync(directory)) throw new ValidationError('DirectoryDoesNotExist', `Directory ${directory} does not exist.`, scope);
  if (!fs.statSync(directory).isDirectory()) throw new ValidationError('PathIsNotDirectory', `${directory} is not a directory.`, scope);
  const content = fs.readdirSync(directory);
  if (content.length !== 1) return undefined;
  const file = path.join(directory, content[0]);
  const extension = getExtension(content[0]).toLowerCase();
  return fs.statSync(file).isFile() && (!archiveOnly || ARCHIVE_EXTENSIONS.includes(extension)) ? file : undefined;
}
