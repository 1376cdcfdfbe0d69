// Inbox: messages contacts sent outside any flow (TracPro's "unsolicited"), for a rolling window
// (TracPro kept 7 days). Older rows are dropped so the inbox stays a window, not an archive.
import type { SyncDeps } from './sync-deps.ts';
import { syncWindow, type Counts } from './sync-window.ts';
import { fromExcluded } from '../../db/excluded.ts';
import { inboxMessages } from '../../db/schema/index.ts';
import type { RapidProMessage } from '../schemas.ts';

export const INBOX_DAYS = 7;

export async function syncInbox(deps: SyncDeps, orgId: number): Promise<Counts> {
  const rapidpro = await deps.rapidproFor(orgId);
  const windowStart = new Date(deps.now().getTime() - INBOX_DAYS * 86_400_000);
  const counts = await syncWindow<RapidProMessage>({
    ...deps,
    orgId,
    entity: 'inbox',
    fetch: ({ after, before }, resumeFrom) =>
      rapidpro.messages(
        { folder: 'inbox', after: after && after > windowStart ? after : windowStart, before },
        resumeFrom,
      ),
    async write(page) {
      const messages = page.filter((m) => m.direction === 'in' && !m.flow && m.contact);
      if (messages.length === 0) return { messages: 0 };
      const contactIds = await deps.sql<{ id: number; uuid: string }[]>`
        select id, uuid from contacts where org_id = ${orgId} and uuid = any(${messages.map((m) => m.contact!.uuid)})`;
      const idOf = new Map(contactIds.map((c) => [c.uuid, c.id]));
      await deps.db
        .insert(inboxMessages)
        .values(
          messages.map((m) => ({
            orgId,
            rapidproId: m.id,
            contactId: idOf.get(m.contact!.uuid) ?? null,
            text: m.text,
            attachments: m.attachments.map((a) => a.url),
            createdOn: m.created_on,
          })),
        )
        .onConflictDoUpdate({
          target: [inboxMessages.orgId, inboxMessages.rapidproId],
          set: fromExcluded(inboxMessages, ['text']),
        });
      return { messages: messages.length };
    },
  });
  const expired =
    await deps.sql`delete from inbox_messages where org_id = ${orgId} and created_on < ${windowStart.toISOString()}`;
  return { ...counts, expired: expired.count };
}
