// Tests of UnknownPrincipal: statements become warnings on the resource.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Construct } from 'constructs';
import { Stack } from '../../src/core/index.js';
import { PolicyStatement, UnknownPrincipal } from '../../src/iam/index.js';

describe('UnknownPrincipal', () => {
  test('reports added statements as a warning and has no policy fragment', () => {
    // GIVEN
    const stack = new Stack();
    const resource = new Construct(stack, 'Imported');
    const principal = new UnknownPrincipal({ resource });
    // WHEN
    const added = principal.addToPolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
    // THEN
    assert.equal(added, true);
    const warning = resource.node.metadata.find((m) => m.type === 'aws:cdk:warning');
    assert.match(String(warning?.data), /Add statement to this resource's role: \{"Action":"s3:GetObject","Effect":"Allow","Resource":"\*"\}/);
    assert.throws(() => principal.policyFragment, /resource imported without a role/);
  });
});
