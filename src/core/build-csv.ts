// A CSV file as spreadsheets open it: a byte-order mark (Excel then reads UTF-8, so Arabic and
// accents show), a header row, and the cells as they are, except those a spreadsheet would run as
// a formula (OWASP's "CSV injection": a leading = + - @, tab or carriage return), which get a `'`
// so they stay text. Phone numbers (+256…) and negative numbers start like a formula too, but
// are only digits with a sign: they stay values.
import { stringify } from 'csv-stringify';

const FORMULA_START = /^[=+\-@\t\r]/;
/** A number or phone number: digits after at most a sign, with spaces, dots, commas or dashes between. */
const PLAIN_NUMBER = /^[+-]?\d[\d .,-]*$/;

/** The cell as a spreadsheet should show it: never a formula it would run. */
function toCellText(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** The file's bytes; `fill` writes the rows (streamed from the database, not held as a list). */
export async function buildCsv(
  columns: string[],
  fill: (write: (cells: string[]) => void) => Promise<void>,
): Promise<Buffer> {
  const csv = stringify({
    bom: true,
    header: true,
    columns,
    cast: { string: toCellText },
  });
  const chunks: Buffer[] = [];
  csv.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => csv.on('end', resolve).on('error', reject));
  await fill((cells) => csv.write(cells));
  csv.end();
  await done;
  return Buffer.concat(chunks);
}
