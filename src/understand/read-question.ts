// A free question → the command it asks for, the readings to choose from when it could mean
// several, or nothing. Deterministic and offline: the grammar's words (grammar.ts), the
// workspace's own names (polls, their questions, regions, reporter groups, field values) and the
// date parser every command uses. What a reading may do once run is not its business: the caller
// decides that from the command line alone (effect-of.ts).
import { findDays, type DayQuery } from '../domain/parse-day.ts';
import type { Catalog, ReadOptions } from './catalog.ts';
import type { Notion, Phrase } from './grammar.ts';
import { markDates, markNames, markPhrases, markTimes, type Label, type Time } from './mark-words.ts';
import { toWords, type Word } from './words.ts';

export type Reading = { kind: 'command'; line: string } | { kind: 'choose'; lines: string[] } | { kind: 'unknown' };

/** How many readings are offered at most when a question could mean several. */
const MAX_CHOICES = 4;

export function readQuestion(text: string, catalog: Catalog, options: ReadOptions): Reading {
  // A message's own text follows a colon or stands in quotes; it is kept as typed.
  const split =
    /^([\s\S]*?[^\d\s])\s*:(?!\d)\s*([\s\S]+)$/u.exec(text) ?? /^([^"“«]*)["“«]([^"”»]+)["”»]\s*$/u.exec(text);
  const question = split ? split[1]! : text;
  const typedText = split ? split[2]!.trim() : null;
  const words = toWords(question);
  if (words.length === 0) return { kind: 'unknown' };
  const labels: (Label | null)[] = words.map(() => null);
  const put = (start: number, end: number, label: Label) => {
    if (labels.slice(start, end).some((l) => l !== null)) return false;
    for (let i = start; i < end; i++) labels[i] = label;
    return true;
  };

  // Durations first ("in 2 hours" is no date), then dates, hours, names, and the grammar's words.
  const isDuration = (p: Phrase) => p.notion === 'inHours' || p.notion === 'inMinutes';
  markPhrases(words, put, isDuration, false);
  markDates(words, labels, put, options);
  markTimes(words, put);
  markNames(words, catalog, put);
  // Exact words first, then near misses: "cuando" is "when", not a slip of "cuanto".
  markPhrases(words, put, () => true, false);
  markPhrases(words, put, (p) => p.notion !== 'filler', true);

  const has = (notion: Notion) => labels.some((l) => l?.type === 'notion' && l.notion === notion);
  const first = <T extends Label['type']>(type: T) =>
    labels.find((l): l is Extract<Label, { type: T }> => l?.type === type);
  const leftover = words.filter((_, i) => labels[i] === null).map((w) => w.raw);

  // Names found.
  const pollIds = new Set(labels.flatMap((l) => (l?.type === 'poll' ? [l.id] : [])));
  const questionLabels = labels.filter((l): l is Extract<Label, { type: 'question' }> => l?.type === 'question');
  if (pollIds.size === 0 && questionLabels.length > 0) {
    // A question's name tells the poll: a whole name before a beginning ("boys present").
    const best = questionLabels.find((q) => q.whole) ?? questionLabels[0]!;
    for (const id of best.pollIds) pollIds.add(id);
  }
  const polls = catalog.polls.filter((p) => pollIds.has(p.id));
  const region = first('region')?.name ?? (leftover.length > 0 ? leftover.join(' ') : null);
  const date = [...labels].reverse().find((l): l is Extract<Label, { type: 'date' }> => l?.type === 'date');
  const time = first('time')?.time ?? date?.time;
  const group = first('group')?.name;
  const fields = labels.flatMap((l) => (l?.type === 'field' ? [`${l.key}=${quote(l.value)}`] : []));
  const day = date && date.query.kind === 'day' ? date.query.day : date?.query.kind === 'week' ? date.query.week : null;

  /** `<command> <poll> [date] [region] …`, or the polls to choose from when none was named. */
  const aboutPoll = (command: string, { withDate = true, withRegion = true, extra = [] as string[] } = {}): Reading => {
    const rest = [...(withDate && day ? [day] : []), ...(withRegion && region ? [quote(region)] : []), ...extra];
    if (polls.length === 1) return command1(`${command} ${quote(polls[0]!.name)}`, rest);
    const offered = polls.length > 1 ? polls : catalog.polls;
    if (offered.length === 0) return { kind: 'unknown' };
    return {
      kind: 'choose',
      lines: offered.slice(0, MAX_CHOICES).map((p) => [command, quote(p.name), ...rest].join(' ')),
    };
  };
  const negated = has('negation') && has('answered');
  const duration = labels.find(
    (l): l is Extract<Label, { type: 'notion' }> =>
      l?.type === 'notion' && (l.notion === 'inHours' || l.notion === 'inMinutes'),
  );

  // Asking about the asker, help, and the sync.
  if (has('whoami')) return read('whoami');
  if (has('help') && polls.length === 0) return read('help');
  if (has('syncNow') || (has('sync') && has('now'))) return read('sync now');
  if (has('sync')) return read('sync status');

  // What would send, start or schedule: the command, never run without its confirmation.
  if ((has('daily') || has('weekly')) && (has('summary') || has('send')))
    return digest(has('weekly') ? 'weekly' : 'daily', time, date, first('region')?.name);
  if (has('schedules') && !has('start') && !has('send')) return read('schedules');
  if (has('restart') && polls.length > 0 && !has('send') && !has('remind')) return aboutPoll('restart');
  if (has('start') && !has('remind') && !has('send') && !has('messages')) {
    if (polls.length !== 1) return aboutPoll('start', { withDate: false });
    const when = time
      ? ['at', ...(day && date?.query.kind === 'day' ? [scheduleDay(words, labels, options)] : []), hhmm(time)]
      : [];
    return command1(`start ${quote(polls[0]!.name)}`, [...(region ? [quote(region)] : []), ...when]);
  }
  if (has('remind') && duration) {
    const after = duration.notion === 'inHours' ? `${duration.n}h` : `${duration.n}m`;
    return aboutPoll('remind', { extra: ['after', after, ...(typedText ? [typedText] : [])] });
  }
  if ((has('send') || has('remind')) && (polls.length > 0 || negated || has('nonrespondents') || has('respondents'))) {
    const cohort =
      negated || has('nonrespondents') || (has('remind') && !has('answered') && !has('respondents'))
        ? 'nonrespondents'
        : has('answered') || has('respondents')
          ? 'respondents'
          : has('everyone')
            ? 'all'
            : null;
    if (!cohort) {
      const lines = (['respondents', 'nonrespondents', 'all'] as const).flatMap((c) => {
        const reading = aboutPoll('message', { extra: [c, ...(typedText ? [typedText] : [])] });
        return reading.kind === 'command' ? [reading.line] : [];
      });
      return lines.length > 0 ? { kind: 'choose', lines } : { kind: 'unknown' };
    }
    return aboutPoll('message', { extra: [cohort, ...(typedText ? [typedText] : [])] });
  }

  // Reading figures.
  if (has('export')) {
    if (polls.length === 0 && has('contacts')) return read(`export contacts${region ? ` ${quote(region)}` : ''}`);
    return aboutPoll('export');
  }
  if (negated || has('nonrespondents')) return aboutPoll('nonrespondents');
  if (has('trend')) return aboutPoll('chart trend', { withDate: false });
  if (has('map')) return aboutPoll('chart map');
  if (has('chart')) return aboutPoll('chart');
  const filters = [...fields, ...(group ? [`group=${quote(group)}`] : [])];
  if (has('results') && (polls.length > 0 || !has('messages'))) return aboutPoll('results', { extra: filters });
  if (has('participation') || (has('howMany') && has('answered')) || (has('answered') && polls.length > 0))
    return aboutPoll('participation');
  if (polls.length > 0 && (has('questions') || (has('when') && has('conducted'))))
    return read(`poll ${quote(polls[0]!.name)}`);
  if (questionLabels.length > 0 || filters.length > 0) return aboutPoll('results', { extra: filters });
  if (has('howIs') && polls.length > 0) return aboutPoll('participation');
  if (has('activity')) return read('activity');
  if (has('messages') || has('inbox')) return read(has('sent') ? 'messages' : 'inbox');
  if (has('polls') && polls.length === 0) return read('polls');
  if (has('contacts') && !has('contact') && polls.length === 0)
    return read(`contacts${region ? ` ${quote(region)}` : ''}`);
  if ((has('contact') || has('who')) && polls.length === 0 && leftover.length > 0)
    return read(`contact ${leftover.join(' ')}`);
  // A poll alone: what about it?
  if (polls.length > 0) {
    const rest = [...(day ? [day] : []), ...(region ? [quote(region)] : [])];
    const about = [quote(polls[0]!.name), ...rest].join(' ');
    return polls.length === 1
      ? { kind: 'choose', lines: ['participation', 'results', 'chart'].map((c) => `${c} ${about}`) }
      : aboutPoll('participation');
  }
  return { kind: 'unknown' };
}

const read = (line: string): Reading => ({ kind: 'command', line });

function command1(head: string, rest: string[]): Reading {
  return read([head, ...rest].join(' '));
}

function digest(
  every: 'daily' | 'weekly',
  time: Time | undefined,
  date: { query: DayQuery } | undefined,
  region?: string,
): Reading {
  const weekday =
    every === 'weekly' && date?.query.kind === 'day'
      ? ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'][
          new Date(`${date.query.day}T00:00:00Z`).getUTCDay()
        ]
      : undefined;
  const parts = [
    'digest',
    every,
    ...(weekday ? [weekday] : []),
    ...(time ? [hhmm(time)] : []),
    ...(region ? [quote(region)] : []),
  ];
  return read(parts.join(' '));
}

const hhmm = (time: Time) => `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;

/** A name with spaces goes in quotes, as typed commands take it. */
function quote(name: string): string {
  return /\s/.test(name) ? `"${name.replaceAll('"', '')}"` : name;
}

/** The day of a scheduled start, read again looking forward ("monday" is the next one). */
function scheduleDay(words: Word[], labels: (Label | null)[], options: ReadOptions): string {
  const start = labels.findIndex((l) => l?.type === 'date');
  let end = start;
  while (end < labels.length && labels[end] === labels[start]) end++;
  const [span] = findDays(
    words.slice(start, end).map((w) => w.raw),
    options.now,
    options.timezone,
    { direction: 'future', language: options.language },
  );
  const label = labels[start] as Extract<Label, { type: 'date' }>;
  return span?.query.kind === 'day' ? span.query.day : label.query.kind === 'day' ? label.query.day : '';
}
