// Every command's reply, in English and Arabic, rendered for Slack within Block Kit's limits;
// user text can neither mention nor format.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { slackLimits } from '../../../src/adapters/slack/limits.ts';
import { renderBlocks, splitText, type SlackBlock } from '../../../src/adapters/slack/render-blocks.ts';
import { commands } from '../../../commands/index.ts';
import { createDemoOrg, type DemoOrg } from '../../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
  await demo.link('arabic-admin', 'admin', [], 'ar');
});
after(() => demo?.close());

type Text = { type: string; text: string };
const length = (text: string) => [...text].length;

/** Checks a message against Slack's limits; returns every plain or mrkdwn text in it. */
function checkMessage(blocks: SlackBlock[]): Text[] {
  assert.ok(blocks.length <= slackLimits.blocksPerMessage, `${blocks.length} blocks`);
  const texts: Text[] = [];
  const actionIds = new Set<string>();
  for (const block of blocks) {
    if (block.type === 'header') {
      const text = block.text as Text;
      assert.equal(text.type, 'plain_text');
      assert.ok(length(text.text) <= slackLimits.headerText);
      texts.push(text);
    } else if (block.type === 'section') {
      if (block.text) {
        assert.ok(length((block.text as Text).text) <= slackLimits.sectionText);
        texts.push(block.text as Text);
      }
      const fields = (block.fields as Text[] | undefined) ?? [];
      assert.ok(fields.length <= slackLimits.fieldsPerSection);
      for (const field of fields) assert.ok(length(field.text) <= slackLimits.fieldText);
      texts.push(...fields);
    } else if (block.type === 'context') {
      const elements = block.elements as Text[];
      assert.ok(elements.length <= slackLimits.contextElements);
      texts.push(...elements);
    } else if (block.type === 'actions') {
      const elements = block.elements as { action_id: string; text: Text; value: string }[];
      assert.ok(elements.length <= slackLimits.actionsElements);
      for (const button of elements) {
        assert.ok(length(button.text.text) <= slackLimits.buttonText);
        assert.ok(button.value.length <= slackLimits.buttonValue);
        assert.ok(!actionIds.has(button.action_id), 'action ids are unique');
        actionIds.add(button.action_id);
        texts.push(button.text);
      }
    } else {
      assert.fail(`unexpected block ${block.type}`);
    }
  }
  return texts;
}

for (const command of commands) {
  test(`${command.name} renders within Slack's limits in English and Arabic`, async () => {
    for (const user of ['admin', 'arabic-admin']) {
      const reply = await demo.run(user, command.samples[0]);
      const { messages } = renderBlocks(reply);
      assert.ok(messages.length >= 1);
      for (const message of messages) {
        for (const text of checkMessage(message.blocks)) {
          // Nothing from a reply is ever mrkdwn, so no name can mention or format.
          assert.equal(text.type, 'plain_text');
        }
      }
    }
  });
}

test('a long list is split into sections and messages, none over the limits', () => {
  const items = Array.from({ length: 5000 }, (_, i) => `Contact number ${i} with a fairly long name`);
  const { messages } = renderBlocks({
    direction: 'ltr',
    blocks: [
      { type: 'heading', text: 'Contacts' },
      { type: 'list', items },
    ],
  });
  assert.ok(messages.length > 1);
  const shown = messages
    .flatMap((m) => checkMessage(m.blocks))
    .map((t) => t.text)
    .join('\n');
  for (const i of [0, 2500, 4999]) assert.ok(shown.includes(`Contact number ${i} with`), `item ${i} kept`);
});

test('a contact named like a mention or markup stays text, also in the notification text', () => {
  const { messages } = renderBlocks({
    direction: 'ltr',
    blocks: [{ type: 'text', text: '<!channel> *Amina* & <@U123>' }],
  });
  assert.equal(messages[0]!.text, '&lt;!channel&gt; *Amina* &amp; &lt;@U123&gt;');
  assert.deepEqual(messages[0]!.blocks[0], {
    type: 'section',
    text: { type: 'plain_text', text: '<!channel> *Amina* & <@U123>', emoji: false },
  });
});

test('text is split on line boundaries, and a line longer than the limit is cut into pieces', () => {
  assert.deepEqual(splitText('ab\ncd\nef', 5), ['ab\ncd', 'ef']);
  assert.deepEqual(splitText('abcdefgh', 3), ['abc', 'def', 'gh']);
  assert.deepEqual(splitText('', 3), ['']);
});

test('images and files are handed back for upload, not put in blocks', () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
  const { messages, uploads } = renderBlocks({
    direction: 'ltr',
    blocks: [{ type: 'image', png, alt: 'A chart', filename: 'chart.png' }],
  });
  assert.deepEqual(messages, []);
  assert.deepEqual(uploads, [{ data: png, filename: 'chart.png', title: 'A chart', altText: 'A chart' }]);
});

test('a reply without a heading or text is announced by its note (an export), else by its files', () => {
  const data = Buffer.from('a,b\n');
  const file = { type: 'file' as const, data, filename: 'Attendance.csv', mimeType: 'text/csv' };
  const withNote = renderBlocks({
    direction: 'ltr',
    blocks: [file, { type: 'context', text: '12 responses of Attendance' }],
  });
  assert.equal(withNote.messages[0]!.text, '12 responses of Attendance');
  const buttonsOnly = renderBlocks({
    direction: 'ltr',
    blocks: [file, { type: 'buttons', buttons: [{ label: 'Again', command: 'export' }] }],
  });
  assert.equal(buttonsOnly.messages[0]!.text, 'Attendance.csv');
});

test('a row asking to confirm settles its message when pressed; other buttons do not', () => {
  const { messages } = renderBlocks({
    direction: 'ltr',
    blocks: [
      {
        type: 'buttons',
        buttons: [
          { label: 'Send', command: 'send #1', style: 'primary' },
          { label: 'Cancel', command: 'cancel' },
        ],
      },
      { type: 'buttons', buttons: [{ label: 'Refresh', command: 'participation #1' }] },
    ],
  });
  const ids = messages[0]!.blocks.flatMap((b) =>
    (b as { elements: { action_id: string }[] }).elements.map((e) => e.action_id),
  );
  assert.deepEqual(ids, ['confirm:0', 'confirm:1', 'command:2']);
});
