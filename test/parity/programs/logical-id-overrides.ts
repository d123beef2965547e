// renameLogicalId, overrideLogicalId, add*Override, L1 dependencies (CfnResource#addDependency is deprecated) and Names.uniqueId.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Construct } from 'constructs';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi');
  const route = api.addRoute('sendMessage', { integration: new integrations.WebSocketMockIntegration('Mock') });
  const stage = new apigwv2.WebSocketStage(stack, 'mystage', { webSocketApi: api, stageName: 'dev' });

  stack.renameLogicalId('mywsapi32E6CE11', 'ChatApi');
  const cfnStage = stage.node.defaultChild as apigwv2.CfnStage;
  cfnStage.overrideLogicalId('DevStage');
  const cfnRoute = route.node.defaultChild as apigwv2.CfnRoute;
  cfnRoute.addOverride('Properties.OperationName', 'SendMessage');
  cfnRoute.addOverride('Metadata.Owner', 'chat-team');
  cfnRoute.addPropertyOverride('RequestParameters.route\\.request\\.header\\.x-id', { Required: true });
  cfnRoute.addPropertyOverride('AuthorizationScopes', ['a', 'b']);
  cfnStage.addPropertyOverride('DefaultRouteSettings.ThrottlingRateLimit', 3);
  cfnStage.addDeletionOverride('Properties.StageName');
  cfnStage.addOverride('Properties.StageName', 'overridden');
  cfnRoute.addPropertyDeletionOverride('RouteKey');
  cfnRoute.addPropertyOverride('RouteKey', 'renamedKey');
  cfnRoute.addOverride('DeletionPolicy', 'Retain');
  cfnRoute.addOverride('UpdateReplacePolicy', 'Retain');
  cfnRoute.cfnOptions.metadata = { Purpose: 'test' };

  const cfnApi = api.node.defaultChild as apigwv2.CfnApi;
  const standalone = new apigwv2.CfnApi(stack, 'Standalone', { name: 'standalone', protocolType: 'WEBSOCKET', routeSelectionExpression: '$request.body.action' });
  standalone.addDependency(cfnApi);
  standalone.addResourceDependency(cfnStage);
  standalone.addResourceDependency(cfnRoute);
  const later = new apigwv2.CfnApi(stack, 'Later', { name: 'later', protocolType: 'WEBSOCKET', routeSelectionExpression: '$request.body.action' });
  later.node.addDependency(stage);
  later.addResourceDependency(standalone);
  later.removeResourceDependency(standalone);

  const deep = new Construct(new Construct(stack, 'Outer'), 'Inner');
  new cdk.CfnOutput(stack, 'UniqueId', { value: cdk.Names.uniqueId(deep) });
  new cdk.CfnOutput(stack, 'NodeUniqueId', { value: cdk.Names.nodeUniqueId(api.node) });
  new cdk.CfnOutput(stack, 'UniqueResourceName', { value: cdk.Names.uniqueResourceName(deep, { maxLength: 20, separator: '-' }) });
  new cdk.CfnOutput(stack, 'StackRelativePath', { value: cdk.Names.stackRelativeConstructPath(deep) });
  new cdk.CfnOutput(stack, 'StageLogicalId', { value: stack.resolve(cfnStage.logicalId) });
  new cdk.CfnOutput(stack, 'RenamedLogicalId', { value: stack.getLogicalId(cfnApi) });
  return app;
}
