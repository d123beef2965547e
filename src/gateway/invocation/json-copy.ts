/**
 * A deep copy with exactly the result of `JSON.parse(JSON.stringify(value))` — what a value looks
 * like after crossing Lambda's wire — without building the string: `toJSON()` is honoured,
 * `undefined`, functions and symbols are dropped from objects and become `null` in arrays,
 * non-finite numbers become `null`, and cycles and BigInts throw as JSON.stringify does.
 * It is the in-process invoker's way to keep handlers and the gateway from sharing objects.
 */
export function copyAsJson(value: unknown): unknown {
  const copied = copy(value, '', new Set());
  return copied === undefined ? undefined : copied;
}

function copy(value: unknown, key: string, ancestors: Set<object>): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON(key: string): unknown }).toJSON(key);
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? (value === 0 ? 0 : value) : null; // -0 prints as 0
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    case 'object': {
      if (value === null) return null;
      if (ancestors.has(value)) throw new TypeError('Converting circular structure to JSON');
      ancestors.add(value);
      try {
        if (Array.isArray(value)) {
          return value.map((item, i) => {
            const c = copy(item, String(i), ancestors);
            return c === undefined ? null : c;
          });
        }
        if (value instanceof Number || value instanceof String || value instanceof Boolean) return copy(value.valueOf(), key, ancestors);
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(value)) {
          const c = copy((value as Record<string, unknown>)[k], k, ancestors);
          if (c !== undefined) out[k] = c;
        }
        return out;
      } finally {
        ancestors.delete(value);
      }
    }
    default:
      return undefined; // undefined, functions and symbols
  }
}
