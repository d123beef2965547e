// ipAddressType (IPV4, DUAL_STACK) with disableSchemaValidation false and true.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  new apigwv2.WebSocketApi(stack, 'Ipv4Api', {
    ipAddressType: apigwv2.IpAddressType.IPV4,
    disableSchemaValidation: false,
  });
  new apigwv2.WebSocketApi(stack, 'DualStackApi', {
    ipAddressType: apigwv2.IpAddressType.DUAL_STACK,
    disableSchemaValidation: true,
  });
  return app;
}
