import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as apigwv2 from '../../../src/apigatewayv2/index.js';
import { ApiKeyOptionError, ApiKeyRegistry, generateApiKeyValue, selectApiKeyValue } from '../../../src/gateway/limits/api-keys.js';
import type { UsagePlansModel } from '../../../src/model/gateway-model.js';
import { loadGatewayModel } from '../../../src/model/load-template.js';
import { readTemplateSources } from '../../../src/model/load-source.js';
import { newStack } from '../../support/synth.js';

const FIXED = 'fixed-value-0123456789abcdef';
const GIVEN = 'given-value-0123456789abcdef';

/** A stack with a key whose template sets its value, and two whose value AWS would generate. */
function keysModel(): UsagePlansModel {
  const { app, stack } = newStack();
  new apigwv2.ApiKey(stack, 'Fixed', { apiKeyName: 'fixed', value: FIXED });
  new apigwv2.ApiKey(stack, 'Partner', { apiKeyName: 'partner' });
  new apigwv2.ApiKey(stack, 'Other', { enabled: false });
  return loadGatewayModel(readTemplateSources(app)).usagePlans;
}

describe('ApiKeyRegistry', () => {
  test('GIVEN template values, a value given by name and none for the third WHEN created THEN each key has its value, the third a generated one', () => {
    const model = keysModel();
    // WHEN
    const registry = ApiKeyRegistry.create(model, { partner: GIVEN }, () => 'generated-0123456789abcdefghij');
    // THEN
    assert.deepEqual(registry.keys.map((k) => [k.model.logicalId.replace(/[0-9A-F]{8}$/, ''), k.value, k.valueSource, k.enabled]), [
      ['Fixed', FIXED, 'template', true],
      ['Partner', GIVEN, 'option', true],
      ['Other', 'generated-0123456789abcdefghij', 'generated', false],
    ]);
    assert.deepEqual(registry.generated().map((k) => k.model.name), [registry.keys[2].model.name]);
    const partner = registry.byValue(GIVEN)!;
    assert.deepEqual(partner.identity, { apiKey: GIVEN, apiKeyId: partner.model.keyId });
    assert.equal(registry.byValue(FIXED)?.model.name, 'fixed');
    assert.equal(registry.byValue('not-a-key-value-0123456789'), undefined);
  });

  test('GIVEN values by logical id and by <stack>/<logicalId> WHEN created THEN they apply', () => {
    const model = keysModel();
    const [, partner, other] = [...model.apiKeys.values()];
    const registry = ApiKeyRegistry.create(model, { [partner.logicalId]: GIVEN, [other.key]: 'another-value-0123456789abc' });
    assert.equal(registry.byValue(GIVEN)?.model.key, partner.key);
    assert.equal(registry.byValue('another-value-0123456789abc')?.model.key, other.key);
    assert.deepEqual(registry.generated(), []);
  });

  test('GIVEN no value for a generated key WHEN created with the default generator THEN the value is 40 letters and digits, new each run', () => {
    const a = ApiKeyRegistry.create(keysModel()).generated().map((k) => k.value);
    const b = ApiKeyRegistry.create(keysModel()).generated().map((k) => k.value);
    assert.equal(a.length, 2);
    for (const v of [...a, ...b]) assert.match(v, /^[A-Za-z0-9]{40}$/);
    assert.notDeepEqual(a, b);
    assert.match(generateApiKeyValue(), /^[A-Za-z0-9]{40}$/);
  });

  const refused: Array<[string, Record<string, string>, RegExp]> = [
    ['a name that is no key', { nope: GIVEN }, /'nope' names no API key of the templates \(keys: TestStack\/Fixed/],
    ['a key whose template sets the value', { fixed: GIVEN }, /has its value in the template/],
    ['a value under 20 characters', { partner: 'short' }, /at least 20 characters/],
    ['a value another key has', { partner: FIXED }, /have the same value/],
  ];
  for (const [name, values, message] of refused) {
    test(`GIVEN ${name} WHEN created THEN an ApiKeyOptionError says why`, () => {
      assert.throws(() => ApiKeyRegistry.create(keysModel(), values), (e: unknown) => e instanceof ApiKeyOptionError && e.code === 'WSGATE_ERR_API_KEY_OPTION' && message.test(e.message));
    });
  }

  test('GIVEN a logical id two stacks share WHEN given THEN it is ambiguous and <stack>/<logicalId> is asked for', () => {
    const model: UsagePlansModel = {
      apiKeys: new Map([
        ['A/Key', { key: 'A/Key', stackName: 'A', logicalId: 'Key', keyId: 'k1', name: 'a', enabled: true, usagePlanKeys: [] }],
        ['B/Key', { key: 'B/Key', stackName: 'B', logicalId: 'Key', keyId: 'k2', name: 'b', enabled: true, usagePlanKeys: [] }],
      ]),
      plans: new Map(),
      unreadable: [],
    };
    assert.throws(() => ApiKeyRegistry.create(model, { Key: GIVEN }), /names several API keys \(A\/Key, B\/Key\); use '<stack>\/<logicalId>'/);
    assert.equal(ApiKeyRegistry.create(model, { 'B/Key': GIVEN }).byValue(GIVEN)?.model.keyId, 'k2');
  });
});

describe('selectApiKeyValue', () => {
  test('GIVEN each selection expression WHEN a request carries a key THEN the expression picks it', () => {
    const headers = { 'x-api-key': 'from-header', other: 'x' };
    assert.equal(selectApiKeyValue('$request.header.x-api-key', headers, 'from-authorizer'), 'from-header');
    assert.equal(selectApiKeyValue(undefined, headers, 'from-authorizer'), 'from-header');
    assert.equal(selectApiKeyValue('$request.header.x-api-key', { 'x-api-key': ['first', 'second'] }, undefined), 'first');
    assert.equal(selectApiKeyValue('$context.authorizer.usageIdentifierKey', headers, 'from-authorizer'), 'from-authorizer');
    assert.equal(selectApiKeyValue('$context.authorizer.usageIdentifierKey', headers, undefined), undefined);
    assert.equal(selectApiKeyValue('$request.header.x-api-key', {}, 'from-authorizer'), undefined);
    assert.equal(selectApiKeyValue('$request.querystring.key', headers, 'from-authorizer'), undefined);
  });
});
