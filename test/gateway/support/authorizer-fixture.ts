/**
 * An app with authorized `$connect` routes, built with wsgate's constructs:
 * - `LambdaAuth`: a Lambda REQUEST authorizer (identity source: the Authorization header) whose answer
 *   depends on the token (see AUTHORIZER); `$connect`, `$default` (two-way echo) and `$disconnect`
 *   record their events to EVENT_LOG;
 * - `QueryAuth`: the same authorizer with the `token` query parameter as identity source;
 * - `IamAuth`: `$connect` with the IAM authorizer, recording its event.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketApi, WebSocketStage } from '../../../src/apigatewayv2/index.js';
import { WebSocketIamAuthorizer, WebSocketLambdaAuthorizer } from '../../../src/apigatewayv2/authorizers/index.js';
import { WebSocketLambdaIntegration } from '../../../src/apigatewayv2/integrations/index.js';
import { App, Duration, Stack } from '../../../src/core/index.js';
import * as lambda from '../../../src/lambda/index.js';

const RECORD = `const fs = require('fs'); const record = (e) => fs.appendFileSync(process.env.EVENT_LOG, JSON.stringify(e) + '\\n');`;

/** Tokens: good (Allow), deny (Deny), elsewhere (Allow on another resource), unauthorized (throws 'Unauthorized'),
 * crash (throws), malformed (no policy), nested (context with an object), slow (outlives the function's 1 s timeout). */
export const AUTHORIZER = `${RECORD}
exports.handler = async (event) => {
  record({ authorizerEvent: event });
  const token = event.headers.Authorization || event.queryStringParameters.token;
  if (token === 'unauthorized') throw new Error('Unauthorized');
  if (token === 'crash') throw new Error('authorizer bug');
  if (token === 'malformed') return { hello: 'world' };
  if (token === 'slow') await new Promise((r) => setTimeout(r, 3000));
  const policy = (effect, resource) => ({ Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }] });
  const context = token === 'nested' ? { tenant: { id: 1 } } : { tenant: 'acme', level: 3, admin: true };
  const resource = token === 'elsewhere' ? event.methodArn.replace('$connect', 'other') : event.methodArn;
  return { principalId: 'user-42', policyDocument: policy(token === 'deny' ? 'Deny' : 'Allow', resource), context };
};`;

export function buildAuthorizerApp(eventLog: string): App {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'wsgate-auth-')) });
  const stack = new Stack(app, 'AuthStack');
  const fn = (id: string, code: string) => new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline(code),
    timeout: Duration.seconds(1), environment: { EVENT_LOG: eventLog },
  });
  const recorder = fn('Recorder', `${RECORD}\nexports.handler = async (event) => { record(event); return { statusCode: 200, body: event.body }; };`);
  const authorizerFn = fn('Authorizer', AUTHORIZER);
  const routes = (api: WebSocketApi, prefix: string) => {
    api.addRoute('$default', { integration: new WebSocketLambdaIntegration(`${prefix}Default`, recorder), returnResponse: true });
    api.addRoute('$disconnect', { integration: new WebSocketLambdaIntegration(`${prefix}Disconnect`, recorder) });
  };
  const lambdaApi = new WebSocketApi(stack, 'LambdaAuth', {
    connectRouteOptions: {
      integration: new WebSocketLambdaIntegration('LambdaConnect', recorder),
      authorizer: new WebSocketLambdaAuthorizer('HeaderAuthorizer', authorizerFn),
    },
  });
  routes(lambdaApi, 'Lambda');
  const queryApi = new WebSocketApi(stack, 'QueryAuth', {
    connectRouteOptions: {
      integration: new WebSocketLambdaIntegration('QueryConnect', recorder),
      authorizer: new WebSocketLambdaAuthorizer('QueryAuthorizer', authorizerFn, { identitySource: ['route.request.querystring.token'] }),
    },
  });
  const iamApi = new WebSocketApi(stack, 'IamAuth', {
    connectRouteOptions: { integration: new WebSocketLambdaIntegration('IamConnect', recorder), authorizer: new WebSocketIamAuthorizer() },
  });
  routes(iamApi, 'Iam');
  for (const [id, api] of [['LambdaDev', lambdaApi], ['QueryDev', queryApi], ['IamDev', iamApi]] as const) {
    new WebSocketStage(stack, id, { webSocketApi: api, stageName: 'dev', autoDeploy: true });
  }
  return app;
}
