// A contact change made in chat: the mirror shows it at once, and an outbox row carries it to
// RapidPro (jobs/push-contact-edit.ts). Both happen in one transaction, so neither is lost.
import { randomUUID } from 'node:crypto';
import { eq, sql as raw } from 'drizzle-orm';
import type { CommandContext } from '../core/command.ts';
import { assignContactGroups } from '../db/queries/assign-contact-groups.ts';
import { auditLog, contactEdits, contacts } from '../db/schema/index.ts';
import type { ContactEditAction } from '../db/schema/messages.ts';

export interface ContactChange {
  action: ContactEditAction;
  contactId?: number;
  /** For add: the new contact's name and phone. */
  name?: string;
  urns?: string[];
  language?: string;
  /** The contact's RapidPro groups after the change (regions and reporter groups included). */
  groupUuids?: string[];
  fields?: Record<string, string>;
}

export async function requestContactEdit(ctx: CommandContext, change: ContactChange): Promise<number> {
  const { db } = ctx.services;
  // What RapidPro's contacts.json is sent; the same names the mirror uses.
  const body: Record<string, unknown> = {};
  if (change.name !== undefined) body.name = change.name;
  if (change.urns !== undefined) body.urns = change.urns;
  if (change.language !== undefined) body.language = change.language;
  if (change.groupUuids !== undefined) body.groups = change.groupUuids;
  if (change.fields !== undefined) body.fields = change.fields;

  const editId = await db.transaction(async (tx) => {
    let contactId = change.contactId ?? null;
    if (change.action === 'add') {
      // Until RapidPro gives it a uuid, the new contact has a local one.
      const [row] = await tx
        .insert(contacts)
        .values({
          orgId: ctx.org.id,
          uuid: `local:${randomUUID()}`,
          name: change.name,
          language: change.language,
          urns: change.urns,
          groupUuids: change.groupUuids,
          fields: change.fields,
        })
        .returning({ id: contacts.id });
      contactId = row!.id;
    } else if (change.action === 'edit') {
      await tx
        .update(contacts)
        .set({
          ...(change.name !== undefined ? { name: change.name } : {}),
          ...(change.language !== undefined ? { language: change.language } : {}),
          ...(change.groupUuids !== undefined ? { groupUuids: change.groupUuids } : {}),
          ...(change.fields !== undefined
            ? { fields: raw`${contacts.fields} || ${JSON.stringify(change.fields)}::jsonb` }
            : {}),
        })
        .where(eq(contacts.id, contactId!));
    } else {
      await tx.update(contacts).set({ isDeleted: true }).where(eq(contacts.id, contactId!));
    }
    const [edit] = await tx
      .insert(contactEdits)
      .values({
        orgId: ctx.org.id,
        contactId,
        action: change.action,
        changes: body,
        requestedBy: ctx.user.identityId,
        replyTo: `${ctx.invocation.platform}:${ctx.invocation.chatId}`,
        language: ctx.lng,
      })
      .returning({ id: contactEdits.id });
    await tx.insert(auditLog).values({
      orgId: ctx.org.id,
      identityId: ctx.user.identityId,
      action: `contact.${change.action}`,
      target: `contact:${contactId}`,
      details: body,
    });
    return edit!.id;
  });
  await assignContactGroups(ctx.services.sql, ctx.org.id);
  await ctx.services.jobs.pushContactEdit(editId);
  return editId;
}
