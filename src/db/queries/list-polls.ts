import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
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
