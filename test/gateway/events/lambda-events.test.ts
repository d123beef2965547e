import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connectionFacts, messageEvent, type ConnectionFacts } from '../../../src/gateway/events/lambda-events.js';
import { copyAsJson } from '../../../src/gateway/invocation/json-copy.js';

const facts: ConnectionFacts = {
  connectionId: 'R1kmxc2VNjMCFIA=', apiId: 'abc123', stage: 'dev', domainName: 'abc123.execute-api.us-east-1.amazonaws.com',
  connectedAt: 1_700_000_000_000, identity: { sourceIp: '10.0.0.1', userAgent: 'test' },
};
const request = { requestId: 'BFaT_fALIAMCKug=', requestTimeEpoch: Date.UTC(2024, 0, 20, 11, 55, 8) };

describe('messageEvent', () => {
  test('GIVEN a connection WHEN a message comes THEN the event has AWS\'s fields, in AWS\'s order', () => {
    // WHEN
    const event = messageEvent(facts, request, 'sendMessage', 'BFaT_fALIAMCKug=', '{"action":"sendMessage"}');
    // THEN
    assert.deepEqual(Object.keys(event), ['requestContext', 'body', 'isBase64Encoded']);
    assert.deepEqual(event.requestContext, {
      routeKey: 'sendMessage', messageId: 'BFaT_fALIAMCKug=', eventType: 'MESSAGE', extendedRequestId: 'BFaT_fALIAMCKug=',
      requestTime: '20/Jan/2024:11:55:08 +0000', messageDirection: 'IN', stage: 'dev', connectedAt: 1_700_000_000_000,
      requestTimeEpoch: request.requestTimeEpoch, identity: { sourceIp: '10.0.0.1', userAgent: 'test' }, requestId: 'BFaT_fALIAMCKug=',
      domainName: 'abc123.execute-api.us-east-1.amazonaws.com', connectionId: 'R1kmxc2VNjMCFIA=', apiId: 'abc123',
    });
    assert.deepEqual(Object.keys(event.requestContext as object), [
      'routeKey', 'messageId', 'eventType', 'extendedRequestId', 'requestTime', 'messageDirection', 'stage', 'connectedAt',
      'requestTimeEpoch', 'identity', 'requestId', 'domainName', 'connectionId', 'apiId',
    ]);
  });

  test('GIVEN an authorizer and stage variables WHEN a message comes THEN they are in the event, where AWS puts them', () => {
    // WHEN
    const event = messageEvent({ ...facts, authorizer: { principalId: 'me' }, stageVariables: { v: '1' } }, request, '$default', 'm', 'x');
    // THEN
    assert.deepEqual(Object.keys(event), ['stageVariables', 'requestContext', 'body', 'isBase64Encoded']);
    assert.deepEqual(event.stageVariables, { v: '1' });
    assert.deepEqual(Object.keys(event.requestContext as object).slice(0, 3), ['routeKey', 'authorizer', 'messageId']);
    assert.deepEqual((event.requestContext as { authorizer: unknown }).authorizer, { principalId: 'me' });
  });

  test('GIVEN a message event WHEN the handler changes it THEN the connection\'s facts are untouched, and the invoker need not copy it', () => {
    // GIVEN
    const own = { ...facts, identity: { sourceIp: '10.0.0.1' }, authorizer: { principalId: 'me' }, stageVariables: { v: '1' } };
    const event = messageEvent(own, request, '$default', 'm', 'x');
    // WHEN
    const given = copyAsJson(event) as { stageVariables: Record<string, string>; requestContext: { identity: Record<string, string>; authorizer: Record<string, string> } };
    given.requestContext.identity.sourceIp = 'changed';
    given.requestContext.authorizer.principalId = 'changed';
    given.stageVariables.v = 'changed';
    // THEN
    assert.equal(given, event);
    assert.deepEqual([own.identity.sourceIp, own.authorizer.principalId, own.stageVariables.v], ['10.0.0.1', 'me', '1']);
  });
});

describe('connectionFacts', () => {
  const FIELDS = ['connectionId', 'apiId', 'stage', 'domainName', 'connectedAt', 'identity', 'authorizer', 'stageVariables'];

  test('GIVEN facts built in different ways WHEN a connection keeps them THEN every copy has the same fields in one order', () => {
    // GIVEN: a literal, a spread with an added field, and one with the fields in another order
    const variants: ConnectionFacts[] = [
      facts,
      { ...facts, identity: { ...facts.identity, apiKey: 'k' }, authorizer: { principalId: 'me' } },
      { stageVariables: { v: '1' }, identity: facts.identity, connectedAt: 1, domainName: 'd', stage: 's', apiId: 'a', connectionId: 'c' },
    ];
    // WHEN
    const kept = variants.map(connectionFacts);
    // THEN
    for (const k of kept) assert.deepEqual(Object.keys(k), FIELDS);
    assert.deepEqual(kept[1].identity, { sourceIp: '10.0.0.1', userAgent: 'test', apiKey: 'k' });
    assert.deepEqual(kept[1].authorizer, { principalId: 'me' });
    assert.equal(kept[0].authorizer, undefined);
    assert.deepEqual(kept[2].stageVariables, { v: '1' });
  });

  test('GIVEN kept facts WHEN the original identity changes THEN the kept copy does not, and message events are the same', () => {
    // GIVEN
    const own = { ...facts, identity: { sourceIp: '10.0.0.1', userAgent: 'test' }, authorizer: { principalId: 'me' } };
    const kept = connectionFacts(own);
    // WHEN
    own.identity.sourceIp = 'changed';
    own.authorizer.principalId = 'changed';
    // THEN
    assert.deepEqual([kept.identity.sourceIp, kept.authorizer?.principalId], ['10.0.0.1', 'me']);
    const original = { ...facts, authorizer: { principalId: 'me' } };
    assert.deepEqual(messageEvent(connectionFacts(original), request, '$default', 'm', 'x'), messageEvent(original, request, '$default', 'm', 'x'));
  });
});
