// Marking a question's words: which run of words is a grammar phrase, a date, a time, or one of
// the workspace's names. read-question.ts then reads the command from those marks.
import { findDays, type DayQuery } from '../domain/parse-day.ts';
import { grammarWords, nowWords, phrasesFrom, timeMarkers, type Notion, type Phrase } from './grammar.ts';
import type { Catalog, ReadOptions } from './catalog.ts';
import { isArabic, isNameWord, isSameWord, isSpelledInArabic, toWords, type Word } from './words.ts';

export type Label =
  | { type: 'notion'; notion: Notion; n?: number }
  | { type: 'date'; query: DayQuery; time?: Time }
  | { type: 'time'; time: Time }
  | { type: 'poll'; id: number }
  | { type: 'question'; pollIds: number[]; whole: boolean }
  | { type: 'region'; name: string }
  | { type: 'group'; name: string }
  | { type: 'field'; key: string; value: string };

export interface Time {
  hour: number;
  minute: number;
}

export type Put = (start: number, end: number, label: Label) => boolean;

export function markPhrases(words: Word[], put: Put, keep: (phrase: Phrase) => boolean, typos: boolean) {
  // Every phrase that fits somewhere, then the longest first: a longer reading wins.
  const found: { at: number; phrase: Phrase; n: number | undefined }[] = [];
  words.forEach((word, i) => {
    for (const phrase of phrasesFrom(word, typos)) {
      if (!keep(phrase) || i + phrase.words.length > words.length) continue;
      let n: number | undefined = phrase.fixed;
      const fits = phrase.words.every((wanted, k) => {
        const typed = words[i + k]!;
        if (wanted === null) {
          if (!/^\d{1,3}$/.test(typed.folded)) return false;
          n = Number(typed.folded);
          return true;
        }
        if (wanted === '#h') {
          const hours = /^(\d{1,2})h$/.exec(typed.folded);
          if (hours) n = Number(hours[1]);
          return Boolean(hours);
        }
        return isSameWord(typed, wanted, typos);
      });
      if (fits) found.push({ at: i, phrase, n });
    }
  });
  found.sort((a, b) => b.phrase.words.length - a.phrase.words.length || a.at - b.at);
  for (const { at, phrase, n } of found)
    put(at, at + phrase.words.length, { type: 'notion', notion: phrase.notion, ...(n === undefined ? {} : { n }) });
}

export function markDates(words: Word[], labels: (Label | null)[], put: Put, options: ReadOptions) {
  const spans = findDays(
    words.map((w) => w.raw),
    options.now,
    options.timezone,
    { language: options.language },
  );
  // "now" and "maintenant" are words of the question ("sync now"), not dates.
  for (const span of spans) {
    if (span.query.kind === 'latest' || span.query.kind === 'invalid') continue;
    if (words.slice(span.start, span.end).every((w) => nowWords.has(w.folded))) continue;
    if (labels.slice(span.start, span.end).some((l) => l !== null)) continue;
    put(span.start, span.end, { type: 'date', query: span.query, ...(span.time ? { time: span.time } : {}) });
  }
}

/** `9h`, `9:30`, `8am`, `17h30`, or a number after "at", "à", "a las", "الساعة". */
export function markTimes(words: Word[], put: Put) {
  words.forEach((word, i) => {
    const written = /^([01]?\d|2[0-3])(?:[:h.]([0-5]\d)|h)$/.exec(word.folded);
    const meridiem = /^(1[0-2]|0?\d)(am|pm)$/.exec(word.folded);
    const bare = /^([01]?\d|2[0-3])$/.exec(word.folded);
    const after = i > 0 && timeMarkers.has(words[i - 1]!.folded);
    if (written) put(i, i + 1, { type: 'time', time: { hour: Number(written[1]), minute: Number(written[2] ?? 0) } });
    else if (meridiem)
      put(i, i + 1, {
        type: 'time',
        time: { hour: (Number(meridiem[1]) % 12) + (meridiem[2] === 'pm' ? 12 : 0), minute: 0 },
      });
    else if (bare && after) put(i, i + 1, { type: 'time', time: { hour: Number(bare[1]), minute: 0 } });
  });
}

/** The workspace's names, longest first, each word as match-name.ts would accept it. */
export function markNames(words: Word[], catalog: Catalog, put: Put) {
  const candidates: { words: string[]; label: Label; gaps: boolean }[] = [
    ...catalog.polls.map((p) => ({
      words: nameWords(p.name),
      label: { type: 'poll', id: p.id } as Label,
      gaps: false,
    })),
    ...catalog.regions.map((r) => ({
      words: nameWords(r.name),
      label: { type: 'region', name: r.name } as Label,
      gaps: false,
    })),
    ...catalog.groups.map((g) => ({
      words: nameWords(g.name),
      label: { type: 'group', name: g.name } as Label,
      gaps: false,
    })),
    ...catalog.fields.flatMap((f) =>
      f.values.map((value) => ({
        words: nameWords(value),
        label: { type: 'field', key: f.key, value } as Label,
        gaps: false,
      })),
    ),
    ...catalog.questions.map((q) => ({
      words: nameWords(q.name),
      label: { type: 'question', pollIds: [q.pollId], whole: true } as Label,
      gaps: true,
    })),
  ];
  // Each word meets only the names whose first word begins with its letter, or, written in
  // Arabic letters, whose consonants it spells.
  const byLetter = new Map<string, typeof candidates>();
  for (const candidate of candidates) {
    const letter = candidate.words[0]?.[0] ?? '';
    byLetter.set(letter, [...(byLetter.get(letter) ?? []), candidate]);
  }
  const found: { at: number; end: number; candidate: (typeof candidates)[number] }[] = [];
  words.forEach((word, i) => {
    const letters = new Set(word.variants.map((v) => v[0] ?? ''));
    const near = [...letters].flatMap((letter) => byLetter.get(letter) ?? []);
    const spelled = isArabic(word) ? candidates.filter((c) => c.words.length === 1) : [];
    for (const candidate of new Set([...near, ...spelled])) {
      const end = matchName(words, i, candidate.words, candidate.gaps);
      if (end > 0) found.push({ at: i, end, candidate });
    }
  });
  found.sort((a, b) => b.candidate.words.length - a.candidate.words.length || a.at - b.at);
  for (const { at, end, candidate } of found) put(at, end, candidate.label);
  // A question named by its first word only ("water", "girls"): the polls it may be about.
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word.folded.length < 4 || grammarWords.has(word.folded)) continue;
    const pollIds = [
      ...new Set(catalog.questions.filter((q) => isNameWord(word, nameWords(q.name)[0]!, true)).map((q) => q.pollId)),
    ];
    if (pollIds.length > 0) put(i, i + 1, { type: 'question', pollIds, whole: false });
  }
}

const nameCache = new Map<string, string[]>();

/** A name's words as compared; kept, since every question meets the same names again. */
function nameWords(name: string): string[] {
  let cached = nameCache.get(name);
  if (!cached) {
    cached = toWords(name).map((w) => w.folded);
    // Names come and go with the workspace: the cache is bounded.
    if (nameCache.size > 20_000) nameCache.clear();
    nameCache.set(name, cached);
  }
  return cached;
}

/** Where a name that starts at word `i` ends, or 0; a question's words may have a word or two between them. */
function matchName(words: Word[], i: number, name: string[], gaps: boolean): number {
  let at = i;
  for (let k = 0; k < name.length; k++) {
    const last = k === name.length - 1;
    const fits = (word: Word) =>
      (grammarWords.has(word.folded) ? word.folded === name[k] : isNameWord(word, name[k]!, last)) ||
      (name.length === 1 && isSpelledInArabic(word, name[k]!));
    let found = -1;
    for (let j = at; j < Math.min(words.length, at + (gaps && k > 0 ? 3 : 1)); j++) {
      if (fits(words[j]!)) {
        found = j;
        break;
      }
    }
    if (found < 0) return 0;
    at = found + 1;
  }
  return at;
}
