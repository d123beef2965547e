/**
 * Reference interfaces of the API Gateway (v1) resource types that WebSocket usage plans use.
 * The member names are aws-cdk-lib's (`aws-apigateway`).
 */
import type { IConstruct } from 'constructs';
import type { IEnvironmentAware } from '../cfn/references.js';

/** The identifiers of an `AWS::ApiGateway::UsagePlan`. */
export interface UsagePlanReference {
  /** The id of the usage plan. */
  readonly usagePlanId: string;
}

/** A reference to an `AWS::ApiGateway::UsagePlan`. */
export interface IUsagePlanRef extends IConstruct, IEnvironmentAware {
  /** The usage plan's identifiers. */
  readonly usagePlanRef: UsagePlanReference;
}

/** The identifiers of an `AWS::ApiGateway::ApiKey`. */
export interface ApiKeyReference {
  /** The id of the API key. */
  readonly apiKeyId: string;
}

/** A reference to an `AWS::ApiGateway::ApiKey`. */
export interface IApiKeyRef extends IConstruct, IEnvironmentAware {
  /** The API key's identifiers. */
  readonly apiKeyRef: ApiKeyReference;
}

/** The identifiers of an `AWS::ApiGateway::UsagePlanKey`. */
export interface UsagePlanKeyReference {
  /** The id of the usage plan key. */
  readonly usagePlanKeyId: string;
}

/** A reference to an `AWS::ApiGateway::UsagePlanKey`. */
export interface IUsagePlanKeyRef extends IConstruct, IEnvironmentAware {
  /** The usage plan key's identifiers. */
  readonly usagePlanKeyRef: UsagePlanKeyReference;
}
