// Tests of PolicyDocument: resolution, de-duplication, sids and minimisation.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Stack } from '../../src/core/index.js';
import { PolicyDocument, PolicyStatement } from '../../src/iam/index.js';

describe('PolicyDocument', () => {
  test('resolves to Statement and Version, and to nothing when empty', () => {
    // GIVEN
    const stack = new Stack();
    const doc = new PolicyDocument();
    // THEN
    assert.equal(stack.resolve(doc), undefined);
    assert.equal(doc.isEmpty, true);
    // WHEN
    doc.addStatements(new PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
    // THEN
    assert.deepEqual(stack.resolve(doc), { Statement: [{ Action: 's3:GetObject', Effect: 'Allow', Resource: '*' }], Version: '2012-10-17' });
    assert.equal(doc.statementCount, 1);
  });

  test('drops statements that resolve to the same JSON', () => {
    // GIVEN
    const stack = new Stack();
    // WHEN
    const doc = new PolicyDocument({
      statements: [
        new PolicyStatement({ actions: ['s3:GetObject'], resources: [stack.formatArn({ service: 's3', region: '', account: '', resource: 'b' })] }),
        new PolicyStatement({ actions: ['s3:GetObject'], resources: [stack.formatArn({ service: 's3', region: '', account: '', resource: 'b' })] }),
      ],
    });
    // THEN
    assert.equal((stack.resolve(doc) as { Statement: unknown[] }).Statement.length, 1);
  });

  test('assignSids numbers the statements', () => {
    // GIVEN
    const stack = new Stack();
    // WHEN
    const doc = new PolicyDocument({ assignSids: true, statements: [new PolicyStatement({ actions: ['a:b'], resources: ['*'] })] });
    // THEN
    assert.equal((stack.resolve(doc) as { Statement: Array<{ Sid: string }> }).Statement[0].Sid, '0');
  });

  test('minimize merges statements that differ in one dimension and sorts them', () => {
    // GIVEN
    const stack = new Stack();
    // WHEN
    const doc = new PolicyDocument({
      minimize: true,
      statements: [
        new PolicyStatement({ actions: ['s3:PutObject'], resources: ['arn:b'] }),
        new PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:b'] }),
      ],
    });
    // THEN
    assert.deepEqual(stack.resolve(doc), { Statement: [{ Action: ['s3:GetObject', 's3:PutObject'], Effect: 'Allow', Resource: 'arn:b' }], Version: '2012-10-17' });
  });

  test('fromJson and toJSON round-trip', () => {
    // GIVEN
    const json = { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }], Version: '2012-10-17' };
    // WHEN
    const doc = PolicyDocument.fromJson(json);
    // THEN
    assert.deepEqual(new Stack().resolve(doc.toJSON()), json);
  });
});
