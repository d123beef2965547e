// stack.formatArn and stack.splitArn (literal and token ARNs) rendered into outputs, plus Stack.toJsonString.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi');
  const outputs: Record<string, string> = {
    Slash: stack.formatArn({ service: 'execute-api', resource: api.apiId, resourceName: 'dev/*', arnFormat: cdk.ArnFormat.SLASH_RESOURCE_NAME }),
    Colon: stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: '/ws', arnFormat: cdk.ArnFormat.COLON_RESOURCE_NAME }),
    NoName: stack.formatArn({ service: 'sqs', resource: 'queue', arnFormat: cdk.ArnFormat.NO_RESOURCE_NAME }),
    Explicit: stack.formatArn({ service: 's3', region: '', account: '', resource: 'bucket', partition: 'aws-cn' }),
    OtherAccount: stack.formatArn({ service: 'lambda', account: '210987654321', region: 'ap-south-1', resource: 'function', resourceName: 'fn', arnFormat: cdk.ArnFormat.COLON_RESOURCE_NAME }),
  };
  const literal = stack.splitArn('arn:aws:execute-api:us-east-1:123456789012:abc123/dev/POST/@connections', cdk.ArnFormat.SLASH_RESOURCE_NAME);
  outputs.LiteralService = literal.service;
  outputs.LiteralRegion = literal.region ?? 'none';
  outputs.LiteralAccount = literal.account ?? 'none';
  outputs.LiteralResource = literal.resource;
  outputs.LiteralResourceName = literal.resourceName ?? 'none';
  const tokenArn = stack.splitArn(api.arnForExecuteApiV2('$connect', 'dev'), cdk.ArnFormat.SLASH_RESOURCE_NAME);
  outputs.TokenPartition = tokenArn.partition ?? 'none';
  outputs.TokenResource = tokenArn.resource;
  outputs.TokenResourceName = tokenArn.resourceName ?? 'none';
  const colon = cdk.Arn.split('arn:aws:lambda:eu-west-1:123456789012:function:fn:alias', cdk.ArnFormat.COLON_RESOURCE_NAME);
  outputs.ColonResourceName = colon.resourceName ?? 'none';
  outputs.ArnFormat = cdk.Arn.format({ service: 'sns', resource: 'topic' }, stack);
  outputs.Json = stack.toJsonString({ api: api.apiId, endpoint: api.apiEndpoint, list: [1, 'two', true], nested: { region: stack.region } });
  outputs.JsonIndented = stack.toJsonString({ literal: 'value' }, 2);
  outputs.JsonStatic = cdk.Stack.of(api).toJsonString(['a', api.apiId]);
  for (const [id, value] of Object.entries(outputs)) {
    new cdk.CfnOutput(stack, id, { value });
  }
  return app;
}
