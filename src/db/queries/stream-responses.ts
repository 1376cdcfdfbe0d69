import type { Sql } from '../client.ts';
import type { Scope } from '../../core/command.ts';
import type { ResponseStatus } from '../schema/polls.ts';
import { limitToScope } from '../limit-to-scope.ts';
import { countedContact } from './counted-contact.ts';
import { filterContacts, type ContactFilter } from './filter-contacts.ts';
import { reporterGroupNames } from './reporter-group-names.ts';

export interface ResponseRow {
  /** The poll run's date, `YYYY-MM-DD`. */
  day: string;
  /** When the response last changed, `YYYY-MM-DD HH24:MI` in the org's time zone. */
  updated: string;
  name: string | null;
  urn: string | null;
  region: string;
  group: string | null;
  status: ResponseStatus;
  /** Each answer's value by question id. */
  answers: Record<string, string | null> | null;
}

/**
 * The responses `export` writes: of one poll run, or of every run of a poll, of counted contacts
 * in the scope that the filter keeps, by date, region and name. Read in batches (a cursor), so a
 * large export is never held whole.
 */
export function streamResponses(
  sql: Sql,
  of: { pollId: number } | { pollRunId: number },
  timezone: string,
  scope: Scope,
  filter: ContactFilter,
  batch: number,
) {
  return sql<ResponseRow[]>`
        select pr.day::text as day, to_char(r.updated_on at time zone ${timezone}, 'YYYY-MM-DD HH24:MI') as updated, c.name, c.urns[1] as urn,
               g.name as region,
               ${reporterGroupNames(sql)} as group, r.status,
               (select json_object_agg(a.question_id, a.value) from answers a where a.response_id = r.id) as answers
        from responses r join poll_runs pr on pr.id = r.poll_run_id
          join contacts c on c.id = r.contact_id join regions g on g.id = c.region_id
        where ${'pollId' in of ? sql`pr.poll_id = ${of.pollId}` : sql`r.poll_run_id = ${of.pollRunId}`}
          and ${countedContact(sql)}
          ${limitToScope(sql, scope, 'c.region_id')}
          ${filterContacts(sql, filter)}
        order by pr.day, g.name, c.name`.cursor(batch);
}
