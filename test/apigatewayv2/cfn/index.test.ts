// The L1s of AWS::ApiGatewayV2::*, each compared with aws-cdk-lib's on the same program. They share
// one file because every test file pays for aws-cdk-lib's first synthesis (about three seconds).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { synthBoth } from './compare.js';
import { newStack, templateOf } from '../../support/synth.js';
import { CfnApi, CfnApiMapping, CfnDomainName } from '../../../src/apigatewayv2/cfn/index.js';
import { Tags } from '../../../src/core/index.js';

describe('CfnApi', () => {
  test('renders every property, map tags and attributes as aws-cdk-lib does', () => {
    // GIVEN
    const { wsgate, cdk } = synthBoth(({ core, v2 }, stack) => {
      // WHEN
      const api = new v2.CfnApi(stack, 'Api', {
        name: 'raw-api',
        protocolType: 'WEBSOCKET',
        routeSelectionExpression: '$request.body.action',
        apiKeySelectionExpression: '$request.header.x-api-key',
        description: 'made of L1s',
        disableSchemaValidation: true,
        disableExecuteApiEndpoint: false,
        failOnWarnings: true,
        ipAddressType: 'dualstack',
        basePath: 'ignore',
        body: { openapi: '3.0.1', info: { title: 'x', version: '1' }, paths: { '/a': { get: {} } } },
        bodyS3Location: { bucket: 'b', key: 'k', etag: 'e', version: 'v' },
        corsConfiguration: { allowOrigins: ['*'], allowCredentials: false, maxAge: 10, allowHeaders: ['x'] },
        credentialsArn: 'arn:aws:iam::123456789012:role/r',
        routeKey: 'GET /a',
        target: 'arn:aws:lambda:us-east-1:123456789012:function:f',
        version: '1',
        tags: { team: 'realtime', env: 'test' },
      });
      core.Tags.of(api).add('added', 'later');
      new core.CfnOutput(stack, 'Endpoint', { value: api.attrApiEndpoint });
      new core.CfnOutput(stack, 'Id', { value: api.attrApiId });
      new core.CfnOutput(stack, 'ExecuteArn', { value: api.attrExecuteApiArn });
      new core.CfnOutput(stack, 'Ref', { value: api.apiRef.apiId });
      new core.CfnOutput(stack, 'Arn', { value: v2.CfnApi.arnForApi(api) });
    });

    // THEN
    assert.deepEqual(wsgate, cdk);
  });

  test('imports by id and accepts a Lambda function reference as target', () => {
    // GIVEN
    const { wsgate, cdk } = synthBoth(({ core, v2 }, stack) => {
      // WHEN
      const imported = v2.CfnApi.fromApiId(stack, 'Imported', 'abc123');
      new v2.CfnApi(stack, 'Quick', {
        name: 'quick',
        protocolType: 'HTTP',
        target: { functionRef: { functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f' } },
      });
      new core.CfnOutput(stack, 'ImportedArn', { value: v2.CfnApi.arnForApi(imported) });
      new core.CfnOutput(stack, 'ImportedId', { value: imported.apiRef.apiId });
    });

    // THEN
    assert.deepEqual(wsgate, cdk);
  });

  test('properties set after construction are rendered, and an empty API has no Properties', () => {
    // GIVEN
    const { stack } = newStack();
    const api = new CfnApi(stack, 'Api');
    new CfnApi(stack, 'Empty');

    // WHEN
    api.name = 'renamed';
    api.protocolType = 'WEBSOCKET';
    Tags.of(api).add('k', 'v');

    // THEN
    const resources = templateOf(stack).Resources;
    assert.deepEqual(resources.Api, { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'renamed', ProtocolType: 'WEBSOCKET', Tags: { k: 'v' } } });
    assert.deepEqual(resources.Empty, { Type: 'AWS::ApiGatewayV2::Api' });
    assert.equal(CfnApi.isCfnApi(api), true);
    assert.equal(CfnApi.isCfnApi(stack), false);
    assert.equal(CfnApi.CFN_RESOURCE_TYPE_NAME, 'AWS::ApiGatewayV2::Api');
  });

  test('a target that is neither a string nor a function reference is a TypeError', () => {
    // GIVEN
    const { stack } = newStack();

    // THEN
    assert.throws(() => new CfnApi(stack, 'Api', { target: 5 as unknown as string }),
      { name: 'TypeError', message: 'Property target should be one of lambda.IFunctionRef | string' });
  });
});

describe('CfnApiMapping', () => {
  test('renders as aws-cdk-lib does, from ids and from references', () => {
    // GIVEN
    const { wsgate, cdk } = synthBoth(({ core, v2 }, stack) => {
      const api = new v2.CfnApi(stack, 'Api', { name: 'a', protocolType: 'WEBSOCKET', routeSelectionExpression: '$request.body.action' });
      const domain = new v2.CfnDomainName(stack, 'Domain', { domainName: 'chat.example.com' });

      // WHEN
      const byId = new v2.CfnApiMapping(stack, 'ById', { apiId: api.ref, domainName: 'chat.example.com', stage: 'dev', apiMappingKey: 'v1' });
      const byRef = new v2.CfnApiMapping(stack, 'ByRef', { apiId: api, domainName: domain, stage: 'prod' });
      new v2.CfnApiMapping(stack, 'RestApi', { apiId: { restApiRef: { restApiId: 'rest123' } } as never, domainName: domain, stage: 'prod' });
      new core.CfnOutput(stack, 'MappingId', { value: byId.attrApiMappingId });
      new core.CfnOutput(stack, 'RefDomain', { value: byRef.apiMappingRef.domainName });
      new core.CfnOutput(stack, 'RefId', { value: byRef.apiMappingRef.apiMappingId });
    });

    // THEN
    assert.deepEqual(wsgate, cdk);
  });

  test('missing required properties are reported with the construct path', () => {
    // GIVEN
    const { stack } = newStack();

    // THEN
    assert.throws(() => new CfnApiMapping(stack, 'M', { apiId: 'a', domainName: 'd' } as never),
      { name: 'MissingRequiredProperty', message: 'TestStack/M is missing required property: stage' });
  });
});

describe('CfnAuthorizer', () => {
  test('renders Lambda and JWT authorizers as aws-cdk-lib does', () => {
    // GIVEN
    const { wsgate, cdk } = synthBoth(({ core, v2 }, stack) => {
      const api = new v2.CfnApi(stack, 'Api', { name: 'a', protocolType: 'WEBSOCKET', routeSelectionExpression: '$request.body.action' });

      // WHEN
      const lambda = new v2.CfnAuthorizer(stack, 'Lambda', {
        apiId: api.ref,
        authorizerType: 'REQUEST',
        name: 'raw-authorizer',
        authorizerUri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations',
        identitySource: ['route.request.header.Auth', 'route.request.querystring.token'],
        authorizerCredentialsArn: 'arn:aws:iam::123456789012:role/invoker',
        authorizerResultTtlInSeconds: 0,
        identityValidationExpression: '.*',
      });
      new v2.CfnAuthorizer(stack, 'Jwt', {
        apiId: api,
        authorizerType: 'JWT',
        name: 'jwt',
        identitySource: ['$request.header.Authorization'],
        jwtConfiguration: { audience: ['aud'], issuer: 'https://issuer.example.com' },
        enableSimpleResponses: true,
        authorizerPayloadFormatVersion: '2.0',
      });
      new core.CfnOutput(stack, 'AuthorizerId', { value: lambda.attrAuthorizerId });
      new core.CfnOutput(stack, 'RefApi', { value: lambda.authorizerRef.apiId });
      new core.CfnOutput(stack, 'RefId', { value: lambda.authorizerRef.authorizerId });
    });

    // THEN
    assert.deepEqual(wsgate, cdk);
  });
});

describe('CfnDeployment', () => {
  test('renders with resource dependencies as aws-cdk-lib does', () => {
    // GIVEN
    const { wsgate, cdk } = synthBoth(({ core, v2 }, stack) => {
      const api = new v2.CfnApi(stack, 'Api', { name: 'a', protocolType: 'WEBSOCKET', routeSelectionExpression: '$request.body.action' });
      const route = new v2.CfnRoute(stack, 'Route', { apiId: api.ref, routeKey: '$default' });

      // WHEN
      const deployment = new v2.CfnDeployment(stack, 'Deployment', { apiId: api, description: 'first', stageName: 'dev' });
      deployment.addResourceDependency(route);
      new core.CfnOutput(stack, 'DeploymentId', { value: deployment.attrDeploymentId });
      new core.CfnOutput(stack, 'RefId', { value: deployment.deploymentRef.deploymentId });
    });

    // THEN
    assert.deepEqual(wsgate, cdk);
  });
});

describe('CfnDomainName', () => {
  test('renders configurations, mutual TLS, map tags and attributes as aws-cdk-lib does', () => {
    // GIVEN
    const { wsgate, cdk } = synthBoth(({ core, v2 }, stack) => {
      // WHEN
      const domain = new v2.CfnDomainName(stack, 'Domain', {
        domainName: 'chat.example.com',
        domainNameConfigurations: [
          { certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc', endpointType: 'REGIONAL', securityPolicy: 'TLS_1_2', ipAddressType: 'dualstack' },
          { certificateArn: 'arn:c2', certificateName: 'edge', endpointType: 'EDGE', ownershipVerificationCertificateArn: 'arn:own' },
        ],
        mutualTlsAuthentication: { truststoreUri: 's3://bucket/truststore.pem', truststoreVersion: '3' },
        routingMode: 'API_MAPPING_ONLY',
        tags: { team: 'realtime' },
      });
      core.Tags.of(stack).add('stack', 'tag');
      new core.CfnOutput(stack, 'Arn', { value: domain.attrDomainNameArn });
      new core.CfnOutput(stack, 'Regional', { value: domain.attrRegionalDomainName });
      new core.CfnOutput(stack, 'Zone', { value: domain.attrRegionalHostedZoneId });
      new core.CfnOutput(stack, 'RefName', { value: domain.domainNameRef.domainName });
      new core.CfnOutput(stack, 'RefArn', { value: v2.CfnDomainName.arnForDomainName(domain) });
    });

    // THEN
    assert.deepEqual(wsgate, cdk);
  });

  test('imports by name and by ARN as aws-cdk-lib does', () => {
    // GIVEN
    const { wsgate, cdk } = synthBoth(({ core, v2 }, stack) => {
      // WHEN
      const byName = v2.CfnDomainName.fromDomainName(stack, 'ByName', 'a.example.com');
      const byArn = v2.CfnDomainName.fromDomainNameArn(stack, 'ByArn', 'arn:aws:apigateway:eu-west-1::/domainnames/b.example.com');
      new core.CfnOutput(stack, 'NameArn', { value: byName.domainNameRef.domainNameArn });
      new core.CfnOutput(stack, 'ArnName', { value: byArn.domainNameRef.domainName });
      new core.CfnOutput(stack, 'ArnRegion', { value: byArn.env.region });
    });

    // THEN
    assert.deepEqual(wsgate, cdk);
  });

  test('an ARN that is not a domain name ARN is rejected', () => {
    // GIVEN
    const { stack } = newStack();

    // THEN
    assert.throws(() => CfnDomainName.fromDomainNameArn(stack, 'Bad', 'arn:aws:apigateway:eu-west-1::/apis/x'),
      { name: 'InputDoesMatchTemplate', message: 'Input arn:aws:apigateway:eu-west-1::/apis/x does not match template arn:${Partition}:apigateway:${Region}::/domainnames/${DomainName}' });
  });
});

describe('CfnIntegration and CfnIntegrationResponse', () => {
  test('render JSON maps verbatim and structs capitalised, as aws-cdk-lib does', () => {
    // GIVEN
    const { wsgate, cdk } = synthBoth(({ core, v2 }, stack) => {
      const api = new v2.CfnApi(stack, 'Api', { name: 'a', protocolType: 'WEBSOCKET', routeSelectionExpression: '$request.body.action' });

      // WHEN
      const integration = new v2.CfnIntegration(stack, 'Integration', {
        apiId: api.ref,
        integrationType: 'AWS',
        integrationMethod: 'POST',
        integrationUri: 'arn:aws:apigateway:us-west-2:dynamodb:action/PutItem',
        credentialsArn: 'arn:aws:iam::123456789012:role/r',
        contentHandlingStrategy: 'CONVERT_TO_TEXT',
        passthroughBehavior: 'WHEN_NO_TEMPLATES',
        requestParameters: { 'integration.request.header.x-key': 'route.request.header.x-key' },
        requestTemplates: { $default: '{"statusCode": 200}', 'application/json': '{"a": "$input.body"}' },
        responseParameters: { 200: { 'overwrite:header.x': 'static' } },
        templateSelectionExpression: '\\$default',
        timeoutInMillis: 5000,
        description: 'd',
        connectionType: 'INTERNET',
        tlsConfig: { serverNameToVerify: 'example.com' },
        payloadFormatVersion: '1.0',
      });
      const lambda = new v2.CfnIntegration(stack, 'Lambda', {
        apiId: api,
        integrationType: 'AWS_PROXY',
        integrationUri: { functionRef: { functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f' } },
      });
      new v2.CfnIntegrationResponse(stack, 'Response', {
        apiId: api.ref,
        integrationId: integration,
        integrationResponseKey: '$default',
        responseTemplates: { $default: '{"ok": true}' },
        responseParameters: { 'method.response.header.x': 'integration.response.header.y' },
        templateSelectionExpression: '\\$default',
        contentHandlingStrategy: 'CONVERT_TO_BINARY',
      });
      new core.CfnOutput(stack, 'IntegrationId', { value: integration.attrIntegrationId });
      new core.CfnOutput(stack, 'RefApi', { value: lambda.integrationRef.apiId });
      new core.CfnOutput(stack, 'RefId', { value: lambda.integrationRef.integrationId });
    });

    // THEN
    assert.deepEqual(wsgate, cdk);
  });
});

describe('CfnModel', () => {
  test('renders the schema verbatim, as aws-cdk-lib does', () => {
    // GIVEN
    const { wsgate, cdk } = synthBoth(({ core, v2 }, stack) => {
      const api = new v2.CfnApi(stack, 'Api', { name: 'a', protocolType: 'WEBSOCKET', routeSelectionExpression: '$request.body.action' });

      // WHEN
      const model = new v2.CfnModel(stack, 'Model', {
        apiId: api,
        name: 'Message',
        contentType: 'application/json',
        description: 'a message',
        schema: { $schema: 'http://json-schema.org/draft-04/schema#', type: 'object', properties: { action: { type: 'string' } }, required: ['action'] },
      });
      new core.CfnOutput(stack, 'ModelId', { value: model.attrModelId });
      new core.CfnOutput(stack, 'RefId', { value: model.modelRef.modelId });
    });

    // THEN
    assert.deepEqual(wsgate, cdk);
  });
});

describe('CfnRoute and CfnRouteResponse', () => {
  test('render as aws-cdk-lib does, with references in place of ids', () => {
    // GIVEN
    const { wsgate, cdk } = synthBoth(({ core, v2 }, stack) => {
      const api = new v2.CfnApi(stack, 'Api', { name: 'a', protocolType: 'WEBSOCKET', routeSelectionExpression: '$request.body.action' });
      const integration = new v2.CfnIntegration(stack, 'Integration', { apiId: api.ref, integrationType: 'MOCK' });
      const authorizer = new v2.CfnAuthorizer(stack, 'Authorizer', { apiId: api.ref, authorizerType: 'REQUEST', name: 'auth', identitySource: ['route.request.header.Auth'] });

      // WHEN
      new v2.CfnRoute(stack, 'Connect', {
        apiId: api.ref,
        routeKey: '$connect',
        authorizationType: 'CUSTOM',
        authorizerId: authorizer,
        target: core.Fn.join('/', ['integrations', integration.ref]),
        requestParameters: { 'route.request.header.x': { Required: true } },
        operationName: 'connect',
      });
      const message = new v2.CfnRoute(stack, 'Message', {
        apiId: api,
        routeKey: 'message',
        apiKeyRequired: true,
        routeResponseSelectionExpression: '$default',
        target: integration,
        authorizationScopes: ['a'],
        modelSelectionExpression: '$request.body.action',
        requestModels: { message: 'Message' },
      });
      new v2.CfnRouteResponse(stack, 'RouteResponse', {
        apiId: api.ref,
        routeId: message,
        routeResponseKey: '$default',
        modelSelectionExpression: 'default',
        responseModels: { default: 'Message' },
        responseParameters: { 'route.response.header.x': { required: false } },
      });
      new core.CfnOutput(stack, 'RouteId', { value: message.attrRouteId });
      new core.CfnOutput(stack, 'RefId', { value: message.routeRef.routeId });
    });

    // THEN
    assert.deepEqual(wsgate, cdk);
  });
});

describe('CfnStage', () => {
  test('renders settings, free-form maps and map tags as aws-cdk-lib does', () => {
    // GIVEN
    const { wsgate, cdk } = synthBoth(({ core, v2 }, stack) => {
      const api = new v2.CfnApi(stack, 'Api', { name: 'a', protocolType: 'WEBSOCKET', routeSelectionExpression: '$request.body.action' });

      // WHEN
      const stage = new v2.CfnStage(stack, 'Stage', {
        apiId: api.ref,
        stageName: 'prod',
        deploymentId: 'dep123',
        description: 'raw stage',
        autoDeploy: false,
        clientCertificateId: 'cert',
        accessLogSettings: { destinationArn: 'arn:aws:logs:us-east-1:123456789012:log-group:g', format: '$context.requestId' },
        defaultRouteSettings: { throttlingBurstLimit: 10, throttlingRateLimit: 5, dataTraceEnabled: false, loggingLevel: 'INFO', detailedMetricsEnabled: true },
        // RouteSettings is free-form JSON in aws-cdk-lib: keys are written as given.
        routeSettings: { message: { throttlingRateLimit: 1 }, other: { ThrottlingBurstLimit: 2 } },
        stageVariables: { tableName: 'chat', lowerCase: 'x' },
        tags: { team: 'realtime' },
      });
      core.Tags.of(stage).add('extra', 'yes');
      new core.CfnOutput(stack, 'RefName', { value: stage.stageRef.stageName });
      new core.CfnOutput(stack, 'RefApi', { value: stage.stageRef.apiId });
    });

    // THEN
    assert.deepEqual(wsgate, cdk);
  });
});

describe('CfnVpcLink', () => {
  test('renders ids, references and map tags as aws-cdk-lib does', () => {
    // GIVEN
    const { wsgate, cdk } = synthBoth(({ core, v2 }, stack) => {
      // WHEN
      const link = new v2.CfnVpcLink(stack, 'Link', {
        name: 'link',
        subnetIds: ['subnet-1', { subnetRef: { subnetId: 'subnet-2' } }],
        securityGroupIds: [{ securityGroupRef: { securityGroupId: 'sg-1' } }],
        tags: { team: 'realtime' },
      });
      const imported = v2.CfnVpcLink.fromVpcLinkId(stack, 'Imported', 'vl-123');
      new core.CfnOutput(stack, 'Id', { value: link.attrVpcLinkId });
      new core.CfnOutput(stack, 'Arn', { value: v2.CfnVpcLink.arnForVpcLink(link) });
      new core.CfnOutput(stack, 'ImportedArn', { value: v2.CfnVpcLink.arnForVpcLink(imported) });
    });

    // THEN
    assert.deepEqual(wsgate, cdk);
  });
});
