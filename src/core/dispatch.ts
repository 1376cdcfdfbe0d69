// Every command, typed or clicked, goes through here: identify the user → parse → check the
// role → run → turn any failure into a translated reply. Nothing thrown reaches the platform.
import { randomUUID } from 'node:crypto';
import pTimeout from 'p-timeout';
import { closest, distance } from 'fastest-levenshtein';
import type { Command, CommandContext, Scope, Services, User } from './command.ts';
import type { I18n, TranslationKey, Translator } from './i18n.ts';
import type { Invocation } from './invocation.ts';
import type { Notifier } from './notifier.ts';
import { note, paragraph, type Reply } from './reply.ts';
import { MAX_COMMAND_LENGTH, tokenize } from './tokenize.ts';
import { markPrivacy } from './privacy.ts';
import { userKey } from './rate-limits.ts';
import { UserError } from './user-error.ts';
import { classifyOutage } from './classify-outage.ts';
import { answerQuestion, isOtherReading, withEcho, type QuestionAnswer } from './answer-question.ts';
import { isGrammarWord } from '../understand/grammar.ts';
import { findUser, type LinkedUser } from '../db/queries/find-user.ts';
import { loadRegionTree } from '../db/queries/load-region-tree.ts';
import { withDescendants, type RegionTree } from '../domain/region-tree.ts';
import { describeRapidProFailure } from '../rapidpro/describe-failure.ts';
import { ChartUnavailableError } from '../charts/chart-spec.ts';

export interface DispatchDeps {
  commands: readonly Command[];
  services: Services;
  i18n: I18n;
  /** Told of every command's outcome and duration (metrics). */
  observe?(command: string, outcome: 'ok' | 'user_error' | 'error', seconds: number): void;
  /**
   * How long a person waits at most. Every call a command makes has a shorter limit of its own;
   * this one catches what has none, such as a database that holds its connections and never answers.
   */
  timeLimitMs?: number;
  /** Where the outcome of a command that outlived its time limit is posted, once it has one. */
  notifier?: Notifier;
}

/** Longer than any single call a command makes (RapidPro, charts), short enough for a person. */
const DEFAULT_TIME_LIMIT_MS = 20_000;
/** Left at the end of the time limit for the answer to be written and sent. */
const ANSWER_MARGIN_MS = 1_000;

export type Dispatch = (invocation: Invocation) => Promise<Reply>;

interface Answer {
  reply: Reply;
  command?: string;
  outcome: 'ok' | 'user_error' | 'error';
}

export function createDispatch({
  commands,
  services,
  i18n,
  observe,
  timeLimitMs = DEFAULT_TIME_LIMIT_MS,
  notifier,
}: DispatchDeps): Dispatch {
  const byName = new Map<string, Command>();
  for (const command of commands) {
    for (const name of [command.name, ...(command.aliases ?? [])]) byName.set(name, command);
  }

  return async function dispatch(invocation) {
    const started = performance.now();
    const reply = await withinTimeLimit(invocation);
    observe?.(reply.command ?? 'unknown', reply.outcome, (performance.now() - started) / 1000);
    // Who may see it is what the command declares it holds, whatever the reply itself says.
    return markPrivacy(reply.reply, reply.command === undefined ? undefined : byName.get(reply.command)?.holds);
  };

  /**
   * The answer, or, when it is not there in time, a reply that says so; the work carries on, and
   * its outcome is posted in the same chat when it comes.
   */
  function withinTimeLimit(invocation: Invocation): Promise<Answer> {
    const work = answer(invocation);
    return pTimeout(work, {
      milliseconds: timeLimitMs,
      fallback: () => {
        // The command word only: the rest of a line may hold a secret (setup connect's token).
        const word = invocation.text.trim().split(/\s/, 1)[0] ?? '';
        services.log.warn(
          { platform: invocation.platform, command: word, limitMs: timeLimitMs },
          'command not answered in time',
        );
        const translator = i18n.forLanguage(invocation.locale);
        const seconds = Math.round(timeLimitMs / 1000);
        if (notifier) void work.then((late) => postLate(invocation, word, seconds, late));
        return {
          reply: errorReply(translator, notifier ? 'errors.tookTooLongFollows' : 'errors.tookTooLong', { seconds }),
          outcome: 'error' as const,
        };
      },
    });
  }

  async function postLate(invocation: Invocation, word: string, seconds: number, late: Answer): Promise<void> {
    const reply = markPrivacy(late.reply, late.command === undefined ? undefined : byName.get(late.command)?.holds);
    try {
      const { t } = i18n.forLanguage(reply.lng ?? invocation.locale);
      await notifier!.post(
        { platform: invocation.platform, chatId: invocation.chatId, userId: invocation.userId },
        { ...reply, blocks: [note(t('common:lateAnswer', { command: word, seconds })), ...reply.blocks] },
      );
    } catch (error) {
      services.log.error({ err: error, command: late.command }, 'the late answer could not be posted');
    }
  }

  /** The answer; for a free question, under the command it was read as. */
  async function answer(typed: Invocation): Promise<Answer> {
    const question: { echo?: string } = {};
    const answered = await attempt(typed, question);
    return question.echo ? { ...answered, reply: withEcho(answered.reply, question.echo) } : answered;
  }

  async function attempt(typed: Invocation, question: { echo?: string }): Promise<Answer> {
    // PostgreSQL text (and RapidPro) cannot hold a NUL: it is dropped where it comes in, so a
    // message or a name with one is handled like any other text.
    let invocation = typed.text.includes('\u0000') ? { ...typed, text: typed.text.replaceAll('\u0000', '') } : typed;
    // Every log line of this invocation carries its id; an unexpected error shows it to the user
    // as the reference to give the admin.
    const ref = randomUUID().slice(0, 8);
    const log = services.log.child({ invocation: ref, platform: invocation.platform });
    let translator = i18n.forLanguage(invocation.locale);
    let command: Command | undefined;
    try {
      const linked = await findUser(services.db, invocation.platform, invocation.userId);
      if (!linked) {
        // Only a command made for it (redeeming an invite) runs for someone not linked yet.
        const [word = '', ...args] = invocation.text.length <= MAX_COMMAND_LENGTH ? tokenize(invocation.text) : [];
        command = byName.get(word.toLocaleLowerCase().replace(/^\//, ''));
        if (!command?.runUnlinked)
          return { reply: errorReply(translator, 'errors.notLinked', {}), outcome: 'user_error' };
        return {
          reply: {
            lng: translator.lng,
            ...(await command.runUnlinked({ ...translator, invocation, services: { ...services, log } }, args)),
          },
          command: command.name,
          outcome: 'ok',
        };
      }
      translator = i18n.forLanguage(linked.language ?? invocation.locale);
      await services.limits.command(userKey(invocation));

      if (invocation.text.length > MAX_COMMAND_LENGTH) {
        throw new UserError('errors.tooLong', { max: MAX_COMMAND_LENGTH });
      }
      const [word = 'help', ...args] = tokenize(invocation.text);
      const name = word.toLocaleLowerCase().replace(/^\//, '');
      command = byName.get(name);
      // RapidPro is asked only for what can come back before the person's time is up.
      const deadline = Date.now() + timeLimitMs - ANSWER_MARGIN_MS;
      const rapidproFor: Services['rapidproFor'] = (orgId, options) =>
        services.rapidproFor(orgId, { deadline, ...options });
      const deps = { commands, services: { ...services, log, rapidproFor }, i18n };
      /** Runs a line read from a free question as if it had been typed, under what it was read as. */
      const runRead = async (read: Exclude<QuestionAnswer, null>): Promise<Answer> => {
        if (read.kind === 'reply') return { reply: read.reply, outcome: read.reply.isError ? 'user_error' : 'ok' };
        const [readWord = '', ...readArgs] = tokenize(read.line);
        command = byName.get(readWord);
        if (!command) throw new UserError('errors.unknownCommand', { name: readWord });
        question.echo = read.echo;
        invocation = { ...invocation, text: read.line };
        const ctx = await contextFor(deps, invocation, linked, translator, command);
        return {
          reply: { lng: translator.lng, ...(await command.run(ctx, readArgs)) },
          command: command.name,
          outcome: 'ok',
        };
      };
      const readQuestion = async () => {
        const regions = await loadRegionTree(services.db, linked.org.id);
        const scope = scopeOf(linked.user, regions);
        return answerQuestion(deps.services, { linked, regions, scope }, translator, invocation.text);
      };
      if (!command) {
        // No command: a free question, unless it is a command mistyped (`part Attendance`).
        const unknown = unknownCommand(name, commands);
        const read = await readQuestion();
        const suggested = unknown.params.suggestion as string | undefined;
        // A near miss of a command (`part Attendance`) is that command mistyped unless the line
        // reads as one request.
        if (!read || (suggested && !read.line)) throw unknown;
        return await runRead(read);
      }
      const ctx = await contextFor(deps, invocation, linked, translator, command);
      try {
        return {
          reply: { lng: translator.lng, ...(await command.run(ctx, args)) },
          command: command.name,
          outcome: 'ok',
        };
      } catch (error) {
        // A sentence that begins with a command's word ("send me a daily summary", "results for
        // attendance in gulu": a word of the grammar, not a name, where its first argument goes)
        // and fails as that command: read as a question instead, if it reads as something else.
        // A quoted argument ("School open") is a name, never a word of the grammar.
        // A word the command's own usage names (`setup polls …`) is its syntax, not a sentence.
        const first = args[0] ?? '';
        const own = translator
          .t(`commands:${command.name}.usage`)
          .toLowerCase()
          .split(/[^\p{L}-]+/u);
        if (
          !(error instanceof UserError) ||
          invocation.fromButton ||
          /\s/.test(first) ||
          !isGrammarWord(first) ||
          own.includes(first.toLowerCase())
        )
          throw error;
        const read = await readQuestion();
        if (!read || !isOtherReading(read, invocation.text, command.name)) throw error;
        return await runRead(read);
      }
    } catch (error) {
      if (error instanceof UserError) {
        const usage = error.showUsage && command ? translator.t(`commands:${command.name}.usage`) : null;
        return {
          reply: errorReply(translator, error.key, error.params, usage),
          command: command?.name,
          outcome: 'user_error',
        };
      }
      // RapidPro refusing or failing is said in words: what happened, what to do.
      const rapidpro = describeRapidProFailure(error, translator.t);
      if (rapidpro) {
        log.warn({ err: error, command: command?.name }, 'RapidPro failed a command');
        return {
          reply: errorReply(translator, rapidpro.key, rapidpro.params),
          command: command?.name,
          outcome: 'error',
        };
      }
      if (error instanceof ChartUnavailableError) {
        log.warn({ err: error, command: command?.name }, 'chart not drawn');
        const [key, params] =
          error.waitedSeconds === null
            ? (['errors.chartUnavailable', { server: error.server, reason: error.detail }] as const)
            : (['errors.chartTimeout', { server: error.server, count: error.waitedSeconds }] as const);
        return { reply: errorReply(translator, key, params), command: command?.name, outcome: 'error' };
      }
      const outage = classifyOutage(error);
      if (outage) {
        log.warn({ err: error, command: command?.name }, 'command met an outage');
        return { reply: errorReply(translator, outage, {}), command: command?.name, outcome: 'error' };
      }
      log.error({ err: error, command: command?.name }, 'command failed');
      return { reply: errorReply(translator, 'errors.unexpected', { ref }), command: command?.name, outcome: 'error' };
    }
  }
}

/** What `command` runs with, for a linked user; refused when their role is too low for it. */
export async function contextFor(
  { commands, services, i18n }: Pick<DispatchDeps, 'commands' | 'services' | 'i18n'>,
  invocation: Invocation,
  linked: LinkedUser,
  translator: Translator,
  command: Command,
): Promise<CommandContext> {
  if (command.role === 'admin' && linked.user.role !== 'admin') throw new UserError('errors.adminOnly');
  const regions = await loadRegionTree(services.db, linked.org.id);
  return {
    ...translator,
    invocation,
    user: linked.user,
    org: linked.org,
    scope: scopeOf(linked.user, regions),
    regions,
    services,
    commands,
    languages: i18n.languages,
  };
}

/** Admins see everything; a supervisor sees the regions granted and all below them. */
function scopeOf(user: User, regions: RegionTree): Scope {
  if (user.role === 'admin') return { all: true };
  return { all: false, regionIds: withDescendants(regions, user.grantedRegionIds) };
}

/** A word that is no command: the command it begins (`part` → participation), else a near miss. */
function unknownCommand(name: string, commands: readonly Command[]): UserError {
  // A number typed where no button has it (the console presses buttons by their numbers).
  if (/^\d{1,2}$/.test(name)) return new UserError('errors.noSuchButton', { number: name });
  const visible = commands.filter((c) => !c.hidden).map((c) => c.name);
  const begun = name.length >= 2 ? visible.filter((command) => command.startsWith(name)) : [];
  const nearest = closest(name, begun.length > 0 ? begun : visible);
  return begun.length > 0 || distance(name, nearest) <= 2
    ? new UserError('errors.unknownCommandSuggest', { name, suggestion: nearest })
    : new UserError('errors.unknownCommand', { name });
}

export function errorReply(
  translator: Translator,
  key: TranslationKey,
  params: Record<string, unknown>,
  usage?: string | null,
): Reply {
  const blocks = [paragraph(translator.t(key, params))];
  if (usage) blocks.push(note(translator.t('common:usage', { usage })));
  return { blocks, direction: translator.direction, lng: translator.lng, isError: true, errorKey: key };
}
