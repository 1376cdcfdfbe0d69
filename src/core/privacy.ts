// Who may see a command's reply, decided here for every command: a reply that names or
// identifies contacts (names, phone numbers, answers, messages) is for the person who asked
// alone; so is anything about their own account, a secret, or a confirmation only they may act
// on. Aggregate figures (participation, results, charts) may be shown to a whole channel.
// Renderers read the outcome from the Reply (`holds`, `private`), never from the command.
import type { Reply } from './reply.ts';

/**
 * - `figures`: aggregates and settings, fit for a channel;
 * - `contacts`: names or identifies contacts — private unless the person asks to share it;
 * - `personal`: the asker's own account, a secret, or a confirmation only they act on — private.
 */
export type Holding = 'figures' | 'contacts' | 'personal';

const holdings: Record<string, Holding> = {
  help: 'personal',
  polls: 'figures',
  poll: 'figures',
  participation: 'figures',
  results: 'figures',
  chart: 'figures',
  indicators: 'figures',
  activity: 'figures',
  nonrespondents: 'contacts',
  contact: 'contacts',
  contacts: 'contacts',
  inbox: 'contacts',
  export: 'contacts',
  messages: 'contacts',
  // Sends a text to one named contact: private, and never re-run by a share.
  reply: 'personal',
  message: 'personal',
  send: 'personal',
  cancel: 'personal',
  start: 'figures',
  restart: 'figures',
  digest: 'figures',
  digests: 'figures',
  remind: 'figures',
  schedules: 'figures',
  rename: 'figures',
  sync: 'figures',
  'fetch-runs': 'figures',
  setup: 'personal',
  supervisor: 'personal',
  invite: 'personal',
  join: 'personal',
  audit: 'personal',
  whoami: 'personal',
  lang: 'personal',
};

/** Every command with a decision (a test checks that none is missing). */
export const listedCommands: readonly string[] = Object.keys(holdings);

/** What a command's replies hold; a command not listed is treated as private. */
export function holdingOf(command: string | undefined): Holding {
  return (command && holdings[command]) || 'personal';
}

/** The reply marked with what it holds, and private unless that is figures. */
export function markPrivacy(reply: Reply, command: string | undefined): Reply {
  const holds = holdingOf(command);
  return { ...reply, holds, private: reply.private || holds !== 'figures' };
}
