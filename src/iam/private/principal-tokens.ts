/**
 * Tokens behind the principals whose value depends on the stack they are used in: an account root
 * ARN and a service's principal name.
 */
import { Stack, Token, type IResolvable, type IResolveContext } from '../../core/index.js';

/** Options that change a service principal's name. */
export interface ServicePrincipalTokenOptions {
  readonly region?: string;
}

/** A string token computed from the stack it is resolved in. */
export class StackDependentToken implements IResolvable {
  public readonly creationStack: string[] = [];

  constructor(private readonly fn: (stack: Stack) => unknown) {}

  public resolve(context: IResolveContext): unknown {
    return this.fn(Stack.of(context.scope));
  }

  public toString(): string { return Token.asString(this); }

  public toJSON(): string { return '<unresolved-token>'; }
}

/** A service's principal name, standardised to `<service>.amazonaws.com` when resolved. */
export class ServicePrincipalToken implements IResolvable {
  public readonly creationStack: string[] = [];

  constructor(private readonly service: string, private readonly opts: ServicePrincipalTokenOptions) {}

  public resolve(ctx: IResolveContext): unknown {
    const stack = Stack.of(ctx.scope);
    const match = /^([^.]+)(?:(?:\.amazonaws\.com(?:\.cn)?)|(?:\.c2s\.ic\.gov)|(?:\.sc2s\.sgov\.gov))?$/.exec(this.service);
    const service = match ? `${match[1]}.amazonaws.com` : this.service;
    const region = this.opts.region;
    if (region && !Token.isUnresolved(region) && stack.region !== region && OPT_IN_REGIONS.has(region)) {
      return service.replace(/\.amazonaws\.com$/, `.${region}.amazonaws.com`);
    }
    return service;
  }

  public toString(): string { return Token.asString(this, { displayHint: this.service }); }

  public toJSON(): string { return `<${this.service}>`; }
}

/** Regions that must be enabled before use; their service principals carry the region. */
const OPT_IN_REGIONS = new Set([
  'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-south-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5',
  'ap-southeast-6', 'ap-southeast-7', 'ca-west-1', 'eu-central-2', 'eu-south-1', 'eu-south-2', 'il-central-1',
  'me-central-1', 'me-south-1', 'me-west-1', 'mx-central-1',
]);
