import { helpSections, type Command } from '../src/core/command.ts';
import { heading, note, paragraph } from '../src/core/reply.ts';
import { UserError } from '../src/core/user-error.ts';

/** `help [command]` — generated from the registry, showing only what the user may run. */
export const help: Command = {
  name: 'help',
  aliases: ['?', 'start_here'],
  role: 'supervisor',
  holds: 'personal',
  samples: ['help', 'help participation'],
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
    // One line per section (each command declares its own), admin-only commands on a line of their own.
    const sectionOf = (command: Command) => (command.role === 'admin' ? 'admin' : (command.section ?? 'other'));
    const lines = [...helpSections, 'admin' as const, 'other' as const].flatMap((section) => {
      const names = allowed.filter((c) => sectionOf(c) === section).map((c) => c.name);
      return names.length === 0
        ? []
        : [
            paragraph(
              ctx.t('commands:help.sectionLine', {
                section: ctx.t(`commands:help.sections.${section}`),
                commands: names.join(' · '),
              }),
            ),
          ];
    });
    return {
      direction: ctx.direction,
      blocks: [
        heading(ctx.t('commands:help.title')),
        ...lines,
        note(ctx.t('commands:help.detail')),
        note(ctx.t('commands:help.more')),
      ],
    };
  },
};
