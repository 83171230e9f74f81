import { describe, expect, it } from 'vitest';
import { csvField, csvText, neutraliseFormula } from '../../../functions/reports/csv-text.js';

describe('Function: csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['carriage\rreturn', '"carriage\rreturn"'],
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTAB', "'\tTAB"],
    ['=HYPERLINK("x","y")', `"'=HYPERLINK(""x"",""y"")"`],
    ['a=b', 'a=b'],
    ["'already", "'already"],
  ])('writes %j as %j', (value, written) => {
    // Act / Assess
    expect(csvField(value)).toBe(written);
  });
});

describe('Function: neutraliseFormula', () => {
  it('leaves cells that do not start with a formula character alone', () => {
    // Act / Assess
    expect(['2026-03-02', 'req_x', 'a-b', ' =x'].map(neutraliseFormula)).toEqual([
      '2026-03-02',
      'req_x',
      'a-b',
      ' =x',
    ]);
  });
});

describe('Function: csvText', () => {
  it('writes a header row and one row per item, each ended by CRLF, empty cells for missing values', () => {
    // Act
    const text = csvText(
      [
        { header: 'name', value: (row: { name: string; size?: number }) => row.name },
        { header: 'size', value: (row) => row.size },
      ],
      [{ name: 'a, b', size: 3 }, { name: 'c' }],
    );

    // Assess
    expect(text).toBe('name,size\r\n"a, b",3\r\nc,\r\n');
  });
});
