/**
 * Identifiers and timestamps in API Gateway's formats: 16-character ids such as
 * `R1kmxc2VNjMCFIA=` (11 random bytes in URL-safe base64, padding kept) and CLF request times
 * (`20/Jan/2024:11:55:08 +0000`).
 */
import { randomBytes } from 'node:crypto';

/** Random base64url characters, used 15 at a time: 15 chars hold 90 bits, an id 88. */
const POOL_CHARS = 15 * 1024;
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** The value (0-63) of each base64url character, by char code. */
const VALUE_OF = new Uint8Array(128);
for (let i = 0; i < BASE64URL.length; i++) VALUE_OF[BASE64URL.charCodeAt(i)] = i;
/** The 15th character of 11 bytes in base64url carries 4 bits (its low 2 bits are zero). */
const LAST_CHAR = Array.from({ length: 16 }, (_, i) => BASE64URL[i << 2]);

let pool = '';
let at = 0;

/**
 * A new id of the shape of connectionId, requestId and messageId: the base64url text of 11 random
 * bytes, cut from a pool of random text (14 characters as they are, and a 15th reduced to the 4
 * bits 11 bytes leave it), which is what encoding 11 random bytes gives, at a fraction of the cost.
 */
export function newId(): string {
  if (at + 15 > pool.length) {
    pool = randomBytes((POOL_CHARS / 4) * 3).toString('base64url');
    at = 0;
  }
  const id = `${pool.slice(at, at + 14)}${LAST_CHAR[VALUE_OF[pool.charCodeAt(at + 14)] >> 2]}=`;
  at += 15;
  return id;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

let cachedSecond = -1;
let cachedClf = '';

/** `dd/MMM/yyyy:HH:mm:ss +0000` in UTC (formatted once per second). */
export function clfTime(epochMs: number): string {
  const second = Math.floor(epochMs / 1000);
  if (second !== cachedSecond) {
    cachedClf = formatClf(epochMs);
    cachedSecond = second;
  }
  return cachedClf;
}

function formatClf(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}
