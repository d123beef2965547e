// Tests of the Lambda L1s: CloudFormation names, including the irregular ones.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { App, Stack } from '../../src/core/index.js';
import { CfnFunction, CfnPermission } from '../../src/lambda/index.js';
import { freshOutdir } from '../iam/cdk-compare.js';

describe('Lambda L1s', () => {
  test('render CloudFormation names, environment variables as they are, and PrincipalOrgID / SourceKMSKeyArn', () => {
    // GIVEN
    const app = new App({ outdir: freshOutdir() });
    const stack = new Stack(app, 'TestStack');
    // WHEN
    const fn = new CfnFunction(stack, 'Fn', {
      role: 'arn:aws:iam::1:role/r',
      code: { s3Bucket: 'b', s3Key: 'k', sourceKmsKeyArn: 'arn:key' },
      environment: { variables: { lower_case: 'kept' } },
      vpcConfig: { ipv6AllowedForDualStack: true, subnetIds: ['s'] },
    });
    new CfnPermission(stack, 'Perm', { action: 'lambda:InvokeFunction', functionName: fn.attrArn, principal: '*', principalOrgId: 'o-1234567890' });
    // THEN
    const t = app.synth().getStackArtifact('TestStack').template as { Resources: Record<string, { Properties: Record<string, unknown> }> };
    assert.deepEqual(t.Resources.Fn.Properties, {
      Code: { S3Bucket: 'b', S3Key: 'k', SourceKMSKeyArn: 'arn:key' },
      Environment: { Variables: { lower_case: 'kept' } },
      Role: 'arn:aws:iam::1:role/r',
      VpcConfig: { Ipv6AllowedForDualStack: true, SubnetIds: ['s'] },
    });
    assert.deepEqual(t.Resources.Perm.Properties, {
      Action: 'lambda:InvokeFunction', FunctionName: { 'Fn::GetAtt': ['Fn', 'Arn'] }, Principal: '*', PrincipalOrgID: 'o-1234567890',
    });
  });

  test('references and required properties', () => {
    // GIVEN
    const stack = new Stack();
    const fn = new CfnFunction(stack, 'Fn', { role: 'r', code: { zipFile: 'x' } });
    // THEN
    assert.deepEqual(stack.resolve(fn.functionRef), { functionName: { Ref: 'Fn' }, functionArn: { 'Fn::GetAtt': ['Fn', 'Arn'] } });
    assert.equal(CfnFunction.isCfnFunction(fn), true);
    assert.throws(() => new CfnPermission(stack, 'P', { action: 'a', functionName: 'f' } as never), /is missing required property: principal/);
  });
});
