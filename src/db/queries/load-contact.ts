// What `contact` shows of one contact: who they are and how they took part in each poll.
import type { Sql } from '../client.ts';
import type { Scope } from '../../core/command.ts';
import type { ContactStatus } from '../schema/contacts.ts';
import { limitToScope } from '../limit-to-scope.ts';
import { reporterGroupNames } from './reporter-group-names.ts';

export interface ContactCard {
  name: string | null;
  urns: string[];
  language: string | null;
  status: ContactStatus;
  region: string;
  group: string | null;
  fields: Record<string, unknown>;
}

/** A contact in the scope: name, phones, language, status, region and reporter groups; null outside it. */
export async function loadContact(sql: Sql, contactId: number, scope: Scope): Promise<ContactCard | null> {
  const [contact] = await sql<ContactCard[]>`
    select c.name, c.urns, c.language, c.status, g.name as region,
           ${reporterGroupNames(sql)} as group, c.fields
    from contacts c join regions g on g.id = c.region_id
    where c.id = ${contactId} ${limitToScope(sql, scope, 'c.region_id')}`;
  return contact ?? null;
}

export interface ContactPoll {
  poll: string;
  asked: number;
  complete: number;
  /** The last day they were asked, `YYYY-MM-DD`. */
  last: string;
}

/** Per poll, how often a contact (found in the scope by loadContact) was asked and completed it. */
export async function listContactPolls(sql: Sql, contactId: number): Promise<ContactPoll[]> {
  return sql<ContactPoll[]>`
    select p.name as poll, count(*)::int as asked, count(*) filter (where r.status = 'complete')::int as complete, max(pr.day)::text as last
    from responses r join poll_runs pr on pr.id = r.poll_run_id join polls p on p.id = pr.poll_id
    where r.contact_id = ${contactId} group by p.name order by p.name`;
}
