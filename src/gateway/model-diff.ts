/**
 * What changed between two versions of a gateway model, for a hot reload (Gateway.reload): which
 * functions' definitions changed or went away, which routes and stages came and went, which roles'
 * policies changed, and whether the tables or the limits (stages' throttles, usage plans, API keys)
 * differ.
 *
 * Versions are compared by value (the model's JSON, maps included), never by identity: every
 * load builds new objects.
 */
import type { GatewayModel, WebSocketApiModel } from '../model/gateway-model.js';

/** The differences between two models. Routes are named `<api name> <route key>`, stages `<api name>/<stage>`. */
export interface ModelChanges {
  /** Functions of both versions whose definition (code location, handler, environment, timeout, …) differs. */
  readonly changedFunctions: readonly string[];
  /** Functions only the old version has. */
  readonly removedFunctions: readonly string[];
  /** Functions only the new version has. */
  readonly addedFunctions: readonly string[];
  readonly routesAdded: readonly string[];
  readonly routesRemoved: readonly string[];
  /** Routes of both versions whose settings or integration differ. */
  readonly routesChanged: readonly string[];
  readonly stagesAdded: readonly string[];
  readonly stagesRemoved: readonly string[];
  /** IAM roles of both versions whose statements differ. */
  readonly changedRoles: readonly string[];
  /** The DynamoDB tables differ (one added, removed or defined otherwise). */
  readonly tablesChanged: boolean;
  /** The APIs or the usage plans differ, so the throttles and API key checks are built again. */
  readonly limitsChanged: boolean;
}

/** A stable JSON text of a model part, with maps written as objects. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Map ? Object.fromEntries(v) : v));
}

/** Compares two versions of a model. */
export function diffModels(before: GatewayModel, after: GatewayModel): ModelChanges {
  const changedFunctions: string[] = [];
  const removedFunctions: string[] = [];
  for (const [key, fn] of before.functions) {
    const now = after.functions.get(key);
    if (!now) removedFunctions.push(key);
    else if (canonicalJson(now) !== canonicalJson(fn)) changedFunctions.push(key);
  }
  const addedFunctions = [...after.functions.keys()].filter((key) => !before.functions.has(key));

  const routes = compareNamed(before.apis, after.apis, (api) => api.routes, (api, key) => `${api.name} ${key}`);
  const stages = compareNamed(before.apis, after.apis, (api) => api.stages, (api, name) => `${api.name}/${name}`);
  return {
    changedFunctions,
    removedFunctions,
    addedFunctions,
    routesAdded: routes.added,
    routesRemoved: routes.removed,
    routesChanged: routes.changed,
    stagesAdded: stages.added,
    stagesRemoved: stages.removed,
    changedRoles: [...before.roles].filter(([key, role]) => after.roles.has(key) && canonicalJson(after.roles.get(key)) !== canonicalJson(role)).map(([key]) => key),
    tablesChanged: canonicalJson(before.tables) !== canonicalJson(after.tables),
    limitsChanged: canonicalJson(before.apis) !== canonicalJson(after.apis) || canonicalJson(before.usagePlans) !== canonicalJson(after.usagePlans),
  };
}

/** Members (routes or stages) of the APIs of both versions, matched by API id and name. */
function compareNamed<T>(
  before: readonly WebSocketApiModel[],
  after: readonly WebSocketApiModel[],
  members: (api: WebSocketApiModel) => ReadonlyMap<string, T>,
  label: (api: WebSocketApiModel, name: string) => string,
): { added: string[]; removed: string[]; changed: string[] } {
  const added: string[] = [];
  const removed: string[] = [];
  const changed: string[] = [];
  const afterById = new Map(after.map((api) => [api.apiId, api]));
  const beforeById = new Map(before.map((api) => [api.apiId, api]));
  for (const api of before) {
    const now = afterById.get(api.apiId);
    for (const [name, member] of members(api)) {
      const current = now ? members(now).get(name) : undefined;
      if (current === undefined) removed.push(label(api, name));
      else if (canonicalJson(current) !== canonicalJson(member)) changed.push(label(api, name));
    }
  }
  for (const api of after) {
    const old = beforeById.get(api.apiId);
    for (const name of members(api).keys()) if (!old || !members(old).has(name)) added.push(label(api, name));
  }
  return { added, removed, changed };
}
