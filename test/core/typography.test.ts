// Each language's own typography: French puts a no-break space before : ; ! ? and inside « »,
// in the translations and where code joins a label and its value.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { defaultLocalesDir } from '../../src/core/i18n.ts';
import { toText } from '../../src/adapters/console/render.ts';
import { renderReply } from '../../src/adapters/telegram/render-reply.ts';
import { fields, type Reply } from '../../src/core/reply.ts';
import { languageName } from '../../src/domain/language-name.ts';

/** Every string of a language's catalogues, with its file and key. */
function stringsOf(lng: string): { where: string; text: string }[] {
  const dir = path.join(defaultLocalesDir, lng);
  const walk = (where: string, value: unknown): { where: string; text: string }[] =>
    typeof value === 'string'
      ? [{ where, text: value }]
      : Object.entries(value as object).flatMap(([key, child]) => walk(`${where}.${key}`, child));
  return readdirSync(dir).flatMap((file) => walk(file, JSON.parse(readFileSync(path.join(dir, file), 'utf8'))));
}

const NO_BREAK = '[\\u00a0\\u202f]';

test('French strings set a no-break space before : ; ! ? and inside « »', () => {
  const faults: string[] = [];
  for (const { where, text } of stringsOf('fr')) {
    // Placeholders and addresses are not prose; a colon inside a word (08:00, slack:T01) is no punctuation.
    const prose = text.replace(/\{\{.*?\}\}/g, 'X').replace(/https?:\/\/\S+/g, 'URL');
    const rules = [
      new RegExp(`(?<!${NO_BREAK})[:;!?](?=\\s|$|»|")`, 'u'),
      new RegExp(`«(?!${NO_BREAK})`, 'u'),
      new RegExp(`(?<!${NO_BREAK})»`, 'u'),
    ];
    if (rules.some((rule) => rule.test(prose))) faults.push(`${where}: ${text}`);
  }
  assert.deepEqual(faults, []);
});

test('a field is joined to its label as the reply’s language writes it, on the console and Telegram', () => {
  const reply = (lng: string): Reply => ({
    direction: 'ltr',
    lng,
    blocks: [fields([{ label: 'Rôle', value: 'Administrateur' }])],
  });
  assert.equal(toText(reply('fr'), { color: false }).text, 'Rôle\u00a0: Administrateur');
  assert.equal(toText(reply('en'), { color: false }).text, 'Rôle: Administrateur');
  assert.match(renderReply(reply('fr')).messages[0]!.html, /Rôle\u00a0: Administrateur/);
});

test('language names are in the reader’s language, from RapidPro’s ISO 639-3 codes too', () => {
  assert.equal(languageName('fra', 'ar'), 'الفرنسية');
  assert.equal(languageName('fra', 'en'), 'French');
  assert.equal(languageName('eng', 'fr'), 'anglais');
  assert.equal(languageName('ara', 'es'), 'árabe');
  assert.equal(languageName('fr', 'fr'), 'français');
  // Something RapidPro kept that is no language tag is shown as it is.
  assert.equal(languageName('not a code', 'en'), 'not a code');
});
