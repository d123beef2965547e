import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as cdkApigatewayv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { synthWith } from '../cfn/compare.js';
import { newStack, resourcesOfType, templateOf } from '../../support/synth.js';
import * as apigwv2 from '../../../src/apigatewayv2/index.js';
import { DomainName, EndpointType, IpAddressType, SecurityPolicy } from '../../../src/apigatewayv2/index.js';

const CERT_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';

/** Templates of a program using the aws-apigatewayv2 module, from wsgate and from aws-cdk-lib. */
function synthBoth(program: Parameters<typeof synthWith<{ apigwv2: typeof apigwv2 }>>[2]) {
  return synthWith({ apigwv2 }, { apigwv2: cdkApigatewayv2 }, program);
}

describe('DomainName', () => {
  test('renders endpoints, mutual TLS and attributes as aws-cdk-lib does', () => {
    // GIVEN
    const { wsgate, cdk } = synthBoth(({ core, apigwv2 }, stack) => {
      /** A certificate reference without aws-certificatemanager. */
      class Certificate extends core.Resource {
        public readonly certificateRef = { certificateArn: CERT_ARN };
      }
      const certificate = new Certificate(stack, 'Certificate');

      // WHEN
      const plain = new apigwv2.DomainName(stack, 'Plain', { domainName: 'chat.example.com', certificate });
      const full = new apigwv2.DomainName(stack, 'Full', {
        domainName: 'ws.example.com',
        certificate,
        certificateName: 'ws-cert',
        endpointType: apigwv2.EndpointType.EDGE,
        securityPolicy: apigwv2.SecurityPolicy.TLS_1_0,
        ipAddressType: apigwv2.IpAddressType.DUAL_STACK,
        ownershipCertificate: certificate,
        mtls: { bucket: { s3UrlForObject: (key?: string) => `s3://truststores/${key}` }, key: 'ca.pem', version: 'v2' },
      });
      full.addEndpoint({ certificate, securityPolicy: apigwv2.SecurityPolicy.TLS_1_2 });
      new apigwv2.DomainName(stack, 'NoCertificate', { domainName: 'later.example.com' } as never);
      new core.CfnOutput(stack, 'Name', { value: plain.name });
      new core.CfnOutput(stack, 'Regional', { value: plain.regionalDomainName });
      new core.CfnOutput(stack, 'Zone', { value: plain.regionalHostedZoneId });
      new core.CfnOutput(stack, 'RefName', { value: full.domainNameRef.domainName });
      new core.CfnOutput(stack, 'RefArn', { value: full.domainNameRef.domainNameArn });
    });

    // THEN
    assert.deepEqual(wsgate, cdk);
  });

  test('imports from attributes as aws-cdk-lib does', () => {
    // GIVEN
    const { wsgate, cdk } = synthBoth(({ core, apigwv2 }, stack) => {
      // WHEN
      const imported = apigwv2.DomainName.fromDomainNameAttributes(stack, 'Imported', {
        name: 'imported.example.com',
        regionalDomainName: 'd-abc.execute-api.us-east-1.amazonaws.com',
        regionalHostedZoneId: 'Z2FDTNDATAQYW2',
      });
      new core.CfnOutput(stack, 'Name', { value: imported.name });
      new core.CfnOutput(stack, 'Regional', { value: imported.regionalDomainName });
      new core.CfnOutput(stack, 'Zone', { value: imported.regionalHostedZoneId });
      new core.CfnOutput(stack, 'RefName', { value: imported.domainNameRef.domainName });
      new core.CfnOutput(stack, 'RefArn', { value: imported.domainNameRef.domainNameArn });
    });

    // THEN
    assert.deepEqual(wsgate, cdk);
  });

  test('accepts a certificate given as a plain { certificateArn }', () => {
    // GIVEN
    const { stack } = newStack();

    // WHEN
    new DomainName(stack, 'Domain', { domainName: 'chat.example.com', certificate: { certificateArn: CERT_ARN } });

    // THEN
    const [domain] = Object.values(resourcesOfType(templateOf(stack), 'AWS::ApiGatewayV2::DomainName'));
    assert.deepEqual(domain.Properties, {
      DomainName: 'chat.example.com',
      DomainNameConfigurations: [{ CertificateArn: CERT_ARN, EndpointType: 'REGIONAL' }],
    });
  });

  test('rejects an empty domain name, an ownership certificate without mTLS, and two endpoints of one type', () => {
    // GIVEN
    const { stack } = newStack();
    const certificate = { certificateArn: CERT_ARN };

    // THEN
    assert.throws(() => new DomainName(stack, 'Empty', { domainName: '', certificate }),
      { name: 'EmptyStringDomainNameAllowed', message: 'empty string for domainName not allowed' });
    assert.throws(() => new DomainName(stack, 'Owner', { domainName: 'a.example.com', certificate, ownershipCertificate: certificate }),
      { name: 'OwnershipCertificateMtlsDomains', message: 'ownership certificate can only be used with mtls domains' });
    const domain = new DomainName(stack, 'Twice', { domainName: 'b.example.com', certificate, endpointType: EndpointType.EDGE });
    assert.throws(() => domain.addEndpoint({ certificate, endpointType: EndpointType.EDGE }),
      { name: 'EndpointType', message: 'an endpoint with type EDGE already exists' });
    domain.addEndpoint({ certificate, securityPolicy: SecurityPolicy.TLS_1_2, ipAddressType: IpAddressType.IPV4 });
  });
});
