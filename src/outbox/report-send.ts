// Tells whoever confirmed a send how it ended, in the chat they confirmed it from: started (or
// sent) once RapidPro took every batch; otherwise how many it took and why the rest were not.
import { eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { I18n } from '../core/i18n.ts';
import type { Notifier } from '../core/notifier.ts';
import { paragraph } from '../core/reply.ts';
import type { Db } from '../db/client.ts';
import type { Platform } from '../db/schema/chat.ts';
import { type outboundMessages, polls } from '../db/schema/index.ts';
import { describeSendFailure } from './describe-send-failure.ts';
import { previewText } from '../domain/message-text.ts';

interface ReportDeps {
  db: Db;
  log: Logger;
  notifier: Notifier;
  i18n: I18n;
}

export async function reportSend(
  deps: ReportDeps,
  message: typeof outboundMessages.$inferSelect,
  outcome: { accepted: number; refused: number; reason: string | null },
): Promise<void> {
  if (!message.replyTo) return;
  const [platform, ...chat] = message.replyTo.split(':');
  const { t, direction } = deps.i18n.forLanguage(message.language);
  const [poll] = message.pollId
    ? await deps.db.select({ name: polls.name }).from(polls).where(eq(polls.id, message.pollId))
    : [];
  const text = previewText(message.text ?? '', 80);
  const line =
    outcome.refused === 0
      ? message.kind === 'poll_start'
        ? t('commands:outbox.startDone', { poll: poll?.name ?? '—', count: outcome.accepted })
        : t('commands:outbox.messageDone', { text, count: outcome.accepted })
      : t('commands:outbox.failed', {
          what: t(`commands:outbox.what_${message.kind}`, { poll: poll?.name ?? '—', text }),
          accepted: outcome.accepted,
          total: outcome.accepted + outcome.refused,
          reason: describeSendFailure(outcome.reason, t),
        });
  await deps.notifier.post(
    { platform: platform as Platform, chatId: chat.join(':') },
    { direction, isError: outcome.refused > 0, blocks: [paragraph(line)] },
  );
}
