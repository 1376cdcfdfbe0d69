import { and, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { syncCheckpoints } from '../schema/index.ts';

export type Checkpoint = typeof syncCheckpoints.$inferSelect;

export async function readCheckpoint(db: Db, orgId: number, entity: string): Promise<Checkpoint | null> {
  const [row] = await db
    .select()
    .from(syncCheckpoints)
    .where(and(eq(syncCheckpoints.orgId, orgId), eq(syncCheckpoints.entity, entity)));
  return row ?? null;
}

/** Creates or updates a checkpoint row with the given fields. */
export async function saveCheckpoint(
  db: Db,
  orgId: number,
  entity: string,
  patch: Partial<Omit<Checkpoint, 'orgId' | 'entity'>>,
): Promise<void> {
  await db
    .insert(syncCheckpoints)
    .values({ orgId, entity, ...patch })
    .onConflictDoUpdate({ target: [syncCheckpoints.orgId, syncCheckpoints.entity], set: patch });
}

export async function recordSyncError(db: Db, orgId: number, entity: string, message: string): Promise<void> {
  await saveCheckpoint(db, orgId, entity, { lastError: message.slice(0, 2000), lastErrorAt: new Date() });
}
