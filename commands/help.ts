import type { Command } from '../src/core/command.ts';
import { heading, list, note } from '../src/core/reply.ts';
import { UserError } from '../src/core/user-error.ts';

/** `help [command]` — generated from the registry, showing only what the user may run. */
export const help: Command = {
  name: 'help',
  aliases: ['?', 'start_here'],
  role: 'supervisor',
  async run(ctx, [topic]) {
    const allowed = ctx.commands.filter((c) => !c.hidden && (c.role === 'supervisor' || ctx.user.role === 'admin'));
    if (topic) {
      const command = allowed.find((c) => c.name === topic.toLowerCase() || c.aliases?.includes(topic.toLowerCase()));
      if (!command) throw new UserError('errors.unknownCommand', { name: topic });
      return {
        direction: ctx.direction,
        blocks: [heading(ctx.t(`commands:${command.name}.usage`)), note(ctx.t(`commands:${command.name}.description`))],
      };
    }
    return {
      direction: ctx.direction,
      blocks: [
        heading(ctx.t('commands:help.title')),
        list(allowed.map((c) => ctx.t('commands:help.line', { usage: ctx.t(`commands:${c.name}.usage`), description: ctx.t(`commands:${c.name}.description`) }))),
        note(ctx.t('commands:help.more')),
      ],
    };
  },
};
