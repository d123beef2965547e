// Tests of statement merging: equal statements always, combinable ones when minimising.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Stack } from '../../../src/core/index.js';
import { Effect, PolicyStatement } from '../../../src/iam/index.js';
import { mergeStatements } from '../../../src/iam/private/merge-statements.js';

describe('mergeStatements', () => {
  test('equal statements (as sets) collapse into the first, with both as origins', () => {
    // GIVEN
    const a = new PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject'], resources: ['*'] });
    const b = new PolicyStatement({ actions: ['s3:PutObject', 's3:GetObject'], resources: ['*'] });
    // WHEN
    const result = mergeStatements([a, b], { scope: new Stack(), mergeIfCombinable: false });
    // THEN
    assert.deepEqual(result.mergedStatements, [a]);
    assert.deepEqual(result.originsMap.get(a), [a, b]);
  });

  test('combinable statements merge their actions, sorted; different effects never merge', () => {
    // GIVEN
    const allowGet = new PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:b'] });
    const allowList = new PolicyStatement({ actions: ['s3:ListBucket'], resources: ['arn:b'] });
    const deny = new PolicyStatement({ effect: Effect.DENY, actions: ['s3:DeleteObject'], resources: ['arn:b'] });
    // WHEN
    const result = mergeStatements([allowList, deny, allowGet], { scope: new Stack() });
    // THEN
    assert.equal(result.mergedStatements.length, 2);
    assert.deepEqual(result.mergedStatements[0].actions, ['s3:GetObject', 's3:ListBucket']);
    assert.equal(result.mergedStatements[1], deny);
  });
});
