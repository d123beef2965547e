/**
 * Renders an L1's camelCase properties (already resolved) into CloudFormation's PascalCase names.
 * Struct keys are capitalised all the way down, except below paths whose content is the user's own
 * (maps such as stage variables, JSON documents, tags): those are copied as they are.
 *
 * Paths are dotted camelCase keys from the property root, array positions skipped:
 * - `verbatim`: the value at the path is copied untouched (`stageVariables`, `policyDocument`);
 * - `mapOf`: the value is a map whose keys are kept and whose values are structs (`routeSettings`).
 */
export interface CfnRenderShape {
  readonly verbatim?: readonly string[];
  readonly mapOf?: readonly string[];
}

export function renderCfnProperties(props: Record<string, unknown>, shape: CfnRenderShape = {}): Record<string, unknown> {
  const verbatim = new Set(shape.verbatim ?? []);
  const mapOf = new Set(shape.mapOf ?? []);

  const render = (value: unknown, path: string): unknown => {
    if (verbatim.has(path)) return value;
    if (Array.isArray(value)) return value.map((v) => render(v, path));
    if (!isStruct(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined) continue;
      if (mapOf.has(path)) {
        out[key] = render(v, `${path}.*`);
      } else {
        const childPath = path ? `${path}.${key}` : key;
        out[capitalize(key)] = render(v, childPath);
      }
    }
    return out;
  };

  return render(props, '') as Record<string, unknown>;
}

function isStruct(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const keys = Object.keys(x);
  // An intrinsic (`{ Ref }`, `{ Fn::Join }`) is a value, not a struct.
  return !(keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::') || keys[0] === 'Condition'));
}

function capitalize(key: string): string {
  return key.charAt(0).toUpperCase() + key.slice(1);
}
