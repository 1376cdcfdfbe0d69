// Contacts: incremental by modified_on, then the contacts deleted in the same window.
import { sql as raw } from 'drizzle-orm';
import type { SyncDeps } from './sync-deps.ts';
import { syncWindow, type Counts } from './sync-window.ts';
import { assignContactGroups } from '../../db/queries/assign-contact-groups.ts';
import { fromExcluded } from '../../db/excluded.ts';
import { contacts } from '../../db/schema/index.ts';
import type { DeletedContact, RapidProContact } from '../schemas.ts';

export async function syncContacts(deps: SyncDeps, orgId: number): Promise<Counts> {
  const { db, sql } = deps;
  const rapidpro = await deps.rapidproFor(orgId);
  const changed = await syncWindow<RapidProContact>({
    ...deps,
    orgId,
    entity: 'contacts',
    fetch: ({ after, before }, resumeFrom) => rapidpro.contacts({ after: after ?? undefined, before }, resumeFrom),
    async write(page) {
      const rows = latestByUuid(page).map((c) => toContactRow(orgId, c));
      await db
        .insert(contacts)
        .values(rows)
        .onConflictDoUpdate({
          target: [contacts.orgId, contacts.uuid],
          set: {
            ...fromExcluded(contacts, [
              'name',
              'language',
              'urns',
              'fields',
              'groupUuids',
              'status',
              'createdOn',
              'modifiedOn',
            ]),
            isDeleted: false,
          },
          // An older copy (a page fetched before a later edit) never overwrites a newer one.
          setWhere: raw`${contacts.modifiedOn} is null or ${contacts.modifiedOn} <= excluded.modified_on`,
        });
      await assignContactGroups(
        sql,
        orgId,
        rows.map((r) => r.uuid),
      );
      return { contacts: rows.length };
    },
  });
  const deleted = await syncWindow<DeletedContact>({
    ...deps,
    orgId,
    entity: 'contacts:deleted',
    fetch: ({ after, before }, resumeFrom) =>
      rapidpro.deletedContacts({ after: after ?? undefined, before }, resumeFrom),
    async write(page) {
      const uuids = page.map((c) => c.uuid);
      const gone = await sql`
        update contacts set is_deleted = true
        where org_id = ${orgId} and uuid = any(${uuids}) and not is_deleted`;
      return { deleted: gone.count };
    },
  });
  return { ...changed, ...deleted };
}

export function toContactRow(orgId: number, c: RapidProContact) {
  return {
    orgId,
    uuid: c.uuid,
    name: c.name ?? null,
    language: c.language ?? null,
    urns: c.urns,
    fields: c.fields,
    groupUuids: c.groups.map((g) => g.uuid),
    status: c.status,
    createdOn: c.created_on,
    modifiedOn: c.modified_on,
  };
}

/** One row per uuid (a page may repeat an object edited while we paged): the newest wins. */
export function latestByUuid<T extends { uuid: string; modified_on: Date }>(items: T[]): T[] {
  const newest = new Map<string, T>();
  for (const item of items) {
    const seen = newest.get(item.uuid);
    if (!seen || seen.modified_on <= item.modified_on) newest.set(item.uuid, item);
  }
  return [...newest.values()];
}
