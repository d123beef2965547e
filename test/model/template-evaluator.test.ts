import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TemplateEvaluator, type CfnTemplate } from '../../src/model/template-evaluator.js';
import { ModelError } from '../../src/model/model-error.js';

const env = { region: 'eu-west-1', account: '111122223333', partition: 'aws', urlSuffix: 'amazonaws.com' };

const template: CfnTemplate = {
  Parameters: { Env: { Type: 'String', Default: 'dev' }, Names: { Type: 'CommaDelimitedList', Default: 'a,b' }, NoDefault: { Type: 'String' } },
  Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }, NotProd: { 'Fn::Not': [{ Condition: 'IsProd' }] } },
  Mappings: { Sizes: { dev: { mem: 128 } } },
  Resources: {
    Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { ProtocolType: 'WEBSOCKET' } },
    Fn: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'my-fn' } },
    Gen: { Type: 'AWS::Lambda::Function', Properties: {} },
    ProdOnly: { Type: 'AWS::SNS::Topic', Condition: 'IsProd' },
  },
};

describe('TemplateEvaluator', () => {
  const ev = new TemplateEvaluator(template, 'MyStack', env);

  test('pseudo parameters resolve to the configured environment', () => {
    assert.equal(ev.evaluate({ Ref: 'AWS::Region' }), 'eu-west-1');
    assert.equal(ev.evaluate({ Ref: 'AWS::AccountId' }), '111122223333');
    assert.equal(ev.evaluate({ Ref: 'AWS::Partition' }), 'aws');
    assert.equal(ev.evaluate({ Ref: 'AWS::StackName' }), 'MyStack');
    assert.deepEqual(ev.evaluate({ a: { Ref: 'AWS::NoValue' }, b: 1 }), { b: 1 });
  });

  test('parameters use their defaults, lists split, and a missing value is an error naming it', () => {
    assert.equal(ev.evaluate({ Ref: 'Env' }), 'dev');
    assert.deepEqual(ev.evaluate({ Ref: 'Names' }), ['a', 'b']);
    assert.equal(new TemplateEvaluator(template, 'S', env, { Env: 'prod' }).evaluate({ Ref: 'Env' }), 'prod');
    assert.throws(() => ev.evaluate({ Ref: 'NoDefault' }, { logicalId: 'X', property: 'P' }),
      (e: Error) => e instanceof ModelError && /MyStack\/X \(P\): parameter NoDefault has no default/.test(e.message));
  });

  test('Ref and GetAtt of resources give stable, AWS-shaped values', () => {
    const apiId = ev.evaluate({ Ref: 'Api' });
    assert.match(String(apiId), /^[a-z0-9]{10}$/);
    assert.equal(new TemplateEvaluator(template, 'MyStack', env).evaluate({ Ref: 'Api' }), apiId);
    assert.equal(ev.evaluate({ 'Fn::GetAtt': ['Api', 'ApiEndpoint'] }), `wss://${apiId}.execute-api.eu-west-1.amazonaws.com`);
    assert.equal(ev.evaluate({ Ref: 'Fn' }), 'my-fn');
    assert.equal(ev.evaluate({ 'Fn::GetAtt': 'Fn.Arn' }), 'arn:aws:lambda:eu-west-1:111122223333:function:my-fn');
    assert.match(String(ev.evaluate({ Ref: 'Gen' })), /^MyStack-Gen-[A-Z0-9]{12}$/);
  });

  test('Join, Sub (with variables, attributes and ${!literal}), Select, Split, If, FindInMap, Base64', () => {
    assert.equal(ev.evaluate({ 'Fn::Join': ['-', ['a', { Ref: 'Env' }]] }), 'a-dev');
    assert.equal(ev.evaluate({ 'Fn::Sub': 'x-${AWS::Region}-${Fn.Arn}-${!Keep}' }), 'x-eu-west-1-arn:aws:lambda:eu-west-1:111122223333:function:my-fn-${Keep}');
    assert.equal(ev.evaluate({ 'Fn::Sub': ['${A}/${Env}', { A: 'v' }] }), 'v/dev');
    assert.equal(ev.evaluate({ 'Fn::Select': [1, { 'Fn::Split': [':', 'a:b:c'] }] }), 'b');
    assert.equal(ev.evaluate({ 'Fn::If': ['IsProd', 'big', 'small'] }), 'small');
    assert.equal(ev.condition('NotProd'), true);
    assert.equal(ev.evaluate({ 'Fn::FindInMap': ['Sizes', { Ref: 'Env' }, 'mem'] }), 128);
    assert.equal(ev.evaluate({ 'Fn::Base64': 'hi' }), 'aGk=');
  });

  test('resources whose condition is false are not active', () => {
    assert.deepEqual(ev.activeResources().map(([id]) => id), ['Api', 'Fn', 'Gen']);
  });

  test('unsupported intrinsics and dangling references fail with the place named', () => {
    assert.throws(() => ev.evaluate({ 'Fn::ImportValue': 'X' }, { logicalId: 'R', property: 'P' }), /MyStack\/R \(P\): Fn::ImportValue/);
    assert.throws(() => ev.evaluate({ Ref: 'Nope' }, { logicalId: 'R', property: 'P' }), /Ref to 'Nope'/);
    assert.throws(() => ev.evaluate({ 'Fn::GetAtt': ['Api', 'Nope'] }), /does not know this attribute/);
  });
});
