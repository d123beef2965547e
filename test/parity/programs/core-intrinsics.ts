// Fn.join/sub/select/split/getAtt/ref/importValue/base64, Lazy.string/any and Token.asString rendered into outputs and props.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi');
  const cfnApi = api.node.defaultChild as apigwv2.CfnApi;
  let lateName = 'not yet';
  const routes: string[] = [];
  new apigwv2.WebSocketApi(stack, 'LazyApi', {
    apiName: cdk.Lazy.string({ produce: () => lateName }),
    description: cdk.Token.asString(cdk.Lazy.any({ produce: () => `routes: ${routes.join(',')}` })),
  });
  lateName = 'decided-later';
  routes.push('a', 'b');
  const outputs: Record<string, string> = {
    Join: cdk.Fn.join('-', ['prefix', api.apiId, 'suffix']),
    JoinLiterals: cdk.Fn.join('', ['a', 'b', 'c']),
    Sub: cdk.Fn.sub('wss://${ApiId}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${Stage}', { ApiId: api.apiId, Stage: 'dev' }),
    SubPlain: cdk.Fn.sub('${AWS::StackName}-chat'),
    Select: cdk.Fn.select(1, cdk.Fn.split('.', api.apiEndpoint)),
    SelectLiteral: cdk.Fn.select(0, ['x', 'y']),
    SplitCount: cdk.Fn.join('|', cdk.Fn.split(':', cdk.Fn.sub('a:b:${AWS::Region}'), 3)),
    GetAtt: cdk.Fn.getAtt(cfnApi.logicalId, 'ApiEndpoint').toString(),
    GetAttToken: cdk.Token.asString(cfnApi.getAtt('ApiId')),
    Ref: cdk.Fn.ref(cfnApi.logicalId),
    RefPseudo: cdk.Aws.STACK_NAME,
    ImportValue: cdk.Fn.importValue('SharedChatApiId'),
    Base64: cdk.Fn.base64('hello'),
    LazyAny: cdk.Token.asString(cdk.Lazy.any({ produce: () => ({ 'Fn::Join': ['', ['lazy-', api.apiId]] }) })),
    LazyString: cdk.Lazy.string({ produce: () => `${routes.length} routes` }),
    Concatenated: `api=${api.apiId};endpoint=${api.apiEndpoint}`,
    TokenAsString: cdk.Token.asString(42),
    Number: cdk.Token.asString(cdk.Fn.len(['a', 'b'])),
  };
  for (const [id, value] of Object.entries(outputs)) {
    new cdk.CfnOutput(stack, id, { value });
  }
  return app;
}
