import type { Command } from '../src/core/command.ts';
import { heading, note, paragraph } from '../src/core/reply.ts';
import { UserError } from '../src/core/user-error.ts';

/**
 * The sections of the overview, so it fits one phone screen: each section one line of command
 * names. Admin-only commands make their own section; a command in none of these goes under
 * "other", so a new command still shows up.
 */
const sections: Record<string, readonly string[]> = {
  polls: ['polls', 'poll', 'participation', 'results', 'chart', 'indicators', 'activity', 'export', 'start', 'restart'],
  messaging: ['nonrespondents', 'message', 'messages', 'send', 'inbox', 'reply'],
  contacts: ['contact', 'contacts'],
  schedules: ['remind', 'schedules', 'digest', 'digests'],
};

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
    const sectionOf = (command: Command) =>
      command.role === 'admin'
        ? 'admin'
        : (Object.keys(sections).find((s) => sections[s]!.includes(command.name)) ?? 'other');
    const lines = [...Object.keys(sections), 'admin', 'other'].flatMap((section) => {
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
