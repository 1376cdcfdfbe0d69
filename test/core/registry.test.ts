import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import test from 'node:test';
import { commands } from '../../commands/index.ts';
import { createI18n } from '../../src/core/i18n.ts';

test('every file in commands/ is registered once, under its own name', () => {
  const files = readdirSync(new URL('../../commands/', import.meta.url))
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
    .map((f) => f.slice(0, -3))
    .sort();
  assert.deepEqual(commands.map((c) => c.name).sort(), files);
  const names = commands.flatMap((c) => [c.name, ...(c.aliases ?? [])]);
  assert.equal(new Set(names).size, names.length, 'a name or alias is used twice');
});

test('every sample line runs the command it belongs to', () => {
  for (const command of commands)
    for (const line of command.samples)
      assert.ok([command.name, ...(command.aliases ?? [])].includes(line.split(' ')[0]!), `${command.name}: ${line}`);
});

// What a usage line shows that is not a literal word: `[date|latest]`, `[days]`, `field=value`.
const PLACEHOLDERS = new Set([
  'date',
  'day',
  'days',
  'region',
  'text',
  'command',
  'names',
  'yyyy-mm-dd',
  'field=',
  'question',
  'number',
  'poll',
]);

test('every sub-command and keyword of a usage line is in one of the command’s samples', async () => {
  const { t } = (await createI18n()).forLanguage('en');
  for (const command of commands) {
    // Literal words: what is left once <placeholders> and "quoted examples" are taken out.
    const keywords = t(`commands:${command.name}.usage`)
      .replace(/<[^>]*>|"[^"]*"/g, ' ')
      .split(/[^a-z=-]+/)
      .map((word) => word.replace(/=.*/, '='))
      .filter((word) => word !== '' && word !== command.name && !PLACEHOLDERS.has(word));
    const words = command.samples.flatMap((line) => line.split(/\s+/).map((word) => word.replace(/=.*/, '=')));
    assert.deepEqual(
      keywords.filter((keyword) => !words.includes(keyword)),
      [],
      `${command.name}: no sample uses these (${command.samples.join(' | ')})`,
    );
  }
});

test('every command has a usage line and a description in every language', async () => {
  const i18n = await createI18n();
  for (const lng of i18n.languages) {
    const { t } = i18n.forLanguage(lng);
    for (const command of commands) {
      for (const part of ['usage', 'description'] as const) {
        assert.notEqual(t(`commands:${command.name}.${part}`), `${command.name}.${part}`, `${lng} lacks ${part}`);
      }
    }
  }
});
