// App Home: a supervisor's dashboard — their polls with the latest participation, and buttons to
// dig in. It is the `polls` reply, so it shows exactly what the command would. It is drawn when
// the user opens it, and again for everyone in the org whenever a sync brings new figures.
import type { WebClient } from '@slack/web-api';
import type { Dispatch } from '../../core/dispatch.ts';
import type { Sql } from '../../db/client.ts';
import { listChatUsers } from '../../db/queries/list-chat-users.ts';
import { slackLimits } from './limits.ts';
import { renderBlocks } from './render-blocks.ts';
import { parseSlackUserId, slackUserId } from './to-invocation.ts';

export async function publishHome(options: {
  client: WebClient;
  dispatch: Dispatch;
  userId: string;
  teamId: string;
  locale?: string;
}) {
  const reply = await options.dispatch({
    platform: 'slack',
    userId: slackUserId(options.teamId, options.userId),
    chatId: options.userId,
    text: 'polls',
    locale: options.locale,
  });
  const blocks = renderBlocks(reply)
    .messages.flatMap((m) => m.blocks)
    .slice(0, slackLimits.blocksPerView);
  await options.client.views.publish({ user_id: options.userId, view: { type: 'home', blocks } });
}

/** Publishes App Home afresh for every Slack user of the org (through the background client). */
export async function refreshHomes(options: {
  client: WebClient;
  dispatch: Dispatch;
  sql: Sql;
  orgId: number;
  localeOf(userId: string): string | undefined;
}) {
  for (const { externalId } of await listChatUsers(options.sql, 'slack', { orgId: options.orgId })) {
    const { teamId, userId } = parseSlackUserId(externalId);
    await publishHome({ ...options, teamId, userId, locale: options.localeOf(userId) });
  }
}
