/**
 * The AWS surroundings the gateway gives handlers, so that code written for Lambda runs unchanged:
 * - the template's DynamoDB tables, in a local store (dynamodb-store.ts) behind a proxy that checks
 *   SigV4 and IAM as DynamoDB does (dynamodb-proxy.ts), reached through `AWS_ENDPOINT_URL_DYNAMODB`;
 *   started only when the templates have tables;
 * - for every other service, `AWS_ENDPOINT_URL` pointing at an endpoint that fails each call with a
 *   message naming the service and its variable (unsupported-service.ts).
 *
 * The SDK clients a handler builds without an endpoint read these variables (the AWS SDKs'
 * service-specific endpoint configuration), together with the region and the role credentials
 * the gateway already gives. A variable the function's own environment sets is left as it is.
 */
import { join } from 'node:path';
import type { FunctionModel, GatewayModel } from '../../model/gateway-model.js';
import type { CredentialStore } from '../auth/credential-store.js';
import type { ResolvedGatewayOptions } from '../options.js';
import { DynamoDbProxy } from './dynamodb-proxy.js';
import { DynamoDbStore } from './dynamodb-store.js';
import { GLOBAL_ENDPOINT_VARIABLE, UnsupportedServiceEndpoint } from './unsupported-service.js';

/** The variable that points DynamoDB clients at the gateway's proxy. */
export const DYNAMODB_ENDPOINT_VARIABLE = 'AWS_ENDPOINT_URL_DYNAMODB';

export interface LocalAwsOptions {
  readonly model: GatewayModel;
  readonly options: Pick<ResolvedGatewayOptions, 'iam' | 'warn' | 'stateDir' | 'dynamodb'>;
  readonly credentials: CredentialStore;
}

/** The running surroundings of one gateway. */
export class LocalAws {
  /** Starts what the model needs; if one part fails to start, the parts already started are stopped. */
  public static async start({ model, options, credentials }: LocalAwsOptions): Promise<LocalAws> {
    const started: Array<{ close(): Promise<void> }> = [];
    try {
      const unserved = await UnsupportedServiceEndpoint.start({ credentials, warn: options.warn });
      started.push(unserved);
      let dynamodb: { store: DynamoDbStore; proxy: DynamoDbProxy } | undefined;
      if (model.tables.size > 0) {
        const store = await DynamoDbStore.start({
          tables: [...model.tables.values()],
          environment: model.environment,
          path: options.dynamodb.persist ? join(options.stateDir, 'dynamodb') : undefined,
          warn: options.warn,
        });
        started.push(store);
        const proxy = await DynamoDbProxy.start({ store: store.endpoint, environment: model.environment, credentials, mode: options.iam, warn: options.warn });
        dynamodb = { store, proxy };
      }
      return new LocalAws(unserved, dynamodb);
    } catch (e) {
      for (const part of started.reverse()) await part.close();
      throw e;
    }
  }

  private constructor(
    private readonly unserved: UnsupportedServiceEndpoint,
    private readonly dynamodb: { readonly store: DynamoDbStore; readonly proxy: DynamoDbProxy } | undefined,
  ) {}

  /** The DynamoDB endpoint handlers reach (the proxy), when the templates have tables. */
  public get dynamoDbEndpoint(): string | undefined {
    return this.dynamodb?.proxy.endpoint;
  }

  /** The endpoint answering the services wsgate does not serve. */
  public get unservedEndpoint(): string {
    return this.unserved.endpoint;
  }

  /** The endpoint variables of a function, leaving out those its own environment sets. */
  public variablesFor(fn: FunctionModel): Record<string, string> {
    const variables: Record<string, string> = { [GLOBAL_ENDPOINT_VARIABLE]: this.unserved.endpoint };
    if (this.dynamodb) variables[DYNAMODB_ENDPOINT_VARIABLE] = this.dynamodb.proxy.endpoint;
    return Object.fromEntries(Object.entries(variables).filter(([name]) => fn.environment[name] === undefined));
  }

  /** Stops the proxy before the store, so no request reaches a closing store. */
  public async close(): Promise<void> {
    if (this.dynamodb) {
      await this.dynamodb.proxy.close();
      await this.dynamodb.store.close();
    }
    await this.unserved.close();
  }
}
