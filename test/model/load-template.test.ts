import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { loadGatewayModel } from '../../src/model/load-template.js';
import { readTemplateSources } from '../../src/model/load-source.js';
import { ModelError } from '../../src/model/model-error.js';

const require = createRequire(import.meta.url);

/** The seed example synthesized by aws-cdk-lib itself, into a temporary cloud assembly. */
function synthesizeSeedWithAwsCdkLib(extra?: (cdk: any, stack: any, api: any, fn: any) => void): string { // eslint-disable-line @typescript-eslint/no-explicit-any -- aws-cdk-lib is loaded untyped, as the reference
  const cdk = require('aws-cdk-lib');
  const apigwv2 = require('aws-cdk-lib/aws-apigatewayv2');
  const integrations = require('aws-cdk-lib/aws-apigatewayv2-integrations');
  const lambda = require('aws-cdk-lib/aws-lambda');
  const outdir = mkdtempSync(join(tmpdir(), 'wsgate-cdk-'));
  const app = new cdk.App({ outdir });
  const stack = new cdk.Stack(app, 'TestStack');
  const fn = new lambda.Function(stack, 'MessageHandler', {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    environment: { TABLE: 'connections' },
  });
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi');
  new apigwv2.WebSocketStage(stack, 'mystage', { webSocketApi: api, stageName: 'dev', autoDeploy: true, stageVariables: { v: '1' }, throttle: { rateLimit: 10, burstLimit: 5 } });
  api.addRoute('sendMessage', { integration: new integrations.WebSocketLambdaIntegration('SendMessageIntegration', fn), returnResponse: true });
  extra?.(cdk, stack, api, fn);
  app.synth();
  return outdir;
}

describe('loadGatewayModel', () => {
  test('reads the seed example synthesized by aws-cdk-lib: API, stage, route, integration, function', () => {
    // GIVEN
    const dir = synthesizeSeedWithAwsCdkLib();
    // WHEN
    const model = loadGatewayModel(readTemplateSources(dir), { region: 'eu-west-1', account: '111122223333' });
    // THEN
    assert.equal(model.apis.length, 1);
    const api = model.apis[0];
    assert.equal(api.name, 'mywsapi');
    assert.equal(api.routeSelectionExpression, '$request.body.action');
    assert.deepEqual([...api.stages.keys()], ['dev']);
    assert.deepEqual(api.stages.get('dev')?.variables, { v: '1' });
    assert.deepEqual(api.stages.get('dev')?.defaultRouteSettings, { throttlingBurstLimit: 5, throttlingRateLimit: 10, detailedMetricsEnabled: undefined });
    const route = api.routes.get('sendMessage');
    assert.equal(route?.twoWay, true);
    assert.equal(route?.authorizationType, 'NONE');
    assert.equal(route?.integration?.type, 'AWS_PROXY');
    assert.equal(route?.integration?.timeoutMs, 29000);
    const fn = model.functions.get(route!.integration!.functionKey!);
    assert.equal(fn?.runtime, 'nodejs22.x');
    assert.equal(fn?.handler, 'index.handler');
    assert.deepEqual(fn?.code, { kind: 'inline', source: 'exports.handler = async () => ({ statusCode: 200 });' });
    assert.deepEqual(fn?.environment, { TABLE: 'connections' });
    assert.equal(fn?.timeoutSeconds, 3);
    assert.match(fn!.functionArn, /^arn:aws:lambda:eu-west-1:111122223333:function:TestStack-MessageHandler/);
  });

  test('a Python function behind a route fails before serving, naming the resource and property', () => {
    const dir = synthesizeSeedWithAwsCdkLib((_cdk, stack, api) => {
      const lambda = require('aws-cdk-lib/aws-lambda');
      const integrations = require('aws-cdk-lib/aws-apigatewayv2-integrations');
      const py = new lambda.Function(stack, 'PyHandler', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code: lambda.Code.fromInline('def handler(e, c): pass') });
      api.addRoute('py', { integration: new integrations.WebSocketLambdaIntegration('Py', py) });
    });
    assert.throws(() => loadGatewayModel(readTemplateSources(dir)),
      (e: Error) => e instanceof ModelError && /^TestStack\/PyHandler[A-F0-9]{8} \(Runtime\): runtime 'python3.12' is not served/.test(e.message));
  });

  test('a YAML template with short tags, a MOCK route and a Lambda authorizer', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsgate-yaml-'));
    const path = join(dir, 'chat.yaml');
    writeFileSync(path, `
Parameters:
  StageName: { Type: String, Default: prod }
Resources:
  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties: { Name: chat, ProtocolType: WEBSOCKET, RouteSelectionExpression: "\${request.body.type}/\${request.body.action}" }
  Stage:
    Type: AWS::ApiGatewayV2::Stage
    Properties: { ApiId: !Ref Api, StageName: !Ref StageName }
  Mock:
    Type: AWS::ApiGatewayV2::Integration
    Properties: { ApiId: !Ref Api, IntegrationType: MOCK, RequestTemplates: { "$default": '{"statusCode":200}' }, TemplateSelectionExpression: '\\$default' }
  Ping:
    Type: AWS::ApiGatewayV2::Route
    Properties: { ApiId: !Ref Api, RouteKey: ping, Target: !Sub "integrations/\${Mock}", AuthorizationType: CUSTOM, AuthorizerId: !Ref Auth }
  AuthFn:
    Type: AWS::Lambda::Function
    Properties: { Runtime: nodejs20.x, Handler: index.handler, Code: { ZipFile: "exports.handler = async () => ({})" }, Timeout: 10 }
  Auth:
    Type: AWS::ApiGatewayV2::Authorizer
    Properties:
      ApiId: !Ref Api
      Name: auth
      AuthorizerType: REQUEST
      IdentitySource: [route.request.querystring.token]
      AuthorizerUri: !Join ['', ['arn:', !Ref AWS::Partition, ':apigateway:', !Ref AWS::Region, ':lambda:path/2015-03-31/functions/', !GetAtt AuthFn.Arn, '/invocations']]
`);
    const model = loadGatewayModel(readTemplateSources(path));
    const api = model.apis[0];
    assert.equal(api.routeSelectionExpression, '${request.body.type}/${request.body.action}');
    assert.deepEqual([...api.stages.keys()], ['prod']);
    const ping = api.routes.get('ping')!;
    assert.equal(ping.integration?.type, 'MOCK');
    assert.deepEqual(ping.integration?.requestTemplates, { $default: '{"statusCode":200}' });
    const auth = api.authorizers.get(ping.authorizerId!)!;
    assert.deepEqual(auth.identitySource, ['route.request.querystring.token']);
    assert.equal(model.functions.get(auth.functionKey!)?.timeoutSeconds, 10);
  });

  test('an unsupported integration type is refused with its resource named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsgate-http-'));
    const path = join(dir, 't.json');
    writeFileSync(path, JSON.stringify({ Resources: {
      Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' } },
      Http: { Type: 'AWS::ApiGatewayV2::Integration', Properties: { ApiId: { Ref: 'Api' }, IntegrationType: 'HTTP_PROXY', IntegrationUri: 'https://example.com' } },
    } }));
    assert.throws(() => loadGatewayModel(readTemplateSources(path)), /t\/Http \(IntegrationType\): integration type HTTP_PROXY is not served/);
  });
});
