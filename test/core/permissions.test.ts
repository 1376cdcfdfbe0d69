// The permission matrix, generated from the registry: every command × (admin, supervisor of the
// region, supervisor of another region, unknown user). Every cell is checked.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { commands } from '../../commands/index.ts';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

/** Commands whose sample names Kampala: a supervisor elsewhere must not reach it. */
const aboutKampala = new Set([
  'participation',
  'results',
  'indicators',
  'digest',
  'remind',
  'nonrespondents',
  'message',
  'start',
  'restart',
  'export',
  'contacts',
]);

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
  await demo.link('gulu-supervisor', 'supervisor', ['Gulu']);
});
after(() => demo?.close());

for (const command of commands) {
  test(`permissions of ${command.name}`, async () => {
    const line = command.samples[0];
    const stranger = await demo.run('nobody', line);
    // Only redeeming an invite is open to someone not linked; a made-up code is refused.
    assert.match(demo.text(stranger), command.runUnlinked ? /invite is not valid/ : /not linked/, 'unknown user');
    assert.equal(stranger.isError, true);

    const admin = await demo.run('admin', line);
    assert.doesNotMatch(demo.text(admin), /Only admins|not linked|went wrong/, `admin: ${demo.text(admin)}`);

    const inside = await demo.run('kampala-supervisor', line);
    const outside = await demo.run('gulu-supervisor', line);
    if (command.role === 'admin') {
      assert.match(demo.text(inside), /Only admins/, 'supervisor inside');
      assert.match(demo.text(outside), /Only admins/, 'supervisor outside');
      return;
    }
    assert.doesNotMatch(
      demo.text(inside),
      /Only admins|not linked|went wrong|that you can see/,
      `supervisor inside: ${demo.text(inside)}`,
    );
    if (aboutKampala.has(command.name)) {
      assert.match(
        demo.text(outside),
        /no region called “Kampala” that you can see/,
        `supervisor outside: ${demo.text(outside)}`,
      );
    } else {
      assert.doesNotMatch(
        demo.text(outside),
        /Only admins|not linked|went wrong/,
        `supervisor outside: ${demo.text(outside)}`,
      );
    }
  });
}
