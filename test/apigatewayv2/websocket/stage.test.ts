import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as iam from '../../../src/iam/index.js';
import * as logs from '../../../src/logs/index.js';
import {
  AccessLogFormat, LogGroupLogDestination, WebSocketApi, WebSocketStage,
} from '../../../src/apigatewayv2/index.js';
import { newStack, resourcesOfType, templateOf } from '../../support/synth.js';

function setup() {
  const { app, stack } = newStack();
  const api = new WebSocketApi(stack, 'Api');
  return { app, stack, api };
}

const stageProps = (stack: ReturnType<typeof setup>['stack']) => Object.values(resourcesOfType(templateOf(stack), 'AWS::ApiGatewayV2::Stage'))[0].Properties;

describe('WebSocketStage', () => {
  test('default: ApiId and StageName only; url ends with the stage name', () => {
    const { stack, api } = setup();
    const stage = new WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'dev' });
    assert.deepEqual(stageProps(stack), { ApiId: { Ref: 'ApiF70053CD' }, StageName: 'dev' });
    assert.equal(stage.stageName, 'dev');
    assert.deepEqual(stack.resolve(stage.url), {
      'Fn::Join': ['', ['wss://', { Ref: 'ApiF70053CD' }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/dev']],
    });
  });

  test('callbackUrl is the https URL of the stage', () => {
    const { stack, api } = setup();
    const stage = new WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'dev' });
    assert.deepEqual(stack.resolve(stage.callbackUrl), {
      'Fn::Join': ['', ['https://', { Ref: 'ApiF70053CD' }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/dev']],
    });
  });

  test('import keeps the stage name; url and callbackUrl throw', () => {
    const { stack, api } = setup();
    const imported = WebSocketStage.fromWebSocketStageAttributes(stack, 'Imp', { stageName: 'dev', api });
    assert.equal(imported.stageName, 'dev');
    assert.throws(() => imported.url, (e: Error) => e.name === 'UrlAvailableImportedStages' && e.message === 'url is not available for imported stages.');
    assert.throws(() => imported.callbackUrl, (e: Error) => e.name === 'CallbackUrlAvailableImportedStages');
    assert.deepEqual(stack.resolve(imported.metric('ConnectCount').dimensions), { ApiId: { Ref: 'ApiF70053CD' }, Stage: 'dev' });
  });

  test('grantManagementApiAccess grants ManageConnections on this stage only', () => {
    const { stack, api } = setup();
    const stage = new WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'dev' });
    const user = new iam.User(stack, 'User');
    stage.grantManagementApiAccess(user);
    const policy = Object.values(resourcesOfType(templateOf(stack), 'AWS::IAM::Policy'))[0];
    const statement = (policy.Properties?.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement[0];
    assert.equal(statement.Action, 'execute-api:ManageConnections');
    const parts = (statement.Resource as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
    assert.deepEqual(parts.slice(-2), [{ Ref: 'ApiF70053CD' }, '/dev/*/@connections/*']);
  });

  test('throttle and detailed metrics render DefaultRouteSettings', () => {
    const { stack, api } = setup();
    new WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'dev', throttle: { rateLimit: 1000, burstLimit: 1000 }, detailedMetricsEnabled: true });
    assert.deepEqual(stageProps(stack)?.DefaultRouteSettings, { ThrottlingBurstLimit: 1000, ThrottlingRateLimit: 1000, DetailedMetricsEnabled: true });
  });

  test('an empty throttle renders empty DefaultRouteSettings; detailedMetricsEnabled false alone renders none', () => {
    const a = setup();
    new WebSocketStage(a.stack, 'Stage', { webSocketApi: a.api, stageName: 'dev', throttle: {} });
    assert.deepEqual(stageProps(a.stack)?.DefaultRouteSettings, {});
    const b = setup();
    new WebSocketStage(b.stack, 'Stage', { webSocketApi: b.api, stageName: 'dev', detailedMetricsEnabled: false, autoDeploy: false });
    assert.equal(stageProps(b.stack)?.DefaultRouteSettings, undefined);
    assert.equal(stageProps(b.stack)?.AutoDeploy, false);
  });

  test('description, stage variables and addStageVariable', () => {
    const { stack, api } = setup();
    const stage = new WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'dev', description: 'My Stage', stageVariables: { env: 'dev' } });
    stage.addStageVariable('timeout', '600');
    const p = stageProps(stack);
    assert.equal(p?.Description, 'My Stage');
    assert.deepEqual(p?.StageVariables, { env: 'dev', timeout: '600' });
  });

  test('access logs: the default WebSocket format, a custom format, and a format without a request id refused', () => {
    const { stack, api } = setup();
    const logGroup = new logs.LogGroup(stack, 'Logs');
    new WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'dev', accessLogSettings: { destination: new LogGroupLogDestination(logGroup) } });
    const settings = stageProps(stack)?.AccessLogSettings as { Format: string; DestinationArn: unknown };
    assert.equal(settings.Format,
      '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] "$context.eventType $context.routeKey $context.connectionId" $context.status $context.requestId');
    const logGroupId = Object.keys(resourcesOfType(templateOf(stack), 'AWS::Logs::LogGroup'))[0];
    assert.deepEqual(settings.DestinationArn, { 'Fn::GetAtt': [logGroupId, 'Arn'] });

    new WebSocketStage(stack, 'Custom', { webSocketApi: api, stageName: 'c', accessLogSettings: { destination: new LogGroupLogDestination(logGroup), format: AccessLogFormat.custom('$context.requestId $context.routeKey') } });
    assert.throws(
      () => new WebSocketStage(stack, 'Bad', { webSocketApi: api, stageName: 'b', accessLogSettings: { destination: new LogGroupLogDestination(logGroup), format: AccessLogFormat.custom('$context.routeKey') } }),
      (e: Error) => e.name === 'AccessIncludeEither',
    );
  });

  test('metric adds the Stage dimension, overriding user dimensions', () => {
    const { stack, api } = setup();
    const stage = new WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'dev' });
    const m = stage.metric('MessageCount', { dimensionsMap: { Foo: 'bar' }, statistic: 'Sum' });
    assert.deepEqual(stack.resolve(m.dimensions), { ApiId: { Ref: 'ApiF70053CD' }, Stage: 'dev' });
    assert.equal(m.statistic, 'Sum');
    assert.deepEqual(stack.resolve(stage.stageRef), { apiId: { Ref: 'ApiF70053CD' }, stageName: 'dev' });
  });
});
