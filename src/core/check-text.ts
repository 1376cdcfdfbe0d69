import { countCharacters, hasDirectionControls } from '../domain/message-text.ts';
import { UserError } from './user-error.ts';

/**
 * RapidPro takes up to 4,096 characters (temba/msgs/models.py, Msg.MAX_TEXT_LEN); past 640 a
 * text is no longer a message on a phone (about four SMS), so we stop there.
 */
const MAX_TEXT = 640;

/** A text about to go to contacts: refused, with what to do, when it is too long or turned around. */
export function checkOutgoingText(text: string): void {
  const length = countCharacters(text);
  if (length > MAX_TEXT) throw new UserError('errors.textTooLong', { max: MAX_TEXT, length });
  if (hasDirectionControls(text)) throw new UserError('errors.directionControls');
}
