// Tests of what every function offers: addPermission, grantInvoke, imports and metrics.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { App, Stack } from '../../src/core/index.js';
import { AccountPrincipal, Role, ServicePrincipal } from '../../src/iam/index.js';
import { Code, Function, Runtime } from '../../src/lambda/index.js';
import { freshOutdir, synthBoth } from '../iam/cdk-compare.js';

const INLINE = 'exports.handler = async () => ({ statusCode: 200 });';

function newFunction(): { app: App; stack: Stack; fn: Function } {
  const app = new App({ outdir: freshOutdir() });
  const stack = new Stack(app, 'TestStack');
  return { app, stack, fn: new Function(stack, 'Fn', { runtime: Runtime.NODEJS_22_X, handler: 'index.handler', code: Code.fromInline(INLINE) }) };
}

describe('FunctionBase', () => {
  test('permissions and invoke grants synthesize as in aws-cdk-lib', () => {
    // GIVEN / WHEN
    const { expected, actual } = synthBoth(({ iam, lambda }, stack) => {
      const fn = new lambda.Function(stack, 'Handler', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline(INLINE) });
      const scope = new iam.Role(stack, 'Scope', { assumedBy: new iam.AccountRootPrincipal() });
      fn.addPermission('Account', { principal: new iam.AccountRootPrincipal() });
      fn.addPermission('Service', {
        scope,
        principal: new iam.ServicePrincipal('apigateway.amazonaws.com'),
        sourceArn: stack.formatArn({ service: 'execute-api', resource: 'api', resourceName: '*sendMessage' }),
        sourceAccount: stack.account,
      });
      fn.addPermission('Arn', { principal: new iam.ArnPrincipal('arn:aws:iam::123456789012:role/caller'), action: 'lambda:GetFunction' });
      fn.addPermission('Conditional', {
        principal: new iam.ServicePrincipal('s3.amazonaws.com').withConditions({ ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::bucket' }, StringEquals: { 'aws:SourceAccount': '123456789012' } }),
      });
      fn.addPermission('Org', { principal: new iam.OrganizationPrincipal('o-1234567890') });
      fn.addPermission('OrgId', { principal: new iam.AccountPrincipal('123456789012'), organizationId: 'o-1234567890' });
      const invoker = new iam.Role(stack, 'Invoker', { assumedBy: new iam.AccountRootPrincipal() });
      fn.grantInvoke(invoker);
      fn.grantInvoke(invoker);
      fn.grantInvoke(new iam.ServicePrincipal('events.amazonaws.com'));
      fn.grantInvoke(new iam.AccountPrincipal('999999999999'));
      fn.grantInvokeCompositePrincipal(new iam.CompositePrincipal(new iam.ServicePrincipal('sns.amazonaws.com'), new iam.ServicePrincipal('sqs.amazonaws.com')));
      const sameEnv = lambda.Function.fromFunctionAttributes(stack, 'SameEnv', { functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:other', sameEnvironment: true });
      sameEnv.addPermission('Invoke', { principal: new iam.ServicePrincipal('apigateway.amazonaws.com') });
      sameEnv.grantInvoke(invoker);
      const byName = lambda.Function.fromFunctionName(stack, 'ByName', 'named');
      byName.grantInvoke(new iam.ServicePrincipal('events.amazonaws.com'));
      lambda.Function.fromFunctionArn(stack, 'Unknown', 'arn:aws:lambda:us-east-1:123456789012:function:unknown')
        .addPermission('Ignored', { principal: new iam.ServicePrincipal('apigateway.amazonaws.com') });
    });
    // THEN
    assert.deepEqual(actual, expected);
  });

  test('addPermission creates a CfnPermission under the given scope', () => {
    // GIVEN
    const { app, stack, fn } = newFunction();
    const scope = new Role(stack, 'Scope', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    // WHEN
    fn.addPermission('Send-Permission', { scope, principal: new ServicePrincipal('apigateway.amazonaws.com'), sourceArn: 'arn:aws:execute-api:us-east-1:1:api/*sendMessage' });
    // THEN
    assert.ok(scope.node.tryFindChild('Send-Permission'));
    const t = app.synth().getStackArtifact('TestStack').template as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    const permission = Object.values(t.Resources).find((r) => r.Type === 'AWS::Lambda::Permission')!;
    assert.deepEqual(permission.Properties, {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': ['Fn9270CBC0', 'Arn'] },
      Principal: 'apigateway.amazonaws.com',
      SourceArn: 'arn:aws:execute-api:us-east-1:1:api/*sendMessage',
    });
  });

  test('an imported function of an unknown account gets no permission, with a warning', () => {
    // GIVEN
    const { stack } = newFunction();
    const imported = Function.fromFunctionArn(stack, 'Imported', 'arn:aws:lambda:us-east-1:123456789012:function:f');
    // WHEN
    imported.addPermission('P', { principal: new ServicePrincipal('apigateway.amazonaws.com') });
    // THEN
    assert.equal(imported.node.tryFindChild('P'), undefined);
    assert.match(String(imported.node.metadata.find((m) => m.type === 'aws:cdk:warning')?.data), /addPermission\(\) has no effect on a Lambda Function/);
    assert.equal(stack.resolve(imported.functionName), 'f');
  });

  test('an imported function of the stack\'s literal account gets permissions', () => {
    // GIVEN
    const app = new App({ outdir: freshOutdir() });
    const stack = new Stack(app, 'TestStack', { env: { account: '123456789012', region: 'us-east-1' } });
    const imported = Function.fromFunctionArn(stack, 'Imported', 'arn:aws:lambda:us-east-1:123456789012:function:f');
    // WHEN
    imported.addPermission('P', { principal: new ServicePrincipal('apigateway.amazonaws.com') });
    // THEN
    assert.ok(imported.node.tryFindChild('P'));
  });

  test('grantInvoke to a grantee of another account fails for an imported function', () => {
    // GIVEN
    const { stack } = newFunction();
    const imported = Function.fromFunctionArn(stack, 'Imported', 'arn:aws:lambda:us-east-1:123456789012:function:f');
    // THEN
    assert.throws(() => imported.grantInvoke(new AccountPrincipal('111111111111')), /Cannot modify permission to lambda function/);
  });

  test('refuses principals that cannot be named in a permission', () => {
    // GIVEN
    const { fn } = newFunction();
    const odd = new ServicePrincipal('s3.amazonaws.com').withConditions({ StringLike: { 'aws:SourceArn': 'x' } });
    // THEN
    assert.throws(() => fn.addPermission('P', { principal: odd }), /unsupported conditions for Lambda permission statement/);
  });

  test('metrics are in the AWS/Lambda namespace with the function name', () => {
    // GIVEN
    const { stack, fn } = newFunction();
    // WHEN
    const metric = fn.metricInvocations();
    // THEN
    assert.equal(metric.namespace, 'AWS/Lambda');
    assert.equal(metric.metricName, 'Invocations');
    assert.deepEqual(stack.resolve(metric.dimensions), { FunctionName: { Ref: 'Fn9270CBC0' } });
  });
});
