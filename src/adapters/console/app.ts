// The console chat: one user (the org's admin) typing commands. On a terminal it prompts; with
// piped input it reads one command per line, so a demo can be scripted; `--json` prints every
// reply as a JSON line.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Dispatch } from '../../core/dispatch.ts';
import type { Button } from '../../core/reply.ts';
import { toInvocation, type ConsoleUser } from './invocation.ts';
import { saveFiles } from './save-files.ts';
import { buttonsOf, toJson, toText } from './render.ts';

/** The buttons a typed number presses: the last reply's, or the last posted message's. */
export interface PressableButtons {
  last: Button[];
}

export interface ConsoleOptions {
  dispatch: Dispatch;
  input: Readable & { isTTY?: boolean };
  output: Writable & { isTTY?: boolean };
  user: string;
  json: boolean;
  prompt: string;
  /** Aborted on SIGINT/SIGTERM: the console stops reading and the bot shuts down. */
  signal?: AbortSignal;
  /** Where charts and CSV files of replies are written (a terminal cannot show them). */
  filesDir: string;
  /** Shared with the console's notifier, so a posted alert's buttons can be pressed. */
  pressable?: PressableButtons;
  /** A linked person to speak as (`npm start -- --as <platform>:<id>`): their role, regions and language. */
  as?: ConsoleUser;
}

/** Resolves when input ends (end of file, Ctrl-D) or the user presses Ctrl-C. */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const interactive = Boolean(options.input.isTTY && options.output.isTTY);
  const rl = createInterface({
    input: options.input,
    output: interactive ? options.output : undefined,
    terminal: interactive,
  });
  rl.setPrompt(options.prompt);
  // Ctrl-C at the prompt ends the session the same way as end of input.
  rl.on('SIGINT', () => rl.close());
  options.signal?.addEventListener('abort', () => rl.close(), { once: true });
  const pressable = options.pressable ?? { last: [] };
  if (interactive) rl.prompt();
  for await (const line of rl) {
    const invocation = toInvocation(line, pressable.last, options.user, options.as);
    if (invocation) {
      const reply = await options.dispatch(invocation);
      let buttons: Button[];
      if (options.json) {
        options.output.write(toJson(reply, await saveFiles(reply, options.filesDir)) + '\n');
        buttons = buttonsOf(reply);
      } else {
        const rendered = toText(reply, { color: interactive, savedFiles: await saveFiles(reply, options.filesDir) });
        options.output.write(rendered.text + '\n\n');
        buttons = rendered.buttons;
      }
      // A mistyped line (a number no button has, a command that does not exist) does not take the
      // buttons away: a confirmation asked for just before can still be pressed.
      if (!reply.isError || buttons.length > 0) pressable.last = buttons;
    }
    if (interactive) rl.prompt();
  }
}
