/**
 * Logical IDs and unique IDs by aws-cdk-lib's algorithm, so that the same construct tree gives the
 * same IDs in both libraries: the path's human-readable part, then the first 8 hex digits of the
 * MD5 of the path.
 */
import { createHash } from 'node:crypto';
import { Token } from '../token.js';
import { UnscopedValidationError } from '../errors.js';

/** Components with this id are left out of IDs entirely (before hashing). */
export const HIDDEN_ID = 'Default';
/** Components with this id are hashed but left out of the readable part. */
const HIDDEN_FROM_HUMAN_ID = 'Resource';
const HASH_LEN = 8;
const MAX_HUMAN_LEN = 240;
const MAX_ID_LEN = 255;

export function makeUniqueId(components: readonly string[]): string {
  const kept = components.filter((c) => c !== HIDDEN_ID);
  if (kept.length === 0) {
    throw new UnscopedValidationError('UnableToCalculateUniqueId', 'Unable to calculate a unique id for an empty set of components');
  }
  const unresolved = kept.filter((c) => Token.isUnresolved(c));
  if (unresolved.length > 0) {
    throw new UnscopedValidationError('ComponentsContainUnresolvedTokens',
      `ID components may not include unresolved tokens: ${unresolved.join(',')}`);
  }
  if (kept.length === 1) {
    const only = removeNonAlphanumeric(kept[0]);
    if (only.length <= MAX_ID_LEN) return only;
  }
  const hash = pathHash(kept);
  const human = removeDupes(kept)
    .filter((c) => c !== HIDDEN_FROM_HUMAN_ID)
    .map(removeNonAlphanumeric)
    .join('')
    .slice(0, MAX_HUMAN_LEN);
  return human + hash;
}

function pathHash(components: readonly string[]): string {
  return createHash('md5').update(components.join('/')).digest('hex').slice(0, HASH_LEN).toUpperCase();
}

/** Drops a component when the last kept one already ends with it (`Bucket/Bucket` reads once). */
function removeDupes(components: readonly string[]): string[] {
  const out: string[] = [];
  for (const c of components) {
    if (out.length === 0 || !out[out.length - 1].endsWith(c)) out.push(c);
  }
  return out;
}

export function removeNonAlphanumeric(s: string): string {
  return s.replace(/[^A-Za-z0-9]/g, '');
}

/**
 * A name for a physical resource: the readable path components joined by `separator` (with a
 * trailing separator), then the path hash; cut in the middle when longer than `maxLength`.
 */
export function makeUniqueResourceName(components: readonly string[], options: {
  readonly maxLength: number;
  readonly separator?: string;
  readonly allowedSpecialCharacters?: string;
  readonly prefix?: string;
}): string {
  const kept = components.filter((c) => c !== HIDDEN_ID);
  if (kept.length === 0) {
    throw new UnscopedValidationError('UnableToUnableCalculateUnique', 'Unable to calculate a unique resource name for an empty set of components');
  }
  const separator = options.separator ?? '';
  const prefix = options.prefix ?? '';
  const pattern = new RegExp(options.allowedSpecialCharacters ? `[^A-Za-z0-9${options.allowedSpecialCharacters}]` : '[^A-Za-z0-9]', 'g');
  const clean = (s: string) => s.replace(pattern, '');
  if (kept.length === 1) {
    const only = prefix + clean(kept[0]);
    if (only.length <= options.maxLength) return only;
  }
  const hash = pathHash(kept);
  const human = prefix + removeDupes(kept).filter((c) => c !== HIDDEN_FROM_HUMAN_ID).map(clean).filter((c) => c).join(separator) + separator;
  const room = options.maxLength - HASH_LEN;
  if (human.length <= room) return human + hash;
  const half = room / 2;
  return human.slice(0, half) + human.slice(-half) + hash;
}
