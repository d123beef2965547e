// DomainName with stage domainMapping (with and without mappingKey) and a standalone ApiMapping.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';

/** A certificate reference without aws-certificatemanager: DomainName only needs `certificateRef`. */
class ExistingCertificate extends cdk.Resource {
  readonly certificateRef: { readonly certificateArn: string };

  constructor(scope: Construct, id: string, certificateArn: string) {
    super(scope, id);
    this.certificateRef = { certificateArn };
  }
}

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const certificate = new ExistingCertificate(
    stack,
    'Certificate',
    'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555',
  );
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi');
  const domain = new apigwv2.DomainName(stack, 'DN', {
    domainName: 'chat.example.com',
    certificate,
  });
  const other = new apigwv2.DomainName(stack, 'OtherDN', {
    domainName: 'ws.example.com',
    certificate,
    endpointType: apigwv2.EndpointType.REGIONAL,
    securityPolicy: apigwv2.SecurityPolicy.TLS_1_2,
    certificateName: 'ws-cert',
  });
  new apigwv2.WebSocketStage(stack, 'RootStage', {
    webSocketApi: api,
    stageName: 'root',
    domainMapping: { domainName: domain },
  });
  new apigwv2.WebSocketStage(stack, 'KeyedStage', {
    webSocketApi: api,
    stageName: 'v1',
    domainMapping: { domainName: domain, mappingKey: 'chat' },
  });
  const plain = new apigwv2.WebSocketStage(stack, 'PlainStage', { webSocketApi: api, stageName: 'plain' });
  const mapping = new apigwv2.ApiMapping(stack, 'Mapping', {
    api,
    domainName: other,
    stage: plain,
    apiMappingKey: 'plain',
  });
  const imported = apigwv2.DomainName.fromDomainNameAttributes(stack, 'ImportedDN', {
    name: 'imported.example.com',
    regionalDomainName: 'd-abc.execute-api.us-east-1.amazonaws.com',
    regionalHostedZoneId: 'Z2FDTNDATAQYW2',
  });
  new apigwv2.ApiMapping(stack, 'ImportedMapping', { api, domainName: imported, stage: plain });
  new cdk.CfnOutput(stack, 'MappingId', { value: mapping.apiMappingId });
  new cdk.CfnOutput(stack, 'RegionalDomainName', { value: domain.regionalDomainName });
  new cdk.CfnOutput(stack, 'RegionalHostedZoneId', { value: domain.regionalHostedZoneId });
  new cdk.CfnOutput(stack, 'DomainNameValue', { value: domain.name });
  return app;
}
