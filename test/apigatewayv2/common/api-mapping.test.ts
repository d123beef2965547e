import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as cdkApigatewayv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { synthWith } from '../cfn/compare.js';
import { newStack, resourcesOfType, templateOf } from '../../support/synth.js';
import * as apigwv2 from '../../../src/apigatewayv2/index.js';
import { ApiMapping, CfnDomainName, DomainName, WebSocketApi, WebSocketStage } from '../../../src/apigatewayv2/index.js';

const CERT_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';

/** Templates of a program using the aws-apigatewayv2 module, from wsgate and from aws-cdk-lib. */
function synthBoth(program: Parameters<typeof synthWith<{ apigwv2: typeof apigwv2 }>>[2]) {
  return synthWith({ apigwv2 }, { apigwv2: cdkApigatewayv2 }, program);
}

/** A WebSocket API with one stage, and a domain name. */
function fixture() {
  const { stack } = newStack();
  const api = new WebSocketApi(stack, 'Api');
  const stage = new WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'dev' });
  const domain = new DomainName(stack, 'Domain', { domainName: 'chat.example.com', certificate: { certificateArn: CERT_ARN } });
  return { stack, api, stage, domain };
}

describe('ApiMapping', () => {
  test('maps a WebSocket stage onto created and imported domains as aws-cdk-lib does', () => {
    // GIVEN
    const { wsgate, cdk } = synthBoth(({ core, apigwv2 }, stack) => {
      class Certificate extends core.Resource {
        public readonly certificateRef = { certificateArn: CERT_ARN };
      }
      const api = new apigwv2.WebSocketApi(stack, 'mywsapi');
      const stage = new apigwv2.WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'dev' });
      const domain = new apigwv2.DomainName(stack, 'DN', { domainName: 'chat.example.com', certificate: new Certificate(stack, 'Cert') });
      const imported = apigwv2.DomainName.fromDomainNameAttributes(stack, 'ImportedDN', {
        name: 'imported.example.com',
        regionalDomainName: 'd-abc.execute-api.us-east-1.amazonaws.com',
        regionalHostedZoneId: 'Z2FDTNDATAQYW2',
      });

      // WHEN
      const keyed = new apigwv2.ApiMapping(stack, 'Keyed', { api, domainName: domain, stage, apiMappingKey: 'chat' });
      const root = new apigwv2.ApiMapping(stack, 'Root', { api, domainName: imported, stage });
      new core.CfnOutput(stack, 'MappingId', { value: keyed.apiMappingId });
      new core.CfnOutput(stack, 'KeyedUrl', { value: keyed.domainUrl });
      new core.CfnOutput(stack, 'RootUrl', { value: root.domainUrl });
      new core.CfnOutput(stack, 'RefDomain', { value: keyed.apiMappingRef.domainName });
      new core.CfnOutput(stack, 'RefId', { value: root.apiMappingRef.apiMappingId });
    });

    // THEN
    assert.deepEqual(wsgate, cdk);
  });

  test('the mapping depends on its stage', () => {
    // GIVEN
    const { stack, api, stage, domain } = fixture();

    // WHEN
    new ApiMapping(stack, 'Mapping', { api, domainName: domain, stage });

    // THEN
    const [mapping] = Object.values(resourcesOfType(templateOf(stack), 'AWS::ApiGatewayV2::ApiMapping'));
    assert.deepEqual(mapping.DependsOn, [Object.keys(resourcesOfType(templateOf(stack), 'AWS::ApiGatewayV2::Stage'))[0]]);
  });

  test('a WebSocket API needs a stage, and the mapping key must not be empty', () => {
    // GIVEN
    const { stack, api, stage, domain } = fixture();

    // THEN
    assert.throws(() => new ApiMapping(stack, 'NoStage', { api, domainName: domain }),
      { name: 'StagePropertySpecified', message: 'stage property must be specified' });
    assert.throws(() => new ApiMapping(stack, 'EmptyKey', { api, domainName: domain, stage, apiMappingKey: '' }),
      { name: 'EmptyStringApiMappingKey', message: 'empty string for api mapping key not allowed' });
  });

  test('domainName gives back an IDomainName, and refuses a bare domain reference', () => {
    // GIVEN
    const { stack, api, stage, domain } = fixture();
    const bare = CfnDomainName.fromDomainName(stack, 'Bare', 'bare.example.com');

    // WHEN
    const full = new ApiMapping(stack, 'Full', { api, domainName: domain, stage, apiMappingKey: 'a' });
    const fromRef = new ApiMapping(stack, 'FromRef', { api, domainName: bare, stage, apiMappingKey: 'b' });

    // THEN
    assert.equal(full.domainName, domain);
    assert.equal(full.mappingKey, 'a');
    assert.throws(() => fromRef.domainName,
      { name: 'SuppliedDomainName', message: 'Supplied domainName (Import) does not implement IDomainName' });
    assert.equal(fromRef.domainUrl, 'https://bare.example.com/b');
  });

  test('an imported mapping knows its domain name only if it was given', () => {
    // GIVEN
    const { stack } = newStack();

    // WHEN
    const withDomain = ApiMapping.fromApiMappingAttributes(stack, 'With', { apiMappingId: 'm-1', domainName: 'chat.example.com' });
    const without = ApiMapping.fromApiMappingAttributes(stack, 'Without', { apiMappingId: 'm-2' });

    // THEN
    assert.equal(withDomain.apiMappingId, 'm-1');
    assert.deepEqual({ ...withDomain.apiMappingRef }, { apiMappingId: 'm-1', domainName: 'chat.example.com' });
    assert.equal(without.apiMappingRef.apiMappingId, 'm-2');
    assert.throws(() => without.apiMappingRef.domainName, {
      name: 'CannotObjectDomainNameSupplied',
      message: "Cannot use object in this API: 'domainName' was not supplied when calling ApiMapping.fromApiMappingAttributes()",
    });
  });
});
