// Long lists are answered a page at a time, with Previous/More buttons that run the same
// command for the neighbouring page (`--page=N`).
import { parseArgs } from 'node:util';
import type { CommandContext } from './command.ts';
import type { Button } from './reply.ts';
import { UserError } from './user-error.ts';

/** The words of a command line, and the page asked for (1 when none). */
export function readPage(args: string[]): { page: number; words: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { page: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    return { page: Math.max(1, Math.floor(Number(values.page ?? 1)) || 1), words: positionals };
  } catch {
    throw new UserError('errors.badOption', {}, true);
  }
}

export function pageButtons(ctx: CommandContext, command: string, page: number, hasMore: boolean): Button[] {
  const buttons: Button[] = [];
  if (page > 1) buttons.push({ label: ctx.t('common:previous'), command: `${command} --page=${page - 1}` });
  if (hasMore) buttons.push({ label: ctx.t('common:more'), command: `${command} --page=${page + 1}` });
  return buttons;
}
