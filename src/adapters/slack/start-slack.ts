// The Slack app: slash command, mentions, DMs, buttons and App Home, over the HTTP receiver
// (events, commands and interactivity on one path) or Socket Mode. Every request is acked at once;
// the answer follows through `respond` or a message, to the asker alone when it is private
// (deliver-reply.ts). No command logic lives here.
import bolt from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Dispatch } from '../../core/dispatch.ts';
import type { I18n } from '../../core/i18n.ts';
import type { Invocation } from '../../core/invocation.ts';
import type { Notifier } from '../../core/notifier.ts';
import type { Reply } from '../../core/reply.ts';
import type { Sql } from '../../db/client.ts';
import { claimDelivery } from '../../db/queries/claim-delivery.ts';
import { createSlackNotifier } from './notifier.ts';
import type { Dialog } from '../../core/dialog.ts';
import type { Dialogs } from '../../core/create-dialogs.ts';
import { deliverReply, limitResponder, openDirect, type Asker, type Responder } from './deliver-reply.ts';
import { dialogModal, loadingModal, replyModal, toSlackOption, type ModalOrigin } from './render-modal.ts';
import { slackLimits } from './limits.ts';
import { bulkClientOptions, interactiveClientOptions, slackTimeLimits, type SlackTimeLimits } from './time-limits.ts';
import {
  fromButton,
  fromDialog,
  fromMessage,
  fromSlashCommand,
  isThreadReplyTo,
  type SlackSender,
} from './to-invocation.ts';
import { publishHome } from './publish-home.ts';
import { createProfiles } from './create-profiles.ts';
import { refreshHomesOnFigures } from './refresh-homes-on-figures.ts';
import { toBoltLogger } from './to-bolt-logger.ts';
import { refuseOutOfWindow } from './refuse-out-of-window.ts';
import { createSubmitDialog } from './submit-dialog.ts';
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
  /** How long a submitted modal's verdict may take to be given in the ack (Slack allows 3 s). */
  ackBudgetMs?: number;
  /** How long a call to Slack may take (time-limits.ts); tests shorten them. */
  timeLimits?: SlackTimeLimits;
}

export interface SlackAdapter {
  notifier: Notifier;
  stop(): Promise<void>;
  /** Resolves once no request is being handled: everything asked so far has been answered. */
  idle(): Promise<void>;
}

export async function startSlack(options: SlackOptions): Promise<SlackAdapter> {
  const { dispatch, dialogs, sql, log, i18n } = options;
  const apiUrl: WebClientOptions = options.apiUrl ? { slackApiUrl: options.apiUrl } : {};
  const timeLimits = options.timeLimits ?? slackTimeLimits;
  const logger = toBoltLogger(log);
  const path = options.path ?? '/slack/events';
  // HTTP mode: Bolt's receiver verifies signatures and acks; our server hands it the requests.
  const receiver = options.appToken
    ? undefined
    : new bolt.HTTPReceiver({ signingSecret: options.signingSecret!, endpoints: path, logger });
  const app = new bolt.App({
    token: options.botToken,
    logger,
    clientOptions: { ...apiUrl, ...interactiveClientOptions(timeLimits) },
    ...(receiver ? { receiver } : { socketMode: true, appToken: options.appToken }),
  });
  // Background sends get a client of their own: one at a time, waiting out 429s.
  const bulk = new WebClient(options.botToken, { ...apiUrl, logger, ...bulkClientOptions(timeLimits) });

  const { profileOf, localeOf, knownLocale } = createProfiles();
  const translatorFor = (invocation: Invocation) => i18n.forLanguage(invocation.locale);

  // Requests being handled, from the first middleware to the last answer sent.
  let handling = 0;
  const idlers: (() => void)[] = [];
  app.use(async ({ next }) => {
    handling++;
    try {
      await next();
    } finally {
      if (--handling === 0) for (const wake of idlers.splice(0)) wake();
    }
  });

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
   * Runs a command, showing "working…" if it is slow, and answers the asker: through the response
   * URL (slash commands and buttons in messages), in the conversation (mentions), or in their
   * direct conversation with the bot (buttons on App Home have neither).
   */
  async function answer(
    invocation: Invocation,
    client: WebClient,
    asker: Asker,
    how: { shared?: boolean; replace?: boolean } = {},
  ) {
    let working: Promise<boolean> | undefined;
    const timer = setTimeout(() => {
      working = asker.respond?.({ response_type: 'ephemeral', text: asker.translator.t('slack:working') });
    }, options.workingAfterMs ?? 1500);
    let reply: Reply;
    try {
      reply = await dispatch(invocation);
    } finally {
      clearTimeout(timer);
    }
    if (working && (await working)) await asker.respond?.({ delete_original: true });
    await deliverReply({ client, log }, reply, asker, how);
  }

  const responderOf = (respond: bolt.RespondFn | undefined): Responder | undefined =>
    respond ? limitResponder(respond, log) : undefined;

  /**
   * Opens a dialog's modal: at once with a "loading" note, because the trigger id expires in 3 s,
   * then filled in (or replaced by the reason it cannot open) when its choices have arrived.
   */
  async function openDialog(
    dialog: Dialog,
    triggerId: string,
    sender: SlackSender,
    origin: ModalOrigin,
    client: WebClient,
  ) {
    const { t } = i18n.forLanguage(knownLocale(sender.user.id));
    const title = t(`dialogs:${dialog.id}.title`);
    const opened = await client.views.open({
      trigger_id: triggerId,
      view: loadingModal(dialog.id, origin, title, t('dialogs:loading')),
    });
    const view = await dialogs.open(
      fromDialog(sender, dialog.opens, origin.channel, await localeOf(client, sender.user.id)),
      dialog,
    );
    const filled = 'fields' in view ? dialogModal(view, origin) : replyModal(dialog.id, origin, title, view);
    await client.views.update({ view_id: opened.view!.id!, hash: opened.view!.hash, view: filled });
  }

  app.command(/.*/, async ({ command, ack, respond, client }) => {
    await ack();
    const dialog = dialogs.find(command.text);
    if (dialog)
      return openDialog(
        dialog,
        command.trigger_id,
        { team: { id: command.team_id }, user: { id: command.user_id } },
        { channel: command.channel_id },
        client,
      );
    const profile = await profileOf(client, command.user_id);
    const invocation = { ...fromSlashCommand(command, profile.locale), userName: profile.name ?? command.user_name };
    await answer(invocation, client, {
      user: command.user_id,
      channel: command.channel_id,
      respond: responderOf(respond),
      line: invocation.text,
      translator: translatorFor(invocation),
    });
  });

  // A submitted modal: acked within Slack's 3 s whatever its command does (submit-dialog.ts).
  app.view(
    /^dialog:/,
    createSubmitDialog({ dialogs, i18n, log, localeOf: knownLocale, ackBudgetMs: options.ackBudgetMs ?? 1500 }),
  );

  // A select with more choices than Slack shows at once asks for those matching what is typed.
  app.options<'block_suggestion'>({ type: 'block_suggestion' }, async ({ body, ack }) => {
    const dialog = body.view ? dialogs.get(body.view.callback_id.slice('dialog:'.length)) : undefined;
    if (!dialog) return void (await ack({ options: [] }));
    const found = await dialogs.search(
      fromDialog(body, dialog.opens, undefined, knownLocale(body.user.id)),
      dialog,
      body.block_id,
      body.value,
    );
    await ack({ options: found.slice(0, slackLimits.options).map(toSlackOption) });
  });

  app.action(/^(command|confirm):/, async ({ body, action, ack, respond, client }) => {
    await ack();
    if (action.type !== 'button' || body.type !== 'block_actions') return;
    // A button standing for a dialog's command opens the dialog.
    const dialog = dialogs.find(action.value ?? '');
    if (dialog) return openDialog(dialog, body.trigger_id, body, { channel: body.channel?.id ?? body.user.id }, client);
    const profile = await profileOf(client, body.user.id);
    // On App Home there is no conversation: the answer goes to the user's direct one with the bot.
    const channel = body.channel?.id ?? (await openDirect(client, body.user.id));
    const invocation = {
      ...fromButton({ ...body, channel: { id: channel } }, action.value ?? 'help', profile.locale),
      userName: profile.name,
    };
    const asker = {
      user: body.user.id,
      channel,
      respond: body.response_url ? responderOf(respond) : undefined,
      line: invocation.text,
      translator: translatorFor(invocation),
    };
    // Pressing a confirmation's button settles it: the outcome takes the buttons' place.
    await answer(invocation, client, asker, {
      replace: String((action as { action_id?: string }).action_id).startsWith('confirm:'),
    });
  });

  // Someone shows a private reply (contacts) to the channel they asked in: the command runs again
  // for them, and its answer is posted for everyone, saying who shared it.
  app.action('share', async ({ body, action, ack, respond, client }) => {
    await ack();
    if (action.type !== 'button' || body.type !== 'block_actions' || !body.channel) return;
    const profile = await profileOf(client, body.user.id);
    const invocation = { ...fromButton(body, action.value ?? 'help', profile.locale), userName: profile.name };
    const asker = {
      user: body.user.id,
      channel: body.channel.id,
      respond: responderOf(respond),
      line: invocation.text,
      translator: translatorFor(invocation),
    };
    const reply = await dispatch(invocation);
    // Only what holds contacts is shared this way; anything else (an error) stays private.
    const shared = reply.holds === 'contacts' && !reply.isError;
    if (shared) await asker.respond?.({ delete_original: true });
    await deliverReply({ client, log }, reply, asker, { shared });
  });

  // A mention in a channel, or a direct message: answered in the same conversation.
  const onMessage = async (
    event: { user?: string; channel: string; text?: string; team?: string; bot_id?: string; thread_ts?: string },
    client: WebClient,
    teamId: string,
  ) => {
    if (!event.user || event.bot_id || !event.text) return;
    const profile = await profileOf(client, event.user);
    const invocation = {
      ...fromMessage({ ...event, user: event.user, text: event.text }, teamId, profile.locale),
      userName: profile.name,
    };
    await answer(invocation, client, {
      user: event.user,
      channel: event.channel,
      thread: event.thread_ts,
      line: invocation.text,
      translator: translatorFor(invocation),
    });
  };
  app.event('app_mention', async ({ event, client, context }) => onMessage(event, client, context.teamId ?? ''));
  // A direct message is always for the bot; in a channel, a message is only when it answers the
  // bot in one of its threads (a mention there arrives as app_mention, handled above).
  app.message(async ({ message, client, context }) => {
    if (message.subtype !== undefined) return;
    if (message.channel_type !== 'im' && !isThreadReplyTo(message, context.botUserId)) return;
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

  const homes = await refreshHomesOnFigures({ client: bulk, dispatch, sql, log, localeOf: knownLocale });

  if (receiver) {
    options.http!.mount(path, refuseOutOfWindow(receiver.requestListener, log));
  } else {
    await app.start();
  }
  log.info({ mode: receiver ? 'http' : 'socket', path }, 'Slack adapter started');
  // In HTTP mode the server stops with the bot; Socket Mode closes its connection here.
  return {
    notifier: createSlackNotifier(bulk),
    stop: async () => {
      await homes.stop();
      if (!receiver) await app.stop();
    },
    idle: () => (handling === 0 ? Promise.resolve() : new Promise((resolve) => idlers.push(resolve))),
  };
}
