// A line whose first word is no command is tried as a free question ("qui n'a pas répondu hier à
// Gulu ?"). What it reads as is said first (the exact command, so people learn the short form),
// then that command runs through the same dispatch — scope, privacy and rate limits as typed —
// but only when it reads figures or answers with its own confirmation. Anything else that would
// change something is offered as a button to press; a question that could mean several things
// offers them as buttons; one that cannot be read says what can be asked instead.
import type { Scope, Services } from './command.ts';
import type { Translator } from './i18n.ts';
import { buttons, list, note, paragraph, type Reply } from './reply.ts';
import { tokenize } from './tokenize.ts';
import type { LinkedUser } from '../db/queries/find-user.ts';
import { listPolls } from '../db/queries/list-polls.ts';
import { listQuestionNames } from '../db/queries/list-question-names.ts';
import { isInScope } from '../db/limit-to-scope.ts';
import type { RegionTree } from '../domain/region-tree.ts';
import { effectOf } from '../understand/effect-of.ts';
import { readQuestion } from '../understand/read-question.ts';

/**
 * Run `line` as if typed; `reply` answers without running anything (with `line` when it offers one
 * command to press); null: not a question.
 */
export type QuestionAnswer =
  | { kind: 'run'; line: string; echo: string }
  | { kind: 'reply'; reply: Reply; line?: string }
  | null;

export async function answerQuestion(
  services: Services,
  { linked, regions, scope }: { linked: LinkedUser; regions: RegionTree; scope: Scope },
  translator: Translator,
  text: string,
): Promise<QuestionAnswer> {
  const { t, direction } = translator;
  const [polls, names] = await Promise.all([
    listPolls(services.db, linked.org.id),
    listQuestionNames(services.sql, linked.org.id, scope),
  ]);
  const inScope = [...regions.byId.values()].filter((region) => isInScope(scope, region.id));
  const reading = readQuestion(
    text,
    { polls, regions: inScope, ...names },
    { now: services.now(), timezone: linked.org.timezone, language: translator.lng },
  );
  if (reading.kind === 'command') {
    const echo = t('understand:ran', { command: reading.line });
    if (effectOf(reading.line) !== 'acts') return { kind: 'run', line: reading.line, echo };
    return {
      kind: 'reply',
      line: reading.line,
      reply: {
        direction,
        blocks: [
          note(echo),
          paragraph(t('understand:press')),
          buttons(
            { label: t('understand:run', { command: reading.line }), command: reading.line, style: 'primary' },
            { label: t('common:cancel'), command: 'cancel' },
          ),
        ],
      },
    };
  }
  if (reading.kind === 'choose')
    return {
      kind: 'reply',
      reply: {
        direction,
        blocks: [
          paragraph(t('understand:choose')),
          buttons(...reading.lines.map((line) => ({ label: line, command: line }))),
        ],
      },
    };
  // A single word that reads as nothing is a mistyped command, answered as such by dispatch.
  if (text.trim().split(/\s+/).length < 2) return null;
  const example = { poll: polls[0]?.name ?? 'Attendance', region: inScope.at(-1)?.name ?? 'Kampala' };
  return {
    kind: 'reply',
    reply: {
      direction,
      isError: true,
      errorKey: 'understand:unclear',
      blocks: [
        paragraph(t('understand:unclear')),
        list(t('understand:examples', example).split('|')),
        note(t('understand:orType')),
      ],
    },
  };
}

/** The answer of a command run for a free question, under what it was read as. */
export function withEcho(reply: Reply, echo: string): Reply {
  return { ...reply, blocks: [note(echo), ...reply.blocks] };
}

/**
 * Whether a failed command's line reads as another request: not the same line, and another
 * command unless it only reads (`digest weekly lumdi 09:00` must not become a Monday digest, nor
 * `start Attendance Gulu at 25:00` a start now: their own errors say what to fix).
 */
export function isOtherReading(read: Exclude<QuestionAnswer, null>, typed: string, command: string): boolean {
  const words = (line: string) => tokenize(line.toLowerCase());
  if (read.kind === 'reply') return !read.reply.isError && (!read.line || words(read.line)[0] !== command);
  if (words(read.line).join(' ') === words(typed).join(' ')) return false;
  return words(read.line)[0] !== command || effectOf(read.line) === 'read';
}
