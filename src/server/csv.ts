/**
 * CSV cells for files people open in spreadsheets (RFC 4180 quoting), shared by the API's export and
 * the CLI. A text cell that a spreadsheet would run as a formula (it starts with = + - @, a tab or a
 * CR) is written with a leading `'`; `unguardCsvCell` takes exactly that `'` off again, so a file
 * exported by Tally imports back to the same values.
 */

/** Formula-looking text, after any `'` a previous guard (or the value itself) put in front. */
const FORMULA_LIKE = /^'*[=+\-@\t\r]/;

/** One CSV cell: quoted when needed, and formula-looking text neutralised so spreadsheets never run it. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  // Numbers are data (a score of -5 stays a number); text that starts like a formula gets a `'`. Text
  // that already starts with `'` before such a character gets one more, so the reversal is exact.
  if (typeof value === 'string' && FORMULA_LIKE.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvRow = (cells: readonly (string | number | null)[]): string =>
  `${cells.map(csvCell).join(',')}\n`;

/** A parsed cell with the export's formula guard taken off: `'=SUM(A1)` → `=SUM(A1)`. */
export const unguardCsvCell = (cell: string): string =>
  cell.startsWith("'") && FORMULA_LIKE.test(cell) ? cell.slice(1) : cell;
