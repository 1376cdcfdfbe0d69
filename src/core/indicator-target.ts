// `<baseline question> <follow-up question> [region] [days]`, the arguments of TracPro's Recent
// Indicators (the `indicators` command and its chart): both questions, the scope, and the figures.
import type { CommandContext, Scope } from './command.ts';
import { narrowScope, resolveQuestion, resolveRegion, type QuestionChoice } from './resolve.ts';
import { UserError } from './user-error.ts';
import { loadIndicator } from '../db/queries/load-indicator.ts';
import { localDay } from '../domain/local-day.ts';
import type { RegionNode } from '../domain/region-tree.ts';
import { summariseIndicator, type IndicatorSummary } from '../domain/summarise-indicator.ts';

const DEFAULT_DAYS = 90;
const MAX_DAYS = 366;

export interface IndicatorTarget {
  baseline: QuestionChoice;
  followUp: QuestionChoice;
  region: RegionNode | null;
  scope: Scope;
  days: number;
  summary: IndicatorSummary;
}

export async function resolveIndicator(ctx: CommandContext, args: string[]): Promise<IndicatorTarget> {
  const [baselineQuery, followUpQuery, ...rest] = args;
  if (!baselineQuery || !followUpQuery) throw new UserError('errors.missingQuestions', {}, true);
  const baseline = numeric(await resolveQuestion(ctx, baselineQuery));
  const followUp = numeric(await resolveQuestion(ctx, followUpQuery));
  const daysWord = rest.length > 0 && /^\d+$/.test(rest.at(-1)!) ? rest.pop()! : null;
  const days = daysWord === null ? DEFAULT_DAYS : Number(daysWord);
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) throw new UserError('errors.badDays', { max: MAX_DAYS });
  const region = rest.length > 0 ? resolveRegion(ctx, rest.join(' ')) : null;
  const scope = narrowScope(ctx, region);
  const since = localDay(new Date(ctx.services.now().getTime() - days * 86_400_000), ctx.org.timezone);
  const rows = await loadIndicator(ctx.services.sql, {
    baselineQuestionId: baseline.id,
    followUpQuestionId: followUp.id,
    scope,
    since,
  });
  return { baseline, followUp, region, scope, days, summary: summariseIndicator(rows, ctx.regions) };
}

/** The regions a partial date names ("Kampala, Gulu"). */
export function namesOf(ctx: CommandContext, regionIds: readonly number[]): string {
  return regionIds.map((id) => ctx.regions.byId.get(id)?.name ?? '?').join(', ');
}

function numeric(question: QuestionChoice): QuestionChoice {
  if (question.type !== 'numeric')
    throw new UserError('errors.questionNotNumeric', { question: question.name, poll: question.pollName });
  return question;
}
