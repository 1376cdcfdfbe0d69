import { and, eq } from 'drizzle-orm';
import type { Command, CommandContext } from '../src/core/command.ts';
import { paragraph, type Reply } from '../src/core/reply.ts';
import { resolvePoll } from '../src/core/resolve.ts';
import { BIDI_CONTROLS } from '../src/core/tokenize.ts';
import { UserError } from '../src/core/user-error.ts';
import { auditLog, polls, questions } from '../src/db/schema/index.ts';
import { matchByName } from '../src/domain/match-name.ts';

const MAX_NAME = 120;

/** A word, or words in "double quotes"; quotes anywhere else are a typing slip. */
const WORD = /"([^"]*)"|([^\s"]+)/g;
const WELL_QUOTED = /^\s*(?:(?:"[^"]*"|[^\s"]+)(?:\s+|$))*$/;

/**
 * `rename <poll> <new name>` — the poll's name here; RapidPro's flow keeps its own.
 * `rename <poll> question <number or name> <new name>` — one of its questions, likewise.
 * A name with spaces is quoted. The line is read as typed (not tokenized) so apostrophes stay
 * text, and anything that is not exactly one new name is refused rather than guessed at.
 */
export const rename: Command = {
  name: 'rename',
  role: 'admin',
  holds: 'figures',
  samples: ['rename Attendance Attendance', 'rename Attendance question 1 "Boys present"'],
  async run(ctx) {
    const line = ctx.invocation.text.replace(BIDI_CONTROLS, '').replace(/[\u201c\u201d\u00ab\u00bb]/g, '"');
    if (!WELL_QUOTED.test(line)) throw new UserError('errors.renameQuotes', {}, true);
    const words = [...line.matchAll(WORD)]
      .map((m) => ({ text: (m[1] ?? m[2]!).trim(), quoted: m[1] !== undefined }))
      .slice(1);
    if (words.length === 4 && !words[1]!.quoted && words[1]!.text.toLowerCase() === 'question') {
      return renameQuestion(ctx, words[0]!.text, words[2]!.text, checkName(words[3]!.text));
    }
    if (words.length !== 2) throw new UserError('errors.renameUsage', {}, true);
    return renamePoll(ctx, words[0]!.text, checkName(words[1]!.text));
  },
};

function checkName(name: string): string {
  if (name === '') throw new UserError('errors.renameUsage', {}, true);
  if (name.length > MAX_NAME) throw new UserError('errors.nameTooLong', { max: MAX_NAME, length: name.length });
  return name;
}

async function renamePoll(ctx: CommandContext, query: string, name: string): Promise<Reply> {
  const poll = await resolvePoll(ctx, query);
  await ctx.services.db
    .update(polls)
    .set({ name })
    .where(and(eq(polls.id, poll.id), eq(polls.orgId, ctx.org.id)));
  await ctx.services.db.insert(auditLog).values({
    orgId: ctx.org.id,
    identityId: ctx.user.identityId,
    action: 'poll.rename',
    target: `poll:${poll.id}`,
    details: { from: poll.name, to: name },
  });
  return {
    direction: ctx.direction,
    blocks: [paragraph(ctx.t('commands:rename.done', { from: poll.name, to: name }))],
  };
}

async function renameQuestion(
  ctx: CommandContext,
  pollQuery: string,
  questionQuery: string,
  name: string,
): Promise<Reply> {
  const poll = await resolvePoll(ctx, pollQuery);
  const list = await ctx.services.db
    .select({ id: questions.id, name: questions.name })
    .from(questions)
    .where(and(eq(questions.pollId, poll.id), eq(questions.orgId, ctx.org.id)))
    .orderBy(questions.position);
  const names = list.map((q, i) => `${i + 1}. ${q.name}`).join(', ');
  // A number is the question's place in the poll, as `poll` lists them.
  const question = /^\d{1,3}$/.test(questionQuery)
    ? list[Number(questionQuery) - 1]
    : pickQuestion(list, questionQuery);
  if (!question) throw new UserError('errors.pollQuestionNotFound', { query: questionQuery, poll: poll.name, names });
  await ctx.services.db.update(questions).set({ name }).where(eq(questions.id, question.id));
  await ctx.services.db.insert(auditLog).values({
    orgId: ctx.org.id,
    identityId: ctx.user.identityId,
    action: 'question.rename',
    target: `poll:${poll.id}`,
    details: { question: question.id, from: question.name, to: name },
  });
  return {
    direction: ctx.direction,
    blocks: [paragraph(ctx.t('commands:rename.questionDone', { poll: poll.name, from: question.name, to: name }))],
  };
}

function pickQuestion<T extends { id: number; name: string }>(list: T[], query: string): T | undefined {
  const match = matchByName(list, query);
  return match.kind === 'found' ? match.item : undefined;
}
