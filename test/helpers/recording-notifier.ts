import type { ChatRef, Notifier } from '../../src/core/notifier.ts';
import type { Reply } from '../../src/core/reply.ts';

/** A notifier that keeps every message and every edit, for tests to read. */
export function createRecordingNotifier() {
  const messages = new Map<string, { chat: ChatRef; versions: Reply[] }>();
  let next = 1;
  const notifier: Notifier & { messages: typeof messages } = {
    messages,
    async post(chat, reply) {
      const id = String(next++);
      messages.set(id, { chat, versions: [reply] });
      return id;
    },
    async edit(_chat, id, reply) {
      messages.get(id)?.versions.push(reply);
    },
  };
  return notifier;
}
