// A CSV file as spreadsheets open it: a byte-order mark (Excel then reads UTF-8, so Arabic and
// accents show), a header row, and cells that start like a formula quoted so they stay text.
import { stringify } from 'csv-stringify';

/** The file's bytes; `fill` writes the rows (streamed from the database, not held as a list). */
export async function buildCsv(
  columns: string[],
  fill: (write: (cells: string[]) => void) => Promise<void>,
): Promise<Buffer> {
  const csv = stringify({
    bom: true,
    header: true,
    columns,
    // A leading = + - @ would be read as a formula by spreadsheets: those cells are quoted.
    cast: { string: (value) => (/^[=+\-@]/.test(value) ? `'${value}` : value) },
  });
  const chunks: Buffer[] = [];
  csv.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => csv.on('end', resolve).on('error', reject));
  await fill((cells) => csv.write(cells));
  csv.end();
  await done;
  return Buffer.concat(chunks);
}
