// The corpus (corpus.ts): every question read against the demo workspace's names, per language.
// It fails below 95 % exact in any language, on any crash, and on any wrong action: a question
// read as a command that sends, starts, schedules or changes something other than the one it
// asked for. The figures are printed, the held-out part apart.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { effectOf } from '../../src/understand/effect-of.ts';
import { readQuestion, type Reading } from '../../src/understand/read-question.ts';
import { CORPUS_NOW, CORPUS_TIMEZONE, corpus, HELD_OUT_FROM } from './corpus.ts';
import { demoCatalog } from './demo-catalog.ts';

const asText = (reading: Reading) =>
  reading.kind === 'command' ? reading.line : reading.kind === 'choose' ? `? ${reading.lines.sort().join(' | ')}` : '?';
const normal = (expected: string) =>
  expected.startsWith('? ') ? `? ${expected.slice(2).split(' | ').sort().join(' | ')}` : expected;

test('the corpus: at least 95 % exact in each language, no wrong action, no crash', () => {
  const failures: string[] = [];
  for (const [language, cases] of Object.entries(corpus)) {
    assert.ok(cases.length >= 60, `${language}: at least 60 questions`);
    let exact = 0;
    let heldOut = 0;
    let wrongActions = 0;
    let crashes = 0;
    cases.forEach(([question, expected], i) => {
      let got: string;
      try {
        got = asText(readQuestion(question, demoCatalog, { now: CORPUS_NOW, timezone: CORPUS_TIMEZONE, language }));
      } catch (error) {
        crashes++;
        failures.push(`${language} crashed on “${question}”: ${(error as Error).message}`);
        return;
      }
      if (got === normal(expected)) {
        exact++;
        if (i >= HELD_OUT_FROM) heldOut++;
        return;
      }
      failures.push(`${language} “${question}”\n    expected ${expected}\n    got      ${got}`);
      if (!got.startsWith('?') && effectOf(got) !== 'read') wrongActions++;
    });
    const share = exact / cases.length;
    console.log(
      `${language}: ${exact}/${cases.length} exact (${(share * 100).toFixed(1)} %), held out ${heldOut}/${cases.length - HELD_OUT_FROM}, wrong actions ${wrongActions}, crashes ${crashes}`,
    );
    assert.equal(crashes, 0, `${language}: crashes`);
    assert.equal(wrongActions, 0, `${language}: wrong actions\n${failures.join('\n')}`);
    assert.ok(share >= 0.95, `${language}: ${(share * 100).toFixed(1)} % exact\n${failures.join('\n')}`);
  }
  if (failures.length > 0) console.log(`not read as expected:\n${failures.join('\n')}`);
});
