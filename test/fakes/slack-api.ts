// A fake Slack for tests, in both directions. Outbound, a loopback Web API that speaks Slack's
// wire format (`/api/<method>`, form or JSON bodies, Bearer token, `{ ok, error,
// response_metadata }`) so the real Bolt app and WebClient run against it unchanged through
// `clientOptions.slackApiUrl`; it also serves response URLs and files.uploadV2's upload URLs.
// Inbound, a driver that signs slash commands, interactivity and events the way Slack does and
// posts them to the app.
//
// It refuses what Slack refuses, with Slack's error names: Block Kit limits on messages and
// views, trigger ids used twice or after 3 s, a response URL used more than 5 times or after
// 30 minutes, a view updated with a stale hash, and 429 with Retry-After when a test asks for one.
// Conversations are modelled as Slack has them, with members: the bot posts, updates and shares
// files only where it is a member (`not_in_channel`), an ephemeral message needs its user in the
// channel (`user_not_in_channel`), a file is shared into a conversation id (C…, D…, G…), never a
// user id (`invalid_arguments`), and a direct message with the bot comes from conversations.open.
import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { scaled } from '../helpers/slowness.ts';
import { sendJson, serve } from '../helpers/serve.ts';
import { boundaryOf, parseMultipart } from './multipart.ts';
import { fillIn, recorded } from './recorded.ts';

// Payloads are free-form JSON here, as they are on the wire.
type Loose = Record<string, any>;

export interface SlackCall {
  method: string;
  body: Loose;
  /** What the fake answered: `ok`, or Slack's error name. */
  result: 'ok' | string;
}

export interface SlackFile {
  id: string;
  filename: string;
  title?: string;
  /** The description a screen reader reads (getUploadURLExternal's alt_text). */
  altText?: string;
  channel?: string;
  bytes: Buffer;
}

/** A conversation: its members (user ids; `all` for a channel every test user is in). */
export interface SlackConversation {
  id: string;
  members: Set<string> | 'all';
  botIn: boolean;
}

/** Slack's documented limits, as the fake enforces them. */
const limits = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  actionsElements: 25,
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  staticOptions: 100,
  optionText: 75,
  optionValue: 150,
  viewTitle: 24,
  privateMetadata: 3000,
  messageText: 40_000,
  triggerTtlMs: 3000,
  responseUrlUses: 5,
  responseUrlTtlMs: 30 * 60_000,
} as const;

export const TEAM = 'T0TEST';
export const BOT_TOKEN = 'xoxb-test';
const BOT_USER = 'UBOT';
const BOT_ID = 'BBOT';
const APP_ID = 'A0APP';

/** Slack's conversation ids: public (C), private (G) and direct (D) conversations. */
const CONVERSATION_ID = /^[CDG][A-Z0-9]+$/;
const USER_ID = /^[UW][A-Z0-9]+$/;

/** A user's full name as users.info gives it: `Ada U0ADMIN` for U0ADMIN. */
const realNameOf = (user: string) => `Ada ${user}`;

export async function startFakeSlack(options: { locales?: Record<string, string>; now?: () => number } = {}) {
  const now = options.now ?? Date.now;
  const calls: SlackCall[] = [];
  const responses: { id: string; body: Loose; at: number }[] = [];
  const files = new Map<string, SlackFile>();
  const views = new Map<string, { view: Loose; hash: string; user?: string }>();
  const triggers = new Map<string, { issuedAt: number; used: boolean }>();
  const responseUrls = new Map<string, { uses: number; issuedAt: number }>();
  const conversations = new Map<string, SlackConversation>();
  /** The bot's direct conversation with a user, as conversations.open makes it. */
  const openDm = (user: string) => {
    const id = `D${user.slice(1)}`;
    if (!conversations.has(id)) conversations.set(id, { id, members: new Set([user, BOT_USER]), botIn: true });
    return id;
  };
  const isMember = (conversation: SlackConversation, user: string) =>
    conversation.members === 'all' || conversation.members.has(user);
  /** Why the bot may not write to `channel` (Slack's error name), or nothing when it may. */
  const cannotWrite = (channel: string | undefined): string | undefined => {
    if (!channel) return 'channel_not_found';
    // chat.postMessage to a user id posts in the bot's direct conversation with them.
    if (USER_ID.test(channel)) return undefined;
    const conversation = conversations.get(channel);
    if (!conversation) return 'channel_not_found';
    return conversation.botIn ? undefined : 'not_in_channel';
  };
  const failures = new Map<string, { retryAfter?: number; error?: string; stall?: true; times: number }>();
  /** An injected failure for `method` (or `respond`, for response URLs), used up one call at a time. */
  const takeFailure = (method: string) => {
    const injected = failures.get(method);
    if (injected && --injected.times <= 0) failures.delete(method);
    return injected;
  };
  const locales = { ...options.locales };
  let serial = 0;
  const next = () => ++serial;

  function answer(
    res: ServerResponse,
    call: SlackCall,
    status: number,
    body: Loose,
    headers: Record<string, string> = {},
  ) {
    calls.push(call);
    sendJson(res, status, body, headers);
  }

  const server = await serve(async (req, res) => {
    const path = (req.url ?? '').split('?')[0]!;
    const raw = await readRaw(req);
    if (path.startsWith('/upload/')) {
      const file = files.get(path.slice('/upload/'.length));
      if (!file) return sendJson(res, 404, { ok: false });
      // The Web API client sends the bytes as the one part of a multipart form.
      const boundary = boundaryOf(req.headers['content-type'] ?? '');
      file.bytes = boundary ? (parseMultipart(raw, boundary)[0]?.data ?? Buffer.alloc(0)) : raw;
      res.writeHead(200).end('OK - ' + file.bytes.length);
      return;
    }
    const body = parseBody(req, raw);
    if (path.startsWith('/respond/')) {
      // A Slack that takes the request and never answers it.
      if (takeFailure('respond')?.stall) return void calls.push({ method: 'respond', body, result: 'stalled' });
      const id = path.slice('/respond/'.length);
      const url = responseUrls.get(id);
      if (url === undefined) return sendJson(res, 404, { ok: false, error: 'invalid_url' });
      if (url.uses >= limits.responseUrlUses) return sendJson(res, 404, { ok: false, error: 'used_url' });
      if (now() - url.issuedAt > limits.responseUrlTtlMs)
        return sendJson(res, 404, { ok: false, error: 'expired_url' });
      url.uses++;
      const problems = body.delete_original ? [] : checkMessage(body);
      if (problems.length > 0) return sendJson(res, 400, { ok: false, error: 'invalid_blocks', ...refusal(problems) });
      responses.push({ id, body, at: performance.now() });
      return sendJson(res, 200, { ok: true });
    }

    const method = path.replace(/^\/api\//, '');
    const call: SlackCall = { method, body, result: 'ok' };
    const fail = (error: string, extra: Loose = {}) => {
      call.result = error;
      answer(res, call, 200, { ok: false, error, ...extra });
    };
    const ok = (result: Loose = {}) => answer(res, call, 200, { ok: true, ...result });
    if (req.headers.authorization !== `Bearer ${BOT_TOKEN}`) return fail('invalid_auth');
    const injected = takeFailure(method);
    if (injected) {
      if (injected.stall) return void calls.push({ ...call, result: 'stalled' });
      if (injected.retryAfter !== undefined) {
        call.result = 'ratelimited';
        return answer(
          res,
          call,
          429,
          { ok: false, error: 'ratelimited' },
          { 'retry-after': String(injected.retryAfter) },
        );
      }
      return fail(injected.error!);
    }

    switch (method) {
      case 'auth.test':
        return ok({
          url: 'https://tracbot-test.slack.com/',
          team: 'Test',
          team_id: TEAM,
          user: 'tracbot',
          user_id: BOT_USER,
          bot_id: BOT_ID,
        });
      case 'users.info': {
        if (!body.user) return fail('user_not_found');
        const name = realNameOf(body.user);
        const answer = fillIn(recorded('slack/web-api/users.info.json'), {
          'user.id': body.user,
          'user.team_id': TEAM,
          'user.name': String(body.user).toLowerCase(),
          'user.real_name': name,
          'user.profile.real_name': name,
          'user.profile.real_name_normalized': name,
          'user.profile.display_name': '',
          'user.profile.display_name_normalized': '',
          'user.profile.team': TEAM,
        });
        // `include_locale` adds the user's locale (https://docs.slack.dev/reference/methods/users.info).
        return ok({ user: { ...answer.user, locale: locales[body.user] ?? 'en-US' } });
      }
      case 'conversations.open': {
        const users = String(body.users ?? '')
          .split(',')
          .filter(Boolean);
        if (users.length !== 1 || !USER_ID.test(users[0]!))
          return fail(users.length === 0 ? 'users_list_not_supplied' : 'user_not_found');
        return ok({ channel: { id: openDm(users[0]!) } });
      }
      case 'chat.postMessage':
      case 'chat.postEphemeral':
      case 'chat.update': {
        const refused = cannotWrite(body.channel);
        if (refused) return fail(refused);
        if (method === 'chat.update' && USER_ID.test(body.channel)) return fail('channel_not_found');
        if (method === 'chat.postEphemeral') {
          if (!body.user) return fail('user_not_found');
          const conversation = conversations.get(body.channel);
          if (!conversation || !isMember(conversation, body.user)) return fail('user_not_in_channel');
        }
        if (method === 'chat.update' && !body.ts) return fail('message_not_found');
        if (!body.text && !body.blocks) return fail('no_text');
        const problems = checkMessage(body);
        if (String(body.text ?? '').length > limits.messageText) return fail('msg_too_long');
        if (problems.length > 0) return fail('invalid_blocks', refusal(problems));
        const ts = body.ts ?? `1700000000.${String(next()).padStart(6, '0')}`;
        if (method === 'chat.postEphemeral') return ok({ message_ts: ts });
        // The message as posted, by the bot user (test/fixtures/slack/web-api/chat.update.json):
        // a new one carries its `ts`, an updated one when it was edited, and chat.update repeats
        // the text at the top.
        const message = {
          type: 'message',
          text: String(body.text ?? ''),
          user: BOT_USER,
          bot_id: BOT_ID,
          app_id: APP_ID,
          team: TEAM,
          ...(body.blocks ? { blocks: body.blocks } : {}),
          ...(method === 'chat.update'
            ? { edited: { user: BOT_ID, ts: `${Math.floor(now() / 1000)}.000000` } }
            : { ts }),
        };
        return method === 'chat.update'
          ? ok({ channel: body.channel, ts, text: message.text, message })
          : ok({ channel: body.channel, ts, message });
      }
      case 'views.open':
      case 'views.publish':
      case 'views.update': {
        const view = body.view as Loose | undefined;
        if (!view) return fail('invalid_arguments');
        if (method === 'views.open') {
          const trigger = triggers.get(body.trigger_id);
          if (!trigger || trigger.used) return fail('invalid_trigger_id');
          trigger.used = true;
          if (now() - trigger.issuedAt > limits.triggerTtlMs) return fail('expired_trigger_id');
        }
        if (method === 'views.update') {
          const current = views.get(body.view_id);
          if (!current) return fail('not_found');
          if (body.hash && body.hash !== current.hash) return fail('hash_conflict');
        }
        const problems = checkView(view);
        if (problems.length > 0)
          return fail('invalid_arguments', { response_metadata: refusal(problems).response_metadata });
        const id =
          method === 'views.update' ? body.view_id : method === 'views.publish' ? `VHOME${body.user_id}` : `V${next()}`;
        const stored = viewAsStored(view, id, `${Math.floor(now() / 1000)}.h${next()}`);
        views.set(id, { view: stored, hash: stored.hash, user: body.user_id });
        return ok({ view: stored });
      }
      case 'files.getUploadURLExternal': {
        if (!body.filename || !body.length) return fail('invalid_arguments');
        const id = `F${next()}`;
        files.set(id, {
          id,
          filename: body.filename,
          bytes: Buffer.alloc(0),
          ...(body.alt_text ? { altText: body.alt_text } : {}),
        });
        return ok({ upload_url: `${server.url}/upload/${id}`, file_id: id });
      }
      case 'files.completeUploadExternal': {
        const listed = (body.files ?? []) as { id: string; title?: string }[];
        if (listed.length === 0 || listed.some((f) => !files.get(f.id)?.bytes.length)) return fail('invalid_arguments');
        // Sharing needs a conversation id, not a user id, in a conversation the bot is in.
        if (body.channel_id !== undefined) {
          if (!CONVERSATION_ID.test(String(body.channel_id))) return fail('invalid_arguments');
          const refused = cannotWrite(body.channel_id);
          if (refused) return fail(refused);
        }
        for (const f of listed) Object.assign(files.get(f.id)!, { title: f.title, channel: body.channel_id });
        // A file without a title is titled by its name.
        return ok({ files: listed.map((f) => ({ id: f.id, title: f.title ?? files.get(f.id)!.filename })) });
      }
      default:
        return fail('unknown_method');
    }
  });

  return {
    url: server.url,
    /** What the Bolt app's clientOptions.slackApiUrl should be. */
    apiUrl: `${server.url}/api/`,
    calls,
    responses,
    files,
    views,
    conversations,
    /** A conversation the tests talk in: who is in it (default everyone), and whether the bot is. */
    addConversation(id: string, options: { members?: string[]; botIn?: boolean } = {}) {
      conversations.set(id, {
        id,
        members: options.members ? new Set(options.members) : 'all',
        botIn: options.botIn ?? true,
      });
    },
    /** A trigger id as Slack puts in a slash command or a click: single use, valid 3 s. */
    triggerId(): string {
      const id = `trigger.${next()}`;
      triggers.set(id, { issuedAt: now(), used: false });
      return id;
    },
    /** A response URL as Slack puts in a slash command or a click: 5 uses. */
    responseUrl(): string {
      const id = String(next());
      responseUrls.set(id, { uses: 0, issuedAt: now() });
      return `${server.url}/respond/${id}`;
    },
    /**
     * The next call (or `times` calls) of `method` is answered with 429 and Retry-After, or with a
     * Slack error, or never answered (`stall`; `respond` stalls response URLs).
     */
    failNext(method: string, failure: { retryAfter: number } | { error: string } | { stall: true }, times = 1) {
      failures.set(method, { ...failure, times });
    },
    setLocale(user: string, locale: string) {
      locales[user] = locale;
    },
    /** Resolves with the first recorded call that matches (waiting up to 5 s for it on an idle machine). */
    async waitForCall(
      method: string,
      matches: (call: SlackCall) => boolean = () => true,
      timeoutMs?: number,
    ): Promise<SlackCall> {
      return until(() => calls.find((c) => c.method === method && matches(c)), method, timeoutMs);
    },
    async waitForResponse(matches: (body: Loose) => boolean = () => true): Promise<Loose> {
      return (await until(() => responses.find((r) => matches(r.body)), 'a response')).body;
    },
    reset() {
      calls.length = 0;
      responses.length = 0;
    },
    close: server.close,
  };
}

export type FakeSlack = Awaited<ReturnType<typeof startFakeSlack>>;

/**
 * Signs and posts requests to a Bolt app the way Slack does, and reads what the app answers. Each
 * request is a recorded one (test/fixtures/slack/requests/) filled in with the test's values.
 */
export function slackDriver(fake: FakeSlack, target: string, secret: string) {
  async function post(body: string, contentType: string, headers: Record<string, string> = sign(secret, body)) {
    const started = performance.now();
    const res = await fetch(target, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
    const text = await res.text();
    return { status: res.status, body: text ? safeJson(text) : {}, ms: performance.now() - started };
  }
  const form = (payload: Loose) =>
    post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded');
  const sender = (id: string) => ({
    'team.id': TEAM,
    'user.id': id,
    'user.username': id.toLowerCase(),
    'user.name': id.toLowerCase(),
    'user.team_id': TEAM,
  });

  return {
    post,
    /** `/tracpro <text>` typed by `userId` in `channel`. */
    slash(userId: string, text: string, channel = 'C0CHAN') {
      const command = fillIn(recorded('slack/requests/slash-command.json'), {
        command: '/tracpro',
        text,
        user_id: userId,
        user_name: userId.toLowerCase(),
        team_id: TEAM,
        channel_id: channel,
        trigger_id: fake.triggerId(),
        response_url: fake.responseUrl(),
      });
      const body = new URLSearchParams(command).toString();
      return { body, send: () => post(body, 'application/x-www-form-urlencoded') };
    },
    /** A click on a button in a message (or on App Home, without a channel). */
    click(
      userId: string,
      value: string,
      options: { actionTs?: string; channel?: string | null; responseUrl?: string; actionId?: string } = {},
    ) {
      const channel = options.channel === undefined ? 'C0CHAN' : options.channel;
      const payload = fillIn(recorded('slack/requests/block-actions.json'), {
        ...sender(userId),
        'channel.id': channel ?? '',
        'container.channel_id': channel ?? '',
        response_url: options.responseUrl ?? fake.responseUrl(),
        trigger_id: fake.triggerId(),
        'actions.0.action_id': options.actionId ?? 'command:0',
        'actions.0.block_id': 'b',
        'actions.0.value': value,
        'actions.0.action_ts': options.actionTs ?? String(Date.now() / 1000),
      });
      if (channel) return form(payload);
      // A click on App Home comes from a view: no conversation, no response URL
      // (https://docs.slack.dev/reference/interaction-payloads/block_actions-payload).
      const { channel: _channel, response_url: _url, ...fromView } = payload;
      return form({ ...fromView, container: { type: 'view', view_id: `VHOME${userId}` }, view: { type: 'home' } });
    },
    /** Submits an open modal with values per block (strings for text, arrays for selects). */
    async submit(userId: string, viewId: string, values: Record<string, string | string[] | { user: string }>) {
      const view = fake.views.get(viewId)!.view;
      const state: Loose = {};
      for (const block of view.blocks as Loose[]) {
        if (block.type !== 'input') continue;
        const given = values[block.block_id];
        const type = block.element.type as string;
        const element: Loose = { type };
        if (type === 'users_select')
          element.selected_user = given && typeof given === 'object' && 'user' in given ? given.user : null;
        else if (type.startsWith('multi_'))
          element.selected_options = ((given as string[]) ?? []).map((value) => ({ value }));
        else if (type.endsWith('select')) element.selected_option = given ? { value: given as string } : null;
        else element.value = (given as string) ?? null;
        state[block.block_id] = { [block.element.action_id]: element };
      }
      const answered = await form(
        fillIn(recorded('slack/requests/view-submission.json'), {
          ...sender(userId),
          trigger_id: fake.triggerId(),
          view: { ...view, state: { values: state } },
        }),
      );
      // `response_action: update` replaces the modal, as views.update would.
      if (answered.body.response_action === 'update') {
        const stored = { ...answered.body.view, id: viewId, hash: `h${Date.now()}` };
        fake.views.set(viewId, { view: stored, hash: stored.hash });
      }
      return answered;
    },
    /** What a searching select asks for as the user types (no recording of this one was found). */
    suggest(userId: string, viewId: string, blockId: string, query: string) {
      const view = fake.views.get(viewId)!.view;
      return form({
        type: 'block_suggestion',
        team: { id: TEAM },
        user: { id: userId, team_id: TEAM, username: userId.toLowerCase() },
        view,
        block_id: blockId,
        action_id: 'value',
        value: query,
      });
    },
    /** An Events API delivery; `retry` adds Slack's retry headers. */
    event(eventId: string, event: Loose, retry?: number) {
      const body = JSON.stringify(
        fillIn(recorded('slack/requests/app-mention.json'), {
          team_id: TEAM,
          api_app_id: APP_ID,
          event_id: eventId,
          event_time: Math.floor(Date.now() / 1000),
          event,
          'authorizations.0.team_id': TEAM,
          'authorizations.0.user_id': BOT_USER,
          'authorizations.0.is_bot': true,
        }),
      );
      const headers = {
        ...sign(secret, body),
        ...(retry ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' } : {}),
      };
      return post(body, 'application/json', headers);
    },
  };
}

export function sign(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)) {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) };
}

/** How Slack words a refusal of blocks: each problem in `errors`, and again in `response_metadata`. */
const refusal = (problems: string[]) => ({
  errors: problems,
  response_metadata: { messages: problems.map((p) => `[ERROR] ${p}`) },
});

/** What Slack fills in on a view itself, beside what the app sent. */
const SET_BY_SLACK = ['id', 'hash', 'root_view_id', 'team_id', 'app_id', 'bot_id', 'external_id', 'state'];
const VIEW_DEFAULTS = ['callback_id', 'private_metadata', 'clear_on_close', 'notify_on_close'];

/** A view as Slack keeps and returns it (test/fixtures/slack/web-api/views.open.json). */
function viewAsStored(view: Loose, id: string, hash: string): Loose {
  const template = fillIn(recorded('slack/web-api/views.open.json').view, {
    id,
    hash,
    root_view_id: id,
    team_id: TEAM,
    app_id: APP_ID,
    bot_id: BOT_ID,
    callback_id: '',
    private_metadata: '',
    'state.values': {},
  });
  const slackSide = Object.fromEntries(
    Object.entries(template).filter(([key]) => SET_BY_SLACK.includes(key) || VIEW_DEFAULTS.includes(key)),
  );
  return { ...slackSide, ...view, id, hash };
}

/** What Slack would say is wrong with a message's blocks (empty when nothing is). */
function checkMessage(message: Loose): string[] {
  const blocks = (message.blocks ?? []) as Loose[];
  const problems = checkBlocks(blocks, limits.messageBlocks);
  if (String(message.text ?? '').length > limits.messageText) problems.push(`text longer than ${limits.messageText}`);
  return problems;
}

function checkView(view: Loose): string[] {
  const problems = checkBlocks((view.blocks ?? []) as Loose[], limits.viewBlocks);
  if (view.type === 'modal') {
    for (const key of ['title', 'submit', 'close']) {
      if (view[key] && [...String(view[key].text)].length > limits.viewTitle)
        problems.push(`${key} longer than ${limits.viewTitle}`);
    }
    if (!view.title) problems.push('a modal needs a title');
    if ((view.blocks as Loose[]).some((b) => b.type === 'input') && !view.submit)
      problems.push('a modal with inputs needs a submit button');
  }
  if (String(view.private_metadata ?? '').length > limits.privateMetadata) problems.push('private_metadata too long');
  return problems;
}

function checkBlocks(blocks: Loose[], maxBlocks: number): string[] {
  const problems: string[] = [];
  const text = (value: Loose | undefined, max: number, where: string) => {
    if (value && [...String(value.text ?? '')].length > max) problems.push(`${where}: text longer than ${max}`);
  };
  if (blocks.length > maxBlocks) problems.push(`${blocks.length} blocks, more than ${maxBlocks}`);
  const blockIds = new Set<string>();
  const actionIds = new Set<string>();
  blocks.forEach((block, i) => {
    const where = `blocks[${i}]`;
    if (block.block_id) {
      if (blockIds.has(block.block_id)) problems.push(`${where}: block_id repeated`);
      if (String(block.block_id).length > limits.blockId) problems.push(`${where}: block_id too long`);
      blockIds.add(block.block_id);
    }
    if (block.type === 'header') text(block.text, limits.headerText, where);
    if (block.type === 'section') {
      text(block.text, limits.sectionText, where);
      if ((block.fields ?? []).length > limits.sectionFields)
        problems.push(`${where}: more than ${limits.sectionFields} fields`);
      for (const field of block.fields ?? []) text(field, limits.fieldText, `${where}.fields`);
    }
    if (block.type === 'context' && (block.elements ?? []).length > limits.contextElements)
      problems.push(`${where}: more than ${limits.contextElements} elements`);
    const elements = block.type === 'actions' ? (block.elements ?? []) : block.element ? [block.element] : [];
    if (block.type === 'actions' && elements.length > limits.actionsElements)
      problems.push(`${where}: more than ${limits.actionsElements} elements`);
    for (const element of elements as Loose[]) {
      if (element.action_id) {
        if (actionIds.has(element.action_id) && block.type === 'actions') problems.push(`${where}: action_id repeated`);
        if (String(element.action_id).length > limits.actionId) problems.push(`${where}: action_id too long`);
        actionIds.add(element.action_id);
      }
      if (element.type === 'button') {
        text(element.text, limits.buttonText, `${where} button`);
        if (String(element.value ?? '').length > limits.buttonValue) problems.push(`${where}: button value too long`);
      }
      if (element.options) {
        if (element.options.length > limits.staticOptions)
          problems.push(`${where}: more than ${limits.staticOptions} options`);
        for (const option of element.options as Loose[]) {
          text(option.text, limits.optionText, `${where} option`);
          if (String(option.value).length > limits.optionValue) problems.push(`${where}: option value too long`);
        }
      }
    }
  });
  return problems;
}

async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'files', 'file_uploads', 'metadata']);

/** Slack's Web API takes form bodies whose nested values are JSON, or JSON bodies. */
function parseBody(req: IncomingMessage, raw: Buffer): Loose {
  const text = raw.toString('utf8');
  if ((req.headers['content-type'] ?? '').includes('json')) return text ? JSON.parse(text) : {};
  const values: Loose = {};
  for (const [key, value] of new URLSearchParams(text)) {
    values[key] = JSON_FIELDS.has(key) ? safeJson(value) : value;
  }
  return values;
}

function safeJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Waits for `read` to return something; `idleMs` is stretched by the run's slowness. */
async function until<T>(read: () => T | undefined, what: string, idleMs = 5000): Promise<T> {
  const timeoutMs = scaled(idleMs);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (${timeoutMs} ms)`);
    await sleep(20);
  }
}
