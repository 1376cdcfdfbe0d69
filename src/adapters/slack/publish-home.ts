// App Home: a supervisor's dashboard — their polls with the latest participation, and buttons to
// dig in. It is the `polls` reply, so it shows exactly what the command would.
import type { WebClient } from '@slack/web-api';
import type { Dispatch } from '../../core/dispatch.ts';
import { slackLimits } from './limits.ts';
import { renderBlocks } from './render-blocks.ts';
import { slackUserId } from './to-invocation.ts';

export async function publishHome(options: { client: WebClient; dispatch: Dispatch; userId: string; teamId: string; locale?: string }) {
  const reply = await options.dispatch({
    platform: 'slack',
    userId: slackUserId(options.teamId, options.userId),
    chatId: options.userId,
    text: 'polls',
    locale: options.locale,
  });
  const blocks = renderBlocks(reply).messages.flatMap((m) => m.blocks).slice(0, slackLimits.blocksPerView);
  await options.client.views.publish({ user_id: options.userId, view: { type: 'home', blocks: blocks as never } });
}
