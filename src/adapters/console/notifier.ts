// On a terminal a posted message cannot be edited in place once the user has typed below it,
// so each edit prints the new version as a line of its own.
import type { Writable } from 'node:stream';
import type { Notifier } from '../../core/notifier.ts';
import { toJson, toText } from './render.ts';

export function createConsoleNotifier(output: Writable, json: boolean): Notifier {
  let next = 1;
  const print = (reply: Parameters<Notifier['post']>[1]) =>
    output.write((json ? toJson(reply) : toText(reply, { color: false }).text) + '\n');
  return {
    async post(_chat, reply) {
      print(reply);
      return String(next++);
    },
    async edit(_chat, _messageId, reply) {
      print(reply);
    },
  };
}
