// Pages fetched ahead are handed over together when the writer is slower, never more than the
// limit at once, in order; a fetch that fails is reported after the pages fetched before it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { gatherPages } from '../../src/rapidpro/sync/gather-pages.ts';

async function* numbers(count: number, failAt?: number) {
  for (let i = 1; i <= count; i++) {
    if (i === failAt) throw new Error(`page ${i} failed`);
    yield i;
  }
}

test('a slow writer gets the pages that arrived meanwhile, at most `max` at once, in order', async () => {
  const batches: number[][] = [];
  for await (const batch of gatherPages(numbers(10), 4)) {
    batches.push(batch);
    await sleep(20);
  }
  assert.deepEqual(batches.flat(), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.ok(
    batches.every((b) => b.length <= 4),
    JSON.stringify(batches),
  );
  assert.ok(
    batches.some((b) => b.length > 1),
    `pages were gathered: ${JSON.stringify(batches)}`,
  );
});

test('a fetch that fails: the pages before it are written first, then the error is raised', async () => {
  const seen: number[] = [];
  await assert.rejects(async () => {
    for await (const batch of gatherPages(numbers(10, 6), 4)) seen.push(...batch);
  }, /page 6 failed/);
  assert.deepEqual(seen, [1, 2, 3, 4, 5]);
});

test('a writer that stops early stops the fetching', async () => {
  let fetched = 0;
  async function* counting() {
    for (let i = 1; i <= 100; i++) {
      fetched = i;
      yield i;
    }
  }
  await assert.rejects(async () => {
    for await (const _ of gatherPages(counting(), 2)) throw new Error('write failed');
  }, /write failed/);
  await sleep(20);
  assert.ok(fetched <= 4, `fetched ${fetched} pages after the writer stopped`);
});
