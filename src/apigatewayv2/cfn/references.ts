/**
 * Reference interfaces of the API Gateway v2 resource types: what an L1, an L2 or an import
 * exposes so that other resources can point at it (`apiRef.apiId`, `stageRef.stageName`, ...).
 * The member names are aws-cdk-lib's.
 */
import type { IConstruct } from 'constructs';
import type { ResourceEnvironment } from '../../core/index.js';

/** Something that lives in a known account and region. */
export interface IEnvironmentAware {
  /** The account and region the resource is in. */
  readonly env: ResourceEnvironment;
}

/** The identifiers of an `AWS::ApiGatewayV2::Api`. */
export interface ApiReference {
  /** The id of the API. */
  readonly apiId: string;
}

/** A reference to an `AWS::ApiGatewayV2::Api`. */
export interface IApiRef extends IConstruct, IEnvironmentAware {
  /** The API's identifiers. */
  readonly apiRef: ApiReference;
}

/** The identifiers of an `AWS::ApiGatewayV2::ApiMapping`. */
export interface ApiMappingReference {
  /** The id of the mapping. */
  readonly apiMappingId: string;
  /** The domain name the mapping belongs to. */
  readonly domainName: string;
}

/** A reference to an `AWS::ApiGatewayV2::ApiMapping`. */
export interface IApiMappingRef extends IConstruct, IEnvironmentAware {
  /** The mapping's identifiers. */
  readonly apiMappingRef: ApiMappingReference;
}

/** The identifiers of an `AWS::ApiGatewayV2::Authorizer`. */
export interface AuthorizerReference {
  /** The id of the authorizer. */
  readonly authorizerId: string;
  /** The id of the API it belongs to. */
  readonly apiId: string;
}

/** A reference to an `AWS::ApiGatewayV2::Authorizer`. */
export interface IAuthorizerRef extends IConstruct, IEnvironmentAware {
  /** The authorizer's identifiers. */
  readonly authorizerRef: AuthorizerReference;
}

/** The identifiers of an `AWS::ApiGatewayV2::Deployment`. */
export interface DeploymentReference {
  /** The id of the API. */
  readonly apiId: string;
  /** The id of the deployment. */
  readonly deploymentId: string;
}

/** A reference to an `AWS::ApiGatewayV2::Deployment`. */
export interface IDeploymentRef extends IConstruct, IEnvironmentAware {
  /** The deployment's identifiers. */
  readonly deploymentRef: DeploymentReference;
}

/** The identifiers of an `AWS::ApiGatewayV2::DomainName`. */
export interface DomainNameReference {
  /** The custom domain name itself. */
  readonly domainName: string;
  /** The ARN of the domain name resource. */
  readonly domainNameArn: string;
}

/** A reference to an `AWS::ApiGatewayV2::DomainName`. */
export interface IDomainNameRef extends IConstruct, IEnvironmentAware {
  /** The domain name's identifiers. */
  readonly domainNameRef: DomainNameReference;
}

/** The identifiers of an `AWS::ApiGatewayV2::Integration`. */
export interface IntegrationReference {
  /** The id of the API. */
  readonly apiId: string;
  /** The id of the integration. */
  readonly integrationId: string;
}

/** A reference to an `AWS::ApiGatewayV2::Integration`. */
export interface IIntegrationRef extends IConstruct, IEnvironmentAware {
  /** The integration's identifiers. */
  readonly integrationRef: IntegrationReference;
}

/** The identifiers of an `AWS::ApiGatewayV2::IntegrationResponse`. */
export interface IntegrationResponseReference {
  /** The id of the API. */
  readonly apiId: string;
  /** The id of the integration. */
  readonly integrationId: string;
  /** The id of the integration response. */
  readonly integrationResponseId: string;
}

/** A reference to an `AWS::ApiGatewayV2::IntegrationResponse`. */
export interface IIntegrationResponseRef extends IConstruct, IEnvironmentAware {
  /** The integration response's identifiers. */
  readonly integrationResponseRef: IntegrationResponseReference;
}

/** The identifiers of an `AWS::ApiGatewayV2::Model`. */
export interface ModelReference {
  /** The id of the API. */
  readonly apiId: string;
  /** The id of the model. */
  readonly modelId: string;
}

/** A reference to an `AWS::ApiGatewayV2::Model`. */
export interface IModelRef extends IConstruct, IEnvironmentAware {
  /** The model's identifiers. */
  readonly modelRef: ModelReference;
}

/** The identifiers of an `AWS::ApiGatewayV2::Route`. */
export interface RouteReference {
  /** The id of the API. */
  readonly apiId: string;
  /** The id of the route. */
  readonly routeId: string;
}

/** A reference to an `AWS::ApiGatewayV2::Route`. */
export interface IRouteRef extends IConstruct, IEnvironmentAware {
  /** The route's identifiers. */
  readonly routeRef: RouteReference;
}

/** The identifiers of an `AWS::ApiGatewayV2::RouteResponse`. */
export interface RouteResponseReference {
  /** The id of the API. */
  readonly apiId: string;
  /** The id of the route. */
  readonly routeId: string;
  /** The id of the route response. */
  readonly routeResponseId: string;
}

/** A reference to an `AWS::ApiGatewayV2::RouteResponse`. */
export interface IRouteResponseRef extends IConstruct, IEnvironmentAware {
  /** The route response's identifiers. */
  readonly routeResponseRef: RouteResponseReference;
}

/** The identifiers of an `AWS::ApiGatewayV2::Stage`. */
export interface StageReference {
  /** The id of the API. */
  readonly apiId: string;
  /** The name of the stage. */
  readonly stageName: string;
}

/** A reference to an `AWS::ApiGatewayV2::Stage`. */
export interface IStageRef extends IConstruct, IEnvironmentAware {
  /** The stage's identifiers. */
  readonly stageRef: StageReference;
}

/** The identifiers of an `AWS::ApiGatewayV2::VpcLink`. */
export interface VpcLinkReference {
  /** The id of the VPC link. */
  readonly vpcLinkId: string;
}

/** A reference to an `AWS::ApiGatewayV2::VpcLink`. */
export interface IVpcLinkRef extends IConstruct, IEnvironmentAware {
  /** The VPC link's identifiers. */
  readonly vpcLinkRef: VpcLinkReference;
}
