// Background messages (fetch-runs progress, digests) through a Web API client of their own, one
// request at a time, so a 429 on a burst of them waits its Retry-After without holding up the
// replies people are waiting for.
import type { WebClient } from '@slack/web-api';
import type { Notifier } from '../../core/notifier.ts';
import { openDirect } from './deliver-reply.ts';
import { renderBlocks } from './render-blocks.ts';
import { parseSlackUserId } from './to-invocation.ts';
import { uploadFiles } from './upload-files.ts';

export function createSlackNotifier(client: WebClient): Notifier {
  return {
    async post(chat, reply) {
      const { messages, uploads } = renderBlocks(reply);
      // A private reply for someone who asked in a channel goes to their direct conversation.
      const channel =
        reply.private && chat.userId && /^[CG]/.test(chat.chatId)
          ? await openDirect(client, parseSlackUserId(chat.userId).userId)
          : chat.chatId;
      let first: string | undefined;
      for (const message of messages) {
        const posted = await client.chat.postMessage({
          channel,
          text: message.text,
          blocks: message.blocks,
        });
        first ??= posted.ts;
      }
      await uploadFiles(client, channel, uploads);
      return first ?? '';
    },
    async edit(chat, messageId, reply) {
      // Progress lines and digests fit one message; anything longer keeps its first page here.
      const [message] = renderBlocks(reply).messages;
      if (message)
        await client.chat.update({ channel: chat.chatId, ts: messageId, text: message.text, blocks: message.blocks });
    },
  };
}
