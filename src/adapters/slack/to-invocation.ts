// Slack payloads → Invocations. A Slack user is `<team id>:<user id>`, so the same user id in two
// workspaces are two people.
import type { Invocation } from '../../core/invocation.ts';

export const slackUserId = (teamId: string, userId: string) => `${teamId}:${userId}`;

/** `<team id>:<user id>` → its parts. */
export function parseSlackUserId(id: string): { teamId: string; userId: string } {
  const [teamId = '', userId = ''] = id.split(':');
  return { teamId, userId };
}

/** `/tracpro participation Attendance` → `participation Attendance`. */
export function fromSlashCommand(
  command: { team_id: string; user_id: string; user_name?: string; channel_id: string; text: string },
  locale?: string,
): Invocation {
  return {
    platform: 'slack',
    userId: slackUserId(command.team_id, command.user_id),
    userName: command.user_name,
    chatId: command.channel_id,
    text: unescapeSlack(command.text.trim()),
    locale,
  };
}

/** `<@U123> participation Attendance` (a mention or a DM) → `participation Attendance`. */
export function fromMessage(
  event: { team?: string; user: string; channel: string; text: string },
  teamId: string,
  locale?: string,
): Invocation {
  const text = event.text
    .replace(/<@[A-Z0-9]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return {
    platform: 'slack',
    userId: slackUserId(event.team ?? teamId, event.user),
    chatId: event.channel,
    text: unescapeSlack(text),
    locale,
  };
}

/**
 * A message in a thread under one of the bot's messages, that does not name the bot (a mention
 * arrives on its own as app_mention): Slack gives a thread reply the `parent_user_id` of the
 * thread's first message.
 */
export function isThreadReplyTo(
  message: { thread_ts?: string; ts: string; parent_user_id?: string; text?: string },
  botUserId: string | undefined,
): boolean {
  if (!botUserId || !message.thread_ts || message.thread_ts === message.ts) return false;
  return message.parent_user_id === botUserId && !message.text?.includes(`<@${botUserId}>`);
}

/** Who sent an interactive payload (a click, a modal, a search): the user and their workspace. */
export interface SlackSender {
  team: { id: string } | null;
  user: { id: string; team_id?: string };
}

export const teamOf = (body: SlackSender) => body.user.team_id ?? body.team?.id ?? '';

/** A button: its value is the command line it stands for. */
export function fromButton(
  body: SlackSender & { channel?: { id: string } },
  value: string,
  locale?: string,
): Invocation {
  return {
    platform: 'slack',
    userId: slackUserId(teamOf(body), body.user.id),
    chatId: body.channel?.id ?? body.user.id,
    text: value,
    locale,
    fromButton: true,
  };
}

/** A dialog opened, submitted or searched: its command, answered where the dialog came from. */
export function fromDialog(
  body: SlackSender,
  command: string,
  chatId: string | undefined,
  locale?: string,
): Invocation {
  return {
    platform: 'slack',
    userId: slackUserId(teamOf(body), body.user.id),
    chatId: chatId ?? body.user.id,
    text: command,
    locale,
  };
}

/** Slack escapes `& < >` in what users type; commands want the characters back. */
function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
