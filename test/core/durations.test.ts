// Waits are said as people say them, in each language: "1 second", "58 minutes", never
// "3,473 seconds" or "1 seconds".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createI18n } from '../../src/core/i18n.ts';
import { roundDuration } from '../../src/domain/round-duration.ts';

test('roundDuration picks the unit that fits and rounds', () => {
  assert.deepEqual(roundDuration(0.2), { value: 1, unit: 'second' });
  assert.deepEqual(roundDuration(1), { value: 1, unit: 'second' });
  assert.deepEqual(roundDuration(59.1), { value: 60, unit: 'second' });
  assert.deepEqual(roundDuration(3473), { value: 58, unit: 'minute' });
  assert.deepEqual(roundDuration(7200), { value: 2, unit: 'hour' });
  assert.deepEqual(roundDuration(3 * 86_400), { value: 3, unit: 'day' });
});

test('waits in every language: singular, plural and rounded', async () => {
  const i18n = await createI18n();
  const say = (lng: string, wait: number) => i18n.forLanguage(lng).t('errors.tooManyCommands', { wait });
  assert.match(say('en', 1), /Wait 1\ssecond and try again\./);
  assert.match(say('en', 3473), /Wait 58\sminutes and try again\./);
  assert.match(say('fr', 1), /Attendez 1\sseconde et/);
  assert.match(say('fr', 3473), /Attendez 58\sminutes /);
  assert.match(say('es', 7200), /Espere 2\shoras /);
  assert.match(say('ar', 7200), /ساعتان/);
  for (const lng of i18n.languages) {
    assert.doesNotMatch(say(lng, 3473), /3[,.\s]?473/, lng);
    assert.doesNotMatch(say(lng, 1), /\b1 seconds\b/, lng);
  }
});
