// Sends one contact edit to RapidPro. Accepted: done (a new contact takes RapidPro's uuid).
// Rejected (4xx): failed for good, and the editor is told why. Anything else is thrown, so the
// job scheduler tries again later.
import { paragraph } from '../core/reply.ts';
import type { Notifier } from '../core/notifier.ts';
import type { I18n } from '../core/i18n.ts';
import type { Platform } from '../db/schema/chat.ts';
import { collect } from '../rapidpro/collect.ts';
import { RapidProHttpError } from '../rapidpro/errors.ts';
import { sayRefusal } from '../rapidpro/describe-failure.ts';
import type { SyncDeps } from '../rapidpro/sync/sync-deps.ts';
import { toContactRow } from '../rapidpro/sync/sync-contacts.ts';
import { assignContactGroups } from '../db/queries/assign-contact-groups.ts';
import { fromExcluded } from '../db/excluded.ts';
import { contacts } from '../db/schema/index.ts';

export async function pushContactEdit(
  deps: SyncDeps & { notifier: Notifier; i18n: I18n },
  editId: number,
): Promise<void> {
  const { sql } = deps;
  const [edit] = await sql<
    {
      orgId: number;
      contactId: number | null;
      action: string;
      changes: Record<string, unknown>;
      state: string;
      replyTo: string | null;
      language: string;
      uuid: string | null;
      name: string | null;
    }[]
  >`
    update contact_edits e set attempts = attempts + 1 from contacts c
    where e.id = ${editId} and c.id = e.contact_id and e.state = 'pending'
    returning e.org_id as "orgId", e.contact_id as "contactId", e.action, e.changes, e.state, e.reply_to as "replyTo", e.language, c.uuid, c.name`;
  if (!edit) return;
  const rapidpro = await deps.rapidproFor(edit.orgId);
  try {
    if (Array.isArray(edit.changes.groups)) {
      // Smart groups follow their query; RapidPro refuses them in a membership list.
      const smart = new Set((await collect(rapidpro.groups())).filter((g) => g.query).map((g) => g.uuid));
      edit.changes.groups = (edit.changes.groups as string[]).filter((uuid) => !smart.has(uuid));
    }
    if (edit.action === 'add') {
      const created = await rapidpro.createContact(edit.changes as never);
      await sql`update contacts set uuid = ${created.uuid}, modified_on = ${created.modified_on.toISOString()} where id = ${edit.contactId}`;
    } else if (edit.action === 'edit') {
      await rapidpro.updateContact(edit.uuid!, edit.changes as never);
    } else {
      await rapidpro.deleteContact(edit.uuid!);
    }
    await sql`update contact_edits set state = 'sent', done_at = now(), last_error = null where id = ${editId}`;
  } catch (error) {
    if (!(error instanceof RapidProHttpError && error.isRejection)) {
      await sql`update contact_edits set last_error = ${String(error).slice(0, 2000)} where id = ${editId}`;
      throw error;
    }
    const reason = JSON.stringify(error.body ?? error.status).slice(0, 500);
    await sql`update contact_edits set state = 'failed', done_at = now(), last_error = ${reason} where id = ${editId}`;
    // The mirror showed the change at once; RapidPro refused it, so the mirror goes back.
    if (edit.action === 'add') await sql`delete from contacts where id = ${edit.contactId}`;
    else await restoreContact(deps, edit.orgId, edit.uuid!);
    if (edit.replyTo) {
      const [platform, ...chat] = edit.replyTo.split(':');
      const { t, direction } = deps.i18n.forLanguage(edit.language);
      await deps.notifier.post(
        { platform: platform as Platform, chatId: chat.join(':') },
        {
          direction,
          isError: true,
          blocks: [paragraph(t('commands:contact.rejected', { name: edit.name ?? '?', reason: sayRefusal(t, error) }))],
        },
      );
    }
  }
}

async function restoreContact(deps: SyncDeps, orgId: number, uuid: string): Promise<void> {
  const rapidpro = await deps.rapidproFor(orgId);
  for await (const page of rapidpro.contacts({ uuid })) {
    for (const contact of page.results) {
      await deps.db
        .insert(contacts)
        .values(toContactRow(orgId, contact))
        .onConflictDoUpdate({
          target: [contacts.orgId, contacts.uuid],
          set: {
            ...fromExcluded(contacts, ['name', 'language', 'urns', 'fields', 'groupUuids', 'status', 'modifiedOn']),
            isDeleted: false,
          },
        });
    }
  }
  await assignContactGroups(deps.sql, orgId, [uuid]);
}
