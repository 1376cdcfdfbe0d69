// Opening and submitting dialogs for a chat user: the same identity, role and error handling as a
// typed command, with the dialog's choices loaded for that user's org. Adapters draw the result.
import { randomUUID } from 'node:crypto';
import type { Command, CommandContext } from './command.ts';
import { fieldText, type Dialog, type Option } from './dialog.ts';
import { contextFor, errorReply, type Dispatch, type DispatchDeps } from './dispatch.ts';
import type { Translator } from './i18n.ts';
import type { Invocation } from './invocation.ts';
import type { Reply } from './reply.ts';
import { tokenize } from './tokenize.ts';
import { UserError } from './user-error.ts';
import { findUser } from '../db/queries/find-user.ts';

export interface ShownField {
  id: string;
  kind: Dialog['fields'][number]['kind'];
  label: string;
  hint: string;
  /** For choices: what may be chosen, and what is chosen already. */
  options: Option[];
  chosen: string[];
}

export interface DialogView {
  dialog: Dialog;
  title: string;
  submit: string;
  fields: ShownField[];
  translator: Translator;
}

export interface Dialogs {
  /** The dialog a command line opens when it is typed without further arguments. */
  find(text: string): Dialog | undefined;
  get(id: string): Dialog | undefined;
  /** The dialog's fields in the user's language, with their choices; or why it cannot open. */
  open(invocation: Invocation, dialog: Dialog): Promise<DialogView | Reply>;
  /** A field's choices whose label contains `query` (for pickers that search as you type). */
  search(invocation: Invocation, dialog: Dialog, fieldId: string, query: string): Promise<Option[]>;
  /** Runs the dialog's command with the answers (choices by value, users as platform:id). */
  submit(invocation: Invocation, dialog: Dialog, values: Record<string, string[]>): Promise<Reply>;
}

export function createDialogs(deps: DispatchDeps & { registry: readonly Dialog[]; dispatch: Dispatch }): Dialogs {
  const { registry, dispatch, services, i18n } = deps;
  const normalise = (text: string) => tokenize(text).join(' ').toLocaleLowerCase();

  /** Runs `use` with the user's context for the dialog's command; a failure becomes a reply. */
  async function withContext<T>(
    invocation: Invocation,
    dialog: Dialog,
    use: (ctx: CommandContext) => Promise<T>,
  ): Promise<T | Reply> {
    let translator = i18n.forLanguage(invocation.locale);
    try {
      const linked = await findUser(services.db, invocation.platform, invocation.userId);
      if (!linked) throw new UserError('errors.notLinked');
      translator = i18n.forLanguage(linked.language ?? invocation.locale);
      const command = deps.commands.find((c) => c.name === dialog.opens.split(' ')[0]) as Command;
      return await use(await contextFor(deps, invocation, linked, translator, command));
    } catch (error) {
      if (error instanceof UserError) return errorReply(translator, error.key, error.params);
      const ref = randomUUID().slice(0, 8);
      services.log.error({ err: error, invocation: ref, dialog: dialog.id }, 'dialog failed to open');
      return errorReply(translator, 'errors.unexpected', { ref });
    }
  }

  const optionsOf = (ctx: CommandContext, field: Dialog['fields'][number]) =>
    'options' in field ? field.options(ctx) : Promise.resolve([]);

  return {
    find: (text) => registry.find((d) => normalise(d.opens) === normalise(text)),
    get: (id) => registry.find((d) => d.id === id),

    open: (invocation, dialog) =>
      withContext(invocation, dialog, async (ctx) => {
        const fields = await Promise.all(
          dialog.fields.map(async (field) => ({
            id: field.id,
            kind: field.kind,
            label: ctx.t(fieldText(dialog.id, field.id, 'label')),
            hint: ctx.t(fieldText(dialog.id, field.id, 'hint')),
            options: await optionsOf(ctx, field),
            chosen: 'chosen' in field && field.chosen ? await field.chosen(ctx) : [],
          })),
        );
        return {
          dialog,
          title: ctx.t(`dialogs:${dialog.id}.title`),
          submit: ctx.t(`dialogs:${dialog.id}.submit`),
          fields,
          translator: { lng: ctx.lng, t: ctx.t, direction: ctx.direction },
        };
      }),

    async search(invocation, dialog, fieldId, query) {
      const field = dialog.fields.find((f) => f.id === fieldId);
      if (!field) return [];
      const found = await withContext(invocation, dialog, (ctx) => optionsOf(ctx, field));
      if (isReply(found)) return [];
      const wanted = query.trim().toLocaleLowerCase();
      return found.filter((o) => o.label.toLocaleLowerCase().includes(wanted));
    },

    async submit(invocation, dialog, values) {
      // Choices arrive as values (ids); the command takes names, looked up afresh so a stale or
      // forged value cannot name something the org does not offer.
      const named = await withContext(invocation, dialog, async (ctx) => {
        const answers: Record<string, string[]> = {};
        for (const field of dialog.fields) {
          const given = (values[field.id] ?? []).map((v) => v.trim()).filter((v) => v !== '');
          if (field.kind !== 'one' && field.kind !== 'many') {
            answers[field.id] = given;
            continue;
          }
          const labels = new Map((await field.options(ctx)).map((o) => [o.value, o.word ?? o.label]));
          answers[field.id] = given.flatMap((v) => labels.get(v) ?? []);
        }
        return answers;
      });
      if (isReply(named)) return named;
      return dispatch({ ...invocation, text: dialog.toCommand(named) });
    },
  };
}

function isReply(value: object): value is Reply {
  return 'blocks' in value && 'direction' in value;
}
