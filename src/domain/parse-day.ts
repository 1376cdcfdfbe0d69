// Dates as users type them, in every language the bot speaks: `latest`, an ISO day (2026-11-21)
// or a day first as written where TracPro is used (21/11/2026, 21.11.2026), an ISO week
// (2026-W48), and words — "yesterday", "hier", "ayer", "ontem", "أمس", "last Monday", "lundi
// dernier", "la semana pasada", "il y a 3 jours". chrono-node reads the words of each language;
// locales/<lng>/dates.json adds the few it does not (weeks, "anteayer", "há 3 dias", a weekday
// followed by "pasado"). One parser for every command that takes a date and for free questions.
import * as ar from 'chrono-node/ar';
import * as en from 'chrono-node/en';
import * as es from 'chrono-node/es';
import * as fr from 'chrono-node/fr';
import * as pt from 'chrono-node/pt';
import { DateTime } from 'luxon';
import arWords from '../../locales/ar/dates.json' with { type: 'json' };
import enWords from '../../locales/en/dates.json' with { type: 'json' };
import esWords from '../../locales/es/dates.json' with { type: 'json' };
import frWords from '../../locales/fr/dates.json' with { type: 'json' };
import ptWords from '../../locales/pt/dates.json' with { type: 'json' };
import { localDay } from './local-day.ts';
import { fold } from './match-name.ts';

export type DayQuery =
  | { kind: 'latest' }
  | { kind: 'day'; day: string }
  /** An ISO week (Monday to Sunday): the latest poll run inside it. */
  | { kind: 'week'; week: string; from: string; to: string }
  | { kind: 'invalid' };

/** Words `start`…`end` (exclusive) of a line name a date; `time` when an hour came with it. */
export interface DaySpan {
  start: number;
  end: number;
  query: DayQuery;
  time?: { hour: number; minute: number };
}

export interface DayOptions {
  /** A bare weekday is the last one (looking at polls) or the next one (scheduling). */
  direction?: 'past' | 'future';
  /** Which languages' words to try first (the user's); all five are tried. */
  language?: string;
}

const dateLanguages = ['en', 'fr', 'es', 'pt', 'ar'] as const;
const chronos = { en, fr, es, pt, ar } as const;
const tables = { en: enWords, fr: frWords, es: esWords, pt: ptWords, ar: arWords } as const;

type Phrase = (string | null)[];
type Kind = keyof typeof enWords.words;
/** Each language's phrases as folded words; `null` stands for a number. */
const phrases = Object.fromEntries(
  dateLanguages.map((lng) => [
    lng,
    Object.fromEntries(
      Object.entries(tables[lng].words).map(([kind, text]) => [
        kind,
        text
          .split('|')
          .filter((p) => p.trim() !== '')
          .map((p) =>
            fold(p)
              .split(' ')
              .map((w) => (w === '{n}' ? null : w)),
          ),
      ]),
    ) as Record<Kind, Phrase[]>,
  ]),
) as Record<(typeof dateLanguages)[number], Record<Kind, Phrase[]>>;

/**
 * The whole text as a date: null when it is not one (the caller then reads it as something else,
 * e.g. a region); `invalid` when it is written like a date but is none (2026-02-30, 31/13/2026),
 * so the caller can call it a date error instead of looking for a region by that name.
 */
export function parseDay(text: string, now: Date, timezone: string, options: DayOptions = {}): DayQuery | null {
  const words = text.trim().split(/\s+/);
  const [span] = findDays(words, now, timezone, options);
  return span && span.start === 0 && span.end === words.length ? span.query : null;
}

/** The dates a line of words names, as spans that do not overlap, in the order of the line. */
export function findDays(words: readonly string[], now: Date, timezone: string, options: DayOptions = {}): DaySpan[] {
  if (words.length === 0) return [];
  const today = DateTime.fromISO(localDay(now, timezone), { zone: 'utc' });
  const direction = options.direction ?? 'past';
  const order = [...dateLanguages].sort((a, b) => Number(b === options.language) - Number(a === options.language));
  const folded = words.map((w) => fold(w));
  const found: DaySpan[] = [];
  folded.forEach((word, i) => {
    const query = writtenDate(word);
    if (query) found.push({ start: i, end: i + 1, query });
  });
  for (const lng of order) found.push(...fromTable(folded, phrases[lng], today));
  for (const lng of order) found.push(...fromChrono(words, folded, lng, today, direction));
  // The longest reading wins; between equals, the first found (written forms, then tables, then
  // the user's language).
  const chosen: DaySpan[] = [];
  for (const span of [...found].sort((a, b) => b.end - b.start - (a.end - a.start))) {
    if (chosen.every((c) => span.end <= c.start || span.start >= c.end)) chosen.push(span);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/** A weekday's number (0 = Sunday) from its name in any of the five languages, or null. */
export function parseWeekday(text: string): number | null {
  for (const lng of dateLanguages) {
    const [result] = chronos[lng].casual.parse(text.trim(), new Date(2026, 0, 7, 12));
    if (result && result.index === 0 && result.text.length === text.trim().length && isWeekdayOnly(result))
      return result.start.get('weekday') ?? null;
  }
  return null;
}

/** `2026-11-21`, `21/11/2026`, `21.11.2026`, `2026-W48`, `latest`. */
function writtenDate(word: string): DayQuery | null {
  if (word === 'latest' || word === 'last') return { kind: 'latest' };
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(word);
  if (iso) return checked(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(word);
  if (dayFirst) return checked(Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1]));
  const week = /^(\d{4})-w(\d{1,2})$/.exec(word);
  if (week) {
    const start = DateTime.fromObject({ weekYear: Number(week[1]), weekNumber: Number(week[2]) }, { zone: 'utc' });
    return start.isValid && start.weekNumber === Number(week[2]) ? weekOf(start) : { kind: 'invalid' };
  }
  return null;
}

/** The day, if it exists: 2026-02-30 does not survive a round trip through Date. */
function checked(year: number, month: number, day: number): DayQuery {
  const date = new Date(Date.UTC(year, month - 1, day));
  const ok = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return ok ? { kind: 'day', day: date.toISOString().slice(0, 10) } : { kind: 'invalid' };
}

const dayOf = (date: DateTime): DayQuery => ({ kind: 'day', day: date.toISODate()! });

function weekOf(date: DateTime): DayQuery {
  const from = date.startOf('week');
  const week = `${from.weekYear}-W${String(from.weekNumber).padStart(2, '0')}`;
  return { kind: 'week', week, from: from.toISODate()!, to: from.plus({ days: 6 }).toISODate()! };
}

function fromTable(folded: readonly string[], table: Record<Kind, Phrase[]>, today: DateTime): DaySpan[] {
  const spans: DaySpan[] = [];
  for (const [kind, list] of Object.entries(table) as [Kind, Phrase[]][]) {
    if (kind === 'pastAfterWeekday') continue;
    for (const phrase of list) {
      for (let i = 0; i + phrase.length <= folded.length; i++) {
        const n = matchPhrase(phrase, folded, i);
        if (n === undefined) continue;
        const query =
          kind === 'latest'
            ? ({ kind: 'latest' } as const)
            : kind === 'today'
              ? dayOf(today)
              : kind === 'yesterday'
                ? dayOf(today.minus({ days: 1 }))
                : kind === 'dayBeforeYesterday'
                  ? dayOf(today.minus({ days: 2 }))
                  : kind === 'thisWeek'
                    ? weekOf(today)
                    : kind === 'lastWeek'
                      ? weekOf(today.minus({ weeks: 1 }))
                      : dayOf(today.minus({ days: n ?? 0 }));
        spans.push({ start: i, end: i + phrase.length, query });
      }
    }
  }
  return spans;
}

/** The phrase's number when it is at `i` (null: it has none), undefined when it is not there. */
function matchPhrase(phrase: Phrase, folded: readonly string[], i: number): number | null | undefined {
  let n: number | null = null;
  for (let k = 0; k < phrase.length; k++) {
    const word = folded[i + k]!;
    if (phrase[k] === null) {
      if (!/^\d{1,3}$/.test(word)) return undefined;
      n = Number(word);
    } else if (phrase[k] !== word) return undefined;
  }
  return n;
}

type Parsed = ReturnType<typeof en.casual.parse>[number];

const isWeekdayOnly = (result: Parsed) => result.start.isCertain('weekday') && !result.start.isCertain('day');

function fromChrono(
  words: readonly string[],
  folded: readonly string[],
  lng: (typeof dateLanguages)[number],
  today: DateTime,
  direction: 'past' | 'future',
): DaySpan[] {
  // Word starts and ends in the joined line, to keep only readings made of whole words.
  const starts: number[] = [];
  let line = '';
  for (const word of words) {
    starts.push(line.length);
    line += `${word} `;
  }
  // chrono counts from the reference in the process's own zone: noon of the org's day, there.
  const reference = new Date(today.year, today.month - 1, today.day, 12);
  const spans: DaySpan[] = [];
  for (const result of chronos[lng].casual.parse(line, reference)) {
    const start = starts.indexOf(result.index);
    const endAt = result.index + result.text.trimEnd().length;
    const end = starts.findIndex((s, i) => s + words[i]!.length === endAt) + 1;
    if (start < 0 || end <= start) continue;
    const query = toQuery(result, folded.slice(start, end).join(' '), today, direction);
    if (!query) continue;
    // "lunes pasado", "segunda passada": the weekday before today.
    const after = folded[end];
    const past =
      isWeekdayOnly(result) && after !== undefined && phrases[lng].pastAfterWeekday.some((p) => p[0] === after);
    const span: DaySpan = { start, end: past ? end + 1 : end, query };
    if (past && query.kind === 'day' && query.day === today.toISODate()) span.query = dayOf(today.minus({ weeks: 1 }));
    if (result.start.isCertain('hour'))
      span.time = { hour: result.start.get('hour') ?? 0, minute: result.start.get('minute') ?? 0 };
    spans.push(span);
  }
  return spans;
}

function toQuery(result: Parsed, text: string, today: DateTime, direction: 'past' | 'future'): DayQuery | null {
  const { start } = result;
  const date = DateTime.utc(start.get('year')!, start.get('month')!, start.get('day')!);
  if (start.isCertain('day')) return dayOf(date);
  if (!isWeekdayOnly(result)) return null;
  // Three-letter abbreviations ("mar", "sam", "dom") and Arabic "أحد" (also "anyone") are words
  // of their own far more often than weekdays inside a sentence.
  if (text.replace(/[^\p{L}]/gu, '').length < 4 || text === 'احد') return null;
  // chrono picks the nearest such weekday; a bare one looking at polls is the last (today
  // included), and one for a schedule the next.
  let day = date;
  while (direction === 'past' && day > today) day = day.minus({ weeks: 1 });
  while (direction === 'future' && day < today) day = day.plus({ weeks: 1 });
  return dayOf(day);
}
