// The chat example's shape: a connections table read and written by a Function that gets its name from the
// environment; and functions granted read, write and full access.
import * as cdk from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'ChatStack');
  const table = new dynamodb.Table(stack, 'ConnectionsTable', {
    partitionKey: { name: 'connectionId', type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    timeToLiveAttribute: 'ttl',
    removalPolicy: cdk.RemovalPolicy.DESTROY,
  });
  const handler = (id: string): lambda.Function => new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    environment: { TABLE_NAME: table.tableName },
  });
  const readWrite = table.grantReadWriteData(handler('ConnectHandler'));
  table.grantReadData(handler('Reader'));
  table.grantWriteData(handler('Writer'));
  table.grantFullAccess(handler('Admin'));
  const both = handler('Both');
  table.grantReadData(both);
  table.grantWriteData(both);
  table.grant(both, 'dynamodb:DescribeTimeToLive');
  new cdk.CfnOutput(stack, 'GrantSuccess', { value: String(readWrite.success) });
  new cdk.CfnOutput(stack, 'TableName', { value: table.tableName });
  return app;
}
