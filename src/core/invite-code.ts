// An invite's code: 12 random bytes in base64url, 16 characters, which fits a Telegram deep link
// (`/start <code>`). Its shape tells a code apart from a poll name typed after `/start`.
import { randomBytes } from 'node:crypto';

export function newInviteCode(): string {
  return randomBytes(12).toString('base64url');
}

export function isInviteCode(word: string): boolean {
  return /^[A-Za-z0-9_-]{16}$/.test(word);
}
