/**
 * Runs a route's integration and says what came of it, whatever the integration type: a Lambda
 * proxy call through the invoker, or a MOCK answered from its request template.
 */
import type { FunctionModel, GatewayModel, IntegrationModel } from '../../model/gateway-model.js';
import type { Invoker, LogLine } from '../invocation/invoker.js';

/** What an integration answered. */
export type IntegrationOutcome =
  /** The integration answered; `value` is what it returned (a Lambda proxy result, or a mock's). */
  | { readonly kind: 'answer'; readonly value: unknown; readonly logs: readonly LogLine[]; readonly latencyMs: number }
  /** The integration failed (threw, crashed, misconfigured). */
  | { readonly kind: 'error'; readonly message: string; readonly logs: readonly LogLine[]; readonly latencyMs: number }
  /** The integration did not answer within its timeout. */
  | { readonly kind: 'timeout'; readonly logs: readonly LogLine[]; readonly latencyMs: number };

/** Variables the gateway adds to a function's environment (its credentials, the CA it trusts…); the same object for every call. */
export type FunctionEnvironment = (fn: FunctionModel) => Readonly<Record<string, string>> | undefined;

export class IntegrationRunner {
  constructor(private readonly model: GatewayModel, private readonly invoker: Invoker, private readonly environmentOf: FunctionEnvironment = () => undefined) {}

  public async run(integration: IntegrationModel, event: Record<string, unknown>, requestId: string): Promise<IntegrationOutcome> {
    if (integration.type === 'MOCK') return mockOutcome(integration, event);
    const fn = integration.functionKey ? this.model.functions.get(integration.functionKey) : undefined;
    if (!fn) return { kind: 'error', message: `integration ${integration.logicalId} has no function`, logs: [], latencyMs: 0 };
    const result = await this.invoker.invoke({ fn, event, requestId, timeoutMs: integration.timeoutMs, extraEnv: this.environmentOf(fn) });
    if (result.ok) return { kind: 'answer', value: result.value, logs: result.logs, latencyMs: result.durationMs };
    // A function that runs out of its own Timeout is a Lambda error; API Gateway reports an
    // integration timeout only when its own TimeoutInMillis is the shorter of the two.
    if (result.failure === 'timeout' && integration.timeoutMs <= fn.timeoutSeconds * 1000) {
      return { kind: 'timeout', logs: result.logs, latencyMs: result.durationMs };
    }
    return { kind: 'error', message: `${result.errorType}: ${result.errorMessage}`, logs: result.logs, latencyMs: result.durationMs };
  }

  /** Calls a function directly (a Lambda authorizer), with the gateway's environment for it and a cap of `timeoutMs`. */
  public async invokeFunction(functionKey: string, event: Record<string, unknown>, requestId: string, timeoutMs: number): Promise<FunctionOutcome> {
    const fn = this.model.functions.get(functionKey);
    if (!fn) return { kind: 'error', errorType: 'wsgate.MissingFunction', errorMessage: `no function ${functionKey} in the template`, logs: [], latencyMs: 0 };
    const result = await this.invoker.invoke({ fn, event, requestId, timeoutMs, extraEnv: this.environmentOf(fn) });
    if (result.ok) return { kind: 'answer', value: result.value, logs: result.logs, latencyMs: result.durationMs };
    if (result.failure === 'timeout') return { kind: 'timeout', logs: result.logs, latencyMs: result.durationMs };
    return { kind: 'error', errorType: result.errorType, errorMessage: result.errorMessage, logs: result.logs, latencyMs: result.durationMs };
  }
}

/** What a direct function call (an authorizer) gave: its value, or why there is none. */
export type FunctionOutcome =
  | { readonly kind: 'answer'; readonly value: unknown; readonly logs: readonly LogLine[]; readonly latencyMs: number }
  | { readonly kind: 'error'; readonly errorType: string; readonly errorMessage: string; readonly logs: readonly LogLine[]; readonly latencyMs: number }
  | { readonly kind: 'timeout'; readonly logs: readonly LogLine[]; readonly latencyMs: number };

/**
 * A MOCK integration: picks the request template (`$default`, or the one the template selection
 * expression names) and reads the `statusCode` it declares. The templates of real mocks are
 * literal JSON such as `{"statusCode":200}`; VTL in them is not evaluated.
 */
function mockOutcome(integration: IntegrationModel, _event: Record<string, unknown>): IntegrationOutcome {
  const templates = integration.requestTemplates;
  const key = (integration.templateSelectionExpression ?? '\\$default').replace(/^\\\$/, '$');
  const template = templates[key] ?? templates.$default ?? Object.values(templates)[0];
  if (template === undefined) return { kind: 'answer', value: { statusCode: 200 }, logs: [], latencyMs: 0 };
  try {
    const parsed = JSON.parse(template) as { statusCode?: unknown };
    if (!Number.isInteger(parsed.statusCode)) {
      return { kind: 'error', message: 'Execution failed due to configuration error: statusCode should be an integer which defined in request template', logs: [], latencyMs: 0 };
    }
    return { kind: 'answer', value: { statusCode: parsed.statusCode }, logs: [], latencyMs: 0 };
  } catch {
    return { kind: 'error', message: 'Execution failed due to configuration error: the mock request template is not JSON', logs: [], latencyMs: 0 };
  }
}
