// The key a confirmation's button carries names the person who asked: a poll start, a schedule or
// a reminder is set only when they press it, never when someone else in the channel or group
// presses the button they can see (a draft message is theirs the same way: `send` checks who
// asked for it).
import { randomBytes } from 'node:crypto';
import type { CommandContext } from './command.ts';
import { UserError } from './user-error.ts';

export function newConfirmKey(ctx: Pick<CommandContext, 'user'>): string {
  return `${ctx.user.identityId}.${randomBytes(6).toString('base64url')}`;
}

/** Refuses a key asked for by someone else (or made up). */
export function checkConfirmKey(ctx: Pick<CommandContext, 'user'>, key: string): void {
  if (!key.startsWith(`${ctx.user.identityId}.`)) throw new UserError('errors.notYourConfirmation');
}
