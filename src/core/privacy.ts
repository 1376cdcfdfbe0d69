// Who may see a command's reply, decided by each command (its `holds`): a reply that names or
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

/** The reply marked with what it holds (nothing known: private), and private unless that is figures. */
export function markPrivacy(reply: Reply, holds: Holding = 'personal'): Reply {
  return { ...reply, holds, private: reply.private || holds !== 'figures' };
}
