// An alert, single and rolled up, in every language the bot speaks: each string found, filled in,
// and written as that language writes (French spacing, Arabic right to left).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createI18n } from '../../src/core/i18n.ts';
import type { Standing } from '../../src/domain/judge-run.ts';
import { buildAlert } from '../../src/watch/build-alert.ts';
import { replyText } from '../helpers/demo-org.ts';

const standing = (missing: number, level: 1 | 2): Standing => ({
  asked: 40,
  complete: 4,
  share: 0.1,
  usual: 0.48,
  missing,
  level,
  forecast: 0.17,
  usualFinal: 0.8,
  basis: 'region',
  runs: 4,
});
const gulu = { region: { id: 2, name: 'Gulu', parentId: 1 }, standing: standing(15, 2) };
const lira = { region: { id: 3, name: 'Lira', parentId: 1 }, standing: standing(7, 1) };
/** Far behind alone, behind alone, and both rolled up. */
const variants = [[gulu], [lira], [gulu, lira]];
const input = (items: (typeof variants)[number]) => ({
  poll: { id: 5, name: 'Readiness' },
  day: '2031-03-10',
  items,
  endsAt: new Date('2031-03-10T09:00:00Z'),
  timezone: 'Africa/Kampala',
});

test('every language renders a single and a rolled-up alert, with its figures and buttons', async () => {
  const i18n = await createI18n();
  assert.deepEqual(i18n.languages, ['ar', 'en', 'es', 'fr', 'pt']);
  const english = variants.map((items) => replyText(buildAlert(i18n.forLanguage('en'), input(items))).split('\n'));
  for (const lng of i18n.languages) {
    const translator = i18n.forLanguage(lng);
    for (const [v, items] of variants.entries()) {
      const reply = buildAlert(translator, input(items));
      const text = replyText(reply);
      // Written in the language, not English filled in for a missing string.
      if (lng !== 'en')
        text.split('\n').forEach((line, i) => {
          if (!/\] (message|nonrespondents|watch) /.test(line))
            assert.notEqual(line, english[v]![i], `${lng} shows English: ${line}`);
        });
      assert.doesNotMatch(text, /watch:|\{\{|undefined|NaN/, `${lng}: ${text}`);
      for (const { region } of items) assert.match(text, new RegExp(region.name), lng);
      // Figures as the language writes percentages: 10 %, 10%, ١٠٪…
      const percent = new Intl.NumberFormat(lng, { style: 'percent' }).format(0.1);
      assert.ok(text.includes(percent), `${lng} lacks ${percent}: ${text}`);
      assert.equal(reply.direction, lng === 'ar' ? 'rtl' : 'ltr');
      const buttons = reply.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []));
      assert.equal(buttons.length, items.length === 1 ? 3 : 5, lng);
      assert.ok(buttons.every((b) => b.label.length > 0 && !b.label.includes('watch:')));
      assert.equal(buttons.at(-1)!.command, 'watch off #5');
    }
  }
  const fr = replyText(buildAlert(i18n.forLanguage('fr'), input([gulu])));
  assert.match(fr, / \(4 sur 40\)\u202f; d’habitude 48\u00a0% à ce stade\u00a0: il manque 15 contacts\./);
  const ar = replyText(buildAlert(i18n.forLanguage('ar'), input([gulu, lira])));
  assert.match(ar, /\u2068Gulu\u2069/);
  assert.match(ar, /^منطقتان من مناطقك متأخرتان في/);
});
