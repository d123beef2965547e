// Removal policies RETAIN, DESTROY and SNAPSHOT on WebSocketApis and on L1s via applyRemovalPolicy.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const retained = new apigwv2.WebSocketApi(stack, 'RetainedApi');
  retained.addRoute('message', { integration: new integrations.WebSocketMockIntegration('Mock') });
  retained.applyRemovalPolicy(cdk.RemovalPolicy.RETAIN);
  new apigwv2.WebSocketApi(stack, 'DestroyedApi').applyRemovalPolicy(cdk.RemovalPolicy.DESTROY);
  new apigwv2.WebSocketApi(stack, 'SnapshotApi').applyRemovalPolicy(cdk.RemovalPolicy.SNAPSHOT);
  const stage = new apigwv2.WebSocketStage(stack, 'Stage', { webSocketApi: retained, stageName: 'prod' });
  stage.applyRemovalPolicy(cdk.RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE);

  const cfnApi = new apigwv2.CfnApi(stack, 'RawApi', { name: 'raw', protocolType: 'WEBSOCKET', routeSelectionExpression: '$request.body.action' });
  cfnApi.applyRemovalPolicy(cdk.RemovalPolicy.RETAIN);
  const cfnStage = new apigwv2.CfnStage(stack, 'RawStage', { apiId: cfnApi.ref, stageName: 'raw' });
  cfnStage.applyRemovalPolicy(cdk.RemovalPolicy.DESTROY, { applyToUpdateReplacePolicy: false });
  const cfnRoute = new apigwv2.CfnRoute(stack, 'RawRoute', { apiId: cfnApi.ref, routeKey: '$default' });
  cfnRoute.applyRemovalPolicy(cdk.RemovalPolicy.SNAPSHOT, { default: cdk.RemovalPolicy.RETAIN });
  return app;
}
