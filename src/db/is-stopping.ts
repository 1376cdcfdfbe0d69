/**
 * The error a query gets when this process closes its database connections to stop
 * (postgres.js: CONNECTION_ENDED after `end()`, CONNECTION_DESTROYED when `end()`'s time is up),
 * also when wrapped (drizzle's DrizzleQueryError keeps it as `cause`). Work cut short so is not a
 * failure to record: the next process takes it up.
 */
export function isStopping(error: unknown): boolean {
  for (
    let e = error, depth = 0;
    e && typeof e === 'object' && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const code = (e as { code?: unknown }).code;
    if (code === 'CONNECTION_ENDED' || code === 'CONNECTION_DESTROYED') return true;
  }
  return false;
}
