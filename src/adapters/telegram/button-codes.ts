// Telegram's callback data holds at most 64 bytes, too little for a command line with an Arabic
// region name. A button carries a short code; the command behind it is kept in PostgreSQL, so it
// works after a restart and from any process.
import { randomBytes } from 'node:crypto';
import type { Sql } from '../../db/client.ts';

// A button of a confirmation (see isConfirmation) says so in its prefix: pressing it settles
// the message it sits under.
const PREFIX = 'c:';
const SETTLING = 'k:';

export async function codeFor(sql: Sql, command: string, settles = false): Promise<string> {
  const code = randomBytes(9).toString('base64url');
  await sql`insert into chat_buttons (code, command) values (${code}, ${command})`;
  return `${settles ? SETTLING : PREFIX}${code}`;
}

export async function commandFor(sql: Sql, data: string): Promise<string | null> {
  if (!data.startsWith(PREFIX) && !data.startsWith(SETTLING)) return null;
  const [row] = await sql<
    { command: string }[]
  >`select command from chat_buttons where code = ${data.slice(PREFIX.length)}`;
  return row?.command ?? null;
}

export const settlesMessage = (data: string) => data.startsWith(SETTLING);
