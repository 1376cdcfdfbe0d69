import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GRID_MINUTES, shareAt, toCumulative, usualEnd, usualShareAt } from '../../src/domain/history-curve.ts';
import { forecastShare, judgeLateness } from '../../src/domain/judge-run.ts';
import { isQuiet, parseQuietHours } from '../../src/domain/quiet-hours.ts';
import { toWatchSettings, watchDefaults } from '../../src/domain/watch-settings.ts';

/** A curve reaching `final` of 100 asked linearly by 120 minutes, counted for a week. */
const linear = (final: number) => ({
  asked: 100,
  completes: GRID_MINUTES.map((m) => Math.round((final * Math.min(m, 120)) / 120)),
  horizon: 10_080,
});

test('a curve is read between its grid points, and not beyond what it covers', () => {
  const curve = linear(80);
  assert.equal(shareAt(curve, 60), 0.4);
  assert.equal(shareAt(curve, 75), 0.5); // between 60 and 90 minutes
  assert.equal(shareAt({ ...curve, horizon: 50 }, 60), undefined);
  assert.equal(shareAt({ ...curve, asked: 0 }, 60), undefined);
  assert.deepEqual(
    toCumulative(
      new Map([
        [0, 1],
        [2, 3],
        [3, 1],
        [4, 9],
      ]),
      15,
    ),
    [1, 1, 4, 5],
  );
});

test('the usual curve is the median of the runs; it usually ends where it reaches 95 % of its level', () => {
  const runs = [linear(60), linear(80), linear(100)];
  assert.equal(usualShareAt(runs, 120), 0.8);
  assert.equal(usualShareAt([linear(60), linear(80)], 120), 0.7);
  // 95 % of 80 % is 76 %, reached between 90 and 120 minutes: the grid point at 120.
  assert.equal(usualEnd(runs), 120);
});

test('behind means below 60 % of the usual and at least 5 contacts short; far behind below 30 %', () => {
  const settings = watchDefaults;
  assert.equal(judgeLateness({ asked: 40, complete: 10 }, 0.48, settings).level, 1); // 25 % vs 48 %
  assert.equal(judgeLateness({ asked: 40, complete: 4 }, 0.48, settings).level, 2); // 10 %
  assert.equal(judgeLateness({ asked: 40, complete: 16 }, 0.48, settings).level, 0); // 40 %: not clearly behind
  // A small region: 0 of 6 when 50 % is usual is 3 short, under the 5 that make noise an alert.
  assert.equal(judgeLateness({ asked: 6, complete: 0 }, 0.5, settings).level, 0);
  assert.equal(judgeLateness({ asked: 6, complete: 0 }, 0.5, toWatchSettings({ minMissing: 3 })).level, 2);
  assert.equal(toWatchSettings({ belowShare: 0.5 }).farBelowShare, 0.25);
  assert.equal(forecastShare(0.1, 0.48, 0.8).toFixed(4), '0.1667'); // half the usual pace ends near half the usual
  assert.equal(forecastShare(0.9, 0.3, 0.8), 1);
});

test('quiet hours span midnight in the org’s timezone; equal ends mean none', () => {
  const quiet = parseQuietHours('20:00-07:00')!;
  assert.deepEqual(quiet, { startsAt: 1200, endsAt: 420 });
  assert.equal(isQuiet(new Date('2031-03-10T17:30:00Z'), 'Africa/Kampala', quiet), true); // 20:30
  assert.equal(isQuiet(new Date('2031-03-10T03:59:00Z'), 'Africa/Kampala', quiet), true); // 06:59
  assert.equal(isQuiet(new Date('2031-03-10T04:00:00Z'), 'Africa/Kampala', quiet), false); // 07:00
  assert.equal(isQuiet(new Date('2031-03-10T12:00:00Z'), 'Africa/Kampala', parseQuietHours('13:00–16:00')!), true);
  assert.equal(isQuiet(new Date('2031-03-10T17:30:00Z'), 'Africa/Kampala', { startsAt: 0, endsAt: 0 }), false);
  assert.equal(parseQuietHours('25:00-07:00'), null);
  assert.equal(parseQuietHours('tonight'), null);
});
