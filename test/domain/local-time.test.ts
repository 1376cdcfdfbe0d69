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

test('on the eve of a daylight-saving change the next hh:mm is the next day’s, not the day after', () => {
  const now = new Date('2026-03-28T22:01:00Z'); // 23:01 in Paris; the clocks go forward at 02:00
  assert.equal(nextLocalTime(now, 8, 0, 'Europe/Paris').toISOString(), '2026-03-29T06:00:00.000Z');
  assert.equal(nextLocalTime(now, 0, 0, 'Europe/Paris').toISOString(), '2026-03-28T23:00:00.000Z');
});

test('a time the clocks skip is the moment after the gap; a time they show twice is its first', () => {
  assert.equal(fromLocalTime('2026-03-08', 2, 30, 'America/New_York').toISOString(), '2026-03-08T07:30:00.000Z');
  assert.equal(fromLocalTime('2026-10-25', 2, 30, 'Europe/Paris').toISOString(), '2026-10-25T00:30:00.000Z');
});
