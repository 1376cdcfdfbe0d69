import { and, asc, eq } from 'drizzle-orm';
import type { Db, Sql } from '../client.ts';
import { polls } from '../schema/index.ts';

export interface PollSummary {
  id: number;
  uuid: string;
  name: string;
  /** Archived in RapidPro: its history stays readable, it cannot be started again. */
  isArchived: boolean;
}

/** The org's active polls, by name. */
export async function listPolls(db: Db, orgId: number): Promise<PollSummary[]> {
  return db
    .select({ id: polls.id, uuid: polls.uuid, name: polls.name, isArchived: polls.isArchived })
    .from(polls)
    .where(and(eq(polls.orgId, orgId), eq(polls.isActive, true)))
    .orderBy(asc(polls.name));
}

/** Every poll of the org, chosen or not, by id and name (a mute may name one no longer chosen). */
export async function listEveryPoll(sql: Sql, orgId: number): Promise<{ id: number; name: string }[]> {
  return sql<{ id: number; name: string }[]>`
    select id, name from polls where org_id = ${orgId}`;
}
