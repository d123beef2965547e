import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ApiGatewayManagementApiClient, DeleteConnectionCommand, ForbiddenException, GetConnectionCommand, PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import * as apigwv2 from '../../../src/apigatewayv2/index.js';
import { WebSocketLambdaIntegration } from '../../../src/apigatewayv2/integrations/index.js';
import * as iam from '../../../src/iam/index.js';
import * as lambda from '../../../src/lambda/index.js';
import { CredentialStore, type StoredCredentials } from '../../../src/gateway/auth/credential-store.js';
import { RequestAuthorizer, managementApiResourceArn, routeResourceArn, type AuthorizationResult } from '../../../src/gateway/auth/request-authorizer.js';
import type { GatewayModel } from '../../../src/model/gateway-model.js';
import { loadGatewayModel } from '../../../src/model/load-template.js';
import { readTemplateSources } from '../../../src/model/load-source.js';
import { newStack } from '../../support/synth.js';
import { startVerifyingServer, type VerifyingServer } from './verifying-server.js';

const MANAGE = 'execute-api:ManageConnections';
const CONNECTION_ID = 'Zq0lpfIyliACGbQ=';

/**
 * A wsgate app whose route functions hold the grants wsgate synthesizes: AllStages
 * (grantManageConnections on the API), DevOnly (grantManagementApiAccess on the dev stage),
 * NoGrant, and DeniedDev (API-wide, plus an explicit Deny on dev).
 */
function chatModel(): GatewayModel {
  const { app, stack } = newStack();
  const api = new apigwv2.WebSocketApi(stack, 'ChatApi');
  const fn = (id: string) => {
    const f = new lambda.Function(stack, id, { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({});') });
    api.addRoute(id.toLowerCase(), { integration: new WebSocketLambdaIntegration(`${id}Integration`, f) });
    return f;
  };
  const dev = new apigwv2.WebSocketStage(stack, 'Dev', { webSocketApi: api, stageName: 'dev', autoDeploy: true });
  new apigwv2.WebSocketStage(stack, 'Prod', { webSocketApi: api, stageName: 'prod', autoDeploy: true });
  const all = fn('AllStages');
  api.grantManageConnections(all);
  dev.grantManagementApiAccess(fn('DevOnly'));
  fn('NoGrant');
  const denied = fn('DeniedDev');
  api.grantManageConnections(denied);
  denied.addToRolePolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: [MANAGE], resources: [`arn:aws:execute-api:*:*:${api.apiId}/dev/*`] }));
  return loadGatewayModel(readTemplateSources(app));
}

describe('RequestAuthorizer: SigV4 from the real SDK client, IAM from the grants wsgate synthesizes', { timeout: 60_000 }, () => {
  const model = chatModel();
  const env = model.environment;
  const apiId = model.apis[0].apiId;
  const store = new CredentialStore(env);
  const authorizer = new RequestAuthorizer({ environment: env, credentials: store });
  const decisions: AuthorizationResult[] = [];
  let server: VerifyingServer;

  /** The credentials Lambda gives the function with this logical ID prefix: its role's, in a session named after it. */
  const credentialsOf = (prefix: string): StoredCredentials => {
    const fn = [...model.functions.values()].find((f) => f.logicalId.startsWith(prefix))!;
    return store.issueForRole(model.roles.get(fn.roleKey!)!, fn.functionName);
  };
  const client = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, stage = 'dev') =>
    new ApiGatewayManagementApiClient({ endpoint: `${server.url}/${stage}`, region: env.region, credentials, maxAttempts: 1 });
  const post = (credentials: Parameters<typeof client>[0], stage = 'dev') =>
    client(credentials, stage).send(new PostToConnectionCommand({ ConnectionId: CONNECTION_ID, Data: Buffer.from('hi') }));

  before(async () => {
    server = await startVerifyingServer(async (r) => {
      const m = /^\/([^/]+)\/@connections\/([^/?]+)/.exec(r.rawUrl)!;
      const resource = managementApiResourceArn(env, { apiId, stage: m[1], method: r.method, connectionId: decodeURIComponent(m[2]) });
      const decision = await authorizer.authorize({ method: r.method, rawUrl: r.rawUrl, headers: r.headers, body: r.body, sourceIp: r.sourceIp }, MANAGE, resource);
      decisions.push(decision);
      return decision.allowed ? { ok: true } : { ok: false, failure: decision };
    });
  });
  after(() => server.close());

  test('GIVEN grantManageConnections on the API WHEN the function posts, gets and deletes on any stage THEN allowed by that statement', async () => {
    const credentials = credentialsOf('AllStages');
    for (const stage of ['dev', 'prod']) {
      assert.equal((await post(credentials, stage)).$metadata.httpStatusCode, 200);
      assert.equal((await client(credentials, stage).send(new GetConnectionCommand({ ConnectionId: CONNECTION_ID }))).$metadata.httpStatusCode, 200);
      assert.equal((await client(credentials, stage).send(new DeleteConnectionCommand({ ConnectionId: CONNECTION_ID }))).$metadata.httpStatusCode, 204);
    }
    const last = decisions.at(-1)!;
    assert.ok(last.allowed);
    assert.deepEqual(last.statement.resource, [`arn:aws:execute-api:us-east-1:123456789012:${apiId}/*/*/@connections/*`]);
    assert.match(last.principal.arn, /^arn:aws:sts::123456789012:assumed-role\/TestStack-AllStagesServiceRole[^/]+\/TestStack-AllStages[^/]+$/);
  });

  test('GIVEN grantManagementApiAccess on the dev stage WHEN the function posts to dev THEN allowed; to prod THEN ForbiddenException naming the grant', async () => {
    const credentials = credentialsOf('DevOnly');
    assert.equal((await post(credentials, 'dev')).$metadata.httpStatusCode, 200);
    const error = await post(credentials, 'prod').then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof ForbiddenException);
    assert.equal(error.$metadata.httpStatusCode, 403);
    const resource = `arn:aws:execute-api:us-east-1:123456789012:${apiId}/prod/POST/@connections/${CONNECTION_ID}`;
    assert.match(error.message, new RegExp(`^User: arn:aws:sts::123456789012:assumed-role/TestStack-DevOnlyServiceRole[^/]+/TestStack-DevOnly[^/]+ is not authorized to perform: ${MANAGE} on resource: ${resource.replace(/[$.]/g, '\\$&')}$`));
    const decision = decisions.at(-1)!;
    assert.ok(!decision.allowed);
    assert.deepEqual(decision.requiredGrant, { action: MANAGE, resource });
    assert.equal(decision.deniedBy, undefined);
  });

  test('GIVEN a role without a grant WHEN it posts THEN ForbiddenException; the principal is known and the required grant named', async () => {
    const error = await post(credentialsOf('NoGrant')).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof ForbiddenException);
    const decision = decisions.at(-1)!;
    assert.ok(!decision.allowed && decision.principal?.kind === 'role');
    assert.equal(decision.requiredGrant?.action, MANAGE);
  });

  test('GIVEN an explicit Deny on dev beside the API-wide grant WHEN posting to dev THEN denied "with an explicit deny"; prod is allowed', async () => {
    const credentials = credentialsOf('DeniedDev');
    const error = await post(credentials, 'dev').then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof ForbiddenException);
    assert.match(error.message, / with an explicit deny$/);
    const decision = decisions.at(-1)!;
    assert.ok(!decision.allowed);
    assert.equal(decision.deniedBy?.effect, 'Deny');
    assert.equal((await post(credentials, 'prod')).$metadata.httpStatusCode, 200);
  });

  test('GIVEN external credentials WHEN registered as "all" THEN allowed; as a list of other actions THEN denied', async () => {
    const admin = store.register({ accessKeyId: 'AKIAEXTERNALADMIN001', secretAccessKey: 'admin-secret', allow: 'all' });
    assert.equal((await post(admin)).$metadata.httpStatusCode, 200);
    const invoker = store.register({ accessKeyId: 'AKIAEXTERNALINVOKE01', secretAccessKey: 'invoke-secret', allow: ['execute-api:Invoke'], arn: 'arn:aws:iam::123456789012:user/invoker' });
    const error = await post(invoker).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof ForbiddenException);
    assert.match(error.message, /^User: arn:aws:iam::123456789012:user\/invoker is not authorized/);
  });

  test('GIVEN a bad signature WHEN authorizing THEN the signature refusal comes first, without a principal', async () => {
    const credentials = credentialsOf('AllStages');
    const error = await post({ ...credentials, secretAccessKey: 'wrong' }).then(() => undefined, (e: unknown) => e) as Error;
    assert.equal(error.name, 'InvalidSignatureException');
    const decision = decisions.at(-1)!;
    assert.ok(!decision.allowed && decision.principal === undefined && decision.requiredGrant === undefined);
  });
});

describe('execute-api resource ARNs', () => {
  const env = { region: 'eu-west-1', account: '111122223333', partition: 'aws' };
  test('GIVEN a management API call WHEN its resource is built THEN {apiId}/{stage}/{VERB}/@connections/{connectionId}', () => {
    assert.equal(managementApiResourceArn(env, { apiId: 'abc123defg', stage: 'dev', method: 'delete', connectionId: 'Zq0=' }),
      'arn:aws:execute-api:eu-west-1:111122223333:abc123defg/dev/DELETE/@connections/Zq0=');
  });
  test('GIVEN a route WHEN its resource is built THEN {apiId}/{stage}/{routeKey}, as the $connect methodArn', () => {
    assert.equal(routeResourceArn(env, { apiId: 'abc123defg', stage: 'dev', routeKey: '$connect' }), 'arn:aws:execute-api:eu-west-1:111122223333:abc123defg/dev/$connect');
  });
});
