// How much slower than on an idle machine this test run goes, for the few tests that need real
// time (a time limit the code promises, a platform's deadline a fake enforces, a guard against a
// hang). Measured once per run, when test/run.ts imports this, and handed to every file as
// TEST_SLOWNESS; a file run on its own measures it when first imported.
//
// The measure is a short busy loop's wall time over the CPU time it got: 1 when a core is free,
// 2.5 when five runnable processes share two cores. It needs no reference figure, so it means
// the same on a laptop, a CI runner or this machine with a CPU hog on every core.

/** Wall time over CPU time of a busy loop of `sampleMs`; at least 1. */
function measureSlowness(sampleMs = 500): number {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  while (performance.now() - started < sampleMs) {
    // Spinning is the measurement.
  }
  const { user, system } = process.cpuUsage(cpuBefore);
  return Math.max(1, (performance.now() - started) / ((user + system) / 1000));
}

export const slowness = Number(process.env.TEST_SLOWNESS) || measureSlowness();

/**
 * A time limit of `ms` on an idle machine, stretched by this run's slowness. Give `ms` with room
 * (twice what an idle run needs or more): the run's own files share the cores as well.
 */
export const scaled = (ms: number) => Math.round(ms * slowness);
