// What start-up found about the stored RapidPro tokens, told to the operator in words with what
// to do: a changed SECRET_KEY otherwise shows only as "Something went wrong" in every command.
import type { Db } from '../db/client.ts';
import { orgs } from '../db/schema/index.ts';
import { SecretKeyMismatchError, type SecretBox } from '../core/secrets.ts';
import type { TokenNotice } from './ensure-org.ts';

export function describeTokenNotice(notice: TokenNotice): string {
  switch (notice.kind) {
    case 'replaced':
      return `RAPIDPRO_TOKEN differs from the token stored for ${notice.org}: RapidPro accepted it, and it now replaces the stored one.`;
    case 'resealed':
      return `The stored RapidPro token of ${notice.org} could not be decrypted with this SECRET_KEY (it was stored with another key); RAPIDPRO_TOKEN, which RapidPro accepted, is stored in its place.`;
    case 'refused':
      return notice.storedReadable
        ? `RAPIDPRO_TOKEN differs from the token stored for ${notice.org}, but RapidPro refuses it (HTTP ${notice.status}): the stored token stays in use. Check RAPIDPRO_TOKEN.`
        : `RapidPro refuses RAPIDPRO_TOKEN (HTTP ${notice.status}), and the stored token of ${notice.org} cannot be decrypted with this SECRET_KEY. Set SECRET_KEY back to the key used before, or set a RAPIDPRO_TOKEN that RapidPro accepts.`;
    case 'unchecked':
      return notice.storedReadable
        ? `RAPIDPRO_TOKEN differs from the token stored for ${notice.org}, but RapidPro could not be asked whether it accepts it (${notice.error}): the stored token stays in use; the next start tries again.`
        : `The stored RapidPro token of ${notice.org} cannot be decrypted with this SECRET_KEY, and RapidPro could not be asked about RAPIDPRO_TOKEN (${notice.error}). Set SECRET_KEY back to the key used before, or start again when RapidPro answers.`;
  }
}

/** Names of the orgs whose stored token this SECRET_KEY cannot decrypt. */
export async function findUnreadableTokens(db: Db, secrets: SecretBox): Promise<string[]> {
  const rows = await db.select({ name: orgs.name, token: orgs.apiTokenEncrypted }).from(orgs);
  return rows.filter((row) => !canOpen(secrets, row.token)).map((row) => row.name);
}

function canOpen(secrets: SecretBox, sealed: string): boolean {
  try {
    secrets.open(sealed);
    return true;
  } catch (error) {
    if (error instanceof SecretKeyMismatchError) return false;
    throw error;
  }
}

/**
 * A process whose SECRET_KEY cannot read the stored tokens must not start: it would store the
 * token it is given under its own key, and every process holding the right key would then fail
 * each sync. Unless the operator says the old key is lost for good (SECRET_KEY_LOST=yes).
 */
export async function assertTokensReadable(db: Db, secrets: SecretBox): Promise<void> {
  const unreadable = await findUnreadableTokens(db, secrets);
  if (unreadable.length === 0) return;
  throw new Error(
    `this SECRET_KEY cannot read the RapidPro token stored for ${unreadable.join(', ')}: it was stored with another key. ` +
      'Every TracBot process on this database must use the same SECRET_KEY: start this one with the key the others use. ' +
      'Only if that key is lost for good (no process has it any more), start with SECRET_KEY_LOST=yes: the token is then ' +
      'taken again from RAPIDPRO_TOKEN or the admin dialog that connects RapidPro, and stored under this key.',
  );
}

export const unreadableTokensAdvice = (names: string[]) =>
  `The stored RapidPro token of ${names.join(', ')} cannot be decrypted with this SECRET_KEY: it was stored with another key. ` +
  'Until this is fixed nothing is synced or sent for them. Set SECRET_KEY back to the key used before (every process must share one), ' +
  'or give the token again (RAPIDPRO_TOKEN, or the admin dialog that connects RapidPro).';
