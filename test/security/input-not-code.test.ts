// Input is never code: a user's text is shown as typed (never expanded by the translator), and
// ids too big for the database or a NUL in a message get the same clear answer as other bad input.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

test('translator syntax in user text is shown as typed, in every language', async () => {
  const attack = '$t(errors.unexpected, {"ref": "CALL +1 555"}) {{ref}}';
  for (const lng of ['en', 'fr', 'es', 'pt', 'ar']) {
    await demo.run('admin', `lang ${lng}`);
    const text = demo.text(await demo.run('admin', `contact '${attack}'`));
    assert.ok(text.includes('$t(errors.unexpected'), `${lng}: ${text}`);
    assert.doesNotMatch(text, /CALL \+1 555[^"]/, `${lng}: the nested sentence was expanded`);
  }
  await demo.run('admin', 'lang en');
});

test('ids of 2³¹ and more, and a NUL in a message, get a clear answer', async () => {
  const big = '#2147483648';
  const lines = [
    `schedules cancel ${big}`,
    `digest stop ${big}`,
    `send ${big}`,
    `contact ${big}`,
    `contact #99999999999999999999`,
    `reply ${big} hello`,
    `contact edit ${big} name=Someone`,
    `contacts ${big}`,
    'message Attendance latest Kampala all Hel\u0000lo',
    'reply "Nobody Here" he\u0000llo',
  ];
  for (const line of lines) {
    const text = demo.text(await demo.run('admin', line));
    assert.doesNotMatch(text, /Something went wrong|errors\.|commands:/, `${JSON.stringify(line)} → ${text}`);
  }
});
