import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitWords, topWords } from '../../src/domain/summarise-answers.ts';

test('words are split as the language splits them: elided articles come off, the word stays whole', () => {
  assert.deepEqual(splitWords('Manque d’enseignants et de manuels scolaires', 'fr'), [
    'manque',
    'enseignants',
    'et',
    'de',
    'manuels',
    'scolaires',
  ]);
  assert.deepEqual(splitWords("l'eau potable, aujourd'hui", 'fr'), ['eau', 'potable', "aujourd'hui"]);
  assert.deepEqual(splitWords('نحتاج إلى كتب مدرسية', 'ar'), ['نحتاج', 'إلى', 'كتب', 'مدرسية']);
});

test('the cloud’s words: counts of one word meet, stop words and numbers of every language are left out', () => {
  const counted = [
    { word: "d'enseignants", count: 5 },
    { word: 'enseignants', count: 2 },
    { word: 'l’eau', count: 3 },
    { word: "l'eau", count: 1 },
    { word: 'the', count: 40 },
    { word: 'في', count: 30 },
    { word: 'para', count: 20 },
    { word: '2026', count: 9 },
    { word: 'كتب', count: 4 },
  ];
  assert.deepEqual(topWords(counted, 10, 'fr'), [
    { word: 'enseignants', count: 7 },
    { word: 'eau', count: 4 },
    { word: 'كتب', count: 4 },
  ]);
  assert.equal(topWords(counted, 1, 'en').length, 1);
});
