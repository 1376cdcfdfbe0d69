import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Command, CommandContext } from '../src/core/command.ts';
import { heading, list, note, paragraph, type Reply } from '../src/core/reply.ts';
import { userKey } from '../src/core/rate-limits.ts';
import { UserError } from '../src/core/user-error.ts';
import { unquote } from '../src/core/tokenize.ts';
import { createDraftMessage } from '../src/db/queries/create-draft-message.ts';
import { outboundMessages } from '../src/db/schema/index.ts';
import { describeChoice, findContact } from '../src/contacts/find-contact.ts';
import { listContactInbox } from '../src/db/queries/list-contact-inbox.ts';
import { markInboxReplied } from '../src/db/queries/mark-inbox-replied.ts';
import { recordAudit } from '../src/db/queries/record-audit.ts';
import { checkOutgoingText } from '../src/core/check-text.ts';

/**
 * `reply <contact> <text>` — a text to one contact in your regions (by `#id`, phone or a quoted
 * name), sent through the outbox like every message to contacts.
 */
export const reply: Command = {
  name: 'reply',
  role: 'supervisor',
  // Sends a text to one named contact: private, and never re-run by a share.
  holds: 'personal',
  section: 'messaging',
  samples: ['reply "Nobody Here" hello', 'reply #1', 'reply #1 hello'],
  async run(ctx) {
    // The contact is the first word (or quoted words); the rest is the text exactly as typed.
    const parsed = /^\s*\S+\s+("[^"]*"|\S+)\s+([\s\S]+)$/.exec(ctx.invocation.text);
    // A contact and no text (the inbox's "Reply" button): the contact, what they wrote, and the
    // line to type — a chat button cannot carry the words of the answer.
    const alone = parsed ? null : /^\s*\S+\s+("[^"]*"|\S+)\s*$/.exec(ctx.invocation.text);
    if (alone) return prompt(ctx, alone[1]!.replace(/^"|"$/g, '').trim());
    if (!parsed) throw new UserError('errors.replyUsage', {}, true);
    const query = parsed[1]!.replace(/^"|"$/g, '').trim();
    const text = unquote(parsed[2]!.trim());
    checkOutgoingText(text);
    const contact = await findContact(ctx, query, { active: true });
    await ctx.services.limits.send(userKey(ctx.invocation));
    const id = await createDraftMessage(ctx.services.db, {
      orgId: ctx.org.id,
      pollId: null,
      pollRunId: null,
      cohort: 'contact',
      text,
      contactUuids: [contact.uuid],
      identityId: ctx.user.identityId,
      idempotencyKey: `reply:${randomBytes(9).toString('base64url')}`,
    });
    // One person, typed on purpose: no confirmation step, straight to the outbox.
    await ctx.services.db.update(outboundMessages).set({ state: 'pending' }).where(eq(outboundMessages.id, id));
    await markInboxReplied(ctx.services.sql, contact.id);
    await recordAudit(ctx.services.db, {
      orgId: ctx.org.id,
      identityId: ctx.user.identityId,
      action: 'contact.reply',
      target: `contact:${contact.uuid}`,
      details: { messageId: id },
    });
    await ctx.services.jobs.sendOutbox(id);
    return {
      direction: ctx.direction,
      blocks: [paragraph(ctx.t('commands:reply.sent', { name: contact.name ?? query }))],
    };
  },
};

async function prompt(ctx: CommandContext, query: string): Promise<Reply> {
  const contact = await findContact(ctx, query, { active: true });
  const wrote = await listContactInbox(ctx.services.sql, contact.id, ctx.org.timezone, ctx.scope);
  return {
    direction: ctx.direction,
    blocks: [
      heading(ctx.t('commands:reply.to', { name: describeChoice(contact) })),
      ...(wrote.length > 0 ? [list(wrote.map((m) => ctx.t('commands:reply.wrote', { at: m.at, text: m.text })))] : []),
      note(ctx.t('commands:reply.typeIt', { id: contact.id })),
    ],
  };
}
