/** `AWS::ApiGatewayV2::IntegrationResponse`: the L1 of what a WebSocket integration sends back. */
import type { Construct } from 'constructs';
import { CfnResource, ResolutionTypeHint, Token, type IResolvable } from '../../core/index.js';
import { renderCfnProperties } from '../../core/private/cfn-props.js';
import type { IApiRef, IIntegrationRef, IIntegrationResponseRef, IntegrationResponseReference } from './references.js';
import { idFromRef, requireProperty, type CfnJson } from './private/l1.js';

/** Properties of a CfnIntegrationResponse. */
export interface CfnIntegrationResponseProps {
  /** The API, or its id. */
  readonly apiId: IApiRef | string;
  /** How binary payloads are converted (`CONVERT_TO_BINARY`, `CONVERT_TO_TEXT`). @default - passed through */
  readonly contentHandlingStrategy?: string;
  /** The integration, or its id. */
  readonly integrationId: IIntegrationRef | string;
  /** The response key, e.g. `$default` or `/4\d\d/`. */
  readonly integrationResponseKey: string;
  /** Response parameter mappings, as a map of JSON. @default - none */
  readonly responseParameters?: CfnJson | IResolvable;
  /** Response templates, as a map of JSON. @default - none */
  readonly responseTemplates?: CfnJson | IResolvable;
  /** How a response template is chosen. @default - none */
  readonly templateSelectionExpression?: string;
}

/**
 * An integration response of a WebSocket API, exactly as CloudFormation takes it.
 * @resource AWS::ApiGatewayV2::IntegrationResponse
 */
export class CfnIntegrationResponse extends CfnResource implements IIntegrationResponseRef {
  /** The CloudFormation resource type. */
  public static readonly CFN_RESOURCE_TYPE_NAME = 'AWS::ApiGatewayV2::IntegrationResponse';

  /** True if `x` is a CfnIntegrationResponse. */
  public static isCfnIntegrationResponse(x: unknown): x is CfnIntegrationResponse {
    return CfnResource.isCfnResource(x) && x.cfnResourceType === CfnIntegrationResponse.CFN_RESOURCE_TYPE_NAME;
  }

  public apiId: string;
  public contentHandlingStrategy?: string;
  public integrationId: string;
  public integrationResponseKey: string;
  public responseParameters?: CfnJson | IResolvable;
  public responseTemplates?: CfnJson | IResolvable;
  public templateSelectionExpression?: string;

  constructor(scope: Construct, id: string, props: CfnIntegrationResponseProps) {
    super(scope, id, { type: CfnIntegrationResponse.CFN_RESOURCE_TYPE_NAME, properties: { ...props } });
    requireProperty(props, 'apiId', this);
    requireProperty(props, 'integrationId', this);
    requireProperty(props, 'integrationResponseKey', this);
    this.apiId = idFromRef(props.apiId, ['apiRef', 'apiId'], 'apiId', 'apigatewayv2.IApiRef | string') as string;
    this.contentHandlingStrategy = props.contentHandlingStrategy;
    this.integrationId = idFromRef(props.integrationId, ['integrationRef', 'integrationId'], 'integrationId',
      'apigatewayv2.IIntegrationRef | string') as string;
    this.integrationResponseKey = props.integrationResponseKey;
    this.responseParameters = props.responseParameters;
    this.responseTemplates = props.responseTemplates;
    this.templateSelectionExpression = props.templateSelectionExpression;
  }

  /** This integration response's identifiers. */
  public get integrationResponseRef(): IntegrationResponseReference {
    return { apiId: this.apiId, integrationId: this.integrationId, integrationResponseId: this.ref };
  }

  /** The id of the integration response. @attribute */
  public get attrIntegrationResponseId(): string {
    return Token.asString(this.getAtt('IntegrationResponseId', ResolutionTypeHint.STRING));
  }

  protected override get cfnProperties(): Record<string, unknown> {
    return {
      apiId: this.apiId,
      contentHandlingStrategy: this.contentHandlingStrategy,
      integrationId: this.integrationId,
      integrationResponseKey: this.integrationResponseKey,
      responseParameters: this.responseParameters,
      responseTemplates: this.responseTemplates,
      templateSelectionExpression: this.templateSelectionExpression,
    };
  }

  protected override renderProperties(props: Record<string, unknown>): Record<string, unknown> {
    return renderCfnProperties(props, { verbatim: ['responseParameters', 'responseTemplates'] });
  }
}
