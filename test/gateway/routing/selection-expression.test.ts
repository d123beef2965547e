import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileSelectionExpression } from '../../../src/gateway/routing/selection-expression.js';

const body = { service: 'chat', action: 'join', data: { room: 'room1234' }, n: 123, ok: true, list: ['item1', 'item2'], nothing: null };

describe('compileSelectionExpression', () => {
  test('the evaluation table of the AWS developer guide', () => {
    const cases: Array<[string, string]> = [
      ['$request.body.action', 'join'],
      ['${request.body.action}', 'join'],
      ['${request.body.service}/${request.body.action}', 'chat/join'],
      ['${request.body.action}-${request.body.invalidPath}', 'join-'],
      ['action', 'action'],
      ['\\$default', '$default'],
    ];
    for (const [expression, expected] of cases) assert.equal(compileSelectionExpression(expression)(body), expected, expression);
  });

  test('nested paths, array indexes and bracket keys', () => {
    assert.equal(compileSelectionExpression('$request.body.data.room')(body), 'room1234');
    assert.equal(compileSelectionExpression('$request.body.list[1]')(body), 'item2');
    assert.equal(compileSelectionExpression("${request.body['service']}")(body), 'chat');
  });

  test('values are stringified: numbers, booleans, arrays like Java; null and missing give ""', () => {
    assert.equal(compileSelectionExpression('$request.body.n')(body), '123');
    assert.equal(compileSelectionExpression('$request.body.ok')(body), 'true');
    assert.equal(compileSelectionExpression('$request.body.list')(body), '[item1, item2]');
    assert.equal(compileSelectionExpression('$request.body.data')(body), '{room=room1234}');
    assert.equal(compileSelectionExpression('$request.body.nothing')(body), '');
    assert.equal(compileSelectionExpression('$request.body.missing.deeper')(body), '');
  });

  test('a body that is not a JSON object cannot be evaluated', () => {
    const select = compileSelectionExpression('$request.body.action');
    assert.equal(select('just text'), undefined);
    assert.equal(select(42), undefined);
    assert.equal(select(null), undefined);
  });

  test('expressions the gateway cannot understand are refused at compile time', () => {
    assert.throws(() => compileSelectionExpression('${request.body.action'), /unclosed/);
    assert.throws(() => compileSelectionExpression('${context.routeKey}'), /only request.body variables/);
    assert.throws(() => compileSelectionExpression('$request.body'), /names no field/);
  });
});
