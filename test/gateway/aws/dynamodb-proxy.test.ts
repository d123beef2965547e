import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BatchWriteItemCommand, DynamoDBClient, DynamoDBServiceException, GetItemCommand, ListTablesCommand, PutItemCommand, QueryCommand,
  ResourceNotFoundException, TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { CredentialStore, type StoredCredentials } from '../../../src/gateway/auth/credential-store.js';
import type { IamMode } from '../../../src/gateway/auth/iam-guard.js';
import { DynamoDbProxy } from '../../../src/gateway/aws/dynamodb-proxy.js';
import { DynamoDbStore } from '../../../src/gateway/aws/dynamodb-store.js';
import type { GatewayModel, RoleModel } from '../../../src/model/gateway-model.js';
import { loadGatewayModel, type TemplateSource } from '../../../src/model/load-template.js';

const ENV = { region: 'eu-west-1', account: '111122223333' };

/**
 * Two tables (`rooms`, with an index, and `audit`) and three roles: Writer (grantReadWriteData on
 * rooms, as aws-cdk-lib writes it), Reader (reads on rooms), Denied (everything, but PutItem denied).
 */
function model(): GatewayModel {
  const table = (name: string, extra: Record<string, unknown> = {}) => ({
    Type: 'AWS::DynamoDB::Table',
    Properties: {
      TableName: name, BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], ...extra,
    },
  });
  const rooms = { 'Fn::GetAtt': ['Rooms', 'Arn'] };
  const role = (statements: unknown[]) => ({
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
      Policies: [{ PolicyName: 'table', PolicyDocument: { Statement: statements } }],
    },
  });
  const source: TemplateSource = {
    stackName: 'Proxy',
    template: {
      Resources: {
        Rooms: table('rooms', {
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }, { AttributeName: 'topic', AttributeType: 'S' }],
          GlobalSecondaryIndexes: [{ IndexName: 'byTopic', KeySchema: [{ AttributeName: 'topic', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
        }),
        Audit: table('audit'),
        Writer: role([{
          Effect: 'Allow',
          Action: ['dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:BatchWriteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:DescribeTable'],
          Resource: [rooms, { 'Fn::Join': ['', [rooms, '/index/*']] }],
        }]),
        Reader: role([{ Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:Query'], Resource: rooms }]),
        Denied: role([{ Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' }, { Sid: 'NoPuts', Effect: 'Deny', Action: 'dynamodb:PutItem', Resource: rooms }]),
      } as TemplateSource['template']['Resources'],
    },
  };
  return loadGatewayModel([source], ENV);
}

interface Served {
  store: DynamoDbStore;
  proxy: DynamoDbProxy;
  credentials: CredentialStore;
  warnings: string[];
  as(roleLogicalId: string): StoredCredentials;
  client(credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): DynamoDBClient;
}

/** The store and a proxy in `mode` for the suite. */
function served(mode: IamMode): Served {
  const m = model();
  const served = { warnings: [] as string[] } as Served;
  before(async () => {
    served.credentials = new CredentialStore(m.environment);
    served.store = await DynamoDbStore.start({ tables: [...m.tables.values()], environment: m.environment, warn: assert.fail });
    served.proxy = await DynamoDbProxy.start({ store: served.store.endpoint, environment: m.environment, credentials: served.credentials, mode, warn: (l) => served.warnings.push(l) });
  });
  after(async () => {
    await served.proxy?.close();
    await served.store?.close();
  });
  served.as = (logicalId) => served.credentials.issueForRole(m.roles.get(`Proxy/${logicalId}`) as RoleModel, `${logicalId}-fn`);
  served.client = (credentials) => new DynamoDBClient({ endpoint: served.proxy.endpoint, region: 'eu-west-1', credentials, maxAttempts: 1 });
  return served;
}

const ROOMS_ARN = 'arn:aws:dynamodb:eu-west-1:111122223333:table/rooms';
const AUDIT_ARN = 'arn:aws:dynamodb:eu-west-1:111122223333:table/audit';
const item = (id: string) => ({ id: { S: id } });

/** What the SDK threw, as the fields a test compares. */
async function failure(call: Promise<unknown>): Promise<{ name: string; status?: number; message: string; service: boolean }> {
  const e = await call.then(() => assert.fail('the call succeeded'), (error: unknown) => error as DynamoDBServiceException);
  return { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message, service: e instanceof DynamoDBServiceException };
}

describe('the DynamoDB proxy in enforce mode', { timeout: 60_000 }, () => {
  const s = served('enforce');

  test('GIVEN a role with grantReadWriteData WHEN it puts, gets and queries the index THEN every call succeeds', async () => {
    const ddb = s.client(s.as('Writer'));
    await ddb.send(new PutItemCommand({ TableName: 'rooms', Item: { ...item('r1'), topic: { S: 'cats' } } }));
    assert.deepEqual((await ddb.send(new GetItemCommand({ TableName: 'rooms', Key: item('r1') }))).Item, { ...item('r1'), topic: { S: 'cats' } });
    const byTopic = await ddb.send(new QueryCommand({ TableName: 'rooms', IndexName: 'byTopic', KeyConditionExpression: 'topic = :t', ExpressionAttributeValues: { ':t': { S: 'cats' } } }));
    assert.equal(byTopic.Count, 1);
    // A table it has no grant on (here one that does not exist) is refused by IAM before the store could say it does not exist, as on AWS.
    assert.ok((await failure(ddb.send(new GetItemCommand({ TableName: 'nope', Key: item('x') })))).message.includes('dynamodb:GetItem on resource: arn:aws:dynamodb:eu-west-1:111122223333:table/nope'));
    assert.deepEqual(s.warnings, []);
  });

  test('GIVEN a role that may only read WHEN it puts an item THEN AccessDeniedException (400) carries DynamoDB\'s message', async () => {
    const reader = s.as('Reader');
    assert.deepEqual(await failure(s.client(reader).send(new PutItemCommand({ TableName: 'rooms', Item: item('r2') }))), {
      name: 'AccessDeniedException', status: 400, service: true,
      message: `User: arn:aws:sts::111122223333:assumed-role/${reader.principal.arn.split('/')[1]}/Reader-fn is not authorized to perform: dynamodb:PutItem on resource: ${ROOMS_ARN} because no identity-based policy allows the dynamodb:PutItem action`,
    });
  });

  test('GIVEN a read-only role without an index grant WHEN it queries the index THEN the index ARN is refused', async () => {
    const { message } = await failure(s.client(s.as('Reader')).send(new QueryCommand({
      TableName: 'rooms', IndexName: 'byTopic', KeyConditionExpression: 'topic = :t', ExpressionAttributeValues: { ':t': { S: 'cats' } },
    })));
    assert.match(message, new RegExp(`dynamodb:Query on resource: ${ROOMS_ARN}/index/byTopic because`));
  });

  test('GIVEN a batch over two tables WHEN the role may write only one THEN the other table is refused', async () => {
    const { name, message } = await failure(s.client(s.as('Writer')).send(new BatchWriteItemCommand({
      RequestItems: { rooms: [{ PutRequest: { Item: item('r3') } }], audit: [{ PutRequest: { Item: item('a1') } }] },
    })));
    assert.equal(name, 'AccessDeniedException');
    assert.match(message, new RegExp(`dynamodb:BatchWriteItem on resource: ${AUDIT_ARN} because`));
  });

  test('GIVEN an explicit Deny WHEN the role puts THEN the message says so', async () => {
    const { message } = await failure(s.client(s.as('Denied')).send(new PutItemCommand({ TableName: 'rooms', Item: item('r4') })));
    assert.match(message, new RegExp(`dynamodb:PutItem on resource: ${ROOMS_ARN} with an explicit deny in an identity-based policy$`));
  });

  test('GIVEN ListTables WHEN a role granted on one table asks THEN it is refused on resource *; a role allowed everything may', async () => {
    assert.match((await failure(s.client(s.as('Writer')).send(new ListTablesCommand({})))).message, /dynamodb:ListTables on resource: \* because/);
    assert.deepEqual((await s.client(s.as('Denied')).send(new ListTablesCommand({}))).TableNames, ['audit', 'rooms']);
  });

  test('GIVEN credentials the gateway did not issue, or a wrong secret WHEN they call THEN DynamoDB\'s signature errors', async () => {
    assert.deepEqual(await failure(s.client({ accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' }).send(new GetItemCommand({ TableName: 'rooms', Key: item('r1') }))),
      { name: 'UnrecognizedClientException', status: 400, service: true, message: 'The security token included in the request is invalid.' });
    const writer = s.as('Writer');
    const wrong = await failure(s.client({ ...writer, secretAccessKey: 'wrong' }).send(new GetItemCommand({ TableName: 'rooms', Key: item('r1') })));
    assert.equal(wrong.name, 'InvalidSignatureException');
    assert.match(wrong.message, /^The request signature we calculated does not match the signature you provided/);
  });

  test('GIVEN an operation the store does not implement WHEN a granted role calls it THEN UnknownOperationException names it', async () => {
    const { name, message } = await failure(s.client(s.as('Writer')).send(new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: 'rooms', Item: item('t1') } }] })));
    assert.equal(name, 'UnknownOperationException');
    assert.match(message, /^wsgate's local DynamoDB store \(dynalite\) does not implement TransactWriteItems; it implements BatchGetItem, /);
  });
});

describe('the DynamoDB proxy in warn mode', { timeout: 60_000 }, () => {
  const s = served('warn');

  test('GIVEN a read-only role WHEN it writes to two tables in one batch THEN the batch succeeds and each refusal AWS would make is one warning', async () => {
    await s.client(s.as('Reader')).send(new BatchWriteItemCommand({
      RequestItems: { rooms: [{ PutRequest: { Item: item('w1') } }], audit: [{ PutRequest: { Item: item('w2') } }] },
    }));
    assert.deepEqual((await s.client(s.as('Reader')).send(new GetItemCommand({ TableName: 'rooms', Key: item('w1') }))).Item, item('w1'));
    assert.equal(s.warnings.length, 2, s.warnings.join('\n'));
    assert.match(s.warnings[0], new RegExp(`^\\[wsgate\\] iam warn: AWS would refuse DynamoDB BatchWriteItem with 400 AccessDeniedException: User: \\S+ is not authorized to perform: dynamodb:BatchWriteItem on resource: ${ROOMS_ARN} because no identity-based policy allows the dynamodb:BatchWriteItem action; grant dynamodb:BatchWriteItem on ${ROOMS_ARN} to role Proxy/Reader \\(table.grantWriteData\\(fn\\) or table.grantReadWriteData\\(fn\\)\\)$`));
    assert.match(s.warnings[1], new RegExp(`on resource: ${AUDIT_ARN} because`));
  });

  test('GIVEN an explicit Deny WHEN the role puts (warn) THEN the warning names the statement to remove', async () => {
    s.warnings.length = 0;
    await s.client(s.as('Denied')).send(new PutItemCommand({ TableName: 'rooms', Item: item('w3') }));
    assert.equal(s.warnings.length, 1);
    assert.match(s.warnings[0], /with an explicit deny in an identity-based policy; remove the explicit Deny of Proxy\/Denied \(inline policy table\) \(Sid NoPuts\)$/);
  });

  test('GIVEN unknown credentials WHEN they call (warn) THEN the call goes through and the warning names the signature error', async () => {
    s.warnings.length = 0;
    await s.client({ accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' }).send(new GetItemCommand({ TableName: 'rooms', Key: item('w1') }));
    assert.deepEqual(s.warnings, ['[wsgate] iam warn: AWS would refuse DynamoDB GetItem with 400 UnrecognizedClientException: The security token included in the request is invalid.']);
  });
});

describe('the DynamoDB proxy with IAM off', { timeout: 60_000 }, () => {
  const s = served('off');

  test('GIVEN unknown credentials WHEN they write THEN nothing is checked and the store answers', async () => {
    const ddb = s.client({ accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' });
    await ddb.send(new PutItemCommand({ TableName: 'audit', Item: item('o1') }));
    assert.deepEqual((await ddb.send(new GetItemCommand({ TableName: 'audit', Key: item('o1') }))).Item, item('o1'));
    const missing = await ddb.send(new GetItemCommand({ TableName: 'nope', Key: item('o1') })).catch((e: unknown) => e);
    assert.ok(missing instanceof ResourceNotFoundException);
    assert.deepEqual(s.warnings, []);
  });
});
