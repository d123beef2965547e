import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as apigwv2 from '../../src/apigatewayv2/index.js';
import { WebSocketLambdaIntegration } from '../../src/apigatewayv2/integrations/index.js';
import * as lambda from '../../src/lambda/index.js';
import type { PolicyStatementModel, RoleModel } from '../../src/model/gateway-model.js';
import { loadGatewayModel, type TemplateSource } from '../../src/model/load-template.js';
import { readTemplateSources } from '../../src/model/load-source.js';
import { ModelError } from '../../src/model/model-error.js';
import { newStack } from '../support/synth.js';

const require = createRequire(import.meta.url);
const ENV = { region: 'eu-west-1', account: '111122223333' };
const without = (statements: readonly PolicyStatementModel[], source: RegExp) => statements.filter((s) => !source.test(s.source));

describe('IAM roles in the gateway model', () => {
  test('GIVEN a wsgate stack with grantManageConnections and grantManagementApiAccess WHEN loaded THEN the function\'s role holds both grants and its managed policy', () => {
    // GIVEN
    const { app, stack } = newStack();
    const fn = new lambda.Function(stack, 'Sender', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({});') });
    const api = new apigwv2.WebSocketApi(stack, 'ChatApi', { connectRouteOptions: { integration: new WebSocketLambdaIntegration('Connect', fn) } });
    const dev = new apigwv2.WebSocketStage(stack, 'Dev', { webSocketApi: api, stageName: 'dev', autoDeploy: true });
    api.grantManageConnections(fn);
    dev.grantManagementApiAccess(fn);
    // WHEN
    const model = loadGatewayModel(readTemplateSources(app), ENV);
    // THEN
    const sender = [...model.functions.values()][0];
    assert.match(sender.roleKey!, /^TestStack\/SenderServiceRole[0-9A-F]{8}$/);
    const role = model.roles.get(sender.roleKey!)!;
    assert.equal(role.arn, `arn:aws:iam::111122223333:role/${role.roleName}`);
    assert.match(role.roleName, /^TestStack-SenderServiceRole/);
    const apiArn = `arn:aws:execute-api:eu-west-1:111122223333:${model.apis[0].apiId}`;
    const defaultPolicy = role.statements[0].source;
    assert.match(defaultPolicy, /^TestStack\/SenderServiceRoleDefaultPolicy[0-9A-F]{8}$/);
    assert.deepEqual(without(role.statements, /^arn:aws:iam::aws:policy/), [
      { effect: 'Allow', action: ['execute-api:ManageConnections'], resource: [`${apiArn}/*/*/@connections/*`], source: defaultPolicy },
      { effect: 'Allow', action: ['execute-api:ManageConnections'], resource: [`${apiArn}/dev/*/@connections/*`], source: defaultPolicy },
    ]);
    assert.deepEqual(role.statements.filter((s) => s.source === 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole').map((s) => s.action),
      [['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents']]);
    assert.deepEqual(role.unreadable, []);
  });

  test('GIVEN the same grants synthesized by aws-cdk-lib WHEN loaded THEN the role holds the same statements', () => {
    const cdk = require('aws-cdk-lib');
    const apigw = require('aws-cdk-lib/aws-apigatewayv2');
    const integrations = require('aws-cdk-lib/aws-apigatewayv2-integrations');
    const awsLambda = require('aws-cdk-lib/aws-lambda');
    const outdir = mkdtempSync(join(tmpdir(), 'wsgate-cdk-iam-'));
    const app = new cdk.App({ outdir });
    const stack = new cdk.Stack(app, 'CdkStack');
    const fn = new awsLambda.Function(stack, 'Sender', { runtime: awsLambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: awsLambda.Code.fromInline('exports.handler = async () => ({});') });
    const api = new apigw.WebSocketApi(stack, 'ChatApi', { connectRouteOptions: { integration: new integrations.WebSocketLambdaIntegration('Connect', fn) } });
    const dev = new apigw.WebSocketStage(stack, 'Dev', { webSocketApi: api, stageName: 'dev', autoDeploy: true });
    api.grantManageConnections(fn);
    dev.grantManagementApiAccess(fn);
    app.synth();

    const model = loadGatewayModel(readTemplateSources(outdir), ENV);
    const role = model.roles.get([...model.functions.values()][0].roleKey!)!;
    const apiArn = `arn:aws:execute-api:eu-west-1:111122223333:${model.apis[0].apiId}`;
    const grants = without(role.statements, /^arn:aws:iam::aws:policy/).flatMap((s) => s.resource ?? []);
    assert.deepEqual(grants.sort(), [`${apiArn}/*/*/@connections/*`, `${apiArn}/dev/*/@connections/*`]);
  });

  test('GIVEN every way a template attaches statements to a role WHEN loaded THEN they all apply, each with its source', () => {
    // GIVEN: a role named by RoleName, and policies that name it in every form IAM knows.
    const roles: TemplateSource = {
      stackName: 'Roles',
      template: {
        Resources: {
          AppRole: {
            Type: 'AWS::IAM::Role',
            Properties: {
              RoleName: 'app-role',
              AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
              Policies: [{ PolicyName: 'inline', PolicyDocument: { Statement: { Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/t' } } } }],
              ManagedPolicyArns: [
                { Ref: 'Attached' },
                { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AmazonAPIGatewayInvokeFullAccess' },
                'arn:aws:iam::aws:policy/SomethingWsgateDoesNotKnow',
              ],
            },
          },
          Attached: { Type: 'AWS::IAM::ManagedPolicy', Properties: { ManagedPolicyName: 'attached', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' }] } } },
          NamesRole: { Type: 'AWS::IAM::ManagedPolicy', Properties: { Roles: [{ Ref: 'AppRole' }], PolicyDocument: { Statement: [{ Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] } } },
          RolePolicy: { Type: 'AWS::IAM::RolePolicy', Properties: { RoleName: 'app-role', PolicyName: 'rp', PolicyDocument: { Statement: [{ Effect: 'Allow', NotAction: 'iam:*', NotResource: 'arn:aws:iam::*:*' }] } } },
          Other: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
        },
      },
    };
    // A policy in another stack names the role by its name, as IAM matches (names are account-wide).
    const policies: TemplateSource = {
      stackName: 'Policies',
      template: {
        Resources: {
          CrossStack: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'x', Roles: ['app-role'], PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:*:*:*/dev/$connect' }] } } },
        },
      },
    };
    // WHEN
    const model = loadGatewayModel([roles, policies], ENV);
    // THEN
    const role = model.roles.get('Roles/AppRole')!;
    assert.equal(role.roleName, 'app-role');
    assert.equal(role.arn, 'arn:aws:iam::111122223333:role/app-role');
    const bySource = Object.fromEntries(role.statements.map((s) => [s.source, s]));
    assert.deepEqual(Object.keys(bySource).sort(), [
      'Policies/CrossStack', 'Roles/AppRole (inline policy inline)', 'Roles/Attached', 'Roles/NamesRole', 'Roles/RolePolicy',
      'arn:aws:iam::aws:policy/AmazonAPIGatewayInvokeFullAccess',
    ]);
    assert.deepEqual(bySource['Roles/AppRole (inline policy inline)'].resource, ['arn:aws:dynamodb:eu-west-1:111122223333:table/t']);
    assert.deepEqual(bySource['Roles/NamesRole'], { effect: 'Deny', action: ['s3:DeleteObject'], resource: ['*'], condition: { Bool: { 'aws:SecureTransport': 'false' } }, source: 'Roles/NamesRole' });
    assert.deepEqual(bySource['Roles/RolePolicy'], { effect: 'Allow', notAction: ['iam:*'], notResource: ['arn:aws:iam::*:*'], source: 'Roles/RolePolicy' });
    assert.deepEqual(bySource['arn:aws:iam::aws:policy/AmazonAPIGatewayInvokeFullAccess'].action, ['execute-api:Invoke', 'execute-api:ManageConnections']);
    assert.equal(role.unreadable.length, 1);
    assert.match(role.unreadable[0], /arn:aws:iam::aws:policy\/SomethingWsgateDoesNotKnow is neither in the templates nor an AWS managed policy wsgate knows/);
    const other = model.roles.get('Roles/Other')!;
    assert.deepEqual([other.statements, other.unreadable], [[], []]);
    assert.match(other.roleName, /^Roles-Other-[A-Z0-9]{12}$/);
  });

  test('GIVEN statement values the gateway cannot evaluate (Fn::ImportValue) WHEN loaded THEN the load succeeds fail-closed: the Allow is dropped, the Deny applies to every resource', () => {
    const source: TemplateSource = {
      stackName: 'S',
      template: {
        Conditions: { Prod: { 'Fn::Equals': ['a', 'b'] } },
        Resources: {
          R: {
            Type: 'AWS::IAM::Role',
            Properties: {
              AssumeRolePolicyDocument: {},
              Policies: [
                { PolicyName: 'imported', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::ImportValue': 'BucketArn' } }] } },
                { PolicyName: 'conditional', PolicyDocument: { Statement: [{ 'Fn::If': ['Prod', { Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }, { Ref: 'AWS::NoValue' }] }, { Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }] } },
              ],
            },
          },
          P: {
            Type: 'AWS::IAM::Policy',
            Properties: {
              PolicyName: 'p',
              Roles: [{ Ref: 'R' }, { 'Fn::ImportValue': 'SomeoneElsesRole' }],
              PolicyDocument: {
                Statement: [
                  { Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: { 'Fn::ImportValue': 'TableArn' } },
                  { Effect: 'Deny', Action: 'dynamodb:DeleteItem', Resource: { 'Fn::ImportValue': 'TableArn' } },
                  { Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: '*' },
                ],
              },
            },
          },
        },
      },
    };
    const role = loadGatewayModel([source], ENV).roles.get('S/R')!;
    assert.deepEqual(role.statements, [
      { effect: 'Allow', action: ['s3:ListBucket'], resource: ['*'], source: 'S/R (inline policy conditional)' },
      { effect: 'Deny', action: ['dynamodb:DeleteItem'], resource: ['*'], source: 'S/P' },
      { effect: 'Allow', action: ['dynamodb:GetItem'], resource: ['*'], source: 'S/P' },
    ]);
    assert.equal(role.unreadable.length, 3);
    assert.ok(role.unreadable.every((note) => /Fn::ImportValue/.test(note) && /Statement\[[01]\]\.Resource/.test(note)), role.unreadable.join('\n'));
  });

  test('GIVEN a statement IAM would refuse WHEN loaded THEN a ModelError names the resource and the statement', () => {
    const source: TemplateSource = {
      stackName: 'S',
      template: {
        Resources: {
          R: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {}, Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: [{ Effect: 'Permit', Action: '*', Resource: '*' }] } }] } },
        },
      },
    };
    assert.throws(() => loadGatewayModel([source], ENV), (e: unknown) =>
      e instanceof ModelError && e.message === 'S/R (Policies[0].PolicyDocument.Statement[0]): Effect must be Allow or Deny, got "Permit"');
  });

  test('GIVEN an AWS managed policy in the aws-cn partition WHEN loaded THEN its ARNs are the partition\'s', () => {
    const source: TemplateSource = {
      stackName: 'S',
      template: { Resources: { R: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {}, ManagedPolicyArns: [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AmazonAPIGatewayInvokeFullAccess' }] } } } },
    };
    const role: RoleModel = loadGatewayModel([source], { region: 'cn-north-1' }).roles.get('S/R')!;
    assert.deepEqual(role.statements.map((s) => [s.source, s.resource]), [['arn:aws-cn:iam::aws:policy/AmazonAPIGatewayInvokeFullAccess', ['arn:aws-cn:execute-api:*:*:*']]]);
    assert.match(role.arn, /^arn:aws-cn:iam::123456789012:role\//);
  });
});
