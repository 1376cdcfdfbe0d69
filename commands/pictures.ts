import type { Command } from '../src/core/command.ts';
import { paragraph } from '../src/core/reply.ts';
import { UserError } from '../src/core/user-error.ts';
import { isTextOnly, setTextOnly } from '../src/db/queries/chat-settings.ts';

/**
 * `pictures [on|off]` — whether this chat gets charts and digests as pictures or, on a slow link,
 * as a few lines of text (Unicode bars and sparklines). A setting of the chat, for everyone in it:
 * a digest posted here follows it too.
 */
export const pictures: Command = {
  name: 'pictures',
  role: 'supervisor',
  holds: 'figures',
  // Not `pictures off`: the tests' chats would lose their charts for every command after it.
  samples: ['pictures', 'pictures off', 'pictures on'],
  async run(ctx, [word]) {
    const chat = { platform: ctx.invocation.platform, chatId: ctx.invocation.chatId };
    const choice = word?.toLowerCase();
    if (choice === undefined) {
      const textOnly = await isTextOnly(ctx.services.db, chat);
      return {
        direction: ctx.direction,
        blocks: [paragraph(ctx.t(textOnly ? 'commands:pictures.isOff' : 'commands:pictures.isOn'))],
      };
    }
    if (choice !== 'on' && choice !== 'off') throw new UserError('errors.badPictures', { word }, true);
    await setTextOnly(ctx.services.db, chat, choice === 'off');
    return {
      direction: ctx.direction,
      blocks: [paragraph(ctx.t(choice === 'off' ? 'commands:pictures.turnedOff' : 'commands:pictures.turnedOn'))],
    };
  },
};
