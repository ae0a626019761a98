import { describe, expect, it } from 'vitest';
import { csvCell, csvRow, unguardCsvCell } from './csv.ts';

describe('csv cells', () => {
  it.each<[string | number | null, string]>([
    ['plain', 'plain'],
    [42, '42'],
    [-5, '-5'],
    [null, ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['+1 555', "'+1 555"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tindent', "'\tindent"],
    ['\rcr', `"'\rcr"`],
    ["'=already", "''=already"],
    ["it's", "it's"],
    ["'quoted'", "'quoted'"],
    ['Élodie', 'Élodie'],
  ])('%j → %s', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('joins a row and ends it with a newline', () => {
    expect(csvRow(['a', 1, null, 'x,y'])).toBe('a,1,,"x,y"\n');
  });

  it.each([
    '=HYPERLINK("x")',
    '+1 555',
    '-5',
    '@handle',
    '\tx',
    '\rx',
    "'=a",
    "''+b",
    "'",
    "'plain'",
    "it's",
    'plain',
    '',
  ])('the guard comes off exactly: %j', (value) => {
    const guarded = csvCell(value);
    const parsedCell = guarded.startsWith('"') ? guarded.slice(1, -1).replaceAll('""', '"') : guarded;
    expect(unguardCsvCell(parsedCell)).toBe(value);
  });
});
