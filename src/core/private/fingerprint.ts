/**
 * The source fingerprint of an asset, computed as aws-cdk-lib computes it, so the same directory
 * gets the same asset hash (and S3 key) in both libraries.
 *
 * The fingerprint is a SHA-256 over a sequence of fields, each framed as
 * `\x01 <header> \x02 <value> \x03`: first the options (`options.extra`, `options.follow`, and
 * `options.ignoreMode` unless it is glob), then one field per file (`file:<relative path>`, whose
 * value is the file's content fingerprint) or kept symbolic link (`link:<relative path>`, whose
 * value is its target), in walk order.
 *
 * A content fingerprint is `<size>:<sha256 hex>` of the file read in 8 KiB chunks. A file whose
 * first chunk holds a NUL byte is hashed as it is; any other file is hashed as text with CRLF line
 * endings turned into LF, each chunk decoded as UTF-8 on its own (a chunk ending in CR waits for
 * the next one), so the size is that of the normalised text.
 */
import { createHash, type Hash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UnscopedValidationError } from '../errors.js';
import { globIgnoreStrategy, walkDirectory, type FollowMode, type IgnoreStrategy, type SymlinkEntry } from './asset-fs.js';

const FIELD_START = '\x01';
const VALUE_START = '\x02';
const FIELD_END = '\x03';
const CHUNK_SIZE = 8 * 1024;

/** What a fingerprint depends on besides the content. */
export interface FingerprintInputs {
  /** Extra data mixed into the hash. @default '' */
  readonly extraHash?: string;
  /** @default 'external' */
  readonly follow?: FollowMode;
  /** @default 'glob' */
  readonly ignoreMode?: string;
  /** Glob patterns of files to leave out. @default - none */
  readonly exclude?: readonly string[];
}

/** The fingerprint of a file or of a whole directory tree. */
export function fingerprint(fileOrDirectory: string, options: FingerprintInputs = {}): string {
  const hash = createHash('sha256');
  addField(hash, 'options.extra', options.extraHash || '');
  const follow = options.follow || 'external';
  addField(hash, 'options.follow', follow);

  const root = fs.realpathSync(fileOrDirectory);
  const isDir = fs.statSync(root).isDirectory();
  const ignoreMode = options.ignoreMode || 'glob';
  if (ignoreMode !== 'glob') addField(hash, 'options.ignoreMode', ignoreMode);
  const ignoreStrategy = ignoreStrategyFor(ignoreMode, root, options.exclude ?? []);

  const hashKey = (symbolicPath: string) => path.relative(root, symbolicPath).replace(/\\/g, '/');
  const hashFile = (symbolicPath: string, contentHash: string) => addField(hash, `file:${hashKey(symbolicPath)}`, contentHash);
  const hashLink = (entry: SymlinkEntry) => {
    const target = entry.internal && path.isAbsolute(entry.linkTarget) ? hashKey(entry.resolvedLinkTarget) : entry.linkTarget;
    addField(hash, `link:${hashKey(entry.path)}`, target);
  };

  if (isDir) {
    walkDirectory(root, { follow, ignoreStrategy }, {
      onFile: (entry) => hashFile(entry.path, contentFingerprint(entry.realPath)),
      onSymlink: hashLink,
      onUnsupported: (entry) => {
        throw new UnscopedValidationError('UnableToUnableHashNeither', `Unable to hash ${entry.path}: it is neither a file nor a directory`);
      },
    });
  } else {
    hashFile(root, contentFingerprint(root));
  }
  return hash.digest('hex');
}

/** `<size>:<sha256>` of a file's content, text line endings normalised. */
export function contentFingerprint(file: string): string {
  const hash = createHash('sha256');
  const buffer = Buffer.alloc(CHUNK_SIZE);
  const fd = fs.openSync(file, fs.constants.O_RDONLY);
  let size = 0;
  let isBinary = false;
  let pending = '';
  try {
    let read: number;
    while ((read = fs.readSync(fd, buffer, 0, CHUNK_SIZE, null)) !== 0) {
      const chunk = buffer.subarray(0, read);
      // Decided on the first chunk that counts (a chunk held back for a trailing CR does not).
      if (size === 0) isBinary = chunk.indexOf(0) !== -1;
      if (isBinary) {
        size += read;
        hash.update(chunk);
        continue;
      }
      const text = chunk.toString();
      if (/\r$/.test(text)) {
        pending += text;
        continue;
      }
      const normalised = Buffer.from((pending + text).replace(/\r\n/g, '\n'));
      pending = '';
      size += normalised.length;
      hash.update(normalised);
    }
    if (pending) hash.update(Buffer.from(pending));
  } finally {
    fs.closeSync(fd);
  }
  return `${size}:${hash.digest('hex')}`;
}

/** The ignore strategy of a mode; only glob patterns are supported. */
export function ignoreStrategyFor(ignoreMode: string, root: string, exclude: readonly string[]): IgnoreStrategy {
  if (ignoreMode !== 'glob') {
    throw new UnscopedValidationError('IgnoreModeNotSupported',
      `Ignore mode '${ignoreMode}' is not supported by wsgate; use IgnoreMode.GLOB patterns in 'exclude'`);
  }
  return globIgnoreStrategy(root, exclude);
}

function addField(hash: Hash, header: string, value: string): void {
  hash.update(FIELD_START).update(header).update(VALUE_START).update(value).update(FIELD_END);
}
