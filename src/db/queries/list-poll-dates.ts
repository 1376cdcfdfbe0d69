import type { Sql } from '../client.ts';
import type { Scope } from '../../core/command.ts';
import type { PollRunKind } from '../schema/polls.ts';
import { limitToScope } from '../limit-to-scope.ts';
import { countedContact } from './counted-contact.ts';

export interface PollDate {
  /** `YYYY-MM-DD`. */
  day: string;
  kind: PollRunKind;
  /** The region a regional run was conducted in; null for a universal one. */
  region: string | null;
  /** Counted contacts in the scope it asked. */
  asked: number;
}

/** The dates a poll was conducted in the scope (runs that asked someone there), newest first. */
export async function listPollDates(sql: Sql, pollId: number, scope: Scope, limit: number): Promise<PollDate[]> {
  return sql<PollDate[]>`
      select pr.day::text as day, pr.kind, g.name as region, count(r.id)::int as asked
      from poll_runs pr left join regions g on g.id = pr.region_id
      join responses r on r.poll_run_id = pr.id join contacts c on c.id = r.contact_id
      where pr.poll_id = ${pollId} and ${countedContact(sql)}
        ${limitToScope(sql, scope, 'c.region_id')}
      group by pr.id, g.name order by pr.day desc, pr.created_at desc limit ${limit}`;
}
