import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { clfTime, newId } from '../../src/gateway/ids.js';

describe('ids', () => {
  test('GIVEN many new ids THEN each is the base64url text of 11 bytes with its padding, and none repeats', () => {
    // WHEN
    const ids = Array.from({ length: 20_000 }, () => newId());
    // THEN
    for (const id of ids) {
      assert.match(id, /^[A-Za-z0-9_-]{15}=$/);
      const bytes = Buffer.from(id.slice(0, 15), 'base64url');
      assert.equal(bytes.length, 11);
      assert.equal(`${bytes.toString('base64url')}=`, id, 'encoding the bytes again gives the same id');
    }
    assert.equal(new Set(ids).size, ids.length);
  });

  test('GIVEN many new ids THEN every character position takes many values (the ids are random)', () => {
    // WHEN
    const ids = Array.from({ length: 5_000 }, () => newId());
    // THEN: 64 values per position for the first 14, 16 for the 15th (4 bits left of 88)
    for (let i = 0; i < 15; i++) {
      const values = new Set(ids.map((id) => id[i]));
      assert.equal(values.size, i < 14 ? 64 : 16, `position ${i}`);
    }
  });

  test('GIVEN an epoch time THEN clfTime is its CLF form in UTC, the same within a second', () => {
    // WHEN / THEN
    assert.equal(clfTime(Date.UTC(2024, 0, 20, 11, 55, 8, 10)), '20/Jan/2024:11:55:08 +0000');
    assert.equal(clfTime(Date.UTC(2024, 0, 20, 11, 55, 8, 990)), '20/Jan/2024:11:55:08 +0000');
    assert.equal(clfTime(Date.UTC(2024, 11, 1, 0, 0, 9)), '01/Dec/2024:00:00:09 +0000');
  });
});
