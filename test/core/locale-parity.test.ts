import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { createI18n, defaultLocalesDir } from '../../src/core/i18n.ts';

const pluralSuffix = /_(zero|one|two|few|many|other)$/;

function keysOf(lng: string): Set<string> {
  const dir = path.join(defaultLocalesDir, lng);
  const flat = (prefix: string, value: unknown): string[] =>
    value && typeof value === 'object'
      ? Object.entries(value).flatMap(([key, child]) => flat(prefix ? `${prefix}.${key}` : key, child))
      : [prefix.replace(pluralSuffix, '')];
  return new Set(
    readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .flatMap((f) =>
        flat('', JSON.parse(readFileSync(path.join(dir, f), 'utf8'))).map((k) => `${f.slice(0, -5)}:${k}`),
      ),
  );
}

test('every locale has every key of English, and no key English lacks', () => {
  const english = keysOf('en');
  assert.ok(english.size > 50);
  for (const lng of readdirSync(defaultLocalesDir)) {
    if (lng === 'en') continue;
    const keys = keysOf(lng);
    assert.deepEqual(
      [...english].filter((k) => !keys.has(k)),
      [],
      `${lng} is missing keys`,
    );
    assert.deepEqual(
      [...keys].filter((k) => !english.has(k)),
      [],
      `${lng} has keys English lacks`,
    );
  }
});

test('plural keys have the forms each language needs', () => {
  for (const lng of readdirSync(defaultLocalesDir)) {
    const forms = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
    const dir = path.join(defaultLocalesDir, lng);
    const raw = Object.fromEntries(
      readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => [f.slice(0, -5), JSON.parse(readFileSync(path.join(dir, f), 'utf8'))]),
    );
    const walk = (value: Record<string, unknown>, at: string) => {
      const bases = new Set(
        Object.keys(value)
          .filter((k) => pluralSuffix.test(k))
          .map((k) => k.replace(pluralSuffix, '')),
      );
      for (const base of bases) {
        for (const form of forms) assert.ok(`${base}_${form}` in value, `${lng} ${at}${base} lacks _${form}`);
      }
      for (const [key, child] of Object.entries(value))
        if (child && typeof child === 'object') walk(child as Record<string, unknown>, `${at}${key}.`);
    };
    walk(raw, '');
  }
});

test('Arabic isolates interpolated values so they keep their order right-to-left', async () => {
  const i18n = await createI18n();
  const ar = i18n.forLanguage('ar');
  assert.equal(ar.direction, 'rtl');
  const line = ar.t('commands:participation.row', { name: 'Kampala', rate: 0.5, complete: 1, asked: 2 });
  assert.match(line, /\u2068Kampala\u2069/);
  assert.match(line, /\u20681\u2069 من \u20682\u2069/);
  const en = i18n.forLanguage('en-GB');
  assert.equal(en.lng, 'en');
  assert.equal(
    en.t('commands:participation.row', { name: 'Kampala', rate: 0.5, complete: 1, asked: 2 }),
    'Kampala: 50% complete (1 of 2)',
  );
});
