// What running a command line does, decided from the line itself (never from how it was read):
// a free question runs only what reads; what sends, starts or schedules runs only to show its
// own confirmation; anything else that changes something is offered as a button to press.
import { tokenize } from '../core/tokenize.ts';

export type Effect = 'read' | 'confirms' | 'acts';

const reads = new Set([
  'help',
  'polls',
  'poll',
  'participation',
  'results',
  'chart',
  'nonrespondents',
  'export',
  'activity',
  'contacts',
  'inbox',
  'messages',
  'schedules',
  'digests',
  'whoami',
  'indicators',
]);
/** Commands that answer with a confirmation and do nothing until its button is pressed. */
const confirmed = new Set(['start', 'message', 'restart', 'remind']);

export function effectOf(line: string): Effect {
  const [command = '', first = ''] = tokenize(line).map((word) => word.toLowerCase());
  // A flag (`--confirm=…`) is what a confirmation's own button carries: never from a question.
  if (tokenize(line).some((word) => word.startsWith('--'))) return 'acts';
  if (command === 'schedules' && first === 'cancel') return 'acts';
  if (command === 'contact') return ['add', 'edit', 'remove'].includes(first) ? 'acts' : 'read';
  if (command === 'sync') return first === 'status' ? 'read' : 'acts';
  if (reads.has(command)) return 'read';
  return confirmed.has(command) ? 'confirms' : 'acts';
}
