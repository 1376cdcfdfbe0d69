// Exports open in a spreadsheet as values: phone numbers and negative numbers as typed, and only
// what a spreadsheet would run as a formula turned into text. Read back the way a spreadsheet
// reads the file: the byte-order mark, then RFC 4180 cells, no trimming.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { buildCsv } from '../../src/core/build-csv.ts';

async function cellsOf(values: string[]): Promise<string[]> {
  const data = await buildCsv(['value'], async (write) => {
    for (const value of values) write([value]);
  });
  assert.deepEqual([...data.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with a byte-order mark');
  const rows = parse(data, { bom: true, relax_column_count: false }) as string[][];
  assert.deepEqual(rows[0], ['value']);
  return rows.slice(1).map((row) => row[0]!);
}

test('phone numbers and numbers are exported as the values they are', async () => {
  const values = ['+256700000001', '+256 700 000 001', '-12', '-0.5', '1,234.5', '+1-555-0100', '42', 'Kampala'];
  assert.deepEqual(await cellsOf(values), values);
});

test('a cell a spreadsheet would run as a formula is made text', async () => {
  const formulas = [
    '=1+1',
    '=HYPERLINK("http://example.org","x")',
    '+SUM(A1:A9)',
    "-2+3+cmd|' /C calc'!A0",
    '@SUM(A1)',
    '\t=1+1',
    '\r=1+1',
    '+256 700 (cmd)',
    '-',
  ];
  assert.deepEqual(
    await cellsOf(formulas),
    formulas.map((f) => `'${f}`),
  );
});
