// DynamoDB table metrics (AWS/DynamoDB, TableName dimension), rendered into alarms: canned metrics,
// per-operation metrics and the math expressions summing operations.
import * as cdk from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const table = new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
  const alarm = (id: string, metric: cloudwatch.IMetric): cloudwatch.Alarm =>
    new cloudwatch.Alarm(stack, id, { metric, threshold: 1, evaluationPeriods: 1 });
  alarm('Reads', table.metricConsumedReadCapacityUnits());
  alarm('Writes', table.metricConsumedWriteCapacityUnits({ period: cdk.Duration.minutes(1) }));
  alarm('UserErrors', table.metricUserErrors());
  alarm('ConditionalChecks', table.metricConditionalCheckFailedRequests({ statistic: 'max' }));
  alarm('Latency', table.metricSuccessfulRequestLatency({ dimensionsMap: { Operation: 'GetItem' } }));
  alarm('PutThrottles', table.metricThrottledRequestsForOperation(dynamodb.Operation.PUT_ITEM));
  alarm('Throttles', table.metricThrottledRequestsForOperations({
    operations: [dynamodb.Operation.QUERY, dynamodb.Operation.SCAN],
  }));
  alarm('SystemErrors', table.metricSystemErrorsForOperations({
    operations: [dynamodb.Operation.GET_ITEM, dynamodb.Operation.PUT_ITEM],
    period: cdk.Duration.minutes(1),
    color: '#ff0000',
  }));
  alarm('Custom', table.metric('ReturnedItemCount', { statistic: 'p99' }));
  alarm('Imported', dynamodb.Table.fromTableName(stack, 'ImportedTable', 'imported').metricConsumedReadCapacityUnits());
  return app;
}
