/**
 * The conformance suite every ConnectionRegistry implementation passes (memory now, Redis in the
 * cluster work): call it from the implementation's own test file with a factory.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConnectionRecord, ConnectionRegistry } from '../../src/registry/registry.js';

function record(id: string, nodeId = 'node-a', extra: Partial<ConnectionRecord> = {}): ConnectionRecord {
  return { connectionId: id, apiId: 'abcdefghij', stage: 'dev', nodeId, connectedAt: 1000, lastActiveAt: 1000, identity: { sourceIp: '127.0.0.1' }, ...extra };
}

export function registryConformance(name: string, create: () => Promise<ConnectionRegistry>): void {
  describe(`${name} (registry conformance)`, () => {
    test('add then get returns an equal record; an unknown id gives undefined', async () => {
      const r = await create();
      try {
        const rec = record('A1', 'node-a', { authorizer: { principalId: 'u1', tenant: 'acme' }, identity: { sourceIp: '10.0.0.1', userAgent: 'ua' } });
        await r.add(rec);
        assert.deepEqual(await r.get('A1'), rec);
        assert.equal(await r.get('missing'), undefined);
      } finally {
        await r.close();
      }
    });

    test('touch moves lastActiveAt forward only, and does not resurrect a removed connection', async () => {
      const r = await create();
      try {
        await r.add(record('T1'));
        await r.touch('T1', 5000);
        await r.touch('T1', 2000);
        assert.equal((await r.get('T1'))?.lastActiveAt, 5000);
        assert.equal(await r.remove('T1'), true);
        await r.touch('T1', 9000);
        assert.equal(await r.get('T1'), undefined);
        assert.equal(await r.remove('T1'), false);
      } finally {
        await r.close();
      }
    });

    test('listByNode and count see every connection', async () => {
      const r = await create();
      try {
        await r.add(record('N1', 'node-a'));
        await r.add(record('N2', 'node-b'));
        await r.add(record('N3', 'node-a'));
        assert.deepEqual((await r.listByNode('node-a')).map((x) => x.connectionId).sort(), ['N1', 'N3']);
        assert.equal(await r.count(), 3);
      } finally {
        await r.close();
      }
    });

    test('a returned record is a copy: changing it does not change the registry', async () => {
      const r = await create();
      try {
        await r.add(record('C1'));
        const got = (await r.get('C1')) as { lastActiveAt: number };
        got.lastActiveAt = 99;
        assert.equal((await r.get('C1'))?.lastActiveAt, 1000);
      } finally {
        await r.close();
      }
    });

    test('GIVEN connections on two nodes WHEN one is removed THEN count and listByNode drop it; an unknown node lists nothing', async () => {
      const r = await create();
      try {
        await r.add(record('R1', 'node-a'));
        await r.add(record('R2', 'node-a'));
        await r.add(record('R3', 'node-b'));
        assert.equal(await r.remove('R1'), true);
        assert.equal(await r.count(), 2);
        assert.deepEqual((await r.listByNode('node-a')).map((x) => x.connectionId), ['R2']);
        assert.deepEqual(await r.listByNode('node-nobody'), []);
      } finally {
        await r.close();
      }
    });

    test('GIVEN a record without the optional fields WHEN read back, alone or in a list THEN it has none of them', async () => {
      const r = await create();
      try {
        const rec = record('O1', 'node-a', { identity: { sourceIp: '192.0.2.1' } });
        await r.add(rec);
        assert.deepEqual(await r.get('O1'), rec);
        assert.deepEqual(await r.listByNode('node-a'), [rec]);
      } finally {
        await r.close();
      }
    });

    test('GIVEN a touched connection WHEN listed by its node THEN the list shows the new lastActiveAt', async () => {
      const r = await create();
      try {
        await r.add(record('L1'));
        await r.touch('L1', 7000);
        assert.equal((await r.listByNode('node-a'))[0]?.lastActiveAt, 7000);
      } finally {
        await r.close();
      }
    });
  });
}
