import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as cdk from 'aws-cdk-lib';
import * as cdkCw from 'aws-cdk-lib/aws-cloudwatch';
import { Tags } from '../../src/core/index.js';
import { CfnAlarm } from '../../src/cloudwatch/index.js';
import { newStack, templateOf } from './support.js';
import { cdkTemplate } from './cdk-compare.js';

describe('CfnAlarm', () => {
  test('renders every property under its CloudFormation name, as aws-cdk-lib does', () => {
    // GIVEN
    const props = {
      actionsEnabled: true,
      alarmActions: ['arn:a', { topicRef: { topicArn: 'arn:topic' } }],
      okActions: ['arn:ok'],
      insufficientDataActions: ['arn:data'],
      alarmDescription: 'd',
      alarmName: 'n',
      comparisonOperator: 'GreaterThanThreshold',
      datapointsToAlarm: 1,
      evaluationPeriods: 2,
      threshold: 3,
      treatMissingData: 'ignore',
      metrics: [{ id: 'm1', returnData: true, accountId: '1', metricStat: { metric: { metricName: 'M', namespace: 'N', dimensions: [{ name: 'a', value: 'b' }] }, period: 60, stat: 'Sum', unit: 'Count' } }],
      evaluationWindow: { wallClockWindow: { timezone: 'UTC' } },
      warmUpConfiguration: { warmUpPeriodDurationInMinutes: 5 },
      actionConfiguration: { alarmTagsPropagation: { enabled: true, includedTagKeys: ['team'] } },
      tags: [{ key: 'z', value: '1' }, { key: 'c', value: 'own' }],
    };
    const { app, stack } = newStack();
    // WHEN
    new CfnAlarm(stack, 'Alarm', props);
    Tags.of(stack).add('c', 'aspect');
    const theirs = cdkTemplate((s) => {
      new cdkCw.CfnAlarm(s, 'Alarm', props as unknown as cdkCw.CfnAlarmProps);
      cdk.Tags.of(s).add('c', 'aspect');
    });
    // THEN
    const ours = templateOf(app).Resources!.Alarm;
    assert.equal(ours.Type, 'AWS::CloudWatch::Alarm');
    assert.deepEqual(ours, theirs.Resources!.Alarm);
    assert.deepEqual(ours.Properties!.Tags, [{ Key: 'c', Value: 'aspect' }, { Key: 'z', Value: '1' }]);
    assert.deepEqual(ours.Properties!.OKActions, ['arn:ok']);
    assert.deepEqual(ours.Properties!.AlarmActions, ['arn:a', 'arn:topic']);
    assert.deepEqual(ours.Properties!.EvaluationWindow, { WallClockWindow: { Timezone: 'UTC' } });
  });

  test('PromQLCriteria keeps its CloudFormation spelling and a sliding window is copied as given', () => {
    // GIVEN
    const { app, stack } = newStack();
    // WHEN
    new CfnAlarm(stack, 'Alarm', {
      evaluationCriteria: { promQlCriteria: { query: 'up == 0', pendingPeriod: 60 } },
      evaluationWindow: { slidingWindow: { anyShape: 1 } },
    });
    // THEN
    const p = templateOf(app).Resources!.Alarm.Properties!;
    assert.deepEqual(p.EvaluationCriteria, { PromQLCriteria: { PendingPeriod: 60, Query: 'up == 0' } });
    assert.deepEqual(p.EvaluationWindow, { SlidingWindow: { anyShape: 1 } });
  });

  test('attributes, brand check and references', () => {
    // GIVEN
    const { stack } = newStack();
    // WHEN
    const alarm = new CfnAlarm(stack, 'Alarm', { evaluationPeriods: 1 });
    const imported = CfnAlarm.fromAlarmArn(stack, 'Imported', 'arn:aws:cloudwatch:us-east-1:111111111111:alarm:theirs');
    const byName = CfnAlarm.fromAlarmName(stack, 'ByName', 'mine');
    // THEN
    assert.equal(CfnAlarm.CFN_RESOURCE_TYPE_NAME, 'AWS::CloudWatch::Alarm');
    assert.ok(CfnAlarm.isCfnAlarm(alarm));
    assert.ok(!CfnAlarm.isCfnAlarm(stack));
    assert.deepEqual(stack.resolve(alarm.attrArn), { 'Fn::GetAtt': ['Alarm', 'Arn'] });
    assert.deepEqual(stack.resolve(CfnAlarm.arnForAlarm(alarm)), { 'Fn::GetAtt': ['Alarm', 'Arn'] });
    assert.deepEqual(stack.resolve(alarm.alarmRef.alarmName), { Ref: 'Alarm' });
    assert.equal(imported.alarmRef.alarmName, 'theirs');
    assert.equal(imported.env.account, '111111111111');
    assert.equal(byName.alarmRef.alarmName, 'mine');
  });
});
