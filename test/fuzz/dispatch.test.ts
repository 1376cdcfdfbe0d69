// Thousands of random command lines — Unicode, very long input, quotes, SQL and HTML fragments,
// control characters — through dispatch and the renderers: no crash, no unhandled rejection, and
// every reply a translated message within the platform's limits.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { commands } from '../../commands/index.ts';
import { toText } from '../../src/adapters/console/render.ts';
import { slackLimits } from '../../src/adapters/slack/limits.ts';
import { renderBlocks } from '../../src/adapters/slack/render-blocks.ts';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
before(async () => {
  demo = await createDemoOrg();
  await demo.link('arabic-supervisor', 'supervisor', ['Gulu'], 'ar');
  process.on('unhandledRejection', onUnhandled);
});
after(async () => {
  process.off('unhandledRejection', onUnhandled);
  await demo?.close();
});

// Commands that send or change data are left out: the fuzzer would start real polls.
const harmless = commands
  .filter(
    (c) =>
      ![
        'start',
        'message',
        'send',
        'reply',
        'restart',
        'remind',
        'setup',
        'rename',
        'supervisor',
        'contact',
        'digest',
        'lang',
        'fetch-runs',
        'sync',
        'schedules',
      ].includes(c.name),
  )
  .map((c) => c.name);
const nasty = fc.constantFrom(
  "'; drop table contacts; --",
  '<script>alert(1)</script>',
  '<!channel>',
  '"unclosed',
  "it's",
  '\u0000\u0007\u001b[31m',
  '\u202Eevil',
  'Kampala',
  'Attendance',
  '#1',
  '--page=-3',
  '--page=99999999999',
  'latest',
  '2026-02-30',
  'gender=female',
  'نعم',
  '😀',
  'a'.repeat(5000),
);
const word = fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 12 }), nasty);
const line = fc.oneof(
  fc
    .tuple(fc.constantFrom(...harmless), fc.array(word, { maxLength: 6 }))
    .map(([name, args]) => [name, ...args].join(' ')),
  fc.string({ unit: 'binary', maxLength: 300 }),
);

test('random command lines never crash dispatch, and every reply renders within limits', async () => {
  await fc.assert(
    fc.asyncProperty(
      line,
      fc.constantFrom('admin', 'kampala-supervisor', 'arabic-supervisor', 'nobody'),
      async (text, user) => {
        const reply = await demo.run(user, text);
        assert.ok(reply.blocks.length > 0, 'something is said');
        const shown = demo.text(reply);
        // A translated message, never a raw key, a stack trace or the unexpected-error reply.
        assert.doesNotMatch(shown, /errors\.|commands:|\n\s+at |Something went wrong/, shown);
        toText(reply, { color: false });
        for (const message of renderBlocks(reply).messages) {
          assert.ok(message.blocks.length <= slackLimits.blocksPerMessage);
          assert.ok(message.text.length <= slackLimits.messageText);
        }
      },
    ),
    { numRuns: 3000, seed: 20261123 },
  );
  assert.deepEqual(unhandled, []);
});
