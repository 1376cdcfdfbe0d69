import { and, eq, notInArray, sql as raw } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { polls, regions, reporterGroups } from '../schema/index.ts';

export interface GroupRef {
  uuid: string;
  name: string;
}

/**
 * Makes exactly these RapidPro groups the org's regions (or reporter groups): chosen ones are
 * added or re-activated, the others deactivated but kept, so their history and tree survive.
 */
export async function chooseRegions(db: Db, orgId: number, chosen: GroupRef[]): Promise<void> {
  await db.transaction(async (tx) => {
    if (chosen.length > 0) {
      await tx
        .insert(regions)
        .values(chosen.map((g) => ({ orgId, uuid: g.uuid, name: g.name })))
        .onConflictDoUpdate({ target: [regions.orgId, regions.uuid], set: { name: raw`excluded.name`, isActive: true } });
    }
    await tx
      .update(regions)
      .set({ isActive: false })
      .where(and(eq(regions.orgId, orgId), notInArray(regions.uuid, chosen.map((g) => g.uuid))));
  });
}

export async function chooseReporterGroups(db: Db, orgId: number, chosen: GroupRef[]): Promise<void> {
  await db.transaction(async (tx) => {
    if (chosen.length > 0) {
      await tx
        .insert(reporterGroups)
        .values(chosen.map((g) => ({ orgId, uuid: g.uuid, name: g.name })))
        .onConflictDoUpdate({ target: [reporterGroups.orgId, reporterGroups.uuid], set: { name: raw`excluded.name`, isActive: true } });
    }
    await tx
      .update(reporterGroups)
      .set({ isActive: false })
      .where(and(eq(reporterGroups.orgId, orgId), notInArray(reporterGroups.uuid, chosen.map((g) => g.uuid))));
  });
}

/** Flows chosen as polls; a poll's local name is kept when it is chosen again. */
export async function choosePolls(db: Db, orgId: number, chosen: GroupRef[]): Promise<void> {
  await db.transaction(async (tx) => {
    if (chosen.length > 0) {
      await tx
        .insert(polls)
        .values(chosen.map((f) => ({ orgId, uuid: f.uuid, flowName: f.name, name: f.name })))
        .onConflictDoUpdate({ target: [polls.orgId, polls.uuid], set: { flowName: raw`excluded.flow_name`, isActive: true } });
    }
    await tx
      .update(polls)
      .set({ isActive: false })
      .where(and(eq(polls.orgId, orgId), notInArray(polls.uuid, chosen.map((f) => f.uuid))));
  });
}

/** Puts a region under another, or at the top with null (the caller has ruled out cycles). */
export async function setRegionParent(db: Db, orgId: number, regionId: number, parentId: number | null): Promise<void> {
  await db.update(regions).set({ parentId }).where(and(eq(regions.orgId, orgId), eq(regions.id, regionId)));
}
