// Error: an ApiMapping for a WebSocket API without a stage.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi');
  const domainName = apigwv2.DomainName.fromDomainNameAttributes(stack, 'Domain', {
    name: 'chat.example.com',
    regionalDomainName: 'd-abc.execute-api.us-east-1.amazonaws.com',
    regionalHostedZoneId: 'Z2FDTNDATAQYW2',
  });
  new apigwv2.ApiMapping(stack, 'Mapping', { api, domainName });
  return app;
}
