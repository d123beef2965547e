// Error: two secondary indexes with the same name.
import * as cdk from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const table = new dynamodb.Table(stack, 'Table', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
  });
  table.addGlobalSecondaryIndex({ indexName: 'byRoom', partitionKey: { name: 'roomId', type: dynamodb.AttributeType.STRING } });
  table.addLocalSecondaryIndex({ indexName: 'byRoom', sortKey: { name: 'time', type: dynamodb.AttributeType.NUMBER } });
  return app;
}
