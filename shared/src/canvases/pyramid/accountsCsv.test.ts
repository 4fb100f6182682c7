import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_ROWS, parseAccountsCsv, parseAmount, type CsvImport } from './accountsCsv.ts';

function ok(csv: string): Extract<CsvImport, { ok: true }> {
  const r = parseAccountsCsv(csv);
  if (!r.ok) throw new Error(`expected a parse, got ${r.reason}`);
  return r;
}

describe('parseAccountsCsv', () => {
  it('reads a comma-separated file with English headers and decimal points', () => {
    const r = ok('name,revenue_current,revenue_previous,status,potential\nAcme,1250.50,1000,customer,high\nBeta,0,0,prospect,\n');
    expect(r.delimiter).toBe(',');
    expect(r.accounts).toEqual([
      { name: 'Acme', current: 1250.5, previous: 1000, status: 'customer', potential: 'high' },
      { name: 'Beta', current: 0, previous: 0, status: 'prospect' },
    ]);
    expect(r.rejected).toEqual([]);
  });

  it('reads what a Dutch spreadsheet writes: BOM, semicolons, decimal comma, CRLF, Dutch headers in any case', () => {
    const r = ok('\ufeffNaam;OMZET_HUIDIG;Omzet_Vorig;Status;Potentie\r\nJansen BV;1.234,50;999,99;klant;groot\r\nDe Vries;;;Prospect;\r\n');
    expect(r.delimiter).toBe(';');
    expect(r.decimalComma).toBe(true);
    expect(r.accounts).toEqual([
      { name: 'Jansen BV', current: 1234.5, previous: 999.99, status: 'customer', potential: 'groot' },
      { name: 'De Vries', current: 0, previous: 0, status: 'prospect' },
    ]);
  });

  it('reads semicolons with decimal points too', () => {
    const r = ok('name;revenue_current;revenue_previous;status\nA;12.5;3;customer\n');
    expect(r.decimalComma).toBe(false);
    expect(r.accounts[0].current).toBe(12.5);
  });

  it('reads quoted fields with separators, doubled quotes and line breaks inside', () => {
    const r = ok('name,revenue_current,revenue_previous,status\n"Smith, Jones & Co","1,200.00",0,customer\n"The ""Best"" Shop",5,5,customer\n');
    expect(r.accounts.map((a) => [a.name, a.current])).toEqual([
      ['Smith, Jones & Co', 1200],
      ['The "Best" Shop', 5],
    ]);
  });

  it('counts lines as a spreadsheet shows them: header 1, a quoted line break adds a line, empty lines count', () => {
    const csv = 'name;revenue_current;revenue_previous;status\r\n"Two\r\nlines BV";1;1;klant\r\n\r\nBad;abc;0;klant\r\nAlso bad;1;1;lead\r\n';
    const r = ok(csv);
    expect(r.accounts.map((a) => a.name)).toEqual(['Two lines BV']);
    expect(r.rejected.map((x) => [x.line, x.problem.code])).toEqual([
      [5, 'revenue_not_a_number'],
      [6, 'status_unknown'],
    ]);
  });

  it('rejects bad rows with a reason a person can act on, and keeps the good ones', () => {
    const r = ok(
      [
        'name,revenue_current,revenue_previous,status',
        ',10,0,customer',
        'Neg,-5,0,customer',
        'Text,ten,0,customer',
        'NoStatus,1,0,',
        'Good,1,0,customer',
        'good ,2,0,customer',
      ].join('\n'),
    );
    expect(r.accounts.map((a) => a.name)).toEqual(['Good']);
    expect(r.rejected).toEqual([
      { line: 2, problem: { code: 'name_empty' }, reason: 'The name is empty: fill in the account name.' },
      { line: 3, problem: { code: 'revenue_negative', column: 'revenue_current', value: '-5' }, reason: 'revenue_current "-5" is negative: revenue is 0 or more.' },
      {
        line: 4,
        problem: { code: 'revenue_not_a_number', column: 'revenue_current', value: 'ten' },
        reason: 'revenue_current "ten" is not an amount: write a number such as 1250.50, without text.',
      },
      { line: 5, problem: { code: 'status_empty' }, reason: 'The status is empty: write customer, prospect or suspect (or klant, prospect, suspect).' },
      {
        line: 7,
        problem: { code: 'duplicate_name', name: 'good', firstLine: 6 },
        reason: '"good" is on line 6 already: merge the two lines or tell the accounts apart by name.',
      },
    ]);
  });

  it('refuses a file it cannot use as a whole, saying what is missing', () => {
    expect(parseAccountsCsv('')).toMatchObject({ ok: false, problem: { code: 'empty' } });
    expect(parseAccountsCsv('\ufeff\r\n  \r\n')).toMatchObject({ ok: false, problem: { code: 'empty' } });
    expect(parseAccountsCsv('name,revenue,status\nA,1,customer')).toMatchObject({
      ok: false,
      problem: { code: 'missing_columns', columns: ['revenue_current', 'revenue_previous'] },
    });
    expect(parseAccountsCsv('name,revenue_current,revenue_previous,status\n"Open,1,1,customer\nB,1,1,customer')).toMatchObject({
      ok: false,
      problem: { code: 'unclosed_quote', line: 2 },
    });
    const big = ['name,revenue_current,revenue_previous,status', ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `a${i},1,0,customer`)].join('\n');
    expect(parseAccountsCsv(big)).toMatchObject({ ok: false, problem: { code: 'too_many_rows' } });
  });

  it('reads a header-only file as no accounts', () => {
    expect(ok('name,revenue_current,revenue_previous,status\n').accounts).toEqual([]);
  });

  it('reads 10,000 accounts', () => {
    const lines = ['naam;omzet_huidig;omzet_vorig;status', ...Array.from({ length: 10_000 }, (_, i) => `Klant ${i};${i},50;${i};klant`)];
    const r = ok(lines.join('\r\n'));
    expect(r.accounts).toHaveLength(10_000);
    expect(r.accounts[9_999]).toEqual({ name: 'Klant 9999', current: 9999.5, previous: 9999, status: 'customer' });
  });
});

describe('parseAmount', () => {
  it('reads amounts as spreadsheets write them', () => {
    expect(parseAmount('', false)).toBe(0);
    expect(parseAmount('1,234.56', false)).toBe(1234.56);
    expect(parseAmount('1.234,56', true)).toBe(1234.56);
    expect(parseAmount('€ 1.234', true)).toBe(1234);
    expect(parseAmount('1\u00a0234,5', true)).toBe(1234.5);
    expect(parseAmount('-3', false)).toBe(-3);
  });

  it('refuses what is not one amount', () => {
    expect(parseAmount('12abc', false)).toBeUndefined();
    expect(parseAmount('1,23,4', false)).toBeUndefined();
    expect(parseAmount('1.2.3', false)).toBeUndefined();
    expect(parseAmount('1,2', false)).toBeUndefined();
  });
});
