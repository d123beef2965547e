/**
 * Identifiers and timestamps in API Gateway's formats: 16-character ids such as
 * `R1kmxc2VNjMCFIA=` (11 random bytes in URL-safe base64, padding kept) and CLF request times
 * (`20/Jan/2024:11:55:08 +0000`).
 */
import { randomBytes } from 'node:crypto';

const POOL_SIZE = 11 * 256;
let pool = randomBytes(POOL_SIZE);
let offset = 0;

/** A new id of the shape of connectionId, requestId and messageId. */
export function newId(): string {
  if (offset + 11 > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    offset = 0;
  }
  const id = pool.subarray(offset, offset + 11).toString('base64url');
  offset += 11;
  return `${id.slice(0, 15)}=`;
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
