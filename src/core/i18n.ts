// Translations: every user-visible string lives in locales/<lng>/<namespace>.json.
import { roundDuration } from '../domain/round-duration.ts';
import i18next, { type FlatNamespace, type ParseKeys, type TFunction } from 'i18next';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Takes a key of any namespace (`commands:help.title`); bare keys are `common`'s (`errors.badDays`). */
export type Translate = TFunction<readonly ['common', ...FlatNamespace[]]>;

/** Every key of the catalogues, as `t` takes it: a renamed or missing key fails typecheck. */
export type TranslationKey = ParseKeys<readonly ['common', ...FlatNamespace[]]>;

/** A language the bot speaks: a folder of locales/ (named to people by Intl.DisplayNames). */
export type Language = string;

export interface Translator {
  lng: Language;
  t: Translate;
  direction: 'ltr' | 'rtl';
}

export interface I18n {
  languages: Language[];
  /** The translator for a language, or for the closest one we have ("fr-CA" → "fr", else "en"). */
  forLanguage(lng: string | null | undefined): Translator;
}

export const rtlLanguages = new Set(['ar', 'fa', 'he', 'ur', 'ps']);
export const defaultLocalesDir = fileURLToPath(new URL('../../locales', import.meta.url));

/** Loads every catalogue once, at start-up; a language is a folder of namespace files. */
export async function createI18n(localesDir = defaultLocalesDir): Promise<I18n> {
  const folders = readdirSync(localesDir)
    .filter((name) => !name.startsWith('.'))
    .sort();
  const resources: Record<string, Record<string, unknown>> = {};
  const namespaces = new Set<string>();
  for (const lng of folders) {
    resources[lng] = {};
    for (const file of readdirSync(path.join(localesDir, lng)).filter((f) => f.endsWith('.json'))) {
      const ns = file.slice(0, -'.json'.length);
      namespaces.add(ns);
      resources[lng]![ns] = JSON.parse(readFileSync(path.join(localesDir, lng, file), 'utf8'));
    }
  }
  const languages = folders;
  const base = i18next.createInstance();
  await base.init({
    resources: resources as never,
    fallbackLng: 'en',
    ns: [...namespaces],
    defaultNS: 'common',
    // Text is plain; each renderer escapes for its platform. A value (a user's text) is never
    // read for `$t(…)` nesting or `{{…}}` again: input is never code.
    interpolation: { escapeValue: false, skipOnVariables: true },
    returnNull: false,
  });
  // `{{wait, duration}}`: seconds said in the largest unit that fits, rounded, in the language's
  // own words and plural forms (Intl knows Arabic's six): "1 second", "about 58 minutes".
  base.services.formatter?.add('duration', (value, lng) => {
    const { value: amount, unit } = roundDuration(Number(value));
    return new Intl.NumberFormat(lng, { style: 'unit', unit, unitDisplay: 'long' }).format(amount);
  });
  const translators = new Map<string, Translator>();
  for (const lng of languages) {
    const direction = rtlLanguages.has(lng) ? 'rtl' : 'ltr';
    // In right-to-left languages every interpolated value (names, numbers, dates) is wrapped in
    // Unicode isolates, so a Latin name or a figure keeps its order inside an Arabic sentence.
    // The clone's interpolation options replace the base's whole, so `skipOnVariables` is repeated.
    const t = base.cloneInstance({
      lng,
      interpolation:
        direction === 'rtl'
          ? { escapeValue: true, escape: (value: string) => `\u2068${value}\u2069`, skipOnVariables: true }
          : { escapeValue: false, skipOnVariables: true },
    }).t;
    translators.set(lng, { lng, t, direction });
  }
  return {
    languages,
    forLanguage(lng) {
      const wanted = (lng ?? 'en').toLowerCase();
      return translators.get(wanted) ?? translators.get(wanted.split(/[-_]/)[0]!) ?? translators.get('en')!;
    },
  };
}

// The English catalogues are the type of every key: `t('commands:help.title')` and
// `new UserError('errors.badDays')` name a string that exists, or typecheck fails.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    // A default value is no way around a missing key.
    strictKeyChecks: true;
    resources: {
      charts: typeof import('../../locales/en/charts.json');
      commands: typeof import('../../locales/en/commands.json');
      common: typeof import('../../locales/en/common.json');
      dates: typeof import('../../locales/en/dates.json');
      dialogs: typeof import('../../locales/en/dialogs.json');
      digests: typeof import('../../locales/en/digests.json');
      slack: typeof import('../../locales/en/slack.json');
      telegram: typeof import('../../locales/en/telegram.json');
      understand: typeof import('../../locales/en/understand.json');
      watch: typeof import('../../locales/en/watch.json');
    };
  }
}

/**
 * Words for a key made from stored data (an audit entry's action, a sync checkpoint's entity):
 * the catalogue's when it has the key, else `fallback` (the data as recorded). The one place a
 * key is not checked by the compiler: rows written by older or newer versions must still show.
 */
export function sayStored(t: Translate, key: string, fallback: string, params: Record<string, unknown> = {}): string {
  return (t as unknown as (key: string, options: object) => string)(key, { ...params, defaultValue: fallback });
}
