import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RemovalPolicy } from '../../src/core/index.js';
import { LogGroup, LogGroupClass, RetentionDays } from '../../src/logs/index.js';
import * as cdkLogs from 'aws-cdk-lib/aws-logs';
import { newStack, onlyResource, templateOf } from '../cloudwatch/support.js';
import { bothTemplates } from '../cloudwatch/cdk-compare.js';

describe('LogGroup', () => {
  test('defaults: two years of retention, retained on deletion', () => {
    // GIVEN
    const { app, stack } = newStack();
    // WHEN
    new LogGroup(stack, 'Logs');
    // THEN
    assert.deepEqual(Object.values(templateOf(app).Resources!)[0], {
      Type: 'AWS::Logs::LogGroup',
      Properties: { RetentionInDays: 731 },
      UpdateReplacePolicy: 'Retain',
      DeletionPolicy: 'Retain',
    });
  });

  test('name, retention, class, key, deletion protection and removal policy', () => {
    // GIVEN
    const { app, stack } = newStack();
    // WHEN
    new LogGroup(stack, 'Logs', {
      logGroupName: '/ws/access',
      retention: RetentionDays.ONE_WEEK,
      logGroupClass: LogGroupClass.INFREQUENT_ACCESS,
      encryptionKey: { keyRef: { keyArn: 'arn:aws:kms:us-east-1:111111111111:key/k' } },
      deletionProtectionEnabled: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // THEN
    const template = templateOf(app);
    assert.deepEqual(onlyResource(template, 'AWS::Logs::LogGroup'), {
      LogGroupName: '/ws/access',
      RetentionInDays: 7,
      LogGroupClass: 'INFREQUENT_ACCESS',
      KmsKeyId: 'arn:aws:kms:us-east-1:111111111111:key/k',
      DeletionProtectionEnabled: true,
    });
    assert.equal(Object.values(template.Resources!)[0].DeletionPolicy, 'Delete');
  });

  test('INFINITE retention, and the DELIVERY class, leave RetentionInDays out', () => {
    // GIVEN
    const { app, stack } = newStack();
    // WHEN
    new LogGroup(stack, 'Forever', { retention: RetentionDays.INFINITE });
    new LogGroup(stack, 'Delivery', { logGroupClass: LogGroupClass.DELIVERY });
    // THEN
    for (const entry of Object.values(templateOf(app).Resources!)) assert.equal(entry.Properties?.RetentionInDays, undefined);
  });

  test('bad retention settings are refused', () => {
    // GIVEN
    const { stack } = newStack();
    // WHEN / THEN
    assert.throws(() => new LogGroup(stack, 'A', { logGroupClass: LogGroupClass.DELIVERY, retention: RetentionDays.ONE_DAY }), {
      name: 'DeliveryLogClassRetention',
      message: 'retention is not supported for a log group with logGroupClass DELIVERY; remove retention or use a different LogGroupClass',
    });
    assert.throws(() => new LogGroup(stack, 'B', { retention: -1 as RetentionDays }), {
      name: 'RetentionDaysPositive', message: 'retentionInDays must be positive, got -1',
    });
  });

  test('RetentionDays has every value aws-cdk-lib has', () => {
    // GIVEN / WHEN / THEN
    assert.deepEqual(Object.entries(RetentionDays), Object.entries(cdkLogs.RetentionDays));
    assert.deepEqual(Object.entries(LogGroupClass), Object.entries(cdkLogs.LogGroupClass));
    assert.equal(RetentionDays.TWO_YEARS, 731);
  });

  test('logGroupArn is the Arn attribute, logGroupName the Ref', () => {
    // GIVEN
    const { stack } = newStack();
    // WHEN
    const logs = new LogGroup(stack, 'Logs');
    // THEN
    const id = (stack.resolve(logs.logGroupName) as { Ref: string }).Ref;
    assert.match(id, /^Logs[0-9A-F]{8}$/);
    assert.deepEqual(stack.resolve(logs.logGroupArn), { 'Fn::GetAtt': [id, 'Arn'] });
    assert.deepEqual(stack.resolve(logs.logGroupRef), { logGroupName: { Ref: id }, logGroupArn: { 'Fn::GetAtt': [id, 'Arn'] } });
    assert.equal(logs.logGroupPhysicalName(), undefined);
    assert.equal(new LogGroup(stack, 'Named', { logGroupName: 'n' }).logGroupPhysicalName(), 'n');
  });

  test('fromLogGroupName() builds the ARN in the stack environment, with the :* suffix', () => {
    // GIVEN
    const { stack } = newStack();
    // WHEN
    const imported = LogGroup.fromLogGroupName(stack, 'Imported', 'my-group:*');
    // THEN
    assert.equal(imported.logGroupName, 'my-group');
    assert.deepEqual(stack.resolve(imported.logGroupArn), {
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':log-group:my-group:*']],
    });
  });

  test('fromLogGroupArn() reads the name and the environment from the ARN', () => {
    // GIVEN
    const { stack } = newStack();
    // WHEN
    const imported = LogGroup.fromLogGroupArn(stack, 'Imported', 'arn:aws:logs:us-west-2:111111111111:log-group:theirs');
    // THEN
    assert.equal(imported.logGroupName, 'theirs');
    assert.equal(imported.logGroupArn, 'arn:aws:logs:us-west-2:111111111111:log-group:theirs:*');
    assert.deepEqual(imported.env, { account: '111111111111', region: 'us-west-2' });
  });

  test('metrics are in AWS/Logs, summed', () => {
    // GIVEN
    const { stack } = newStack({ account: '111111111111', region: 'us-east-1' });
    const logs = new LogGroup(stack, 'Logs');
    // WHEN
    const events = logs.metricIncomingLogEvents();
    const bytes = logs.metricIncomingBytes({ statistic: 'Average' });
    const other = logs.metric('ForwardedBytes');
    // THEN
    assert.deepEqual([events.namespace, events.metricName, events.statistic], ['AWS/Logs', 'IncomingLogEvents', 'Sum']);
    assert.deepEqual([bytes.metricName, bytes.statistic], ['IncomingBytes', 'Average']);
    assert.equal(other.metricName, 'ForwardedBytes');
    assert.equal(events.account, '111111111111');
  });
});

describe('LogGroup templates are the same as aws-cdk-lib', () => {
  test('defaults, every setting, imports and attributes', () => {
    // GIVEN / WHEN
    const { ours, theirs } = bothTemplates(({ logs, core }, stack) => {
      const plain = new logs.LogGroup(stack, 'Plain');
      new logs.LogGroup(stack, 'Full', {
        logGroupName: '/ws/access', retention: logs.RetentionDays.THIRTEEN_MONTHS, logGroupClass: logs.LogGroupClass.STANDARD,
        deletionProtectionEnabled: false, removalPolicy: core.RemovalPolicy.DESTROY,
      });
      new logs.LogGroup(stack, 'Forever', { retention: logs.RetentionDays.INFINITE, removalPolicy: core.RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE });
      new logs.LogGroup(stack, 'Delivery', { logGroupClass: logs.LogGroupClass.DELIVERY });
      new core.CfnOutput(stack, 'Arn', { value: plain.logGroupArn });
      new core.CfnOutput(stack, 'Name', { value: plain.logGroupName });
      new core.CfnOutput(stack, 'ImportedArn', { value: logs.LogGroup.fromLogGroupName(stack, 'ByName', 'imported').logGroupArn });
      const byArn = logs.LogGroup.fromLogGroupArn(stack, 'ByArn', 'arn:aws:logs:us-west-2:111111111111:log-group:theirs:*');
      new core.CfnOutput(stack, 'ByArnOut', { value: `${byArn.logGroupName} ${byArn.logGroupArn}` });
    });
    // THEN
    assert.equal(Object.keys(ours.Resources ?? {}).length, 4);
    assert.deepEqual(ours, theirs);
  });
});
