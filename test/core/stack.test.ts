import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ArnFormat, CfnOutput, CfnParameter, Stack, Token } from '../../src/core/index.js';
import { newApp, newStack, templateOf } from '../support/synth.js';

describe('Stack', () => {
  test('an environment-agnostic stack has pseudo-parameter tokens for account and region', () => {
    const { stack } = newStack();
    assert.ok(Token.isUnresolved(stack.account));
    assert.deepEqual(stack.resolve(stack.account), { Ref: 'AWS::AccountId' });
    assert.deepEqual(stack.resolve(stack.region), { Ref: 'AWS::Region' });
    assert.deepEqual(stack.resolve(stack.partition), { Ref: 'AWS::Partition' });
    assert.deepEqual(stack.resolve(stack.urlSuffix), { Ref: 'AWS::URLSuffix' });
    assert.equal(stack.environment, 'aws://unknown-account/unknown-region');
  });

  test('an environment-specific stack has literal account and region, partition stays a token', () => {
    const { stack } = newStack({ env: { account: '123456789012', region: 'eu-west-1' } });
    const arn = stack.formatArn({ service: 'execute-api', resource: 'abc' });
    assert.deepEqual(stack.resolve(arn), { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:eu-west-1:123456789012:abc']] });
    assert.equal(stack.environment, 'aws://123456789012/eu-west-1');
  });

  test('formatArn honours the ARN formats and explicit empty region/account', () => {
    const { stack } = newStack({ env: { account: '1', region: 'r' } });
    const lit = (x: string) => JSON.stringify(stack.resolve(x));
    assert.match(lit(stack.formatArn({ service: 's', resource: 'res', resourceName: 'n', arnFormat: ArnFormat.COLON_RESOURCE_NAME })), /:s:r:1:res:n/);
    assert.match(lit(stack.formatArn({ service: 'iam', region: '', account: 'aws', resource: 'policy', resourceName: 'p' })), /:iam::aws:policy\/p/);
  });

  test('splitArn takes literal ARNs apart, and token ARNs into Fn::Select/Fn::Split', () => {
    const { stack } = newStack();
    const parts = stack.splitArn('arn:aws:execute-api:us-east-1:123:abc/dev/POST/@connections', ArnFormat.SLASH_RESOURCE_NAME);
    assert.equal(parts.service, 'execute-api');
    assert.equal(parts.resource, 'abc');
    assert.equal(parts.resourceName, 'dev/POST/@connections');
    const p = new CfnParameter(stack, 'Arn');
    const tokenParts = stack.splitArn(p.valueAsString, ArnFormat.SLASH_RESOURCE_NAME);
    assert.deepEqual(stack.resolve(tokenParts.region), { 'Fn::Select': [3, { 'Fn::Split': [':', { Ref: 'Arn' }] }] });
    assert.throws(() => stack.splitArn('nope:x', ArnFormat.SLASH_RESOURCE_NAME), /ARNs must have at least 6 components/);
  });

  test('toJsonString puts string tokens inside quotes and joins the rest', () => {
    const { stack } = newStack();
    const p = new CfnParameter(stack, 'P');
    const json = stack.toJsonString({ a: p.valueAsString, b: 'x', c: [1, true], d: `pre-${p.valueAsString}` });
    assert.deepEqual(stack.resolve(json), {
      'Fn::Join': ['', ['{"a":"', { Ref: 'P' }, '","b":"x","c":[1,true],"d":"pre-', { Ref: 'P' }, '"}']],
    });
    assert.equal(stack.resolve(stack.toJsonString({ a: 1 })), '{"a":1}');
  });

  test('stack names are validated as CloudFormation requires', () => {
    const app = newApp();
    assert.throws(() => new Stack(app, 'S1', { stackName: 'bad_name' }), /Stack name must match the regular expression/);
    assert.throws(() => new Stack(app, 'S2', { stackName: 'a'.repeat(129) }), /Stack name must be <= 128 characters/);
    assert.equal(new Stack(app, 'S3', { stackName: 'Good-1' }).stackName, 'Good-1');
  });

  test('Stack.of finds the enclosing stack and fails clearly outside one', () => {
    const { stack } = newStack();
    const out = new CfnOutput(stack, 'O', { value: 'v' });
    assert.equal(Stack.of(out), stack);
    assert.throws(() => Stack.of(newApp()), /should be created in the scope of a Stack, but no Stack found/);
  });

  test('every template has the bootstrap version parameter and rule, and description/outputs render', () => {
    const { stack } = newStack({ description: 'my stack' });
    new CfnOutput(stack, 'Out', { value: 'v', description: 'd', exportName: 'E' });
    const t = templateOf(stack);
    assert.equal(t.Description, 'my stack');
    assert.deepEqual(t.Outputs.Out, { Description: 'd', Value: 'v', Export: { Name: 'E' } });
    assert.equal(t.Parameters.BootstrapVersion.Default, '/cdk-bootstrap/hnb659fds/version');
    assert.deepEqual(t.Rules.CheckBootstrapVersion.Assertions[0].Assert, { 'Fn::Not': [{ 'Fn::Contains': [['1', '2', '3', '4', '5'], { Ref: 'BootstrapVersion' }] }] });
  });
});
