// DynamoDB secondary indexes: GSIs on provisioned and on-demand tables (ALL, INCLUDE, KEYS_ONLY projections,
// capacity defaults, on-demand limits, multi-attribute keys) and LSIs, with grants that cover `<arn>/index/*`.
import * as cdk from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const role = new iam.Role(stack, 'Reader', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });

  const provisioned = new dynamodb.Table(stack, 'Provisioned', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'sk', type: dynamodb.AttributeType.NUMBER },
    readCapacity: 10,
  });
  // Granted before the indexes exist: the index ARN is still there, decided at synthesis.
  provisioned.grantReadData(role);
  provisioned.addGlobalSecondaryIndex({
    indexName: 'byRoom',
    partitionKey: { name: 'roomId', type: dynamodb.AttributeType.STRING },
  });
  provisioned.addGlobalSecondaryIndex({
    indexName: 'byUser',
    partitionKey: { name: 'userId', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'sk', type: dynamodb.AttributeType.NUMBER },
    projectionType: dynamodb.ProjectionType.INCLUDE,
    nonKeyAttributes: ['name', 'joinedAt'],
    readCapacity: 3,
    writeCapacity: 4,
  });
  provisioned.addLocalSecondaryIndex({
    indexName: 'byTime',
    sortKey: { name: 'time', type: dynamodb.AttributeType.NUMBER },
    projectionType: dynamodb.ProjectionType.KEYS_ONLY,
  });

  const onDemand = new dynamodb.Table(stack, 'OnDemand', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    maxReadRequestUnits: 100,
    removalPolicy: cdk.RemovalPolicy.DESTROY,
  });
  onDemand.addGlobalSecondaryIndex({
    indexName: 'multi',
    partitionKeys: [
      { name: 'tenant', type: dynamodb.AttributeType.STRING },
      { name: 'region', type: dynamodb.AttributeType.STRING },
    ],
    sortKeys: [{ name: 'createdAt', type: dynamodb.AttributeType.NUMBER }],
    maxWriteRequestUnits: 50,
    warmThroughput: { readUnitsPerSecond: 12000, writeUnitsPerSecond: 4000 },
    contributorInsightsSpecification: { enabled: true },
  });
  onDemand.grantWriteData(role);
  onDemand.grantFullAccess(role);

  new cdk.CfnOutput(stack, 'Schema', { value: JSON.stringify(onDemand.schemaV2('multi')) });
  new cdk.CfnOutput(stack, 'TableSchema', { value: JSON.stringify(provisioned.schemaV2()) });
  return app;
}
