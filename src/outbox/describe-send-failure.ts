import type { Translate } from '../core/i18n.ts';
import { refusalReasons } from '../rapidpro/describe-failure.ts';

/** A batch's recorded failure, as a person reads it: RapidPro's own sentences, not its JSON. */
export function describeSendFailure(reason: string | null, t: Translate): string {
  if (!reason) return t('commands:outbox.refused');
  if (reason.startsWith('gave up:')) return t('commands:outbox.gaveUp');
  try {
    const sentences = refusalReasons(JSON.parse(reason));
    return sentences.length > 0 ? sentences.slice(0, 3).join(' ') : t('commands:outbox.refused');
  } catch {
    return t('commands:outbox.refused');
  }
}
