import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DeadlineQueue, Expiring } from '../../../src/gateway/invocation/deadline-queue.js';

class Entry extends Expiring {
  public expiredAt: number | undefined;
  constructor(public readonly name: string, private readonly order: string[]) {
    super();
  }

  public expire(): void {
    this.expiredAt = performance.now();
    this.order.push(this.name);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('DeadlineQueue', { timeout: 10_000 }, () => {
  test('GIVEN entries of several delays WHEN their deadlines pass THEN each expires once, at its deadline, earliest first', async () => {
    // GIVEN
    const queue = new DeadlineQueue();
    const order: string[] = [];
    const started = performance.now();
    const late = new Entry('late', order);
    const early = new Entry('early', order);
    const alsoEarly = new Entry('alsoEarly', order);
    queue.add(late, 120, started);
    queue.add(early, 40, started);
    queue.add(alsoEarly, 40.2, started);
    // WHEN
    await sleep(250);
    // THEN
    assert.deepEqual(order, ['early', 'alsoEarly', 'late']);
    assert.ok(early.expiredAt! - started >= 39, `expired after ${early.expiredAt! - started} ms`);
    assert.ok(late.expiredAt! - started >= 119, `expired after ${late.expiredAt! - started} ms`);
    assert.equal(late.expiryList, undefined);
  });

  test('GIVEN a queued entry WHEN it is removed (or added again later) THEN only its last deadline counts', async () => {
    // GIVEN
    const queue = new DeadlineQueue();
    const order: string[] = [];
    const removed = new Entry('removed', order);
    const moved = new Entry('moved', order);
    const kept = new Entry('kept', order);
    queue.add(removed, 20);
    queue.add(moved, 20);
    queue.add(kept, 60);
    // WHEN
    queue.remove(removed);
    queue.remove(removed);
    queue.add(moved, 100);
    await sleep(200);
    // THEN
    assert.deepEqual(order, ['kept', 'moved']);
    assert.equal(removed.expiredAt, undefined);
  });

  test('GIVEN an entry added from an expiry WHEN its deadline passes THEN it expires too', async () => {
    // GIVEN
    const queue = new DeadlineQueue();
    const order: string[] = [];
    const second = new Entry('second', order);
    const first = new (class extends Entry {
      public override expire(): void {
        super.expire();
        queue.add(second, 10);
      }
    })('first', order);
    // WHEN
    queue.add(first, 10);
    await sleep(100);
    // THEN
    assert.deepEqual(order, ['first', 'second']);
  });

  test('GIVEN an emptied queue WHEN nothing else is pending THEN the process exits without waiting for the old deadline', () => {
    // GIVEN a script that queues an entry due in 20 s and removes it
    const queueModule = fileURLToPath(new URL('../../../src/gateway/invocation/deadline-queue.ts', import.meta.url));
    const script = `
      const { DeadlineQueue, Expiring } = await import(${JSON.stringify(queueModule)});
      const queue = new DeadlineQueue();
      const entry = new (class extends Expiring { expire() { console.log('expired'); } })();
      queue.add(entry, 20000);
      setTimeout(() => queue.remove(entry), 10);
    `;
    // WHEN (a process still waiting after 8 s is killed, and fails the test)
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 8_000 });
    // THEN
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, '');
  });
});
