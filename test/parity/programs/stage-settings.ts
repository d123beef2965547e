// WebSocketStage throttle, detailedMetricsEnabled, description, stageVariables + addStageVariable, autoDeploy false.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi');
  const stage = new apigwv2.WebSocketStage(stack, 'Full', {
    webSocketApi: api,
    stageName: 'prod',
    autoDeploy: false,
    description: 'Production stage',
    throttle: { rateLimit: 100, burstLimit: 200 },
    detailedMetricsEnabled: true,
    stageVariables: { env: 'prod', tableName: 'connections' },
  });
  stage.addStageVariable('timeout', '600');
  stage.addStageVariable('env', 'overridden');
  new apigwv2.WebSocketStage(stack, 'EmptyThrottle', { webSocketApi: api, stageName: 'empty', throttle: {} });
  new apigwv2.WebSocketStage(stack, 'MetricsOff', { webSocketApi: api, stageName: 'metricsoff', detailedMetricsEnabled: false });
  new apigwv2.WebSocketStage(stack, 'RateOnly', { webSocketApi: api, stageName: 'rate', throttle: { rateLimit: 5 } });
  const late = new apigwv2.WebSocketStage(stack, 'LateVariables', { webSocketApi: api, stageName: 'late' });
  late.addStageVariable('added', 'later');
  new apigwv2.WebSocketStage(stack, 'EmptyVariables', { webSocketApi: api, stageName: 'novars', stageVariables: {} });
  return app;
}
