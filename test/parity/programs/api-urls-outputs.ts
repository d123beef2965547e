// url, callbackUrl, apiEndpoint, apiId, stageName and webSocketApiName rendered into CfnOutputs.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi', { apiName: 'Named' });
  const stage = new apigwv2.WebSocketStage(stack, 'mystage', { webSocketApi: api, stageName: 'dev', autoDeploy: true });
  new cdk.CfnOutput(stack, 'Url', { value: stage.url });
  new cdk.CfnOutput(stack, 'CallbackUrl', { value: stage.callbackUrl });
  new cdk.CfnOutput(stack, 'ApiEndpoint', { value: api.apiEndpoint });
  new cdk.CfnOutput(stack, 'ApiId', { value: api.apiId });
  new cdk.CfnOutput(stack, 'StageName', { value: stage.stageName });
  new cdk.CfnOutput(stack, 'StageApiId', { value: stage.api.apiId });
  new cdk.CfnOutput(stack, 'ApiName', { value: api.webSocketApiName ?? 'none' });
  new cdk.CfnOutput(stack, 'IsWebsocket', { value: String(api.isWebsocketApi) });
  return app;
}
