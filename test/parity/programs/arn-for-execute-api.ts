// arnForExecuteApi (deprecated: its warning is compared) and arnForExecuteApiV2 variants rendered into outputs.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi');
  const outputs: Record<string, string> = {
    V1Default: api.arnForExecuteApi(),
    V1Get: api.arnForExecuteApi('GET'),
    V1AnyPathStage: api.arnForExecuteApi('ANY', '/path', 'dev'),
    V1AnyLowercase: api.arnForExecuteApi('any'),
    V1PostConnections: api.arnForExecuteApi('POST', '/@connections', 'prod'),
    V2Default: api.arnForExecuteApiV2(),
    V2Connect: api.arnForExecuteApiV2('$connect'),
    V2RouteStage: api.arnForExecuteApiV2('sendMessage', 'dev'),
    V2StageOnly: api.arnForExecuteApiV2(undefined, 'prod'),
  };
  for (const [id, value] of Object.entries(outputs)) {
    new cdk.CfnOutput(stack, id, { value });
  }
  return app;
}
