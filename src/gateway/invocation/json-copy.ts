/**
 * A deep copy with exactly the result of `JSON.parse(JSON.stringify(value))` — what a value looks
 * like after crossing Lambda's wire — without building the string: `toJSON()` is honoured,
 * `undefined`, functions and symbols are dropped from objects and become `null` in arrays,
 * non-finite numbers become `null`, and cycles and BigInts throw as JSON.stringify does.
 * It is the in-process invoker's way to keep handlers and the gateway from sharing objects.
 *
 * Two passes of one walk: the quick one keeps no record of the objects it is inside (events and
 * results are shallow), and gives up past {@link QUICK_DEPTH} levels; the exact one then starts
 * over, tracking ancestors so that a cycle throws JSON's TypeError (the `toJSON` methods of such a
 * value run in both passes). A value marked with {@link asJsonCopy} is returned as it is, once.
 */
export function copyAsJson(value: unknown): unknown {
  if (value === handedOver && value !== undefined) {
    handedOver = undefined;
    return value;
  }
  let copied: unknown;
  try {
    copied = copy(value, '', 0, undefined);
  } catch (error) {
    if (error !== TOO_DEEP) throw error;
    copied = copy(value, '', 0, new Set());
  }
  return copied === undefined ? undefined : copied;
}

/**
 * The value last handed over as its own copy, until its first copyAsJson. One value rather than a
 * set (a WeakSet costs an insertion and a deletion in a hash table per message): an event is built
 * and handed to the invoker in one synchronous call; one handed over later takes its place, and
 * the earlier one is then copied, as any other value.
 */
let handedOver: object | undefined;

/**
 * Marks a value built for one invocation alone, of plain JSON data that nothing else holds
 * (strings, finite numbers, booleans, null, arrays and plain objects, all new): the next
 * copyAsJson of it returns it as it is, since a copy would be equal and shared by no one, unless
 * another value is marked first.
 */
export function asJsonCopy<T extends object>(value: T): T {
  handedOver = value;
  return value;
}

/** Nesting past which the quick pass gives up (a cycle, or an unusually deep value). */
const QUICK_DEPTH = 64;
const TOO_DEEP = Symbol('too deep for the quick pass');

/** `ancestors` is undefined in the quick pass. */
function copy(value: unknown, key: string | number, depth: number, ancestors: Set<object> | undefined): unknown {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  // As JSON.stringify: toJSON once, and what it returns is serialised as it is.
  if (typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON(key: string): unknown }).toJSON(String(key));
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? (value === 0 ? 0 : value) : null; // -0 prints as 0
  if (value === null) return null;
  if (typeof value === 'bigint') throw new TypeError('Do not know how to serialize a BigInt');
  if (typeof value !== 'object') return undefined; // undefined, functions and symbols
  if (ancestors === undefined) {
    if (depth >= QUICK_DEPTH) throw TOO_DEEP;
    return copyObject(value, depth, ancestors);
  }
  if (ancestors.has(value)) throw new TypeError('Converting circular structure to JSON');
  ancestors.add(value);
  try {
    return copyObject(value, depth, ancestors);
  } finally {
    ancestors.delete(value);
  }
}

function copyObject(value: object, depth: number, ancestors: Set<object> | undefined): unknown {
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const c = copy(value[i], i, depth + 1, ancestors);
      out[i] = c === undefined ? null : c;
    }
    return out;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype
    && (value instanceof Number || value instanceof String || value instanceof Boolean)) {
    return copy(value.valueOf(), '', depth, ancestors);
  }
  const out: Record<string, unknown> = {};
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const c = copy((value as Record<string, unknown>)[k], k, depth + 1, ancestors);
    if (c !== undefined) out[k] = c;
  }
  return out;
}
