// A submitted modal runs its command, and Slack must hear back within 3 seconds whatever the
// command does (connecting RapidPro waits for RapidPro). A quick verdict is given in the ack
// itself: an error beside the field at fault, or the modal closes. A slow one is not waited for:
// the modal turns into "checking…" at once, and views.update shows the verdict when it comes —
// the form again with the error under its field, or the outcome.
import { setTimeout as sleep } from 'node:timers/promises';
import type { SlackViewMiddlewareArgs, AllMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Dialogs } from '../../core/create-dialogs.ts';
import type { I18n } from '../../core/i18n.ts';
import { reasonOf, type Reply } from '../../core/reply.ts';
import { deliverReply } from './deliver-reply.ts';
import {
  dialogModal,
  loadingModal,
  readModalValues,
  replyModal,
  type ModalOrigin,
  type SubmittedElement,
} from './render-modal.ts';
import { fromDialog, teamOf } from './to-invocation.ts';

export interface SubmitDeps {
  dialogs: Dialogs;
  i18n: I18n;
  log: Logger;
  /** The user's language as already known (nothing is fetched before the ack). */
  localeOf(user: string): string | undefined;
  /** How long a verdict may take to be given in the ack; Slack's limit is 3 s, all included. */
  ackBudgetMs: number;
}

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

export function createSubmitDialog(deps: SubmitDeps) {
  const { dialogs, i18n, log } = deps;
  return async ({ ack, body, view, client }: SubmitArgs) => {
    const dialog = dialogs.get(view.callback_id.slice('dialog:'.length));
    if (!dialog) return void (await ack());
    const origin = { channel: body.user.id, ...(JSON.parse(view.private_metadata || '{}') as Partial<ModalOrigin>) };
    const values = readModalValues(view.state.values as Record<string, Record<string, SubmittedElement>>, teamOf(body));
    const locale = deps.localeOf(body.user.id);
    const invocation = fromDialog(body, dialog.opens, origin.channel, locale);
    const translator = i18n.forLanguage(locale);
    const errorsOf = (reply: Reply) => ({
      [dialog.fieldOf?.(reply.errorKey) ?? dialog.fields[0]!.id]: reasonOf(reply),
    });
    const confirm = (reply: Reply) =>
      deliverReply({ client, log }, reply, {
        user: body.user.id,
        channel: origin.channel,
        line: invocation.text,
        translator,
      }).catch((error) => log.warn({ err: error }, 'could not tell the outcome of a dialog'));

    const submitted = dialogs.submit(invocation, dialog, values);
    const quick = await Promise.race([submitted, sleep(deps.ackBudgetMs, null)]);
    if (quick?.isError) return void (await ack({ response_action: 'errors', errors: errorsOf(quick) }));
    if (quick) {
      await ack();
      return void (await confirm(quick));
    }

    const title = translator.t(`dialogs:${dialog.id}.title`);
    await ack({
      response_action: 'update',
      view: loadingModal(dialog.id, origin, title, translator.t('slack:checking')),
    });
    const reply = await submitted;
    if (reply.isError) {
      const form = await dialogs.open(invocation, dialog);
      const again =
        'fields' in form
          ? dialogModal(form, origin, { values, errors: errorsOf(reply) })
          : replyModal(dialog.id, origin, title, form);
      await client.views.update({ view_id: body.view.id, view: again });
      return;
    }
    await client.views.update({ view_id: body.view.id, view: replyModal(dialog.id, origin, title, reply) });
    await confirm(reply);
  };
}
