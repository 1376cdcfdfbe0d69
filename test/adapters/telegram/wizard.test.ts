// The wizard's pure part: what presses and typed answers do to its state, and its callback data.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  parseWizardData,
  pressWizard,
  refuseWizard,
  typeIntoWizard,
  wizardData,
  type WizardState,
} from '../../../src/adapters/telegram/wizard.ts';

const options = Array.from({ length: 20 }, (_, i) => ({
  value: `u${i}`,
  label: `مجموعة رقم ${i} ذات اسم طويل جدا جدا`,
}));
const state: WizardState = {
  dialogId: 'parent',
  nonce: 'ab12',
  step: 0,
  page: 0,
  fields: [
    { id: 'region', kind: 'one', options },
    { id: 'parent', kind: 'one', options },
  ],
  values: { region: [], parent: [] },
};

test('callback data stays a few bytes, whatever the names, and reads back', () => {
  for (const action of [
    { kind: 'toggle', index: 19 },
    { kind: 'choose', index: 3 },
    { kind: 'page', page: 2 },
    { kind: 'next' },
    { kind: 'cancel' },
  ] as const) {
    const data = wizardData('ab12', action);
    assert.ok(Buffer.byteLength(data) <= 16, data);
    assert.deepEqual(parseWizardData(data), { nonce: 'ab12', action });
  }
  assert.equal(parseWizardData('c:abcdef'), null, 'a command button is not a wizard’s');
});

test('choosing one option moves on; on the last step it submits with the choice', () => {
  const first = pressWizard(state, { kind: 'choose', index: 2 });
  assert.equal(first.next, 'show');
  assert.equal(first.state.step, 1);
  const last = pressWizard(first.state, { kind: 'choose', index: 5 });
  assert.deepEqual(last, { next: 'submit', state: { ...first.state, values: { region: ['u2'], parent: ['u5'] } } });
});

test('toggles add and remove; pages stay in range; a refusal goes back to the field at fault', () => {
  const many: WizardState = { ...state, fields: [{ id: 'chosen', kind: 'many', options }], values: { chosen: ['u1'] } };
  const on = pressWizard(many, { kind: 'toggle', index: 4 }).state;
  assert.deepEqual(on.values.chosen, ['u1', 'u4']);
  assert.deepEqual(pressWizard(on, { kind: 'toggle', index: 1 }).state.values.chosen, ['u4']);
  assert.equal(pressWizard(many, { kind: 'page', page: 99 }).state.page, 2);
  assert.equal(pressWizard(many, { kind: 'cancel' }).next, 'cancel');

  const typed = typeIntoWizard(
    {
      ...state,
      fields: [
        { id: 'url', kind: 'url', options: [] },
        { id: 'token', kind: 'secret', options: [] },
      ],
      values: {},
    },
    '  https://rapidpro.example  ',
  );
  assert.deepEqual(typed.state.values, { url: ['https://rapidpro.example'] });
  const refused = refuseWizard({ ...typed.state, step: 1 }, 'url', 'Could not reach RapidPro');
  assert.equal(refused.step, 0);
  assert.equal(refused.error, 'Could not reach RapidPro');
});
