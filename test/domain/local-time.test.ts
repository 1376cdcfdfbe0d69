import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromLocalTime, nextLocalTime } from '../../src/domain/local-time.ts';

test('a wall-clock time names the instant of its timezone, across daylight saving', () => {
  assert.equal(fromLocalTime('2026-11-24', 8, 0, 'Africa/Kampala').toISOString(), '2026-11-24T05:00:00.000Z');
  assert.equal(fromLocalTime('2026-07-01', 8, 30, 'Europe/Paris').toISOString(), '2026-07-01T06:30:00.000Z');
  assert.equal(fromLocalTime('2026-12-01', 8, 30, 'Europe/Paris').toISOString(), '2026-12-01T07:30:00.000Z');
  assert.equal(fromLocalTime('2026-03-29', 3, 30, 'Europe/Paris').toISOString(), '2026-03-29T01:30:00.000Z');
});

test('the next hh:mm is today while it is ahead, else tomorrow', () => {
  const now = new Date('2026-11-24T06:00:00Z'); // 09:00 in Kampala
  assert.equal(nextLocalTime(now, 10, 0, 'Africa/Kampala').toISOString(), '2026-11-24T07:00:00.000Z');
  assert.equal(nextLocalTime(now, 8, 0, 'Africa/Kampala').toISOString(), '2026-11-25T05:00:00.000Z');
});
