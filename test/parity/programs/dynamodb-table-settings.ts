// DynamoDB table settings: streams and stream grants, encryption, point-in-time recovery, contributor
// insights, class, deletion protection, warm throughput, tags, and the resource policy cross-account grants
// write into.
import * as cdk from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const table = new dynamodb.Table(stack, 'Messages', {
    tableName: 'messages',
    partitionKey: { name: 'roomId', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'sentAt', type: dynamodb.AttributeType.NUMBER },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    maxReadRequestUnits: 500,
    maxWriteRequestUnits: 200,
    stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
    encryption: dynamodb.TableEncryption.AWS_MANAGED,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 14 },
    contributorInsightsSpecification: { enabled: true, mode: dynamodb.ContributorInsightsMode.THROTTLED_KEYS },
    tableClass: dynamodb.TableClass.STANDARD_INFREQUENT_ACCESS,
    deletionProtection: true,
    warmThroughput: { readUnitsPerSecond: 15000 },
    removalPolicy: cdk.RemovalPolicy.SNAPSHOT,
    resourcePolicy: new iam.PolicyDocument({
      statements: [new iam.PolicyStatement({
        actions: ['dynamodb:GetItem'],
        resources: ['*'],
        principals: [new iam.AccountPrincipal('111122223333')],
      })],
    }),
  });
  cdk.Tags.of(table).add('team', 'chat');

  const role = new iam.Role(stack, 'StreamReader', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  table.grantStreamRead(role);
  table.grantStream(role, 'dynamodb:DescribeStream');
  table.grantTableListStreams(role);

  // Principals outside the stack's account go into the table's resource policy, on `*`.
  table.grantReadData(new iam.AccountPrincipal('444455556666'));
  table.grantWriteData(new iam.ArnPrincipal('arn:aws:iam::777788889999:role/writer'));
  table.grantFullAccess(new iam.ServicePrincipal('glue.amazonaws.com'));
  table.addToResourcePolicy(new iam.PolicyStatement({
    actions: ['dynamodb:Query'],
    resources: ['*'],
    principals: [new iam.AccountRootPrincipal()],
  }));

  new dynamodb.Table(stack, 'Legacy', {
    partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
    encryption: dynamodb.TableEncryption.DEFAULT,
    pointInTimeRecovery: true,
    contributorInsightsEnabled: false,
  });

  new cdk.CfnOutput(stack, 'StreamArn', { value: table.tableStreamArn ?? 'none' });
  return app;
}
