import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AttributeType, Operation, Table } from '../../src/dynamodb/index.js';
import { MathExpression, type Metric } from '../../src/cloudwatch/index.js';
import { Duration } from '../../src/core/index.js';
import { newStack } from '../cloudwatch/support.js';
import { bothTemplates } from './cdk-compare.js';

describe('TableBase metrics', () => {
  test('metrics are in AWS/DynamoDB with the TableName dimension and DynamoDB\'s statistics', () => {
    // GIVEN
    const { stack } = newStack();
    const table = new Table(stack, 'Table', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    const tableName = stack.resolve(table.tableName);
    const shape = (m: Metric): unknown => ({
      namespace: m.namespace, metricName: m.metricName, statistic: m.statistic, dimensions: stack.resolve(m.dimensions),
    });
    // WHEN / THEN
    assert.deepEqual(shape(table.metric('ReturnedItemCount')), {
      namespace: 'AWS/DynamoDB', metricName: 'ReturnedItemCount', statistic: 'Average', dimensions: { TableName: tableName },
    });
    assert.deepEqual(shape(table.metricConsumedReadCapacityUnits()), {
      namespace: 'AWS/DynamoDB', metricName: 'ConsumedReadCapacityUnits', statistic: 'Sum', dimensions: { TableName: tableName },
    });
    assert.deepEqual(shape(table.metricUserErrors()), { namespace: 'AWS/DynamoDB', metricName: 'UserErrors', statistic: 'Sum', dimensions: {} });
    assert.deepEqual(shape(table.metricThrottledRequestsForOperation(Operation.QUERY)), {
      namespace: 'AWS/DynamoDB', metricName: 'ThrottledRequests', statistic: 'Sum', dimensions: { Operation: 'Query', TableName: tableName },
    });
    assert.deepEqual(shape(table.metricSuccessfulRequestLatency({ dimensionsMap: { Operation: 'GetItem', Extra: 'dropped' } })), {
      namespace: 'AWS/DynamoDB', metricName: 'SuccessfulRequestLatency', statistic: 'Average', dimensions: { TableName: tableName, Operation: 'GetItem' },
    });
  });

  test('sums over operations are math expressions of one metric per operation, named in lower case', () => {
    // GIVEN
    const { stack } = newStack();
    const table = new Table(stack, 'Table', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    // WHEN
    const all = table.metricSystemErrorsForOperations() as MathExpression;
    const some = table.metricThrottledRequestsForOperations({ operations: [Operation.PUT_ITEM, Operation.SCAN], period: Duration.minutes(1) }) as MathExpression;
    // THEN
    assert.equal(all.expression, Object.values(Operation).map((o) => o.toLowerCase()).join(' + '));
    assert.equal(all.label, 'Sum of errors across all operations');
    assert.equal(some.expression, 'putitem + scan');
    assert.equal(some.label, 'Sum of throttled requests across all operations');
    assert.equal(some.period.toMinutes(), 1);
    assert.equal((some.usingMetrics.putitem as Metric).statistic, 'Sum');
  });

  test('an Operation dimension is required for latency and system errors', () => {
    // GIVEN
    const { stack } = newStack();
    const table = new Table(stack, 'Table', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    // WHEN / THEN
    assert.throws(() => table.metricSuccessfulRequestLatency(), {
      name: 'OperationDimensionRequired', message: "'Operation' dimension must be passed for the 'SuccessfulRequestLatency' metric.",
    });
    assert.throws(() => table.metricSystemErrors(), {
      name: 'OperationDimensionRequired', message: "'Operation' dimension must be passed for the 'SystemErrors' metric.",
    });
  });

  test('alarms on every kind of table metric give aws-cdk-lib\'s template', () => {
    // GIVEN / WHEN
    const { ours, theirs } = bothTemplates(({ cloudwatch, core, dynamodb }, stack) => {
      const table = new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
      const metrics = [
        table.metricConsumedReadCapacityUnits(),
        table.metricConsumedWriteCapacityUnits({ period: core.Duration.minutes(1) }),
        table.metricUserErrors(),
        table.metricConditionalCheckFailedRequests({ statistic: 'max' }),
        table.metricSuccessfulRequestLatency({ dimensionsMap: { Operation: 'GetItem' } }),
        table.metricThrottledRequestsForOperation('PutItem'),
        table.metricThrottledRequestsForOperations({ operations: [dynamodb.Operation.QUERY, dynamodb.Operation.SCAN] }),
        table.metricSystemErrorsForOperations({ operations: [dynamodb.Operation.GET_ITEM], color: '#00ff00' }),
        table.metric('ReturnedItemCount', { statistic: 'p99' }),
        dynamodb.Table.fromTableName(stack, 'Imported', 'imported').metricConsumedWriteCapacityUnits(),
      ];
      metrics.forEach((metric, i) => new cloudwatch.Alarm(stack, `Alarm${i}`, { metric, threshold: 1, evaluationPeriods: 1 }));
    });
    // THEN
    assert.deepEqual(ours, theirs);
    assert.equal(Object.values(ours.Resources!).filter((r) => r.Type === 'AWS::CloudWatch::Alarm').length, 10);
  });
});
