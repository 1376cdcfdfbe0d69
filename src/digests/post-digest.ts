// Posting one digest exactly once per period. The period's row is written before anything is
// posted: a retry, a second process or a restart finds it and posts nothing. A post that fails
// outright (the platform said no) gives the period back, so a retry can try again; a process
// killed mid-post leaves the row, and that period's digest is not repeated.
import type { ChartRenderer } from '../charts/chart-spec.ts';
import type { I18n } from '../core/i18n.ts';
import type { Notifier } from '../core/notifier.ts';
import type { Db, Sql } from '../db/client.ts';
import type { Platform } from '../db/schema/chat.ts';
import { isTextOnly } from '../db/queries/chat-settings.ts';
import { loadRegionTree } from '../db/queries/load-region-tree.ts';
import { localDay } from '../domain/local-day.ts';
import { withDescendants } from '../domain/region-tree.ts';
import { buildDigest } from './build-digest.ts';

export interface DigestDeps {
  db: Db;
  sql: Sql;
  notifier: Notifier;
  i18n: I18n;
  charts: ChartRenderer;
  now(): Date;
}

export type DigestOutcome = 'posted' | 'already-posted' | 'paused' | 'gone';

export async function postDigest(deps: DigestDeps, subscriptionId: number): Promise<DigestOutcome> {
  const [subscription] = await deps.sql<
    {
      id: number;
      orgId: number;
      platform: Platform;
      chatId: string;
      timezone: string;
      language: string;
      regionIds: number[] | null;
      isPaused: boolean;
    }[]
  >`select id, org_id as "orgId", platform, chat_id as "chatId", timezone, language, region_ids as "regionIds", is_paused as "isPaused"
    from digest_subscriptions where id = ${subscriptionId}`;
  if (!subscription) return 'gone';
  if (subscription.isPaused) return 'paused';
  const now = deps.now();
  // A period is the local day the digest is for: a weekly digest fires on one day a week.
  const period = localDay(now, subscription.timezone);
  const claimed = await deps.sql`
    insert into digest_posts (subscription_id, period) values (${subscriptionId}, ${period})
    on conflict do nothing returning 1`;
  if (claimed.length === 0) return 'already-posted';

  const [previous] = await deps.sql<{ figures: Record<string, number> | null }[]>`
    select figures from digest_posts where subscription_id = ${subscriptionId} and state = 'posted'
    order by period desc limit 1`;
  const regions = await loadRegionTree(deps.db, subscription.orgId);
  const { reply, figures } = await buildDigest({
    db: deps.db,
    sql: deps.sql,
    orgId: subscription.orgId,
    timezone: subscription.timezone,
    scope: subscription.regionIds
      ? { all: false, regionIds: withDescendants(regions, subscription.regionIds) }
      : { all: true },
    regions,
    translator: deps.i18n.forLanguage(subscription.language),
    charts: deps.charts,
    now,
    previous: previous?.figures ?? null,
    textOnly: await isTextOnly(deps.db, subscription),
  });
  let messageId: string;
  try {
    messageId = await deps.notifier.post({ platform: subscription.platform, chatId: subscription.chatId }, reply);
  } catch (error) {
    await deps.sql`delete from digest_posts where subscription_id = ${subscriptionId} and period = ${period}`;
    throw error;
  }
  await deps.sql`
    update digest_posts set state = 'posted', message_id = ${messageId}, figures = ${JSON.stringify(figures)}::jsonb
    where subscription_id = ${subscriptionId} and period = ${period}`;
  return 'posted';
}
