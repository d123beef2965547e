/**
 * ApiMapping: maps a stage of an API onto a path of a custom domain name
 * (`AWS::ApiGatewayV2::ApiMapping`).
 */
import type { Construct } from 'constructs';
import { Resource, ValidationError, type IResource } from '../../core/index.js';
import { CfnApiMapping } from '../cfn/cfn-api-mapping.js';
import type { ApiMappingReference, IApiMappingRef, IApiRef, IDomainNameRef } from '../cfn/references.js';
import type { IDomainName } from './domain-name.js';
import type { IStage } from './stage.js';

/** An API mapping, created here or imported. */
export interface IApiMapping extends IResource, IApiMappingRef {
  /**
   * The id of the mapping.
   * @attribute
   */
  readonly apiMappingId: string;
}

/** Properties of an ApiMapping. */
export interface ApiMappingProps {
  /**
   * The path under the domain the stage is served at.
   * @default - the domain's root
   */
  readonly apiMappingKey?: string;

  /** The API to map. */
  readonly api: IApiRef;

  /** The custom domain name to map onto. */
  readonly domainName: IDomainNameRef;

  /**
   * The stage to map. Required for WebSocket APIs.
   * @default - the API's default stage (HTTP APIs); WebSocket APIs have none, so this must be given
   */
  readonly stage?: IStage;
}

/** What an imported API mapping is made of. */
export interface ApiMappingAttributes {
  /** The id of the mapping. */
  readonly apiMappingId: string;

  /**
   * The domain name of the mapping.
   * @default - unknown: reading `apiMappingRef.domainName` throws
   */
  readonly domainName?: string;
}

/**
 * Serves a stage of an API under a path of a custom domain.
 * @resource AWS::ApiGatewayV2::ApiMapping
 */
export class ApiMapping extends Resource implements IApiMapping {
  /** The id used for property injection. */
  public static readonly PROPERTY_INJECTION_ID = 'aws-cdk-lib.aws-apigatewayv2.ApiMapping';

  /** Imports an existing API mapping from its id (and, optionally, its domain name). */
  public static fromApiMappingAttributes(scope: Construct, id: string, attrs: ApiMappingAttributes): IApiMapping {
    class Import extends Resource implements IApiMapping {
      public readonly apiMappingId = attrs.apiMappingId;

      public get apiMappingRef(): ApiMappingReference {
        const domainName = (): string => {
          if (!attrs.domainName) {
            throw new ValidationError('CannotObjectDomainNameSupplied',
              "Cannot use object in this API: 'domainName' was not supplied when calling ApiMapping.fromApiMappingAttributes()", this);
          }
          return attrs.domainName;
        };
        // `domainName` is read lazily, so only code that needs it fails when it is unknown.
        return {
          apiMappingId: this.apiMappingId,
          get domainName(): string {
            return domainName();
          },
        };
      }
    }
    return new Import(scope, id);
  }

  /** The id of the mapping (a `Ref` of the resource). */
  public readonly apiMappingId: string;

  /** The path under the domain, if any. */
  public readonly mappingKey?: string;

  private readonly _domainName: IDomainNameRef;

  constructor(scope: Construct, id: string, props: ApiMappingProps) {
    super(scope, id);
    // HTTP APIs bring a default stage; WebSocket APIs have none and need `stage`.
    const stage = props.stage ?? (props.api as { readonly defaultStage?: IStage }).defaultStage;
    if (!stage) {
      throw new ValidationError('StagePropertySpecified', 'stage property must be specified', scope);
    }
    if (props.apiMappingKey === '') {
      throw new ValidationError('EmptyStringApiMappingKey', 'empty string for api mapping key not allowed', scope);
    }
    const resource = new CfnApiMapping(this, 'Resource', {
      apiId: props.api.apiRef.apiId,
      domainName: props.domainName.domainNameRef.domainName,
      stage: stage.stageName,
      apiMappingKey: props.apiMappingKey,
    });
    // The stage must exist before a mapping can point at it.
    this.node.addDependency(stage);
    this.apiMappingId = resource.ref;
    this.mappingKey = props.apiMappingKey;
    this._domainName = props.domainName;
  }

  /** The domain name of the mapping; throws if it was given as a bare reference rather than an IDomainName. */
  public get domainName(): IDomainName {
    const domain = this._domainName;
    if ('regionalDomainName' in domain && 'regionalHostedZoneId' in domain) return domain as IDomainName;
    throw new ValidationError('SuppliedDomainName',
      `Supplied domainName (${domain.constructor.name}) does not implement IDomainName`, this);
  }

  /** This mapping's identifiers. */
  public get apiMappingRef(): ApiMappingReference {
    const domain = this._domainName;
    return {
      apiMappingId: this.apiMappingId,
      get domainName(): string {
        return domain.domainNameRef.domainName;
      },
    };
  }

  /** The URL the mapped stage is served at: `https://<domain>/<mappingKey>`. */
  public get domainUrl(): string {
    return `https://${this._domainName.domainNameRef.domainName}/${this.mappingKey ?? ''}`;
  }
}
