// DynamoDB tables: partition and sort key with TTL, on demand, destroyed with the stack; and the defaults
// (provisioned at 5/5, retained) with a physical name.
import * as cdk from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const connections = new dynamodb.Table(stack, 'Connections', {
    partitionKey: { name: 'connectionId', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'roomId', type: dynamodb.AttributeType.STRING },
    timeToLiveAttribute: 'expiresAt',
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    removalPolicy: cdk.RemovalPolicy.DESTROY,
  });
  const defaults = new dynamodb.Table(stack, 'Defaults', {
    tableName: 'defaults-table',
    partitionKey: { name: 'id', type: dynamodb.AttributeType.NUMBER },
  });
  const binary = new dynamodb.Table(stack, 'Binary', {
    partitionKey: { name: 'hash', type: dynamodb.AttributeType.BINARY },
    billingMode: dynamodb.BillingMode.PROVISIONED,
    readCapacity: 20,
    writeCapacity: 0,
    removalPolicy: cdk.RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
  });
  new cdk.CfnOutput(stack, 'ConnectionsName', { value: connections.tableName });
  new cdk.CfnOutput(stack, 'ConnectionsArn', { value: connections.tableArn });
  new cdk.CfnOutput(stack, 'DefaultsName', { value: defaults.tableName });
  new cdk.CfnOutput(stack, 'BinaryArn', { value: binary.tableArn });
  new cdk.CfnOutput(stack, 'NoStream', { value: String(connections.tableStreamArn === undefined) });
  return app;
}
