// A fake Telegram Bot API for tests: a loopback HTTP server that speaks the real wire format
// (`/bot<token>/<method>`, JSON / urlencoded / multipart bodies, `{ ok, result }` and
// `{ ok: false, error_code, description, parameters }`) so the real telegraf runs against it
// unchanged via `new Telegraf(token, { telegram: { apiRoot: fake.url } })`.
//
// It holds the state a bot can observe (queued updates, webhook, messages per chat, commands,
// callback queries) and refuses what Telegram refuses, with Telegram's own error texts: text
// and caption lengths, HTML markup, inline keyboards and callback_data, command lists, private
// chats that never started the bot or blocked it, long-poll and webhook conflicts. Tests drive
// it from the platform side (`pushUpdate`, `deliverWebhook`, the update builders) and read back
// what the bot did (`calls`, `messages`, `files`, `commands`), and can inject 429s and pacing.
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update } from 'telegraf/types';
import { EntityParseError, parseHtml, telegramLength, type Entity } from './telegram/html.ts';
import { sniffImage, tinyPng } from './telegram/images.ts';
import { boundaryOf, MultipartError, parseMultipart } from './multipart.ts';
import { fillIn, recorded } from './recorded.ts';
import { scaled } from '../helpers/slowness.ts';

export { tinyPng, parseHtml, type Entity };

// Updates, messages and parameters are free-form JSON here, as they are on the wire.
type Loose = Record<string, any>;

export type Params = Record<string, unknown>;

/** A file part of a multipart request. */
class Upload {
  constructor(
    readonly data: Buffer,
    readonly filename?: string,
    readonly contentType?: string,
  ) {}
}

export interface FakeTelegramOptions {
  /** The bot token the fake accepts; any other token gets 401. */
  token?: string;
  /** What getMe answers (merged over a default bot called @tracbot_test_bot). */
  bot?: { id?: number; first_name?: string; username?: string };
  /** Clock in milliseconds, for dates, pacing and callback-query expiry. */
  now?: () => number;
  /** Enforce per-chat pacing: 1 message/s in a private chat, 20/min in a group. Off by default. */
  pacing?: boolean;
  /** Users who blocked the bot (403 "bot was blocked by the user"). */
  blockedUsers?: Iterable<number>;
  /** Users who never started the bot (403 "bot can't initiate conversation with a user"). */
  unstartedUsers?: Iterable<number>;
  /** Refuse a lone "&" or an unknown "&name;" in HTML (Telegram keeps them as text). Default true. */
  strictAmpersand?: boolean;
  /** How long a callback query can still be answered. Default 15 s. */
  callbackQueryTtlMs?: number;
}

export interface ApiCall {
  method: string;
  params: Params;
  /** When the call arrived, by the fake's clock (ms). */
  at: number;
  /** `webhook-reply`: a method the bot wrote into its webhook HTTP response (telegraf's webhookReply). */
  via: 'http' | 'webhook-reply';
  /** True while the call is being answered (a long poll that waits). */
  pending: boolean;
  ok: boolean;
  result?: unknown;
  errorCode?: number;
  description?: string;
}

export interface UploadedFile {
  method: 'sendPhoto' | 'sendDocument';
  field: 'photo' | 'document';
  chatId: number;
  messageId: number;
  fileId: string;
  /** The uploaded bytes; undefined when the bot sent a URL (`url`) instead. */
  bytes?: Buffer;
  url?: string;
  filename?: string;
  contentType?: string;
  caption?: string;
  at: number;
}

export interface SentMessage {
  chatId: number;
  messageId: number;
  kind: 'text' | 'photo' | 'document';
  /** The text (or caption) as users see it: markup parsed, whitespace trimmed. */
  text: string;
  entities: Entity[];
  /** The text or caption parameter exactly as the bot sent it (markup included). */
  source: string;
  parseMode?: string;
  /** The inline keyboard currently attached, if any (a reply keyboard is kept as sent). */
  replyMarkup?: Loose;
  file?: UploadedFile;
  deleted: boolean;
  edits: number;
  sentAt: number;
  editedAt?: number;
  /** The Message object as Telegram would return it now. */
  message: Loose;
}

export interface Failure {
  /** Seconds for a 429 (the default failure). */
  retryAfter?: number;
  /** How many consecutive calls fail. Default 1. */
  times?: number;
  /** Another error instead of 429, e.g. 500 or 403. */
  errorCode?: number;
  description?: string;
}

export type Reachability = 'started' | 'blocked' | 'never-started';

export interface WebhookState {
  url: string;
  secretToken?: string;
  maxConnections?: number;
  allowedUpdates?: string[];
  ipAddress?: string;
}

class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number },
  ) {
    super(description);
  }
}

const badRequest = (reason: string) => new ApiError(400, `Bad Request: ${reason}`);
const tooManyRequests = (seconds: number) =>
  new ApiError(429, `Too Many Requests: retry after ${seconds}`, { retry_after: seconds });

const TEXT_LIMIT = 4096;
const CAPTION_LIMIT = 1024;
const UPLOAD_LIMIT = 50 * 1024 * 1024;
const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';

// Update types Telegram sends when allowed_updates is empty or was never given.
const OPT_IN_UPDATES = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);
const SCOPES = new Set([
  'default',
  'all_private_chats',
  'all_group_chats',
  'all_chat_administrators',
  'chat',
  'chat_administrators',
  'chat_member',
]);
const CHAT_ACTIONS = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
]);
const BUTTON_KINDS = [
  'url',
  'callback_data',
  'web_app',
  'login_url',
  'switch_inline_query',
  'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat',
  'copy_text',
  'callback_game',
  'pay',
];

// Parameters that arrive as JSON-serialized strings in form and multipart bodies.
const JSON_FIELDS = new Set([
  'media',
  'reply_markup',
  'entities',
  'caption_entities',
  'commands',
  'scope',
  'allowed_updates',
  'link_preview_options',
  'reply_parameters',
]);
const INT_FIELDS = new Set([
  'message_id',
  'offset',
  'limit',
  'timeout',
  'max_connections',
  'cache_time',
  'user_id',
  'reply_to_message_id',
  'message_thread_id',
]);
const BOOL_FIELDS = new Set([
  'drop_pending_updates',
  'show_alert',
  'disable_notification',
  'protect_content',
  'has_spoiler',
  'disable_web_page_preview',
  'disable_content_type_detection',
  'allow_sending_without_reply',
]);

const MIME_BY_EXTENSION: Record<string, string> = {
  csv: 'text/csv',
  txt: 'text/plain',
  pdf: 'application/pdf',
  json: 'application/json',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
};

type Handler = (params: Params, signal: AbortSignal) => unknown | Promise<unknown>;

interface Poller {
  wake: () => void;
  conflict: (description: string) => void;
}

interface CallbackQueryState {
  at: number;
  answered: boolean;
}

/** Who a built update comes from: any User fields over DEFAULT_USER. */
export type UserInput = {
  id?: number;
  first_name?: string;
  last_name?: string;
  username?: string;
  language_code?: string;
};

export const DEFAULT_USER = {
  id: 5550101,
  is_bot: false,
  first_name: 'Amina',
  last_name: 'Okello',
  username: 'amina_okello',
  language_code: 'en',
} as const;
export const DEFAULT_GROUP = { id: -1001234567890, type: 'supergroup', title: 'Gulu field monitors' } as const;

export class FakeTelegram {
  readonly token: string;
  readonly botUser: { id: number; is_bot: true; first_name: string; username: string };
  url = '';

  private server: Server | null = null;
  private readonly now: () => number;
  private readonly strictAmpersand: boolean;
  private readonly callbackQueryTtlMs: number;
  private pacing: boolean;
  private readonly events = new EventEmitter();
  private readonly log: ApiCall[] = [];
  private readonly uploads: UploadedFile[] = [];
  private readonly chats = new Map<number, Loose>();
  private readonly sent = new Map<number, Map<number, SentMessage>>();
  private readonly lastMessageId = new Map<number, number>();
  private readonly paceLog = new Map<number, number[]>();
  private readonly reachability = new Map<number, Reachability>();
  private readonly failures = new Map<string, Array<Required<Pick<Failure, 'times'>> & Failure>>();
  private readonly callbackQueries = new Map<string, CallbackQueryState>();
  private readonly commandLists = new Map<string, Array<{ command: string; description: string }>>();
  private readonly fileIds = new Map<string, { kind: 'photo' | 'document'; file: Loose }>();
  private queue: Loose[] = [];
  private allowedUpdates: string[] | null = null;
  private nextUpdateId = 700000001;
  private nextCallbackId = 1;
  private nextFileId = 1;
  private poller: Poller | null = null;
  private hook: WebhookState | null = null;
  private lastWebhookError: { date: number; message: string } | null = null;
  private readonly handlers: Record<string, Handler>;

  constructor(options: FakeTelegramOptions = {}) {
    this.botUser = {
      id: 7000000001,
      is_bot: true,
      first_name: 'TracBot',
      username: 'tracbot_test_bot',
      ...options.bot,
    };
    this.token = options.token ?? `${this.botUser.id}:AAFakeTokenForTestsOnly_0123456789abc`;
    this.now = options.now ?? Date.now;
    this.pacing = options.pacing ?? false;
    this.strictAmpersand = options.strictAmpersand ?? true;
    this.callbackQueryTtlMs = options.callbackQueryTtlMs ?? 15_000;
    for (const id of options.blockedUsers ?? []) this.reachability.set(id, 'blocked');
    for (const id of options.unstartedUsers ?? []) this.reachability.set(id, 'never-started');
    this.handlers = {
      // Everything the Bot API says of a bot in getMe (test/fixtures/telegram/responses/getMe.json).
      getMe: () =>
        fillIn(recorded('telegram/responses/getMe.json').result, {
          id: this.botUser.id,
          first_name: this.botUser.first_name,
          username: this.botUser.username,
        }),
      getUpdates: (p, signal) => this.getUpdates(p, signal),
      setWebhook: (p) => this.setWebhook(p),
      deleteWebhook: (p) => this.deleteWebhook(p),
      getWebhookInfo: () => this.webhookInfo(),
      sendMessage: (p) => this.sendMessage(p),
      editMessageText: (p) => this.editMessageText(p),
      editMessageReplyMarkup: (p) => this.editMessageReplyMarkup(p),
      deleteMessage: (p) => this.deleteMessage(p),
      answerCallbackQuery: (p) => this.answerCallbackQuery(p),
      setMyCommands: (p) => this.setMyCommands(p),
      getMyCommands: (p) => {
        this.checkScope(p);
        return this.commandLists.get(commandKey(p)) ?? [];
      },
      deleteMyCommands: (p) => {
        this.checkScope(p);
        this.commandLists.delete(commandKey(p));
        return true;
      },
      sendPhoto: (p) => this.sendFile(p, 'photo'),
      sendDocument: (p) => this.sendFile(p, 'document'),
      sendMediaGroup: (p) => this.sendMediaGroup(p),
      sendChatAction: (p) => this.sendChatAction(p),
      getChat: (p) => ({ ...this.knownChat(p) }),
    };
  }

  // ---- lifecycle -------------------------------------------------------------------------

  /** Listens on a random loopback port; returns the apiRoot to give telegraf. */
  async start(): Promise<string> {
    const server = createServer((req, res) => void this.serve(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.url;
  }

  /** Answers a pending long poll with no updates, then closes every connection. */
  async close(): Promise<void> {
    this.poller?.wake();
    const server = this.server;
    this.server = null;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      setImmediate(() => server.closeAllConnections());
    });
  }

  // ---- test drivers ----------------------------------------------------------------------

  /** Queues an update for getUpdates (an update_id is assigned when missing) and wakes a waiting long poll. */
  pushUpdate(update: object): Update {
    const full = this.absorb(update);
    this.queue.push(full);
    this.poller?.wake();
    return full as Update;
  }

  /**
   * POSTs the update to the registered webhook as Telegram does, with
   * `X-Telegram-Bot-Api-Secret-Token` set to `secret` (default: the registered secret; null: no
   * header). Returns the HTTP status. A method the bot writes into the response body is executed,
   * as Telegram does, and recorded with `via: 'webhook-reply'`.
   */
  async deliverWebhook(update: object, options: { secret?: string | null; timeoutMs?: number } = {}): Promise<number> {
    const hook = this.hook;
    if (!hook) throw new Error('deliverWebhook: no webhook is set (the bot must call setWebhook first)');
    const full = this.absorb(update);
    const secret = options.secret === undefined ? hook.secretToken : options.secret;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (secret != null) headers['x-telegram-bot-api-secret-token'] = secret;
    const response = await fetch(hook.url, {
      method: 'POST',
      headers,
      body: JSON.stringify(full),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    const body = Buffer.from(await response.arrayBuffer());
    if (!response.ok) {
      this.lastWebhookError = {
        date: Math.floor(this.now() / 1000),
        message: `Wrong response from the webhook: ${response.status} ${response.statusText}`,
      };
      return response.status;
    }
    const contentType = response.headers.get('content-type') ?? '';
    if (body.length > 0 && (contentType.includes('json') || contentType.includes('multipart/form-data'))) {
      try {
        const params = readBody(contentType, body);
        const method = params.method;
        delete params.method;
        if (typeof method === 'string')
          await this.invoke(method, params, 'webhook-reply', new AbortController().signal);
      } catch {
        // Telegram ignores a webhook response it cannot use.
      }
    }
    return response.status;
  }

  /** Makes the next `times` calls of `method` (or '*' for any) fail: 429 with retry_after by default. */
  failNext(method: string, failure: Failure = {}): void {
    const list = this.failures.get(method) ?? [];
    list.push({ ...failure, times: failure.times ?? 1 });
    this.failures.set(method, list);
  }

  setPacing(enabled: boolean): void {
    this.pacing = enabled;
  }

  /** Whether the bot may write to this user's private chat. A private message from the user makes it 'started'. */
  setReachability(userId: number, state: Reachability): void {
    this.reachability.set(userId, state);
  }

  /** Registers a chat so getChat knows it (chats in pushed or delivered updates are registered too). */
  addChat(chat: { id: number; type: string } & Loose): void {
    this.chats.set(chat.id, { ...chat });
  }

  // ---- inspection ------------------------------------------------------------------------

  calls(method?: string): ApiCall[] {
    return method ? this.log.filter((c) => c.method === method) : [...this.log];
  }

  /**
   * Resolves with the first answered call (from index `since` of the log) matching; rejects after
   * timeoutMs (an idle machine's, stretched by the run's slowness).
   */
  waitForCall(
    method: string,
    predicate: (call: ApiCall) => boolean = () => true,
    options: { timeoutMs?: number; since?: number } = {},
  ): Promise<ApiCall> {
    const matches = (c: ApiCall) => !c.pending && c.method === method && predicate(c);
    const found = this.log.slice(options.since ?? 0).find(matches);
    if (found) return Promise.resolve(found);
    const timeoutMs = scaled(options.timeoutMs ?? 3000);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.events.off('call', listener);
        reject(new Error(`waitForCall: no ${method} call within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (c: ApiCall) => {
        if (!matches(c)) return;
        clearTimeout(timer);
        this.events.off('call', listener);
        resolve(c);
      };
      this.events.on('call', listener);
    });
  }

  /** The bot's messages in a chat, oldest first, as they stand after edits (deleted ones only on request). */
  messages(chatId: number, options: { includeDeleted?: boolean } = {}): SentMessage[] {
    const all = [...(this.sent.get(chatId)?.values() ?? [])];
    return options.includeDeleted ? all : all.filter((m) => !m.deleted);
  }

  message(chatId: number, messageId: number): SentMessage | undefined {
    return this.sent.get(chatId)?.get(messageId);
  }

  files(): UploadedFile[] {
    return [...this.uploads];
  }

  /** The command list set for a scope and language (default scope, no language by default). */
  commands(scope: Loose = { type: 'default' }, languageCode = ''): Array<{ command: string; description: string }> {
    return this.commandLists.get(commandKey({ scope, language_code: languageCode })) ?? [];
  }

  /** Whether a getUpdates is waiting for updates right now. */
  get longPolling(): boolean {
    return this.poller !== null;
  }

  /** Resolves once a getUpdates is waiting (the bot is polling and idle); an idle machine's time limit, stretched. */
  waitForLongPoll(idleMs = 3000): Promise<void> {
    if (this.poller) return Promise.resolve();
    const timeoutMs = scaled(idleMs);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.events.off('poll', listener);
        reject(new Error(`waitForLongPoll: no long poll within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = () => {
        clearTimeout(timer);
        resolve();
      };
      this.events.once('poll', listener);
    });
  }

  webhook(): WebhookState | null {
    return this.hook ? { ...this.hook } : null;
  }

  /** Updates queued and not yet confirmed by a getUpdates offset. */
  pendingUpdates(): Update[] {
    return [...this.queue] as Update[];
  }

  // ---- update builders -------------------------------------------------------------------
  // Each returns a complete Update with a fresh update_id; message ids are taken from the same
  // per-chat sequence as the bot's own messages, as in Telegram.

  /** A text message from a user in the private chat with the bot; commands get bot_command entities. */
  privateText(text: string, options: { user?: UserInput; languageCode?: string } = {}): Update {
    const from = this.user(options.user, options.languageCode);
    const chat = privateChatOf(from);
    return this.messageUpdate(chat, from, text);
  }

  /** A text message from a user in a group chat. */
  groupText(text: string, options: { user?: UserInput; chat?: Loose } = {}): Update {
    return this.messageUpdate({ ...DEFAULT_GROUP, ...options.chat }, this.user(options.user), text);
  }

  /**
   * A user's message in a group answering one of the bot's messages (Telegram's `reply_to_message`
   * carries the message answered, its sender the bot).
   */
  groupReply(text: string, replyTo: number, options: { user?: UserInput; chat?: Loose } = {}): Update {
    const chat = { ...DEFAULT_GROUP, ...options.chat };
    const answered = this.message(chat.id, replyTo);
    if (!answered) throw new Error(`groupReply: the bot sent no message ${replyTo} in chat ${chat.id}`);
    const reply = { message_id: replyTo, from: { ...this.botUser }, chat, date: this.seconds(), text: answered.text };
    return this.messageUpdate(chat, this.user(options.user), text, { reply_to_message: reply });
  }

  /** `/command@botname args` in a group; `mention: false` leaves out the @botname. */
  groupCommand(
    command: string,
    options: { args?: string; mention?: boolean; user?: UserInput; chat?: Loose } = {},
  ): Update {
    const head = `/${command}${options.mention === false ? '' : `@${this.botUser.username}`}`;
    return this.groupText(options.args ? `${head} ${options.args}` : head, options);
  }

  /** The `/start <payload>` a user sends by opening t.me/<bot>?start=<payload>. */
  deepLinkStart(payload: string, options: { user?: UserInput } = {}): Update {
    return this.privateText(`/start ${payload}`, options);
  }

  /**
   * A user pressing a button of one of the bot's messages: give `data`, or `button` (the button's
   * text) to take its callback_data from the message as it stands.
   */
  callbackQuery(options: {
    chatId: number;
    messageId: number;
    data?: string;
    button?: string;
    user?: UserInput;
  }): Update {
    const stored = this.message(options.chatId, options.messageId);
    if (!stored)
      throw new Error(`callbackQuery: the bot sent no message ${options.messageId} in chat ${options.chatId}`);
    let data = options.data;
    if (options.button !== undefined) {
      const buttons: Loose[] = (stored.replyMarkup?.inline_keyboard ?? []).flat();
      const button = buttons.find((b) => b.text === options.button);
      if (!button) throw new Error(`callbackQuery: no button "${options.button}" on message ${options.messageId}`);
      data = button.callback_data;
    }
    const chat = stored.message.chat as Loose;
    const from = this.user(
      options.user ??
        (chat.type === 'private' ? { id: chat.id, first_name: chat.first_name, username: chat.username } : undefined),
    );
    return this.built({
      update_id: this.nextUpdateId++,
      callback_query: {
        id: `${this.botUser.id}${String(this.nextCallbackId++).padStart(6, '0')}`,
        from,
        message: structuredClone(stored.message),
        chat_instance: String(-(Math.abs(chat.id) % 1e9) - 4_000_000_000_000_000),
        ...(data !== undefined ? { data } : {}),
      },
    });
  }

  // DEFAULT_USER, or another user when an id is given (named after the id unless named here).
  private user(overrides: UserInput = {}, languageCode?: string): Loose {
    const id = overrides.id ?? DEFAULT_USER.id;
    const base: Loose =
      id === DEFAULT_USER.id
        ? { ...DEFAULT_USER }
        : { id, is_bot: false, first_name: `User ${id}`, username: `user${id}`, language_code: 'en' };
    const user: Loose = { ...base };
    for (const [key, value] of Object.entries(overrides)) if (value !== undefined) user[key] = value;
    if (languageCode !== undefined) user.language_code = languageCode;
    return user;
  }

  private messageUpdate(chat: Loose, from: Loose, text: string, extra: Loose = {}): Update {
    const entities = textEntities(text);
    const message: Loose = {
      message_id: this.allocateMessageId(chat.id),
      from,
      chat,
      date: this.seconds(),
      text,
      ...extra,
    };
    if (entities.length > 0) message.entities = entities;
    return this.built({ update_id: this.nextUpdateId++, message });
  }

  // What a built update says happened on the platform (the user wrote, pressed a button) holds
  // from the moment it is built, so `bot.handleUpdate(fake.callbackQuery(…))` works as well.
  private built(update: Loose): Update {
    return this.absorb(update) as Update;
  }

  // Registers what an incoming update tells the platform: chats, who started the bot, queries.
  // Idempotent, so an update built here and then pushed is registered once.
  private absorb(update: object): Loose {
    const full: Loose = { ...update };
    if (typeof full.update_id !== 'number') full.update_id = this.nextUpdateId++;
    else this.nextUpdateId = Math.max(this.nextUpdateId, full.update_id + 1);
    const message = full.message ?? full.edited_message ?? full.channel_post ?? full.callback_query?.message;
    if (message?.chat) {
      this.chats.set(message.chat.id, { ...this.chats.get(message.chat.id), ...message.chat });
      if (message.message_id > (this.lastMessageId.get(message.chat.id) ?? 0))
        this.lastMessageId.set(message.chat.id, message.message_id);
    }
    if (full.message?.chat?.type === 'private' && full.message.from)
      this.reachability.set(full.message.from.id, 'started');
    if (full.callback_query && !this.callbackQueries.has(full.callback_query.id))
      this.callbackQueries.set(full.callback_query.id, { at: this.now(), answered: false });
    const member = full.my_chat_member;
    if (member?.chat?.type === 'private') {
      this.reachability.set(member.chat.id, member.new_chat_member?.status === 'kicked' ? 'blocked' : 'started');
    }
    return full;
  }

  // ---- HTTP ------------------------------------------------------------------------------

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const controller = new AbortController();
    res.on('close', () => controller.abort());
    const url = new URL(req.url ?? '/', 'http://fake');
    const route = url.pathname.match(/^\/bot([^/]+)\/([^/]+)$/);
    if (!route) return reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    if (decodeURIComponent(route[1]!) !== this.token)
      return reply(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    let params: Params;
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      params = {
        ...Object.fromEntries(url.searchParams),
        ...readBody(req.headers['content-type'] ?? '', Buffer.concat(chunks)),
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return reply(res, 400, { ok: false, error_code: 400, description: `Bad Request: ${message}` });
    }
    const { status, body } = await this.invoke(decodeURIComponent(route[2]!), params, 'http', controller.signal);
    reply(res, status, body);
  }

  private async invoke(
    name: string,
    raw: Params,
    via: ApiCall['via'],
    signal: AbortSignal,
  ): Promise<{ status: number; body: Loose }> {
    // Method names are case-insensitive in the Bot API.
    const method = Object.keys(this.handlers).find((m) => m.toLowerCase() === name.toLowerCase());
    // Logged on arrival (a long poll shows up while it waits), completed when answered.
    const entry: ApiCall = { method: method ?? name, params: raw, at: this.now(), via, pending: true, ok: false };
    this.log.push(entry);
    const record = (outcome: Pick<ApiCall, 'params' | 'ok' | 'result' | 'errorCode' | 'description'>) => {
      for (const [key, value] of Object.entries(outcome))
        if (value !== undefined) Object.assign(entry, { [key]: value });
      entry.pending = false;
      this.events.emit('call', entry);
    };
    if (!method) {
      record({ params: raw, ok: false, errorCode: 404, description: 'Not Found: method not found' });
      return { status: 404, body: { ok: false, error_code: 404, description: 'Not Found: method not found' } };
    }
    let params = raw;
    try {
      params = normalize(raw);
      this.injectedFailure(method);
      const result = await this.handlers[method]!(params, signal);
      const description = method === 'setWebhook' || method === 'deleteWebhook' ? this.webhookDescription : undefined;
      record({ params, ok: true, result });
      return { status: 200, body: description ? { ok: true, result, description } : { ok: true, result } };
    } catch (caught) {
      // A fault in the fake itself surfaces as a 500 that names it, rather than a hung request.
      // (telegraf reports a 5xx by its status text only, hence the line on stderr).
      if (!(caught instanceof ApiError))
        process.stderr.write(
          `fake Bot API failed in ${method}: ${caught instanceof Error ? caught.stack : String(caught)}\n`,
        );
      const error =
        caught instanceof ApiError
          ? caught
          : new ApiError(500, `Internal Server Error: fake Bot API failed in ${method}: ${String(caught)}`);
      record({ params, ok: false, errorCode: error.code, description: error.description });
      const body: Loose = { ok: false, error_code: error.code, description: error.description };
      if (error.parameters) body.parameters = error.parameters;
      return { status: error.code, body };
    }
  }

  private injectedFailure(method: string): void {
    for (const key of [method, '*']) {
      const list = this.failures.get(key);
      const next = list?.[0];
      if (!list || !next) continue;
      if (--next.times <= 0) list.shift();
      if (next.errorCode === undefined || next.errorCode === 429) {
        const seconds = next.retryAfter ?? 1;
        throw new ApiError(429, next.description ?? `Too Many Requests: retry after ${seconds}`, {
          retry_after: seconds,
        });
      }
      throw new ApiError(next.errorCode, next.description ?? `Error ${next.errorCode}`);
    }
  }

  // ---- updates and webhook ---------------------------------------------------------------

  private async getUpdates(p: Params, signal: AbortSignal): Promise<Loose[]> {
    if (this.hook)
      throw new ApiError(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    const offset = typeof p.offset === 'number' ? p.offset : 0;
    if (offset > 0) this.queue = this.queue.filter((u) => u.update_id >= offset);
    else if (offset < 0) this.queue = this.queue.slice(offset);
    if (Array.isArray(p.allowed_updates))
      this.allowedUpdates = p.allowed_updates.length > 0 ? p.allowed_updates.map(String) : null;
    const limit = Math.min(100, Math.max(1, typeof p.limit === 'number' ? p.limit : 100));
    const timeout = Math.max(0, typeof p.timeout === 'number' ? p.timeout : 0);
    // A newer getUpdates ends the one still waiting.
    this.poller?.conflict(
      'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    );
    const available = () => {
      this.queue = this.queue.filter((u) => this.isAllowed(u));
      return this.queue.slice(0, limit);
    };
    if (available().length > 0 || timeout === 0) return available();
    const outcome = await new Promise<string | null>((resolve) => {
      const done = (value: string | null) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        if (this.poller === poller) this.poller = null;
        resolve(value);
      };
      const onAbort = () => done(null);
      const timer = setTimeout(() => done(null), timeout * 1000);
      const poller: Poller = { wake: () => done(null), conflict: (description) => done(description) };
      this.poller = poller;
      signal.addEventListener('abort', onAbort);
      this.events.emit('poll');
    });
    if (outcome) throw new ApiError(409, outcome);
    return available();
  }

  private isAllowed(update: Loose): boolean {
    const type = Object.keys(update).find((k) => k !== 'update_id') ?? '';
    return this.allowedUpdates ? this.allowedUpdates.includes(type) : !OPT_IN_UPDATES.has(type);
  }

  private webhookDescription: string | undefined;

  private setWebhook(p: Params): boolean {
    const url = str(p.url) ?? '';
    if (url === '') return this.deleteWebhook(p);
    // Telegram wants HTTPS on ports 443, 80, 88 or 8443; a test's webhook is plain HTTP on a random port.
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw badRequest('bad webhook: Failed to resolve host: Name or service not known');
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
      throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
    const secret = str(p.secret_token);
    if (secret !== undefined && secret.length > 256) throw badRequest('secret token is too long');
    if (secret !== undefined && !/^[A-Za-z0-9_-]*$/.test(secret))
      throw badRequest('secret token contains unallowed characters');
    const max = p.max_connections;
    if (max !== undefined && (typeof max !== 'number' || max < 1 || max > 100))
      throw badRequest('bad webhook: max_connections must be between 1 and 100');
    const next: WebhookState = { url };
    if (secret) next.secretToken = secret;
    if (typeof max === 'number') next.maxConnections = max;
    if (Array.isArray(p.allowed_updates)) next.allowedUpdates = p.allowed_updates.map(String);
    const ip = str(p.ip_address);
    if (ip) next.ipAddress = ip;
    this.webhookDescription =
      this.hook && JSON.stringify(this.hook) === JSON.stringify(next) ? 'Webhook is already set' : 'Webhook was set';
    this.hook = next;
    if (p.drop_pending_updates === true) this.queue = [];
    this.poller?.conflict(
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    );
    return true;
  }

  private deleteWebhook(p: Params): boolean {
    this.webhookDescription = this.hook ? 'Webhook was deleted' : 'Webhook is already deleted';
    this.hook = null;
    if (p.drop_pending_updates === true) this.queue = [];
    return true;
  }

  private webhookInfo(): Loose {
    const info: Loose = {
      url: this.hook?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: this.queue.length,
    };
    if (this.hook?.maxConnections !== undefined) info.max_connections = this.hook.maxConnections;
    if (this.hook?.allowedUpdates) info.allowed_updates = this.hook.allowedUpdates;
    if (this.hook?.ipAddress) info.ip_address = this.hook.ipAddress;
    if (this.hook && this.lastWebhookError) {
      info.last_error_date = this.lastWebhookError.date;
      info.last_error_message = this.lastWebhookError.message;
    }
    return info;
  }

  // ---- messages --------------------------------------------------------------------------

  private sendMessage(p: Params): Loose {
    const chat = this.targetChat(p);
    const source = str(p.text) ?? '';
    if (source === '') throw badRequest('message text is empty');
    const formatted = this.format(
      source,
      p.parse_mode,
      p.entities,
      TEXT_LIMIT,
      'message is too long',
      'message text is empty',
    );
    const markup = checkMarkup(p.reply_markup);
    this.checkReachable(chat);
    this.checkPace(chat, 'send');
    return this.store(chat, {
      kind: 'text',
      text: formatted.text,
      entities: formatted.entities,
      source,
      parseMode: str(p.parse_mode),
      replyMarkup: markup,
    }).message;
  }

  private editMessageText(p: Params): Loose {
    const stored = this.editable(p, 'message to edit not found');
    const source = str(p.text) ?? '';
    if (source === '') throw badRequest('message text is empty');
    if (stored.kind !== 'text') throw badRequest('there is no text in the message to edit');
    const formatted = this.format(
      source,
      p.parse_mode,
      p.entities,
      TEXT_LIMIT,
      'message is too long',
      'message text is empty',
    );
    const markup = checkMarkup(p.reply_markup, { inlineOnly: true });
    const chat = this.chatOf(stored.chatId);
    if (this.reachability.get(stored.chatId) === 'blocked')
      throw new ApiError(403, 'Forbidden: bot was blocked by the user');
    if (formatted.text === stored.text && same(formatted.entities, stored.entities) && same(markup, stored.replyMarkup))
      throw badRequest(NOT_MODIFIED);
    if (chat.type !== 'private') this.checkPace(chat, 'edit');
    // Editing the text without reply_markup removes the inline keyboard.
    Object.assign(stored, {
      text: formatted.text,
      entities: formatted.entities,
      source,
      parseMode: str(p.parse_mode),
      replyMarkup: markup,
    });
    return this.touch(stored).message;
  }

  private editMessageReplyMarkup(p: Params): Loose {
    const stored = this.editable(p, 'message to edit not found');
    const markup = checkMarkup(p.reply_markup, { inlineOnly: true });
    if (same(markup, stored.replyMarkup)) throw badRequest(NOT_MODIFIED);
    stored.replyMarkup = markup;
    return this.touch(stored).message;
  }

  private deleteMessage(p: Params): boolean {
    const chatId = this.chatIdOf(p);
    const messageId = p.message_id;
    if (typeof messageId !== 'number') throw badRequest('message identifier is not specified');
    const stored = this.message(chatId, messageId);
    if (!stored) {
      // A user's message: known only by its id, which the chat's sequence has passed.
      if (messageId > 0 && messageId <= (this.lastMessageId.get(chatId) ?? 0)) return true;
      throw badRequest('message to delete not found');
    }
    if (stored.deleted) throw badRequest('message to delete not found');
    if (this.now() - stored.sentAt > 48 * 3600 * 1000) throw badRequest("message can't be deleted for everyone");
    stored.deleted = true;
    return true;
  }

  private answerCallbackQuery(p: Params): boolean {
    const id = str(p.callback_query_id) ?? '';
    const query = this.callbackQueries.get(id);
    if (!query || query.answered || this.now() - query.at > this.callbackQueryTtlMs) {
      throw badRequest('query is too old and response timeout expired or query ID is invalid');
    }
    query.answered = true;
    return true;
  }

  private sendChatAction(p: Params): boolean {
    const chat = this.targetChat(p);
    if (!CHAT_ACTIONS.has(str(p.action) ?? '')) throw badRequest('wrong parameter action in request');
    this.checkReachable(chat);
    return true;
  }

  private sendFile(p: Params, field: 'photo' | 'document'): Loose {
    const chat = this.targetChat(p);
    const method = field === 'photo' ? 'sendPhoto' : 'sendDocument';
    let value = p[field];
    if (typeof value === 'string' && value.startsWith('attach://')) value = p[value.slice('attach://'.length)];
    if (value === undefined || value === '') throw badRequest(`there is no ${field} in the request`);
    const source = str(p.caption) ?? '';
    const formatted =
      source === ''
        ? { text: '', entities: [] }
        : this.format(source, p.parse_mode, p.caption_entities, CAPTION_LIMIT, 'message caption is too long', null);
    const markup = checkMarkup(p.reply_markup);
    let media: Loose;
    let upload: Omit<UploadedFile, 'chatId' | 'messageId' | 'at'>;
    if (value instanceof Upload) {
      if (value.data.length === 0) throw badRequest('file must be non-empty');
      if (value.data.length > UPLOAD_LIMIT) throw new ApiError(413, 'Request Entity Too Large');
      const fileId = this.fileId(field);
      upload = { method, field, fileId, bytes: value.data };
      if (value.filename !== undefined) upload.filename = value.filename;
      if (value.contentType !== undefined) upload.contentType = value.contentType;
      media = field === 'photo' ? photoSizes(fileId, value.data) : documentOf(fileId, value);
    } else if (typeof value === 'string' && /^https?:\/\//.test(value)) {
      const fileId = this.fileId(field);
      upload = { method, field, fileId, url: value };
      media =
        field === 'photo'
          ? [{ file_id: fileId, file_unique_id: uniqueId(fileId), width: 800, height: 600 }]
          : { file_id: fileId, file_unique_id: uniqueId(fileId), file_name: value.split('/').pop() ?? 'file' };
    } else if (typeof value === 'string' && this.fileIds.get(value)?.kind === field) {
      upload = { method, field, fileId: value };
      media = this.fileIds.get(value)!.file;
    } else {
      throw badRequest('wrong file identifier/HTTP URL specified');
    }
    this.checkReachable(chat);
    this.checkPace(chat, 'send');
    if (source !== '') upload.caption = formatted.text;
    this.fileIds.set(upload.fileId, { kind: field, file: media });
    const stored = this.store(chat, {
      kind: field,
      text: formatted.text,
      entities: formatted.entities,
      source,
      parseMode: str(p.parse_mode),
      replyMarkup: markup,
      media,
    });
    const file: UploadedFile = { ...upload, chatId: chat.id, messageId: stored.messageId, at: this.now() };
    stored.file = file;
    this.uploads.push(file);
    return stored.message;
  }

  // An album: 2–10 photos (or documents), each an item of `media` with its own caption, the
  // files attached by `attach://<name>`. Telegram answers with one Message per item, sharing a
  // media_group_id; an album cannot carry an inline keyboard.
  // https://core.telegram.org/bots/api#sendmediagroup
  private sendMediaGroup(p: Params): Loose[] {
    const chat = this.targetChat(p);
    const media = p.media;
    if (!Array.isArray(media)) throw badRequest("can't parse media JSON object");
    if (media.length < 2 || media.length > 10)
      throw badRequest('wrong number of media in the album: must be between 2 and 10');
    const kinds = new Set(media.map((m: Loose) => m?.type));
    for (const kind of kinds)
      if (!['photo', 'video', 'document', 'audio'].includes(kind))
        throw badRequest(`can't parse InputMedia: unsupported type "${String(kind)}"`);
    if ((kinds.has('document') || kinds.has('audio')) && kinds.size > 1)
      throw badRequest('documents and audio files can be only grouped in an album with messages of the same type');
    if (p.reply_markup !== undefined) throw badRequest('reply markup is not allowed in albums');
    const items = media.map((m: Loose) => {
      const value =
        typeof m.media === 'string' && m.media.startsWith('attach://') ? p[m.media.slice('attach://'.length)] : m.media;
      if (!(value instanceof Upload) && typeof value !== 'string')
        throw badRequest('wrong file identifier/HTTP URL specified');
      const source = str(m.caption) ?? '';
      const formatted =
        source === ''
          ? { text: '', entities: [] }
          : this.format(source, m.parse_mode, m.caption_entities, CAPTION_LIMIT, 'message caption is too long', null);
      return { type: String(m.type) as 'photo' | 'document', value, source, formatted, parseMode: str(m.parse_mode) };
    });
    this.checkReachable(chat);
    // One request: checked against the chat's pace once, counted as one message per item.
    this.checkPace(chat, 'send');
    const paced = this.paceLog.get(chat.id);
    if (this.pacing && paced) for (let i = 1; i < items.length; i++) paced.push(this.now());
    const groupId = String(13_000_000_000_000_000 + this.nextFileId);
    return items.map((item) => {
      const field = item.type === 'photo' ? 'photo' : 'document';
      const fileId = this.fileId(field);
      const upload: Omit<UploadedFile, 'chatId' | 'messageId' | 'at'> = {
        method: field === 'photo' ? 'sendPhoto' : 'sendDocument',
        field,
        fileId,
      };
      let file: Loose;
      if (item.value instanceof Upload) {
        if (item.value.data.length === 0) throw badRequest('file must be non-empty');
        upload.bytes = item.value.data;
        if (item.value.filename !== undefined) upload.filename = item.value.filename;
        file = field === 'photo' ? photoSizes(fileId, item.value.data) : documentOf(fileId, item.value);
      } else if (this.fileIds.get(item.value)?.kind === field) {
        file = this.fileIds.get(item.value)!.file;
      } else {
        throw badRequest('wrong file identifier/HTTP URL specified');
      }
      if (item.source !== '') upload.caption = item.formatted.text;
      this.fileIds.set(fileId, { kind: field, file });
      const stored = this.store(chat, {
        kind: field,
        text: item.formatted.text,
        entities: item.formatted.entities,
        source: item.source,
        parseMode: item.parseMode,
        replyMarkup: undefined,
        media: file,
      });
      stored.message.media_group_id = groupId;
      const uploaded: UploadedFile = { ...upload, chatId: chat.id, messageId: stored.messageId, at: this.now() };
      stored.file = uploaded;
      this.uploads.push(uploaded);
      return stored.message;
    });
  }

  private fileId(field: string): string {
    return `${field === 'photo' ? 'AgAC' : 'BQAC'}AgFake${String(this.nextFileId++).padStart(8, '0')}`;
  }

  // ---- commands --------------------------------------------------------------------------

  private setMyCommands(p: Params): boolean {
    const commands = p.commands ?? [];
    if (!Array.isArray(commands)) throw badRequest("can't parse commands JSON object");
    if (commands.length > 100) throw badRequest('BOT_COMMANDS_TOO_MUCH');
    const list = commands.map((c: unknown) => {
      if (typeof c !== 'object' || c === null) throw badRequest("can't parse BotCommand: Object expected");
      const { command, description } = c as Loose;
      if (typeof command !== 'string') throw badRequest(`can't parse BotCommand: Can't find field "command"`);
      if (typeof description !== 'string') throw badRequest(`can't parse BotCommand: Can't find field "description"`);
      if (!/^[a-z0-9_]{1,32}$/.test(command)) throw badRequest('BOT_COMMAND_INVALID');
      if (description.trim() === '') throw badRequest('command description must be non-empty');
      if (telegramLength(description) > 256) throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
      return { command, description };
    });
    this.checkScope(p);
    this.commandLists.set(commandKey(p), list);
    return true;
  }

  private checkScope(p: Params): void {
    const scope = (p.scope ?? { type: 'default' }) as Loose;
    if (typeof scope !== 'object' || !SCOPES.has(scope.type))
      throw badRequest(`can't parse BotCommandScope: unsupported type "${String(scope?.type)}"`);
    if (['chat', 'chat_administrators', 'chat_member'].includes(scope.type) && scope.chat_id === undefined)
      throw badRequest(`can't parse BotCommandScope: Can't find field "chat_id"`);
    if (scope.type === 'chat_member' && scope.user_id === undefined)
      throw badRequest(`can't parse BotCommandScope: Can't find field "user_id"`);
    const language = str(p.language_code) ?? '';
    if (language !== '' && !/^[a-z]{2}$/.test(language)) throw badRequest('invalid language code specified');
  }

  // ---- chats and rules -------------------------------------------------------------------

  private chatIdOf(p: Params): number {
    const raw = p.chat_id;
    if (raw === undefined || raw === '') throw badRequest('chat_id is empty');
    if (typeof raw === 'number') return raw;
    const name = String(raw);
    if (name.startsWith('@')) {
      const chat = [...this.chats.values()].find((c) => c.username?.toLowerCase() === name.slice(1).toLowerCase());
      if (chat) return chat.id;
    }
    throw badRequest('chat not found');
  }

  // The chat a message goes to: known from updates, or inferred from its id (positive: a user).
  private targetChat(p: Params): Loose {
    return this.chatOf(this.chatIdOf(p));
  }

  private chatOf(id: number): Loose {
    const known = this.chats.get(id);
    if (known) return known;
    if (id > 0) return { id, type: 'private', first_name: `User ${id}` };
    return id <= -1_000_000_000_000
      ? { id, type: 'supergroup', title: `Group ${id}` }
      : { id, type: 'group', title: `Group ${id}` };
  }

  private knownChat(p: Params): Loose {
    const chat = this.chats.get(this.chatIdOf(p));
    if (!chat) throw badRequest('chat not found');
    return chat;
  }

  private checkReachable(chat: Loose): void {
    if (chat.type !== 'private') return;
    const state = this.reachability.get(chat.id);
    if (state === 'blocked') throw new ApiError(403, 'Forbidden: bot was blocked by the user');
    if (state === 'never-started') throw new ApiError(403, "Forbidden: bot can't initiate conversation with a user");
  }

  private checkPace(chat: Loose, kind: 'send' | 'edit'): void {
    if (!this.pacing || chat.type === 'channel') return;
    const now = this.now();
    const group = chat.type !== 'private';
    if (!group && kind === 'edit') return;
    const window = group ? 60_000 : 1_000;
    const allowed = group ? 20 : 1;
    const recent = (this.paceLog.get(chat.id) ?? []).filter((t) => now - t < window);
    if (recent.length >= allowed) throw tooManyRequests(Math.max(1, Math.ceil((recent[0]! + window - now) / 1000)));
    recent.push(now);
    this.paceLog.set(chat.id, recent);
  }

  private format(
    source: string,
    parseMode: unknown,
    entities: unknown,
    limit: number,
    tooLong: string,
    empty: string | null,
  ): { text: string; entities: Entity[] } {
    const mode = str(parseMode)?.toLowerCase() ?? '';
    let result: { text: string; entities: Entity[] };
    if (mode === 'html') {
      try {
        result = parseHtml(source, { strictAmpersand: this.strictAmpersand });
      } catch (error) {
        if (error instanceof EntityParseError) throw badRequest(`can't parse entities: ${error.message}`);
        throw error;
      }
    } else if (mode === '' || mode === 'markdown' || mode === 'markdownv2') {
      // Markdown modes are passed through unparsed: only HTML is checked by this fake.
      result = { text: source.trim(), entities: Array.isArray(entities) ? (entities as Entity[]) : [] };
    } else {
      throw badRequest('unsupported parse_mode');
    }
    if (empty && result.text === '') throw badRequest(empty);
    if (telegramLength(result.text) > limit) throw badRequest(tooLong);
    return result;
  }

  private editable(p: Params, notFound: string): SentMessage {
    if (p.inline_message_id !== undefined) throw badRequest('MESSAGE_ID_INVALID');
    const chatId = this.chatIdOf(p);
    if (typeof p.message_id !== 'number') throw badRequest('message identifier is not specified');
    const stored = this.message(chatId, p.message_id);
    if (!stored || stored.deleted) throw badRequest(notFound);
    return stored;
  }

  // ---- message store ---------------------------------------------------------------------

  private allocateMessageId(chatId: number): number {
    const id = (this.lastMessageId.get(chatId) ?? 0) + 1;
    this.lastMessageId.set(chatId, id);
    return id;
  }

  private seconds(): number {
    return Math.floor(this.now() / 1000);
  }

  private store(
    chat: Loose,
    content: {
      kind: SentMessage['kind'];
      text: string;
      entities: Entity[];
      source: string;
      parseMode: string | undefined;
      replyMarkup: Loose | undefined;
      media?: Loose;
    },
  ): SentMessage {
    const messageId = this.allocateMessageId(chat.id);
    const stored: SentMessage = {
      chatId: chat.id,
      messageId,
      kind: content.kind,
      text: content.text,
      entities: content.entities,
      source: content.source,
      deleted: false,
      edits: 0,
      sentAt: this.now(),
      message: {},
    };
    if (content.parseMode !== undefined) stored.parseMode = content.parseMode;
    if (content.replyMarkup !== undefined) stored.replyMarkup = content.replyMarkup;
    const base: Loose = { message_id: messageId, from: { ...this.botUser }, chat: { ...chat }, date: this.seconds() };
    if (content.kind === 'photo') base.photo = content.media;
    if (content.kind === 'document') base.document = content.media;
    stored.message = base;
    const chatMessages = this.sent.get(chat.id) ?? new Map<number, SentMessage>();
    chatMessages.set(messageId, stored);
    this.sent.set(chat.id, chatMessages);
    return this.render(stored);
  }

  private touch(stored: SentMessage): SentMessage {
    stored.edits++;
    stored.editedAt = this.now();
    stored.message.edit_date = this.seconds();
    return this.render(stored);
  }

  // Rebuilds the Message object from the stored state, the way Telegram shapes it.
  private render(stored: SentMessage): SentMessage {
    const m = stored.message;
    const textKey = stored.kind === 'text' ? 'text' : 'caption';
    const entitiesKey = stored.kind === 'text' ? 'entities' : 'caption_entities';
    delete m.text;
    delete m.caption;
    delete m.entities;
    delete m.caption_entities;
    delete m.reply_markup;
    if (stored.text !== '') m[textKey] = stored.text;
    if (stored.entities.length > 0) m[entitiesKey] = structuredClone(stored.entities);
    if (stored.replyMarkup?.inline_keyboard) m.reply_markup = structuredClone(stored.replyMarkup);
    return stored;
  }
}

/** Starts a fake on a random loopback port. */
export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const fake = new FakeTelegram(options);
  await fake.start();
  return fake;
}

// ---- helpers ---------------------------------------------------------------------------------

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function str(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : String(value);
}

function readBody(contentType: string, body: Buffer): Params {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (body.length === 0) return {};
  if (type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw new Error("can't parse JSON encoded request body");
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('JSON object expected as request body');
    return parsed as Params;
  }
  if (type === 'application/x-www-form-urlencoded')
    return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
  if (type === 'multipart/form-data') {
    const boundary = boundaryOf(contentType);
    if (!boundary) throw new Error('multipart body without a boundary');
    try {
      const params: Params = {};
      for (const part of parseMultipart(body, boundary)) {
        params[part.name] =
          part.filename !== undefined
            ? new Upload(part.data, part.filename, part.contentType)
            : part.data.toString('utf8');
      }
      return params;
    } catch (error) {
      if (error instanceof MultipartError) throw new Error(`can't parse multipart request: ${error.message}`);
      throw error;
    }
  }
  return {};
}

// Form and multipart bodies carry every value as a string; the Bot API reads them by type.
function normalize(raw: Params): Params {
  const params: Params = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === null || value === undefined) continue;
    if (typeof value !== 'string') {
      params[key] = value;
    } else if (JSON_FIELDS.has(key)) {
      try {
        params[key] = JSON.parse(value);
      } catch {
        throw badRequest(
          key === 'reply_markup' ? "can't parse reply keyboard markup JSON object" : `can't parse ${key} JSON object`,
        );
      }
    } else if (INT_FIELDS.has(key) || (key === 'chat_id' && /^-?\d+$/.test(value))) {
      if (!/^-?\d+$/.test(value)) throw badRequest(`wrong parameter ${key} in request`);
      params[key] = Number(value);
    } else if (BOOL_FIELDS.has(key)) {
      params[key] = value === 'true' || value === '1';
    } else {
      params[key] = value;
    }
  }
  return params;
}

// Inline keyboards are checked the way the Bot API parses them; other keyboards pass through.
function checkMarkup(markup: unknown, options: { inlineOnly?: boolean } = {}): Loose | undefined {
  if (markup === undefined) return undefined;
  if (typeof markup !== 'object' || markup === null || Array.isArray(markup))
    throw badRequest("can't parse reply keyboard markup JSON object");
  const m = markup as Loose;
  if (m.inline_keyboard === undefined) {
    if (options.inlineOnly) throw badRequest("can't parse inline keyboard markup JSON object");
    return m;
  }
  if (!Array.isArray(m.inline_keyboard))
    throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array');
  for (const row of m.inline_keyboard) {
    if (!Array.isArray(row))
      throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
    for (const button of row) {
      if (typeof button !== 'object' || button === null || Array.isArray(button))
        throw badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
      if (typeof button.text !== 'string')
        throw badRequest(`can't parse inline keyboard button: Can't find field "text"`);
      const kinds = BUTTON_KINDS.filter((k) => button[k] !== undefined);
      if (kinds.length === 0)
        throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
      if (button.callback_data !== undefined) {
        const data = button.callback_data;
        if (typeof data !== 'string' || data === '' || Buffer.byteLength(data, 'utf8') > 64)
          throw badRequest('BUTTON_DATA_INVALID');
      }
      if (button.url !== undefined && !/^(https?|tg):\/\/\S+$/i.test(String(button.url)))
        throw badRequest('BUTTON_URL_INVALID');
    }
  }
  return { inline_keyboard: m.inline_keyboard };
}

function commandKey(p: Params): string {
  const scope = (p.scope ?? { type: 'default' }) as Loose;
  return JSON.stringify([scope.type, scope.chat_id ?? null, scope.user_id ?? null, str(p.language_code) ?? '']);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function privateChatOf(user: Loose): Loose {
  const chat: Loose = { id: user.id, type: 'private', first_name: user.first_name };
  if (user.last_name) chat.last_name = user.last_name;
  if (user.username) chat.username = user.username;
  return chat;
}

// Telegram marks `/command` and `/command@bot` at the start of the text or after whitespace.
/** The entities Telegram marks in a user's text: commands, and @username mentions. */
function textEntities(text: string): Entity[] {
  const entities: Entity[] = [];
  for (const match of text.matchAll(/(^|\s)(\/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?)(?=\s|$)/g)) {
    entities.push({ type: 'bot_command', offset: match.index! + match[1]!.length, length: match[2]!.length });
  }
  for (const match of text.matchAll(/(^|[^/\w])(@[A-Za-z0-9_]{5,32})(?![\w])/g)) {
    entities.push({ type: 'mention', offset: match.index! + match[1]!.length, length: match[2]!.length });
  }
  return entities.sort((a, b) => a.offset - b.offset);
}

function uniqueId(fileId: string): string {
  return `AQAD${fileId.slice(-8)}`;
}

function photoSizes(fileId: string, bytes: Buffer): Loose[] {
  const image = sniffImage(bytes);
  if (!image) throw badRequest('IMAGE_PROCESS_FAILED');
  const { width = 0, height = 0 } = image;
  if (width > 0 && height > 0 && (width + height > 10_000 || Math.max(width / height, height / width) > 20))
    throw badRequest('PHOTO_INVALID_DIMENSIONS');
  return [{ file_id: fileId, file_unique_id: uniqueId(fileId), width, height, file_size: bytes.length }];
}

function documentOf(fileId: string, upload: Upload): Loose {
  const name = upload.filename ?? 'document';
  const extension = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
  const mime = upload.contentType ?? MIME_BY_EXTENSION[extension] ?? 'application/octet-stream';
  return {
    file_id: fileId,
    file_unique_id: uniqueId(fileId),
    file_name: name,
    mime_type: mime,
    file_size: upload.data.length,
  };
}
