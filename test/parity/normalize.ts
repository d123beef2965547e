// Normalisation of synthesized templates and warnings before the parity comparison (cdk-parity.md §2.1).

/** A JSON value as read from a template file. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

type JsonObject = { [key: string]: Json };

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deletes `obj[key]` when it is an object that has become empty. */
function dropIfEmpty(obj: JsonObject, key: string): void {
  const value = obj[key];
  if (isObject(value) && Object.keys(value).length === 0) {
    delete obj[key];
  }
}

/**
 * Returns a copy of a CloudFormation template without the parts that only the CDK CLI or the bootstrap
 * synthesizer contribute: `Parameters.BootstrapVersion`, `Rules.CheckBootstrapVersion`,
 * `Conditions.CDKMetadataAvailable`, `Resources.CDKMetadata` and every `Metadata['aws:cdk:path']`.
 * Objects emptied by that are removed too. Everything else, including array order, is kept.
 */
export function normalizeTemplate(template: Json): Json {
  const copy = structuredClone(template);
  if (!isObject(copy)) {
    return copy;
  }
  const section = (name: string): JsonObject | undefined => {
    const value = copy[name];
    return isObject(value) ? value : undefined;
  };
  delete section('Parameters')?.BootstrapVersion;
  delete section('Rules')?.CheckBootstrapVersion;
  delete section('Conditions')?.CDKMetadataAvailable;
  const resources = section('Resources');
  if (resources) {
    delete resources.CDKMetadata;
    for (const resource of Object.values(resources)) {
      if (!isObject(resource)) continue;
      const metadata = resource.Metadata;
      if (isObject(metadata)) {
        delete metadata['aws:cdk:path'];
        dropIfEmpty(resource, 'Metadata');
      }
    }
  }
  for (const name of ['Parameters', 'Rules', 'Conditions', 'Metadata']) {
    dropIfEmpty(copy, name);
  }
  return copy;
}

/** Keeps only the warning lines that mention a deprecation, trimmed, in their original order. */
export function normalizeWarnings(warnings: readonly string[]): string[] {
  return warnings
    .flatMap((chunk) => chunk.split(/\r?\n/))
    .map((line) => line.trim())
    .filter((line) => /deprecated/i.test(line));
}

/**
 * Normalises an error message before comparison. The only rewrite: in the constructs message
 * "There is already a Construct with name 'x' in WebSocketApi2 [api]", aws-cdk-lib's bundler has renamed the
 * class to `WebSocketApi2`; trailing digits of that class name are dropped on both sides.
 */
export function normalizeErrorMessage(message: string): string {
  return message.replace(/^(There is already a Construct with name '.*' in [A-Za-z_$][\w$]*?)\d+ \[/, '$1 [');
}

/**
 * Finds the first place where two JSON values differ and describes it, e.g.
 * `Resources.Api1234.Properties.Name: expected "a", got "b"`. Object keys are compared as sets
 * (sorted, so the answer is deterministic); arrays element by element. Returns undefined when equal.
 */
export function firstDifference(actual: Json | undefined, expected: Json | undefined, path = ''): string | undefined {
  const here = path === '' ? '(root)' : path;
  if (Array.isArray(expected) || Array.isArray(actual)) {
    if (!Array.isArray(expected) || !Array.isArray(actual)) {
      return `${here}: expected ${show(expected)}, got ${show(actual)}`;
    }
    const length = Math.max(expected.length, actual.length);
    for (let i = 0; i < length; i++) {
      if (i >= expected.length) return `${here}[${i}]: unexpected extra element ${show(actual[i])}`;
      if (i >= actual.length) return `${here}[${i}]: missing element ${show(expected[i])}`;
      const diff = firstDifference(actual[i], expected[i], `${path}[${i}]`);
      if (diff !== undefined) return diff;
    }
    return undefined;
  }
  if (isObject(expected) || isObject(actual)) {
    if (!isObject(expected) || !isObject(actual)) {
      return `${here}: expected ${show(expected)}, got ${show(actual)}`;
    }
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
    for (const key of keys) {
      const child = path === '' ? key : `${path}.${key}`;
      if (!(key in expected)) return `${child}: unexpected key with value ${show(actual[key])}`;
      if (!(key in actual)) return `${child}: missing key, expected ${show(expected[key])}`;
      const diff = firstDifference(actual[key], expected[key], child);
      if (diff !== undefined) return diff;
    }
    return undefined;
  }
  return Object.is(actual, expected) ? undefined : `${here}: expected ${show(expected)}, got ${show(actual)}`;
}

function show(value: Json | undefined): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
