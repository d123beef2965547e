import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SignatureV4 } from '@smithy/signature-v4';
import { CredentialStore } from '../../../src/gateway/auth/credential-store.js';
import { NodeSha256 } from '../../../src/gateway/auth/sigv4-verifier.js';
import { UnsupportedServiceEndpoint, describeCall } from '../../../src/gateway/aws/unsupported-service.js';
import type { RoleModel } from '../../../src/model/gateway-model.js';

const ROLE: RoleModel = {
  key: 'App/UploaderRole', stackName: 'App', logicalId: 'UploaderRole', roleName: 'App-UploaderRole-ABC',
  arn: 'arn:aws:iam::123456789012:role/App-UploaderRole-ABC', statements: [], unreadable: [],
};

/** What the SDK threw, as the fields a test compares. */
async function failure(call: Promise<unknown>): Promise<{ name: string; status?: number; message: string }> {
  const e = await call.then(() => assert.fail('the call succeeded'), (error: unknown) => error as Error & { $metadata?: { httpStatusCode?: number } });
  return { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message };
}

describe('the endpoint for services wsgate does not serve', { timeout: 30_000 }, () => {
  let endpoint: UnsupportedServiceEndpoint;
  const warnings: string[] = [];
  const credentials = new CredentialStore({ account: '123456789012', partition: 'aws' });
  const issued = credentials.issueForRole(ROLE, 'App-Uploader-XYZ');
  const sdkConfig = () => ({ endpoint: endpoint.endpoint, region: 'us-east-1', credentials: issued, maxAttempts: 1 });

  before(async () => {
    endpoint = await UnsupportedServiceEndpoint.start({ credentials, warn: (l) => warnings.push(l) });
  });
  after(() => endpoint?.close());

  test('GIVEN the real S3 client (REST-XML) WHEN it puts an object THEN it throws WsgateUnservedServiceException naming S3, the operation and AWS_ENDPOINT_URL_S3, at once', async () => {
    const error = await failure(new S3Client(sdkConfig()).send(new PutObjectCommand({ Bucket: 'uploads', Key: 'a.txt', Body: 'a' })));
    assert.deepEqual(error, {
      name: 'WsgateUnservedServiceException',
      status: 400,
      message: "wsgate does not serve s3 locally: this PutObject call went to wsgate's endpoint for the AWS services it does not serve (AWS_ENDPOINT_URL). "
        + "Set AWS_ENDPOINT_URL_S3 in the function's environment to the endpoint of a local emulator or of the service, or give the client an endpoint.",
    });
  });

  test('GIVEN the real DynamoDB client (JSON) WHEN the templates have no table THEN the message says why DynamoDB is not served', async () => {
    const { name, message } = await failure(new DynamoDBClient(sdkConfig()).send(new GetItemCommand({ TableName: 't', Key: { id: { S: 'x' } } })));
    assert.equal(name, 'WsgateUnservedServiceException');
    assert.match(message, /^wsgate does not serve dynamodb locally \(it serves DynamoDB for the tables of the served templates, and they have none\): this GetItem call .* Set AWS_ENDPOINT_URL_DYNAMODB /);
  });

  test('GIVEN a signed query-protocol call without a user agent (SNS Publish) WHEN it arrives THEN the answer is the query protocol\'s XML error naming AWS_ENDPOINT_URL_SNS', async () => {
    const body = 'Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A123456789012%3Aalerts&Message=hi';
    const url = new URL(endpoint.endpoint);
    const signer = new SignatureV4({ service: 'sns', region: 'us-east-1', credentials: issued, sha256: NodeSha256 });
    const signed = await signer.sign({
      method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/',
      headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body,
    });
    const res = await fetch(endpoint.endpoint, { method: 'POST', headers: signed.headers, body });
    assert.equal(res.status, 400);
    const xml = await res.text();
    assert.match(xml, /<ErrorResponse><Error><Type>Sender<\/Type><Code>WsgateUnservedServiceException<\/Code><Message>wsgate does not serve sns locally: this Publish call .*Set AWS_ENDPOINT_URL_SNS in the function's environment/);
  });

  test('GIVEN several calls by one function WHEN they reach the endpoint THEN the gateway warned once per service, naming the function', () => {
    assert.deepEqual(warnings, [
      '[wsgate] function App-Uploader-XYZ called s3 (PutObject), which wsgate does not serve; set AWS_ENDPOINT_URL_S3 in its environment to reach an endpoint',
      '[wsgate] function App-Uploader-XYZ called dynamodb (GetItem), which wsgate does not serve; set AWS_ENDPOINT_URL_DYNAMODB in its environment to reach an endpoint',
      '[wsgate] function App-Uploader-XYZ called sns (Publish), which wsgate does not serve; set AWS_ENDPOINT_URL_SNS in its environment to reach an endpoint',
    ]);
  });
});

describe('what a call says about itself', () => {
  const signedBy = (scope: string) => ({ authorization: `AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20250101/us-east-1/${scope}/aws4_request, SignedHeaders=host, Signature=0` });

  test('GIVEN the SDK\'s user agent WHEN the service id has a space THEN the variable is the id with underscores', () => {
    const call = describeCall({ url: '/', headers: { 'user-agent': 'aws-sdk-js/3.0.0 ua/2.1 lang/js api/secrets-manager#3.0.0', 'x-amz-target': 'secretsmanager.GetSecretValue', 'content-type': 'application/x-amz-json-1.1', ...signedBy('secretsmanager') } }, '{}');
    assert.deepEqual(call, { service: 'secrets-manager', variable: 'AWS_ENDPOINT_URL_SECRETS_MANAGER', operation: 'GetSecretValue', accessKeyId: 'ASIAEXAMPLE', protocol: 'json' });
  });

  test('GIVEN only the credential scope WHEN the signing name is not the service id THEN the variable is the service id\'s', () => {
    assert.equal(describeCall({ url: '/', headers: signedBy('events') }, '').variable, 'AWS_ENDPOINT_URL_EVENTBRIDGE');
    assert.equal(describeCall({ url: '/', headers: signedBy('states') }, '').variable, 'AWS_ENDPOINT_URL_SFN');
    assert.equal(describeCall({ url: '/', headers: signedBy('kinesis') }, '').variable, 'AWS_ENDPOINT_URL_KINESIS');
  });

  test('GIVEN a presigned URL, an EC2 query call and an unsigned call THEN each is read as far as it can be', () => {
    const presigned = describeCall({ url: '/bucket/key?x-id=GetObject&X-Amz-Credential=ASIAEXAMPLE%2F20250101%2Fus-east-1%2Fs3%2Faws4_request', headers: {} }, '');
    assert.deepEqual({ service: presigned.service, operation: presigned.operation, protocol: presigned.protocol }, { service: 's3', operation: 'GetObject', protocol: 'rest-xml' });
    const ec2 = describeCall({ url: '/', headers: { 'content-type': 'application/x-www-form-urlencoded', ...signedBy('ec2') } }, 'Action=DescribeInstances&Version=2016-11-15');
    assert.deepEqual({ operation: ec2.operation, protocol: ec2.protocol }, { operation: 'DescribeInstances', protocol: 'ec2-xml' });
    assert.deepEqual(describeCall({ url: '/', headers: {} }, ''), { service: undefined, variable: 'AWS_ENDPOINT_URL_{SERVICE}', operation: undefined, accessKeyId: undefined, protocol: 'json' });
  });
});
