import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketApi } from '../../../src/apigatewayv2/index.js';
import { WebSocketLambdaIntegration } from '../../../src/apigatewayv2/integrations/index.js';
import { AttributeType, Table } from '../../../src/dynamodb/index.js';
import { CredentialStore } from '../../../src/gateway/auth/credential-store.js';
import { LocalAws } from '../../../src/gateway/aws/local-aws.js';
import { LOCAL_AWS_ERROR_CODES, LocalAwsError } from '../../../src/gateway/aws/local-aws-errors.js';
import { resolveOptions } from '../../../src/gateway/options.js';
import * as lambda from '../../../src/lambda/index.js';
import type { GatewayModel } from '../../../src/model/gateway-model.js';
import { loadGatewayModel } from '../../../src/model/load-template.js';
import { readTemplateSources } from '../../../src/model/load-source.js';
import { newStack } from '../../support/synth.js';

/** An API whose $connect function sets `environment` itself; with a table when asked. */
function modelWith(environment: Record<string, string>, withTable: boolean): GatewayModel {
  const { app, stack } = newStack();
  if (withTable) new Table(stack, 'Items', { partitionKey: { name: 'id', type: AttributeType.STRING } });
  const fn = new lambda.Function(stack, 'Connect', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({});'), environment });
  new WebSocketApi(stack, 'Api', { connectRouteOptions: { integration: new WebSocketLambdaIntegration('ConnectIntegration', fn) } });
  return loadGatewayModel(readTemplateSources(app));
}

async function started(model: GatewayModel, options = resolveOptions({ warn: assert.fail })): Promise<LocalAws> {
  return LocalAws.start({ model, options, credentials: new CredentialStore(model.environment) });
}

describe('the AWS surroundings of the handlers', { timeout: 30_000 }, () => {
  test('GIVEN a template with a table WHEN a function gets its variables THEN both endpoints are given, and what the function sets itself is left alone', async () => {
    const model = modelWith({ AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' }, true);
    const aws = await started(model);
    try {
      const fn = [...model.functions.values()][0];
      assert.deepEqual(aws.variablesFor(fn), { AWS_ENDPOINT_URL_DYNAMODB: aws.dynamoDbEndpoint });
      assert.deepEqual(aws.variablesFor({ ...fn, environment: {} }), { AWS_ENDPOINT_URL: aws.unservedEndpoint, AWS_ENDPOINT_URL_DYNAMODB: aws.dynamoDbEndpoint });
      assert.notEqual(aws.dynamoDbEndpoint, aws.unservedEndpoint);
    } finally {
      await aws.close();
    }
  });

  test('GIVEN a template without tables WHEN the surroundings start THEN there is no DynamoDB endpoint, only the one for unserved services', async () => {
    const model = modelWith({}, false);
    const aws = await started(model);
    try {
      assert.equal(aws.dynamoDbEndpoint, undefined);
      assert.deepEqual(aws.variablesFor([...model.functions.values()][0]), { AWS_ENDPOINT_URL: aws.unservedEndpoint });
    } finally {
      await aws.close();
    }
  });

  test('GIVEN persist and a state directory in use WHEN the surroundings start THEN they fail with the store\'s error', async () => {
    const model = modelWith({}, true);
    const options = resolveOptions({ warn: assert.fail, stateDir: mkdtempSync(join(tmpdir(), 'wsgate-local-aws-')), dynamodb: { persist: true } });
    const first = await started(model, options);
    try {
      await assert.rejects(started(model, options), (e: unknown) => e instanceof LocalAwsError && e.code === LOCAL_AWS_ERROR_CODES.STATE_IN_USE
        && e.message.includes(join(options.stateDir, 'dynamodb')));
    } finally {
      await first.close();
    }
  });
});
