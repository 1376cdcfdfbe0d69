// A map names the regions it cannot draw and how to fix that; an admin links a region to a
// RapidPro boundary of another name; the colour scale reads in percent.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildMapChart } from '../../src/charts/build-map-chart.ts';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

const images = (reply: Awaited<ReturnType<DemoOrg['run']>>) => reply.blocks.filter((b) => b.type === 'image');

test('the map names the asked regions it cannot draw, and setup boundary links one', async () => {
  const before = demo.text(await demo.run('admin', 'chart map "School Status"'));
  assert.match(
    before,
    /Not on the map \(no boundary of those names\): Kawempe, Nakawa\. Link them with: setup boundary <region> <boundary>\./,
  );

  assert.match(
    demo.text(await demo.run('admin', 'setup boundary Nakawa Atlantis')),
    /No boundary with a shape matches “Atlantis”\. Boundaries: .*Kampala \(R3001\)/,
  );
  assert.match(
    demo.text(await demo.run('admin', 'setup boundary Nakawa R3001')),
    /^Nakawa is drawn on maps with the boundary Kampala \(R3001\)\.$/m,
  );
  const after = await demo.run('admin', 'chart map "School Status"');
  assert.equal(images(after).length, 1);
  assert.match(demo.text(after), /Not on the map \(no boundary of that name\): Kawempe\./);

  assert.match(
    demo.text(await demo.run('admin', 'setup boundary Nakawa none')),
    /Nakawa is drawn on maps with the boundary of its own name again/,
  );
  assert.match(
    demo.text(await demo.run('kampala-supervisor', 'setup boundary Nakawa R3001')),
    /Only admins can do that\./,
  );
});

test('the colour scale of a map reads in percent from 0 to 100, in options QuickChart can take', () => {
  const spec = buildMapChart({ title: 't', caption: 'c', locale: 'en', direction: 'ltr' }, [], 'Complete');
  const color = (
    spec.config.options as {
      scales: { color: { min: number; max: number; ticks: { format: Intl.NumberFormatOptions } } };
    }
  ).scales.color;
  assert.deepEqual(color.ticks.format, {
    style: 'unit',
    unit: 'percent',
    minimumFractionDigits: 0,
    maximumFractionDigits: 0,
  });
  assert.deepEqual([color.min, color.max], [0, 100]);
  assert.equal(JSON.parse(JSON.stringify(spec.config)).options.scales.color.ticks.format.unit, 'percent');
});
