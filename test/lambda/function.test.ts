// Tests of Function: the template it writes (compared with aws-cdk-lib), its role, environment and validation.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { App, Duration, Stack } from '../../src/core/index.js';
import { PolicyStatement, Role, ServicePrincipal } from '../../src/iam/index.js';
import { Code, Function, Runtime } from '../../src/lambda/index.js';
import { freshOutdir, synthBoth } from '../iam/cdk-compare.js';

const ASSET_DIR = fileURLToPath(new URL('../fixtures/lambda/asset-dir', import.meta.url));
const INLINE = 'exports.handler = async () => ({ statusCode: 200 });';

function newStack(): { app: App; stack: Stack } {
  const app = new App({ outdir: freshOutdir() });
  return { app, stack: new Stack(app, 'TestStack') };
}

describe('Function', () => {
  test('synthesizes the same template as aws-cdk-lib for defaults, options, roles and assets', () => {
    // GIVEN / WHEN
    const { expected, actual } = synthBoth(({ cdk, iam, lambda }, stack) => {
      new lambda.Function(stack, 'Defaults', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline(INLINE) });
      const role = new iam.Role(stack, 'HandlerRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      const fn = new lambda.Function(stack, 'Handler', {
        runtime: lambda.Runtime.NODEJS_20_X,
        handler: 'index.handler',
        code: lambda.Code.fromInline(INLINE),
        role,
        environment: { TABLE: 'connections' },
        timeout: cdk.Duration.seconds(29),
        memorySize: 512,
        description: 'handler',
        functionName: 'ws-handler',
        reservedConcurrentExecutions: 5,
        architecture: lambda.Architecture.ARM_64,
        tracing: lambda.Tracing.ACTIVE,
        loggingFormat: lambda.LoggingFormat.JSON,
        applicationLogLevelV2: lambda.ApplicationLogLevel.DEBUG,
        recursiveLoop: lambda.RecursiveLoop.ALLOW,
        initialPolicy: [new iam.PolicyStatement({ actions: ['dynamodb:PutItem'], resources: ['*'] })],
      });
      fn.addEnvironment('ADDED', 'later');
      const withPolicy = new lambda.Function(stack, 'WithPolicy', { runtime: lambda.Runtime.PYTHON_3_13, handler: 'index.handler', code: lambda.Code.fromInline('def handler(e, c): pass') });
      withPolicy.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['*'] }));
      new lambda.Function(stack, 'Latest', { runtime: lambda.Runtime.NODEJS_LATEST, handler: 'index.handler', code: lambda.Code.fromInline(INLINE) });
      new lambda.Function(stack, 'FromAsset', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset(ASSET_DIR) });
      new lambda.Function(stack, 'FromParams', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromCfnParameters() });
      new cdk.CfnOutput(stack, 'Arn', { value: fn.functionArn });
      new cdk.CfnOutput(stack, 'Name', { value: fn.functionName });
      new cdk.CfnOutput(stack, 'RoleArn', { value: withPolicy.role!.roleArn });
    });
    // THEN
    assert.deepEqual(actual, expected);
  });

  test('the default role is a ServiceRole child assumed by Lambda with the basic execution policy', () => {
    // GIVEN
    const { app, stack } = newStack();
    // WHEN
    const fn = new Function(stack, 'Fn', { runtime: Runtime.NODEJS_22_X, handler: 'index.handler', code: Code.fromInline(INLINE) });
    // THEN
    const t = app.synth().getStackArtifact('TestStack').template as { Resources: Record<string, { Properties: Record<string, unknown>; DependsOn?: string[] }> };
    assert.ok(fn.node.tryFindChild('ServiceRole'));
    assert.deepEqual(t.Resources.FnServiceRoleB9001A96.Properties.ManagedPolicyArns, [
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']] },
    ]);
    assert.deepEqual(t.Resources.Fn9270CBC0.DependsOn, ['FnServiceRoleB9001A96']);
    assert.deepEqual(stack.resolve(fn.functionArn), { 'Fn::GetAtt': ['Fn9270CBC0', 'Arn'] });
    assert.deepEqual(stack.resolve(fn.functionName), { Ref: 'Fn9270CBC0' });
    assert.equal(fn.grantPrincipal, fn.role);
  });

  test('depends on the role\'s default policy before the role (sorted by construct path)', () => {
    // GIVEN
    const { app, stack } = newStack();
    const fn = new Function(stack, 'Fn', { runtime: Runtime.NODEJS_22_X, handler: 'index.handler', code: Code.fromInline(INLINE) });
    // WHEN
    fn.addToRolePolicy(new PolicyStatement({ actions: ['execute-api:ManageConnections'], resources: ['*'] }));
    // THEN
    const t = app.synth().getStackArtifact('TestStack').template as { Resources: Record<string, { DependsOn?: string[] }> };
    assert.deepEqual(t.Resources.Fn9270CBC0.DependsOn, ['FnServiceRoleDefaultPolicyC6A839BF', 'FnServiceRoleB9001A96']);
  });

  test('an explicit role is used as it is', () => {
    // GIVEN
    const { stack } = newStack();
    const role = new Role(stack, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    // WHEN
    const fn = new Function(stack, 'Fn', { runtime: Runtime.NODEJS_22_X, handler: 'index.handler', code: Code.fromInline(INLINE), role });
    // THEN
    assert.equal(fn.role, role);
    assert.equal(fn.node.tryFindChild('ServiceRole'), undefined);
  });

  test('validates the name, the description, reserved variables and inline code', () => {
    // GIVEN
    const { stack } = newStack();
    const base = { runtime: Runtime.NODEJS_22_X, handler: 'index.handler', code: Code.fromInline(INLINE) };
    // THEN
    assert.throws(() => new Function(stack, 'A', { ...base, functionName: 'x'.repeat(65) }), /Function name can not be longer than 64 characters but has 65 characters/);
    assert.throws(() => new Function(stack, 'B', { ...base, functionName: 'has space' }), /can contain only letters, numbers, hyphens, or underscores/);
    assert.throws(() => new Function(stack, 'C', { ...base, description: 'd'.repeat(257) }), /Function description can not be longer than 256 characters/);
    assert.throws(() => new Function(stack, 'D', { ...base, environment: { AWS_REGION: 'x' } }), /AWS_REGION environment variable is reserved/);
    assert.throws(() => new Function(stack, 'E', { ...base, runtime: Runtime.JAVA_21 }), /Inline source not allowed for java21/);
    assert.throws(() => Code.fromInline(''), /Lambda inline code cannot be empty/);
  });

  test('timeout and runtime are kept on the construct', () => {
    // GIVEN
    const { stack } = newStack();
    // WHEN
    const fn = new Function(stack, 'Fn', { runtime: Runtime.NODEJS_22_X, handler: 'index.handler', code: Code.fromInline(INLINE), timeout: Duration.seconds(10) });
    // THEN
    assert.equal(fn.timeout?.toSeconds(), 10);
    assert.equal(fn.runtime, Runtime.NODEJS_22_X);
    assert.equal(fn.architecture.name, 'x86_64');
  });
});
