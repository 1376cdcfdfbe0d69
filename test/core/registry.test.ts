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

test('every command has a usage line and a description in every language', async () => {
  const i18n = await createI18n();
  for (const lng of i18n.languages) {
    const { t } = i18n.forLanguage(lng);
    for (const command of commands) {
      for (const part of ['usage', 'description']) {
        const key = `commands:${command.name}.${part}`;
        assert.notEqual(t(key), `${command.name}.${part}`, `${lng} lacks ${key}`);
      }
    }
  }
});
