/**
 * The API keys one gateway run accepts: every `AWS::ApiGateway::ApiKey` of the templates with its
 * value. A key whose template sets `Value` has that value. For a key whose value API Gateway would
 * generate, the value comes from the gateway's `apiKeys` option (by key, logical ID or name);
 * failing that the gateway makes up a random 40-character value, as API Gateway does, for this run
 * only: {@link ApiKeyRegistry.generated} lists them so the gateway can print them at start.
 * {@link selectApiKeyValue} reads the key a request carries, as the API's selection expression says.
 */
import { randomInt } from 'node:crypto';
import type { ApiKeyModel, UsagePlansModel } from '../../model/gateway-model.js';

/** What `requestContext.identity` carries for a request made with an API key. */
export interface ApiKeyIdentity {
  /** The key's value. */
  readonly apiKey: string;
  /** The key's id (`Ref` of the ApiKey resource). */
  readonly apiKeyId: string;
}

/** Where a key's value comes from. */
export type ApiKeyValueSource = 'template' | 'option' | 'generated';

/** One API key with its value. */
export interface RegisteredApiKey {
  readonly model: ApiKeyModel;
  readonly value: string;
  readonly valueSource: ApiKeyValueSource;
  readonly enabled: boolean;
  readonly identity: ApiKeyIdentity;
}

/** Values given at start for keys whose template sets none, by key (`<stack>/<logicalId>`), logical ID or name. */
export type ApiKeyValues = Readonly<Record<string, string>>;

/** An `apiKeys` option the gateway cannot use. */
export class ApiKeyOptionError extends Error {
  public readonly code = 'WSGATE_ERR_API_KEY_OPTION';

  constructor(message: string) {
    super(message);
    this.name = 'ApiKeyOptionError';
  }
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const GENERATED_LENGTH = 40;
const MIN_VALUE_LENGTH = 20;

/** A random key value like the ones API Gateway generates: 40 letters and digits. */
export function generateApiKeyValue(): string {
  let out = '';
  for (let i = 0; i < GENERATED_LENGTH; i++) out += KEY_ALPHABET[randomInt(KEY_ALPHABET.length)];
  return out;
}

/** The two selection expressions API Gateway allows for WebSocket APIs (aws-websocket-behaviour.md §4). */
export const API_KEY_SELECTION_EXPRESSIONS = {
  HEADER: '$request.header.x-api-key',
  AUTHORIZER: '$context.authorizer.usageIdentifierKey',
} as const;

/**
 * The API key value a request carries, as the API's `apiKeySelectionExpression` selects it: the
 * handshake's `x-api-key` header (the default), or the `usageIdentifierKey` the Lambda authorizer
 * returned. Undefined when there is none or the expression is neither.
 */
export function selectApiKeyValue(
  expression: string | undefined,
  headers: Readonly<Record<string, string | readonly string[] | undefined>>,
  usageIdentifierKey: string | undefined,
): string | undefined {
  switch (expression ?? API_KEY_SELECTION_EXPRESSIONS.HEADER) {
    case API_KEY_SELECTION_EXPRESSIONS.HEADER: {
      const value = headers['x-api-key'];
      return typeof value === 'string' ? value : value?.[0];
    }
    case API_KEY_SELECTION_EXPRESSIONS.AUTHORIZER:
      return usageIdentifierKey;
    default:
      return undefined;
  }
}

/** The API keys of a run, found by value. */
export class ApiKeyRegistry {
  /**
   * The keys of `model`, with `values` for keys whose template sets no value. `generate` makes the
   * value of a key that has neither (a random one unless a test passes its own).
   */
  public static create(model: UsagePlansModel, values: ApiKeyValues = {}, generate: () => string = generateApiKeyValue): ApiKeyRegistry {
    const given = resolveGivenValues([...model.apiKeys.values()], values);
    const keys: RegisteredApiKey[] = [];
    for (const m of model.apiKeys.values()) {
      const option = given.get(m.key);
      const [value, valueSource]: [string, ApiKeyValueSource] = m.value !== undefined ? [m.value, 'template']
        : option !== undefined ? [option, 'option'] : [generate(), 'generated'];
      keys.push({ model: m, value, valueSource, enabled: m.enabled, identity: Object.freeze({ apiKey: value, apiKeyId: m.keyId }) });
    }
    return new ApiKeyRegistry(keys);
  }

  private readonly byValueMap = new Map<string, RegisteredApiKey>();

  private constructor(public readonly keys: readonly RegisteredApiKey[]) {
    for (const key of keys) {
      const other = this.byValueMap.get(key.value);
      if (other) throw new ApiKeyOptionError(`API keys ${other.model.key} and ${key.model.key} have the same value; API key values are unique`);
      this.byValueMap.set(key.value, key);
    }
  }

  /** The key with this value, enabled or not; undefined for a value no key has. */
  public byValue(value: string): RegisteredApiKey | undefined {
    return this.byValueMap.get(value);
  }

  /** The keys whose value the gateway made up for this run (to print at start). */
  public generated(): RegisteredApiKey[] {
    return this.keys.filter((k) => k.valueSource === 'generated');
  }
}

/** Maps each entry of the `apiKeys` option to the key it names; an entry naming no key, several, or a key with a template value is an error. */
function resolveGivenValues(keys: readonly ApiKeyModel[], values: ApiKeyValues): Map<string, string> {
  const out = new Map<string, string>();
  for (const [ref, value] of Object.entries(values)) {
    const exact = keys.filter((k) => k.key === ref);
    const matches = exact.length > 0 ? exact : keys.filter((k) => k.logicalId === ref || k.name === ref);
    if (matches.length === 0) {
      const known = keys.map((k) => k.key).join(', ') || 'none';
      throw new ApiKeyOptionError(`apiKeys: '${ref}' names no API key of the templates (keys: ${known})`);
    }
    if (matches.length > 1) {
      throw new ApiKeyOptionError(`apiKeys: '${ref}' names several API keys (${matches.map((k) => k.key).join(', ')}); use '<stack>/<logicalId>'`);
    }
    const key = matches[0];
    if (key.value !== undefined) throw new ApiKeyOptionError(`apiKeys: ${key.key} has its value in the template; only keys without a Value take one at start`);
    if (typeof value !== 'string' || value.length < MIN_VALUE_LENGTH) {
      throw new ApiKeyOptionError(`apiKeys: the value for ${key.key} must be a string of at least ${MIN_VALUE_LENGTH} characters`);
    }
    if (out.has(key.key)) throw new ApiKeyOptionError(`apiKeys: ${key.key} is given twice`);
    out.set(key.key, value);
  }
  return out;
}
