// The one region condition. Every query that reads contacts, responses, answers, inbox messages
// or figures for a user goes through `limitToScope`, so what a supervisor may see is decided in
// one place: `test/security/mutate-scope.ts` removes each call in turn and the leak test
// (`test/security/scope-leak.test.ts`) must fail, save for the few it lists as unable to leak,
// and `test/security/scope-calls.test.ts` fails when a new query on those tables forgets it.
import type { Scope } from '../core/command.ts';
import type { Sql } from './client.ts';

/**
 * `and <column> = any(<the scope's regions>)`, or nothing for a scope that sees everything.
 * `column` names the region column of the row being limited (`c.region_id`, `f.region_id`). The
 * scope's regions already include their descendants (see `scopeOf`), and figures tables hold one
 * row per region, so summing the rows this keeps rolls up only what the user may see.
 */
export function limitToScope(sql: Sql, scope: Scope, column: string) {
  return scope.all ? sql`` : sql`and ${sql(column)} = any(${scope.regionIds})`;
}

/** The same rule for regions already in memory (a region picked by name, a row of figures). */
export function isInScope(scope: Scope, regionId: number): boolean {
  return scope.all || scope.regionIds.includes(regionId);
}
