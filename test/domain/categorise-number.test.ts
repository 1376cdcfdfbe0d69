import assert from 'node:assert/strict';
import test from 'node:test';
import { categoriseNumber, parseDecimal, type Rule } from '../../src/domain/categorise-number.ts';

// The demo's Attendance rules: less than 10 → Few, between 10 and 40 → Normal, greater than 40 → Many.
const rules: Rule[] = [
  { category: 'Few', type: 'lt', value: 10 },
  { category: 'Normal', type: 'between', min: 10, max: 40 },
  { category: 'Many', type: 'gt', value: 40 },
];

test('between includes both ends; less and greater exclude the bound', () => {
  assert.equal(categoriseNumber(9.99, rules), 'Few');
  assert.equal(categoriseNumber(10, rules), 'Normal');
  assert.equal(categoriseNumber(40, rules), 'Normal');
  assert.equal(categoriseNumber(40.01, rules), 'Many');
  assert.equal(categoriseNumber(-3, rules), 'Few');
});

test('a computed value such as an average of 4.5 lands in the category covering it', () => {
  const scale: Rule[] = [
    { category: 'Low', type: 'between', min: 1, max: 4 },
    { category: 'Middle', type: 'between', min: 4, max: 5 },
    { category: 'High', type: 'gt', value: 5 },
  ];
  assert.equal(categoriseNumber(4.5, scale), 'Middle');
  // On a bound shared by two rules, the first matching rule wins.
  assert.equal(categoriseNumber(4, scale), 'Low');
  assert.equal(categoriseNumber(5, scale), 'Middle');
  assert.equal(categoriseNumber(0.5, scale), 'Other');
});

test('eq is exact, non-numeric rules are skipped, nothing matching is Other', () => {
  const mixed: Rule[] = [
    { category: 'Words', type: 'other', test: 'has_any_word', arguments: ['yes'] },
    { category: 'Zero', type: 'eq', value: 0 },
  ];
  assert.equal(categoriseNumber(0, mixed), 'Zero');
  assert.equal(categoriseNumber(0.1, mixed), 'Other');
  assert.equal(categoriseNumber(Number.NaN, rules), 'Other');
});

test('answers are parsed as decimals', () => {
  assert.equal(parseDecimal(' 12 '), 12);
  assert.equal(parseDecimal('4,5'), 4.5);
  assert.equal(parseDecimal('-3.25'), -3.25);
  assert.equal(parseDecimal('twelve'), null);
  assert.equal(parseDecimal('12 pupils'), null);
  assert.equal(parseDecimal(null), null);
});
