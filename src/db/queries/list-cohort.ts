import type { Sql } from '../client.ts';
import type { Scope } from '../../core/command.ts';
import type { ResponseStatus } from '../schema/polls.ts';
import { countedContact } from './counted-contact.ts';
import { limitToScope } from '../limit-to-scope.ts';

export const cohortNames = ['respondents', 'nonrespondents', 'all'] as const;
export type CohortName = (typeof cohortNames)[number];

export interface CohortContact<C extends CohortName = CohortName> {
  id: number;
  uuid: string;
  name: string | null;
  urn: string | null;
  region: string;
  status: C extends 'respondents'
    ? 'complete'
    : C extends 'nonrespondents'
      ? Exclude<ResponseStatus, 'complete'>
      : ResponseStatus;
}

/**
 * A poll run's contacts in scope: respondents completed it, non-respondents did not (no answer
 * or part of it), all is both. Active contacts only, by name.
 */
export async function listCohort<C extends CohortName>(
  sql: Sql,
  pollRunId: number,
  scope: Scope,
  cohort: C,
  page?: { offset: number; limit: number },
) {
  return sql<CohortContact<C>[]>`
    select c.id, c.uuid, c.name, c.urns[1] as urn, g.name as region, r.status
    from responses r join contacts c on c.id = r.contact_id join regions g on g.id = c.region_id
    where r.poll_run_id = ${pollRunId} and ${countedContact(sql)}
      ${limitToScope(sql, scope, 'c.region_id')}
      ${cohort === 'respondents' ? sql`and r.status = 'complete'` : cohort === 'nonrespondents' ? sql`and r.status <> 'complete'` : sql``}
    order by c.name nulls last, c.id
    ${page ? sql`offset ${page.offset} limit ${page.limit}` : sql``}`;
}
