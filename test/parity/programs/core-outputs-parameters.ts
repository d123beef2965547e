// CfnOutput (description, exportName, condition), CfnParameter types and defaults used in a route key, CfnCondition.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const routeKey = new cdk.CfnParameter(stack, 'RouteKey', {
    type: 'String',
    default: 'sendMessage',
    description: 'Route key of the message route',
    allowedPattern: '^[A-Za-z$]+$',
    minLength: 1,
    maxLength: 64,
    constraintDescription: 'letters only',
  });
  const stageName = new cdk.CfnParameter(stack, 'StageName', {
    type: 'String',
    default: 'dev',
    allowedValues: ['dev', 'prod'],
  });
  const rate = new cdk.CfnParameter(stack, 'RateLimit', { type: 'Number', default: 10, minValue: 1, maxValue: 1000 });
  const zones = new cdk.CfnParameter(stack, 'Zones', { type: 'CommaDelimitedList', default: 'a,b' });
  const secret = new cdk.CfnParameter(stack, 'Secret', { type: 'String', noEcho: true });
  const ssm = new cdk.CfnParameter(stack, 'FromSsm', {
    type: 'AWS::SSM::Parameter::Value<String>',
    default: '/ws/description',
  });
  const isProd = new cdk.CfnCondition(stack, 'IsProd', {
    expression: cdk.Fn.conditionEquals(stageName.valueAsString, 'prod'),
  });
  const complex = new cdk.CfnCondition(stack, 'Complex', {
    expression: cdk.Fn.conditionAnd(
      isProd,
      cdk.Fn.conditionOr(cdk.Fn.conditionNot(cdk.Fn.conditionEquals(rate.valueAsString, '1')), cdk.Fn.conditionEquals('a', 'b')),
    ),
  });
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi', { description: ssm.valueAsString });
  // addRoute(token) would fail (the route's construct id would contain a token), so the route is created directly.
  new apigwv2.WebSocketRoute(stack, 'ParamRoute', {
    webSocketApi: api,
    routeKey: routeKey.valueAsString,
    integration: new integrations.WebSocketMockIntegration('Mock'),
  });
  const stage = new apigwv2.WebSocketStage(stack, 'Stage', {
    webSocketApi: api,
    stageName: stageName.valueAsString,
    throttle: { rateLimit: rate.valueAsNumber },
    description: cdk.Fn.join(',', zones.valueAsList),
  });
  (stage.node.defaultChild as cdk.CfnResource).cfnOptions.condition = isProd;
  new cdk.CfnOutput(stack, 'ApiIdOutput', {
    value: api.apiId,
    description: 'The id of the API',
    exportName: 'ChatApiId',
  });
  new cdk.CfnOutput(stack, 'ProdOnly', { value: stage.url, condition: isProd });
  new cdk.CfnOutput(stack, 'ComplexOutput', { value: cdk.Fn.conditionIf(complex.logicalId, 'yes', 'no').toString(), condition: complex });
  new cdk.CfnOutput(stack, 'SecretLength', { value: secret.valueAsString, key: 'CustomKey' });
  new cdk.CfnOutput(stack, 'ParamValue', { value: routeKey.value.toString() });
  return app;
}
