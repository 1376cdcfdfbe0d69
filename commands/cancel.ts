import type { Command } from '../src/core/command.ts';
import { note } from '../src/core/reply.ts';

/** `cancel` — the "Cancel" button of every confirmation: nothing was sent, and we say so. */
export const cancel: Command = {
  name: 'cancel',
  role: 'supervisor',
  holds: 'personal',
  samples: ['cancel'],
  hidden: true,
  async run(ctx) {
    return { direction: ctx.direction, blocks: [note(ctx.t('commands:cancel.done'))] };
  },
};
