// Where a reply goes on Slack, decided in one place. A private reply (it names contacts, or it is
// the asker's alone, or an error) is shown only to the person who asked: ephemeral through the
// response URL, ephemeral in the channel, or in their direct conversation with the bot. Figures
// go to the conversation they were asked in. Files follow the same rule, and Slack only shares a
// file into a conversation the bot is in: when it cannot, the file goes to the asker's direct
// conversation and they are told why and how to add the bot; a file is never lost in silence.
import { randomUUID } from 'node:crypto';
import type { RespondArguments } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Translator } from '../../core/i18n.ts';
import type { Reply } from '../../core/reply.ts';
import { slackLimits } from './limits.ts';
import { plain, renderBlocks, type SlackBlock, type SlackMessage } from './render-blocks.ts';
import { slackErrorOf, uploadFiles } from './upload-files.ts';

/** Posts to a response URL; false when it cannot (used 5 times, or refused). */
export type Responder = (message: RespondArguments) => Promise<boolean>;

/** Slack takes at most 5 messages on one response URL; beyond that we post another way. */
const RESPONSE_URL_USES = 5;

export function limitResponder(respond: (message: RespondArguments) => Promise<unknown>, log: Logger): Responder {
  let uses = 0;
  return async (message) => {
    if (uses >= RESPONSE_URL_USES) return false;
    uses++;
    try {
      await respond(message);
      return true;
    } catch (error) {
      log.warn({ err: error }, 'Slack response URL refused a message');
      return false;
    }
  };
}

/** Who asked, and where: the answer goes back there (or to them alone). */
export interface Asker {
  /** Slack user id (U…). */
  user: string;
  /** The conversation they asked in (C…, G…, D…); none on App Home. */
  channel?: string;
  thread?: string;
  respond?: Responder;
  /** The command line, for a "share in channel" button. */
  line: string;
  translator: Translator;
}

export interface DeliverDeps {
  client: WebClient;
  log: Logger;
}

/** Slack conversation ids: public and private channels (C, G) and direct conversations (D). */
const isConversation = (id: string | undefined): id is string => !!id && /^[CDG][A-Z0-9]+$/.test(id);
const isChannel = (id: string | undefined) => !!id && /^[CG][A-Z0-9]+$/.test(id);

/** The bot's direct conversation with a user (files cannot be shared to a user id). */
export async function openDirect(client: WebClient, user: string): Promise<string> {
  const opened = await client.conversations.open({ users: user });
  const id = opened.channel?.id;
  if (!id) throw new Error('conversations.open gave no channel');
  return id;
}

export async function deliverReply(
  deps: DeliverDeps,
  reply: Reply,
  asker: Asker,
  options: { shared?: boolean; replace?: boolean } = {},
): Promise<void> {
  const { client, log } = deps;
  const { t } = asker.translator;
  const hidden = !options.shared && (reply.private === true || reply.isError === true);
  const { messages, uploads } = renderBlocks(reply);
  // Contacts shown in a channel to one person: they may choose to show them to the channel.
  if (hidden && !reply.isError && reply.holds === 'contacts' && isChannel(asker.channel) && asker.respond) {
    addBlock(messages, {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: 'share',
          text: plain(t('slack:share'), slackLimits.buttonText),
          value: asker.line.slice(0, slackLimits.buttonValue),
        },
      ],
    });
  }
  if (options.shared) {
    addBlock(messages, {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: t('slack:sharedBy', { user: `<@${asker.user}>`, interpolation: { escapeValue: false } }),
        },
      ],
    });
  }

  let direct: Promise<string> | undefined;
  const dm = () => (direct ??= openDirect(client, asker.user));

  /** One message to its place: the response URL, the channel, or else the direct conversation. */
  async function send(message: SlackMessage, privately: boolean, replace = false): Promise<void> {
    const blocks = message.blocks;
    if (
      asker.respond &&
      (await asker.respond({
        response_type: privately ? 'ephemeral' : 'in_channel',
        replace_original: replace,
        text: message.text,
        blocks,
      }))
    )
      return;
    if (isConversation(asker.channel)) {
      try {
        // A direct conversation the bot is in is private already: a lasting message reads better.
        if (privately && isChannel(asker.channel))
          await client.chat.postEphemeral({ channel: asker.channel, user: asker.user, text: message.text, blocks });
        else
          await client.chat.postMessage({
            channel: asker.channel,
            text: message.text,
            blocks,
            thread_ts: asker.thread,
          });
        return;
      } catch (error) {
        log.warn(
          { err: error, channel: asker.channel },
          'Slack refused a message there; sending it as a direct message',
        );
      }
    }
    await client.chat.postMessage({ channel: await dm(), text: message.text, blocks });
  }
  const tell = (text: string) =>
    send({ text, blocks: [{ type: 'section', text: plain(text, slackLimits.sectionText) }] }, true);

  for (const [i, message] of messages.entries()) await send(message, hidden, options.replace === true && i === 0);
  if (uploads.length === 0) return;

  // Figures' files go where they were asked for; private ones only to the asker.
  let moved: 'slack:filesInDm' | 'slack:addBot' | 'slack:filesMoved' = 'slack:filesInDm';
  if (!hidden && isConversation(asker.channel)) {
    try {
      return await uploadFiles(client, asker.channel, uploads);
    } catch (error) {
      const code = slackErrorOf(error);
      log.warn(
        { err: error, channel: asker.channel },
        'Slack refused the files there; sending them as a direct message',
      );
      moved = code === 'not_in_channel' || code === 'channel_not_found' ? 'slack:addBot' : 'slack:filesMoved';
    }
  }
  try {
    const target = await dm();
    await uploadFiles(client, target, uploads);
    if (asker.channel !== undefined && asker.channel !== target) await tell(t(moved));
  } catch (error) {
    const ref = randomUUID().slice(0, 8);
    log.error({ err: error, invocation: ref }, 'Slack upload failed');
    await tell(t('slack:uploadFailed', { ref, error: slackErrorOf(error) }));
  }
}

/** Adds a block to the last message, or a message of its own when the last one is full. */
function addBlock(messages: SlackMessage[], block: SlackBlock): void {
  const last = messages.at(-1);
  if (last && last.blocks.length < slackLimits.blocksPerMessage) last.blocks.push(block);
  else messages.push({ text: last?.text ?? ' ', blocks: [block] });
}
