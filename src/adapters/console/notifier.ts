// On a terminal a posted message cannot be edited in place once the user has typed below it,
// so each edit prints the new version as a line of its own. A message's buttons become the ones
// a number presses, as a reply's do (an alert's "Message them" is pressed by typing 1).
import type { Writable } from 'node:stream';
import type { Notifier } from '../../core/notifier.ts';
import type { Reply } from '../../core/reply.ts';
import type { PressableButtons } from './app.ts';
import { buttonsOf, toJson, toText } from './render.ts';

export function createConsoleNotifier(output: Writable, json: boolean, pressable?: PressableButtons): Notifier {
  let next = 1;
  const print = (reply: Reply) => {
    const rendered = toText(reply, { color: false });
    output.write((json ? toJson(reply) : rendered.text) + '\n');
    if (pressable && rendered.buttons.length > 0) pressable.last = json ? buttonsOf(reply) : rendered.buttons;
  };
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
