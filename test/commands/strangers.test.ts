// Someone not linked is told, in their language, how to get in; an admin previews the console as
// any linked person.
import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { runConsole } from '../../src/adapters/console/app.ts';
import { findPreviewUser } from '../../src/bootstrap/ensure-console-admin.ts';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

test('an unknown user is answered in their platform’s language, with the way in: an invite, then join <code>', async () => {
  const english = demo.text(await demo.run('stranger', 'polls', { locale: 'en-GB' }));
  assert.match(english, /Ask your TracBot admin for an invite, then type join <code>/);
  const french = demo.text(await demo.run('stranger', 'polls', { locale: 'fr-FR' }));
  assert.match(french, /Demandez une invitation .* puis tapez join <code>/);
  const arabic = await demo.run('stranger', 'participation', { locale: 'ar' });
  assert.equal(arabic.direction, 'rtl');
  assert.match(demo.text(arabic), /اطلب دعوة .* join/);
});

test('--as previews the console as a linked person: their role, regions and language', async () => {
  await demo.link('slack-officer', 'supervisor', ['Gulu'], 'fr');
  const as = await findPreviewUser(demo.db, demo.org.id, 'console:slack-officer');
  assert.deepEqual(as, { platform: 'console', userId: 'slack-officer' });
  assert.equal(await findPreviewUser(demo.db, demo.org.id, 'console:nobody'), null);
  assert.equal(await findPreviewUser(demo.db, demo.org.id, 'fax:123'), null);

  const output = new PassThrough();
  let written = '';
  output.on('data', (chunk) => (written += String(chunk)));
  await runConsole({
    dispatch: demo.dispatch,
    input: Readable.from(['whoami\n', 'participation Attendance\n']),
    output,
    user: 'admin',
    json: false,
    prompt: '',
    filesDir: '/tmp',
    as: as!,
  });
  assert.match(written, /Rôle\u00a0: Superviseur/);
  assert.match(written, /Régions\u00a0: Gulu/);
  assert.doesNotMatch(written, /Kampala|Central/);
});
