// The Slack app: slash command, mentions, DMs, buttons and App Home, over the HTTP receiver
// (events, commands and interactivity on one path) or Socket Mode. Every request is acked at once;
// the answer follows through `respond` or a message. No command logic lives here.
import bolt from '@slack/bolt';
import type { Logger as BoltLogger } from '@slack/logger';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Dispatch } from '../../core/dispatch.ts';
import type { I18n } from '../../core/i18n.ts';
import type { Invocation } from '../../core/invocation.ts';
import type { Notifier } from '../../core/notifier.ts';
import { reasonOf, type Reply } from '../../core/reply.ts';
import type { Sql } from '../../db/client.ts';
import { claimDelivery } from '../../db/queries/claim-delivery.ts';
import { createSlackNotifier } from './notifier.ts';
import { renderBlocks } from './render-blocks.ts';
import type { Dialog } from '../../core/dialog.ts';
import type { Dialogs } from '../../core/create-dialogs.ts';
import { dialogModal, loadingModal, readModalValues, refusalModal, toSlackOption, type ModalOrigin, type SubmittedElement } from './render-modal.ts';
import { slackLimits } from './limits.ts';
import { fromButton, fromDialog, fromMessage, fromSlashCommand, teamOf, type SlackSender } from './to-invocation.ts';
import { uploadFiles } from './upload-files.ts';
import { publishHome, refreshHomes } from './publish-home.ts';
import { listenForFigures } from '../../db/queries/announce-figures.ts';
import type { HttpServer } from '../../http/start-http-server.ts';

export interface SlackOptions {
  botToken: string;
  /** HTTP mode: requests are verified with it. */
  signingSecret?: string;
  /** Socket Mode, for deployments without a public URL. */
  appToken?: string;
  /** Another Web API (tests, proxies), e.g. http://127.0.0.1:4000/api/. */
  apiUrl?: string;
  /** HTTP mode: the bot's HTTP server, on which the one Slack path is mounted. */
  http?: HttpServer;
  /** The one path for events, commands and interactivity. */
  path?: string;
  dispatch: Dispatch;
  /** Admin commands with several arguments, as modals. */
  dialogs: Dialogs;
  sql: Sql;
  log: Logger;
  i18n: I18n;
  /** How long a command may take before a "working…" note is shown. */
  workingAfterMs?: number;
}

export interface SlackAdapter {
  notifier: Notifier;
  stop(): Promise<void>;
}

const LOCALE_TTL_MS = 60 * 60_000;

export async function startSlack(options: SlackOptions): Promise<SlackAdapter> {
  const { dispatch, dialogs, sql, log, i18n } = options;
  const clientOptions: WebClientOptions = options.apiUrl ? { slackApiUrl: options.apiUrl } : {};
  const logger = toBoltLogger(log);
  const path = options.path ?? '/slack/events';
  // HTTP mode: Bolt's receiver verifies signatures and acks; our server hands it the requests.
  const receiver = options.appToken ? undefined : new bolt.HTTPReceiver({ signingSecret: options.signingSecret!, endpoints: path, logger });
  const app = new bolt.App({
    token: options.botToken,
    logger,
    clientOptions,
    ...(receiver ? { receiver } : { socketMode: true, appToken: options.appToken }),
  });
  // Background sends get a client of their own: one at a time, waiting out 429s.
  const bulk = new WebClient(options.botToken, { ...clientOptions, logger, maxRequestConcurrency: 1, retryConfig: { retries: 8 } });

  // Slack's locale for a user, until they choose a language with `lang`.
  const locales = new Map<string, { locale: string | undefined; at: number }>();
  async function localeOf(client: WebClient, user: string): Promise<string | undefined> {
    const cached = locales.get(user);
    if (cached && Date.now() - cached.at < LOCALE_TTL_MS) return cached.locale;
    const info = await client.users.info({ user, include_locale: true }).catch(() => null);
    const locale = info?.user?.locale;
    locales.set(user, { locale, at: Date.now() });
    return locale;
  }

  // Slack retries an event it thinks we missed; the first process to claim its id handles it.
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !(await claimDelivery(sql, 'slack', eventId))) {
      log.debug({ eventId }, 'repeated Slack event dropped');
      return;
    }
    await next();
  });

  /**
   * Runs a command, showing "working…" if it is slow, and answers through `respond` (slash
   * commands and buttons in messages) or in the user's DM (buttons on App Home have no
   * response URL).
   */
  async function answer(invocation: Invocation, client: WebClient, respond?: bolt.RespondFn) {
    let working = false;
    const timer = setTimeout(() => {
      working = true;
      const t = i18n.forLanguage(invocation.locale).t;
      void respond?.({ response_type: 'ephemeral', text: t('slack:working') }).catch(() => undefined);
    }, options.workingAfterMs ?? 1500);
    let reply: Reply;
    try {
      reply = await dispatch(invocation);
    } finally {
      clearTimeout(timer);
    }
    if (working) await respond?.({ delete_original: true }).catch(() => undefined);
    const { messages, uploads } = renderBlocks(reply);
    for (const message of messages) {
      const blocks = message.blocks as never;
      if (respond) await respond({ response_type: reply.private || reply.isError ? 'ephemeral' : 'in_channel', text: message.text, blocks });
      else await client.chat.postMessage({ channel: invocation.chatId, text: message.text, blocks });
    }
    await uploadFiles(client, invocation.chatId, uploads).catch((error) => log.warn({ err: error }, 'Slack upload failed'));
  }

  /**
   * Opens a dialog's modal: at once with a "loading" note, because the trigger id expires in 3 s,
   * then filled in (or replaced by the reason it cannot open) when its choices have arrived.
   */
  async function openDialog(dialog: Dialog, triggerId: string, sender: SlackSender, origin: ModalOrigin, client: WebClient) {
    const { t } = i18n.forLanguage(locales.get(sender.user.id)?.locale);
    const title = t(`dialogs:${dialog.id}.title`);
    const opened = await client.views.open({ trigger_id: triggerId, view: loadingModal(dialog.id, origin, title, t('dialogs:loading')) as never });
    const view = await dialogs.open(fromDialog(sender, dialog.opens, origin.channel, await localeOf(client, sender.user.id)), dialog);
    const filled = 'fields' in view ? dialogModal(view, origin) : refusalModal(dialog.id, origin, title, view);
    await client.views.update({ view_id: opened.view!.id!, hash: opened.view!.hash, view: filled as never });
  }

  app.command(/.*/, async ({ command, ack, respond, client }) => {
    await ack();
    const dialog = dialogs.find(command.text);
    if (dialog) return openDialog(dialog, command.trigger_id, { team: { id: command.team_id }, user: { id: command.user_id } }, { channel: command.channel_id }, client);
    await answer(fromSlashCommand(command, await localeOf(client, command.user_id)), client, respond);
  });

  // A submitted modal runs its command; an error is shown beside the field at fault.
  app.view(/^dialog:/, async ({ ack, body, view, client }) => {
    const dialog = dialogs.get(view.callback_id.slice('dialog:'.length));
    if (!dialog) return void (await ack());
    const { channel } = JSON.parse(view.private_metadata || '{}') as Partial<ModalOrigin>;
    const values = readModalValues(view.state.values as Record<string, Record<string, SubmittedElement>>, teamOf(body));
    const reply = await dialogs.submit(fromDialog(body, dialog.opens, channel, await localeOf(client, body.user.id)), dialog, values);
    if (reply.isError) {
      const field = dialog.fieldOf?.(reply.errorKey) ?? dialog.fields[0]!.id;
      return void (await ack({ response_action: 'errors', errors: { [field]: reasonOf(reply) } }));
    }
    await ack();
    for (const message of renderBlocks(reply).messages) {
      await client.chat.postEphemeral({ channel: channel ?? body.user.id, user: body.user.id, text: message.text, blocks: message.blocks as never });
    }
  });

  // A select with more choices than Slack shows at once asks for those matching what is typed.
  app.options({ type: 'block_suggestion' }, async ({ body, ack }) => {
    const dialog = body.view ? dialogs.get(body.view.callback_id.slice('dialog:'.length)) : undefined;
    if (!dialog) return void (await ack({ options: [] }));
    const found = await dialogs.search(fromDialog(body, dialog.opens, undefined, locales.get(body.user.id)?.locale), dialog, body.block_id, body.value);
    await ack({ options: found.slice(0, slackLimits.options).map(toSlackOption) as never });
  });

  app.action(/^command:/, async ({ body, action, ack, respond, client }) => {
    await ack();
    if (action.type !== 'button' || body.type !== 'block_actions') return;
    // A button standing for a dialog's command opens the dialog.
    const dialog = dialogs.find(action.value ?? '');
    if (dialog) return openDialog(dialog, body.trigger_id, body, { channel: body.channel?.id ?? body.user.id }, client);
    const invocation = fromButton(body, action.value ?? 'help', await localeOf(client, body.user.id));
    await answer(invocation, client, body.response_url ? respond : undefined);
  });

  // A mention in a channel, or a direct message: answered in the same conversation.
  const onMessage = async (event: { user?: string; channel: string; text?: string; team?: string; bot_id?: string; thread_ts?: string }, client: WebClient, teamId: string) => {
    if (!event.user || event.bot_id || !event.text) return;
    const invocation = fromMessage({ ...event, user: event.user, text: event.text }, teamId, await localeOf(client, event.user));
    const reply = await dispatch(invocation);
    const { messages, uploads } = renderBlocks(reply);
    for (const message of messages) {
      if (reply.private) await client.chat.postEphemeral({ channel: event.channel, user: event.user, text: message.text, blocks: message.blocks as never });
      else await client.chat.postMessage({ channel: event.channel, text: message.text, blocks: message.blocks as never, thread_ts: event.thread_ts });
    }
    await uploadFiles(client, event.channel, uploads);
  };
  app.event('app_mention', async ({ event, client, context }) => onMessage(event, client, context.teamId ?? ''));
  app.message(async ({ message, client, context }) => {
    if (message.channel_type !== 'im' || message.subtype !== undefined) return;
    await onMessage(message, client, context.teamId ?? '');
  });

  app.event('app_home_opened', async ({ event, client, context }) => {
    if (event.tab !== 'home') return;
    const locale = await localeOf(client, event.user);
    await publishHome({ client, dispatch, userId: event.user, teamId: context.teamId ?? '', locale });
  });

  app.error(async (error) => {
    log.error({ err: error }, 'Slack handler failed');
  });

  // New figures from a sync (in this process or another) redraw the org's App Homes, one refresh
  // at a time per org: announcements that arrive meanwhile are folded into one more pass.
  const refreshing = new Map<number, Promise<void>>();
  const pending = new Set<number>();
  const refresh = (orgId: number): void => {
    if (refreshing.has(orgId)) return void pending.add(orgId);
    const run = refreshHomes({ client: bulk, dispatch, sql, orgId, localeOf: (user) => locales.get(user)?.locale })
      .catch((error) => log.warn({ err: error, orgId }, 'App Home refresh failed'))
      .finally(() => {
        refreshing.delete(orgId);
        if (pending.delete(orgId)) refresh(orgId);
      });
    refreshing.set(orgId, run);
  };
  const figures = await listenForFigures(sql, refresh);

  if (receiver) {
    options.http!.mount(path, receiver.requestListener);
  } else {
    await app.start();
  }
  log.info({ mode: receiver ? 'http' : 'socket', path }, 'Slack adapter started');
  // In HTTP mode the server stops with the bot; Socket Mode closes its connection here.
  return {
    notifier: createSlackNotifier(bulk),
    stop: async () => {
      await figures.unlisten();
      await Promise.all(refreshing.values());
      if (!receiver) await app.stop();
    },
  };
}

function toBoltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'slack' });
  return {
    debug: (...msg: unknown[]) => child.debug(msg.map(String).join(' ')),
    info: (...msg: unknown[]) => child.debug(msg.map(String).join(' ')),
    warn: (...msg: unknown[]) => child.warn(msg.map(String).join(' ')),
    error: (...msg: unknown[]) => child.error(msg.map(String).join(' ')),
    setLevel: () => undefined,
    getLevel: () => 'debug' as never,
    setName: () => undefined,
  };
}
