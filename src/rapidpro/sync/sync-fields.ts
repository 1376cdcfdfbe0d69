import type { SyncDeps } from './sync-deps.ts';
import { syncSnapshot } from './sync-snapshot.ts';
import type { Counts } from './sync-window.ts';
import { collect } from '../collect.ts';
import { fromExcluded } from '../../db/excluded.ts';
import { contactFields } from '../../db/schema/index.ts';

/** Contact fields (gender, facility…): few, read whole each time. */
export async function syncFields(deps: SyncDeps, orgId: number): Promise<Counts> {
  return syncSnapshot({ ...deps, orgId, entity: 'fields' }, () => mirrorFields(deps, orgId));
}

async function mirrorFields(deps: SyncDeps, orgId: number): Promise<Counts> {
  const rapidpro = await deps.rapidproFor(orgId);
  const fields = await collect(rapidpro.fields());
  if (fields.length > 0) {
    await deps.db
      .insert(contactFields)
      .values(fields.map((f) => ({ orgId, key: f.key, label: f.label, valueType: f.valueType })))
      .onConflictDoUpdate({
        target: [contactFields.orgId, contactFields.key],
        set: fromExcluded(contactFields, ['label', 'valueType']),
      });
  }
  await deps.sql`delete from contact_fields where org_id = ${orgId} and not (key = any(${fields.map((f) => f.key)}))`;
  return { fields: fields.length };
}
