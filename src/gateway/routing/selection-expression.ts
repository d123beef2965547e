/**
 * Route selection expressions, as API Gateway evaluates them on a message body:
 *
 * - `$request.body.action`: one variable (a JSON path into the body);
 * - `${request.body.service}/${request.body.action}`: variables in braces with static text around;
 * - `action`: static text; `\$default`: a backslash escapes the dollar.
 *
 * A missing path gives `""`. Values are rendered as strings: numbers and booleans as their text,
 * arrays as `[a, b]` (AWS renders values with Java's toString). Objects render as `{k=v, …}`,
 * nulls as `""` — AWS does not document these two ([I] in the reference); wsgate chooses Java's
 * Map rendering and the missing-path rule and tests them.
 */

/** A compiled expression: the route key for a parsed body, or undefined when it cannot be evaluated. */
export type RouteKeySelector = (body: unknown) => string | undefined;

type Part = { readonly text: string } | { readonly path: readonly PathStep[] };
type PathStep = string | number;

const BODY_PREFIX = 'request.body';

/** Compiles an expression once; throws for one the gateway cannot understand. */
export function compileSelectionExpression(expression: string): RouteKeySelector {
  const parts = parse(expression);
  if (parts.every((p) => 'text' in p)) {
    const text = parts.map((p) => (p as { text: string }).text).join('');
    return () => text;
  }
  if (parts.length === 1) {
    // The common `$request.body.action`: one variable, nothing to join.
    const { path } = parts[0] as { path: readonly PathStep[] };
    return (body) => (body === null || typeof body !== 'object' ? undefined : render(lookup(body, path)));
  }
  return (body) => {
    if (body === null || typeof body !== 'object') return undefined;
    return parts.map((p) => ('text' in p ? p.text : render(lookup(body, p.path)))).join('');
  };
}

function parse(expression: string): Part[] {
  // The unbraced form: the whole expression is one variable.
  if (expression.startsWith(`$${BODY_PREFIX}`) && !expression.includes('${')) {
    return [{ path: parsePath(expression.slice(1 + BODY_PREFIX.length), expression) }];
  }
  const parts: Part[] = [];
  let text = '';
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (c === '\\' && expression[i + 1] === '$') {
      text += '$';
      i++;
    } else if (c === '$' && expression[i + 1] === '{') {
      const end = expression.indexOf('}', i);
      if (end < 0) throw new Error(`Route selection expression '${expression}' has an unclosed '\${'`);
      const inner = expression.slice(i + 2, end);
      if (!inner.startsWith(BODY_PREFIX)) {
        throw new Error(`Route selection expression '${expression}': only request.body variables are supported, got '${inner}'`);
      }
      if (text) parts.push({ text });
      text = '';
      parts.push({ path: parsePath(inner.slice(BODY_PREFIX.length), expression) });
      i = end;
    } else {
      text += c;
    }
  }
  if (text) parts.push({ text });
  return parts;
}

/** `.a.b[0]['c']` → ['a', 'b', 0, 'c']. */
function parsePath(path: string, expression: string): PathStep[] {
  const steps: PathStep[] = [];
  const re = /\.([^.[\]]+)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/y;
  let at = 0;
  while (at < path.length) {
    re.lastIndex = at;
    const m = re.exec(path);
    if (!m) throw new Error(`Route selection expression '${expression}' has an invalid path at '${path.slice(at)}'`);
    steps.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : (m[3] ?? m[4])));
    at = re.lastIndex;
  }
  if (steps.length === 0) throw new Error(`Route selection expression '${expression}' names no field of the body`);
  return steps;
}

function lookup(value: unknown, path: readonly PathStep[]): unknown {
  let current = value;
  for (const step of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

function render(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return `[${value.map(renderNested).join(', ')}]`;
  if (typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${k}=${renderNested(v)}`).join(', ')}}`;
  return String(value);
}

function renderNested(value: unknown): string {
  return value === null ? 'null' : render(value);
}
