// Imported DynamoDB tables (by name, by ARN, by attributes with indexes and a stream) and the L1 CfnTable with
// every property kind, granted through TableGrants.
import * as cdk from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack', { env: { account: '123456789012', region: 'eu-west-1' } });
  const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });

  const byName = dynamodb.Table.fromTableName(stack, 'ByName', 'by-name');
  byName.grantReadWriteData(role);
  const byArn = dynamodb.Table.fromTableArn(stack, 'ByArn', 'arn:aws:dynamodb:us-east-1:210987654321:table/by-arn');
  byArn.grantReadData(role);
  byArn.grantFullAccess(new iam.AccountPrincipal('999999999999'));
  const withIndexes = dynamodb.Table.fromTableAttributes(stack, 'WithIndexes', {
    tableName: 'with-indexes',
    globalIndexes: ['byRoom'],
    tableStreamArn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/with-indexes/stream/2024-01-01T00:00:00.000',
  });
  withIndexes.grantWriteData(role);
  withIndexes.grantStreamRead(role);
  dynamodb.Table.fromTableAttributes(stack, 'GrantIndexes', {
    tableArn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/grant-indexes',
    grantIndexPermissions: true,
  }).grantReadData(role);
  const tokenArn = dynamodb.Table.fromTableArn(stack, 'TokenArn', cdk.Fn.importValue('SharedTableArn'));

  const raw = new dynamodb.CfnTable(stack, 'Raw', {
    keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
    attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
    billingMode: 'PAY_PER_REQUEST',
    sseSpecification: { sseEnabled: true, sseType: 'KMS', kmsMasterKeyId: 'alias/chat' },
    streamSpecification: { streamViewType: 'KEYS_ONLY', tags: [{ key: 'stream', value: 'yes' }] },
    timeToLiveSpecification: { attributeName: 'ttl', enabled: true },
    importSourceSpecification: {
      inputFormat: 'CSV',
      inputFormatOptions: { csv: { delimiter: ';', headerList: ['pk', 'name'] } },
      s3BucketSource: { s3Bucket: 'seed-bucket', s3KeyPrefix: 'rooms/' },
    },
    tags: [{ key: 'layer', value: 'l1' }],
  });
  raw.applyRemovalPolicy(cdk.RemovalPolicy.DESTROY);
  dynamodb.TableGrants.fromTable(raw).readWriteData(role);
  dynamodb.TableGrants.fromTable(raw, undefined, true).writeData(new iam.AccountPrincipal('555555555555'));
  dynamodb.TableGrants.fromTable(dynamodb.CfnTable.fromTableName(stack, 'RefByName', 'ref-by-name')).fullAccess(role);
  dynamodb.TableGrants.fromTable(
    dynamodb.CfnTable.fromTableArn(stack, 'RefByArn', 'arn:aws:dynamodb:us-west-2:210987654321:table/ref-by-arn'),
    ['ap-southeast-2'],
    true,
  ).readData(role);

  new cdk.CfnOutput(stack, 'ByArnName', { value: byArn.tableName });
  new cdk.CfnOutput(stack, 'TokenArnName', { value: tokenArn.tableName });
  new cdk.CfnOutput(stack, 'RawArn', { value: dynamodb.CfnTable.arnForTable(raw) });
  new cdk.CfnOutput(stack, 'RawStreamArn', { value: raw.attrStreamArn });
  return app;
}
