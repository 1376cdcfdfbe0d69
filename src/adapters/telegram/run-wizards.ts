// Running dialogs as Telegram wizards: starting one, button presses, typed answers, /cancel, and
// the submission that turns the answers into the dialog's command. The wizard's state lives in
// PostgreSQL (chat_dialogs), so a press handled by another process, or after a restart, carries on.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Telegram } from 'telegraf';
import type { Dialogs } from '../../core/create-dialogs.ts';
import type { Dialog } from '../../core/dialog.ts';
import type { I18n } from '../../core/i18n.ts';
import type { Invocation } from '../../core/invocation.ts';
import { note, paragraph, reasonOf, type Reply } from '../../core/reply.ts';
import type { Sql } from '../../db/client.ts';
import {
  changeDialog,
  endDialog,
  loadDialog,
  saveDialog,
  type DialogKey,
  type StoredDialog,
} from '../../db/queries/chat-dialogs.ts';
import type { Pacer } from './pace-outbound.ts';
import { escapeHtml } from './render-reply.ts';
import {
  awaitsText,
  currentField,
  parseWizardData,
  pressWizard,
  refuseWizard,
  renderWizard,
  startWizard,
  typeIntoWizard,
  type WizardState,
} from './wizard.ts';

/** Who is talking, and where. */
export interface WizardUser {
  userId: string;
  chatId: string;
  chatType: string;
  locale?: string;
  userName?: string;
  botName: string;
}

interface WizardData {
  state: WizardState;
  /** The language the wizard was opened in, kept for every later step. */
  lng: string;
}

export interface WizardDeps {
  telegram: Telegram;
  pacer: Pacer;
  sql: Sql;
  dialogs: Dialogs;
  i18n: I18n;
  log: Logger;
  /** Sends a command's reply into a chat (buttons, pictures and all). */
  sendReply(chatId: string, reply: Reply): Promise<unknown>;
}

export interface Wizards {
  /** The dialog a command line opens here, if any (Telegram has no people picker). */
  dialogFor(text: string): Dialog | undefined;
  start(user: WizardUser, dialog: Dialog): Promise<void>;
  /** A button press; false when the data is not a wizard's. */
  press(user: WizardUser, data: string, messageId: number): Promise<boolean>;
  /** A typed message; false when no wizard in this chat waits for one. */
  type(user: WizardUser, text: string, messageId: number): Promise<boolean>;
  /** `/cancel`: false when no wizard was open. */
  cancel(user: WizardUser): Promise<boolean>;
}

export function createWizards(deps: WizardDeps): Wizards {
  const { telegram, pacer, sql, dialogs, i18n, log } = deps;
  const keyOf = (user: WizardUser): DialogKey => ({ platform: 'telegram', chatId: user.chatId, userId: user.userId });
  const invocation = (user: WizardUser, dialog: Dialog): Invocation => ({
    platform: 'telegram',
    userId: user.userId,
    userName: user.userName,
    chatId: user.chatId,
    text: dialog.opens,
    locale: user.locale,
    botName: user.botName,
  });
  const t = (lng: string) => i18n.forLanguage(lng).t;
  const stored = (data: WizardData, messageId: string | null): StoredDialog<WizardData> => ({
    kind: data.state.dialogId,
    step: String(data.state.step),
    data,
    messageId,
  });
  // A secret (the RapidPro token) is never written to the database: dialogs ask for it last, and
  // the wizard submits as soon as it is typed.
  const withoutSecrets = (state: WizardState): WizardState => ({
    ...state,
    values: Object.fromEntries(
      Object.entries(state.values).map(([id, v]) => [
        id,
        state.fields.find((f) => f.id === id)?.kind === 'secret' ? [] : v,
      ]),
    ),
  });

  async function show(chatId: string, data: WizardData, messageId: string | null): Promise<string> {
    const { html, keyboard } = renderWizard(data.state, t(data.lng), i18n.forLanguage(data.lng).direction);
    const options = { parse_mode: 'HTML' as const, reply_markup: { inline_keyboard: keyboard } };
    if (messageId) {
      await pacer
        .send(chatId, () => telegram.editMessageText(chatId, Number(messageId), undefined, html, options))
        .catch(notModified);
      return messageId;
    }
    const sent = await pacer.send(chatId, () => telegram.sendMessage(chatId, html, options));
    return String(sent.message_id);
  }

  /** Replaces the wizard's message with a closing line, without buttons. */
  async function close(chatId: string, messageId: string | null, text: string) {
    if (!messageId) return;
    await pacer
      .send(chatId, () =>
        telegram.editMessageText(chatId, Number(messageId), undefined, escapeHtml(text), { parse_mode: 'HTML' }),
      )
      .catch(notModified);
  }

  /** Runs the command; a refusal takes the wizard back to the field at fault, with the reason. */
  async function submit(user: WizardUser, data: WizardData, messageId: string | null, placement: 'edit' | 'send') {
    const dialog = dialogs.get(data.state.dialogId)!;
    const reply = await dialogs.submit(invocation(user, dialog), dialog, data.state.values);
    if (reply.isError) {
      const refused: WizardData = {
        ...data,
        state: withoutSecrets(refuseWizard(data.state, dialog.fieldOf?.(reply.errorKey), reasonOf(reply))),
      };
      const shownIn = await show(user.chatId, refused, placement === 'edit' ? messageId : null);
      await saveDialog(sql, keyOf(user), stored(refused, shownIn));
      return;
    }
    await endDialog(sql, keyOf(user));
    await close(user.chatId, messageId, `✓ ${t(data.lng)(`dialogs:${dialog.id}.title`)}`);
    await deps.sendReply(user.chatId, reply);
  }

  return {
    dialogFor(text) {
      const dialog = dialogs.find(text);
      return dialog?.fields.every((f) => f.kind !== 'user') ? dialog : undefined;
    },

    async start(user, dialog) {
      const view = await dialogs.open(invocation(user, dialog), dialog);
      if (!('fields' in view)) return void (await deps.sendReply(user.chatId, view));
      if (dialog.privateOnly && user.chatType !== 'private') {
        return void (await deps.sendReply(user.chatId, {
          direction: view.translator.direction,
          blocks: [paragraph(view.translator.t('dialogs:privateOnly'))],
        }));
      }
      const data: WizardData = {
        state: startWizard(view, randomBytes(4).toString('base64url')),
        lng: view.translator.lng,
      };
      const messageId = await show(user.chatId, data, null);
      // A new wizard replaces any the user had open in this chat; the old buttons stop working.
      await saveDialog(sql, keyOf(user), stored(data, messageId));
    },

    async press(user, raw, messageId) {
      const parsed = parseWizardData(raw);
      if (!parsed) return false;
      const pressed = await changeDialog(sql, keyOf(user), (row: StoredDialog<WizardData> | null) => {
        // A keyboard left from an earlier wizard (or one already finished) does nothing.
        if (!row || row.data.state.nonce !== parsed.nonce) return [undefined, null];
        const outcome = pressWizard(row.data.state, parsed.action);
        const next =
          outcome.next === 'cancel'
            ? null
            : outcome.next === 'show'
              ? stored({ ...row.data, state: outcome.state }, row.messageId)
              : undefined;
        return [next, { row, outcome }];
      });
      if (!pressed) {
        await close(user.chatId, String(messageId), t(user.locale ?? 'en')('dialogs:ended'));
        return true;
      }
      const { row, outcome } = pressed;
      if (outcome.next === 'cancel') await close(user.chatId, row.messageId, t(row.data.lng)('dialogs:cancelled'));
      else if (outcome.next === 'submit')
        await submit(user, { ...row.data, state: outcome.state }, row.messageId, 'edit');
      else await show(user.chatId, { ...row.data, state: outcome.state }, row.messageId);
      return true;
    },

    async type(user, text, messageId) {
      const row = await loadDialog<WizardData>(sql, keyOf(user));
      if (!row || !awaitsText(row.data.state)) return false;
      if (currentField(row.data.state).kind === 'secret') {
        // The token must not stay in the chat's history.
        await pacer
          .send(user.chatId, () => telegram.deleteMessage(user.chatId, messageId))
          .catch((error: unknown) => log.warn({ err: error }, 'could not delete the message holding a secret'));
        await deps.sendReply(user.chatId, {
          direction: i18n.forLanguage(row.data.lng).direction,
          blocks: [note(t(row.data.lng)('dialogs:tokenDeleted'))],
        });
      }
      const result = typeIntoWizard(row.data.state, text);
      if (result.next === 'submit') {
        await submit(user, { ...row.data, state: result.state }, row.messageId, 'send');
        return true;
      }
      // The next step goes below the typed answer, where the user is looking.
      const next: WizardData = { ...row.data, state: withoutSecrets(result.state) };
      await saveDialog(sql, keyOf(user), stored(next, await show(user.chatId, next, null)));
      return true;
    },

    async cancel(user) {
      const row = await changeDialog(sql, keyOf(user), (current: StoredDialog<WizardData> | null) => [null, current]);
      if (!row) return false;
      const text = t(row.data.lng)('dialogs:cancelled');
      await close(user.chatId, row.messageId, text);
      await deps.sendReply(user.chatId, {
        direction: i18n.forLanguage(row.data.lng).direction,
        blocks: [paragraph(text)],
      });
      return true;
    },
  };
}

/** Telegram refuses an edit that changes nothing; for a wizard that is not an error. */
function notModified(error: unknown): void {
  if (!String(error).includes('message is not modified')) throw error;
}
