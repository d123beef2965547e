/**
 * IAM's wildcard matching: `*` matches any run of characters (including none, `:` and `/`), `?`
 * exactly one; everything else is literal. Actions compare case-insensitively, resources and
 * condition values case-sensitively.
 */

const cache = new Map<string, RegExp>();
/** Compiled patterns kept at most; patterns from Lambda authorizers vary, so the cache is bounded. */
const CACHE_LIMIT = 1000;

/** Whether `value` matches the wildcard `pattern`. */
export function wildcardMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*') && !pattern.includes('?')) return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  const key = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let re = cache.get(key);
  if (!re) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, re);
  }
  return re.test(value);
}
