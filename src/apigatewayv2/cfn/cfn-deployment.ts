/** `AWS::ApiGatewayV2::Deployment`: the L1 of a snapshot of an API that a stage serves. */
import type { Construct } from 'constructs';
import { CfnResource, ResolutionTypeHint, Token } from '../../core/index.js';
import { renderCfnProperties } from '../../core/private/cfn-props.js';
import type { DeploymentReference, IApiRef, IDeploymentRef } from './references.js';
import { idFromRef, requireProperty } from './private/l1.js';

/** Properties of a CfnDeployment. */
export interface CfnDeploymentProps {
  /** The API, or its id. */
  readonly apiId: IApiRef | string;
  /** A description of the deployment. @default - none */
  readonly description?: string;
  /** A stage to point at this deployment. @default - none */
  readonly stageName?: string;
}

/**
 * A deployment of an API Gateway v2 API, exactly as CloudFormation takes it.
 * @resource AWS::ApiGatewayV2::Deployment
 */
export class CfnDeployment extends CfnResource implements IDeploymentRef {
  /** The CloudFormation resource type. */
  public static readonly CFN_RESOURCE_TYPE_NAME = 'AWS::ApiGatewayV2::Deployment';

  /** True if `x` is a CfnDeployment. */
  public static isCfnDeployment(x: unknown): x is CfnDeployment {
    return CfnResource.isCfnResource(x) && x.cfnResourceType === CfnDeployment.CFN_RESOURCE_TYPE_NAME;
  }

  public apiId: string;
  public description?: string;
  public stageName?: string;

  constructor(scope: Construct, id: string, props: CfnDeploymentProps) {
    super(scope, id, { type: CfnDeployment.CFN_RESOURCE_TYPE_NAME, properties: { ...props } });
    requireProperty(props, 'apiId', this);
    this.apiId = idFromRef(props.apiId, ['apiRef', 'apiId'], 'apiId', 'apigatewayv2.IApiRef | string') as string;
    this.description = props.description;
    this.stageName = props.stageName;
  }

  /** This deployment's identifiers. */
  public get deploymentRef(): DeploymentReference {
    return { apiId: this.apiId, deploymentId: this.ref };
  }

  /** The id of the deployment. @attribute */
  public get attrDeploymentId(): string {
    return Token.asString(this.getAtt('DeploymentId', ResolutionTypeHint.STRING));
  }

  protected override get cfnProperties(): Record<string, unknown> {
    return {
      apiId: this.apiId,
      description: this.description,
      stageName: this.stageName,
    };
  }

  protected override renderProperties(props: Record<string, unknown>): Record<string, unknown> {
    return renderCfnProperties(props);
  }
}
