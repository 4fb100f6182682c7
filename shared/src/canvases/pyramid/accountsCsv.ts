// Reads a CSV of accounts as CRMs and spreadsheets write them (issue 9): comma or semicolon
// separated (detected from the header line), decimal point or, with semicolons, decimal comma;
// quoted fields (with separators and line breaks inside); UTF-8 with or without BOM; CRLF or LF.
// Headers in English or Dutch, any case. The tokenising is papaparse's (docs/dependencies.md).
//
// Line numbers are the ones a spreadsheet shows: the header is line 1, and a quoted field with a
// line break inside counts each of its lines. A bad row is reported with a reason a person can act
// on (a code for the app to translate, and the English text), and the good rows still import.
import Papa from 'papaparse';
import type { AccountValue } from './accounts.ts';
import { MAX_NAME_LENGTH, MAX_POTENTIAL_LENGTH, nameKey } from './accounts.ts';
import type { AccountStatus } from './pyramidLevels.ts';

/** Rows per import. Bounds the work of one request and the size of the one update that writes them. */
export const MAX_IMPORT_ROWS = 20_000;

type Column = 'name' | 'current' | 'previous' | 'status' | 'potential';

/** Header names per column, lower case; spaces and hyphens in a header count as underscores. */
const HEADERS: Record<Column, readonly string[]> = {
  name: ['name', 'naam'],
  current: ['revenue_current', 'omzet_huidig'],
  previous: ['revenue_previous', 'omzet_vorig'],
  status: ['status'],
  potential: ['potential', 'potentie'],
};
const REQUIRED: readonly Column[] = ['name', 'current', 'previous', 'status'];

const STATUS_WORDS: Record<string, AccountStatus> = {
  customer: 'customer',
  klant: 'customer',
  prospect: 'prospect',
  suspect: 'suspect',
};

export type RowProblem =
  | { code: 'name_empty' }
  | { code: 'name_too_long'; max: number }
  | { code: 'duplicate_name'; name: string; firstLine: number }
  | { code: 'revenue_not_a_number'; column: string; value: string }
  | { code: 'revenue_negative'; column: string; value: string }
  | { code: 'status_empty' }
  | { code: 'status_unknown'; value: string }
  | { code: 'potential_too_long'; max: number };

export type FileProblem =
  | { code: 'empty' }
  | { code: 'missing_columns'; columns: string[] }
  | { code: 'too_many_rows'; max: number }
  | { code: 'unclosed_quote'; line: number };

export interface RejectedLine {
  line: number;
  /** English, for programs and logs; the app shows `problem` in the user's language. */
  reason: string;
  problem: RowProblem;
}

export type CsvImport =
  | { ok: true; accounts: AccountValue[]; rejected: RejectedLine[]; delimiter: ',' | ';'; decimalComma: boolean }
  | { ok: false; problem: FileProblem; reason: string };

export function parseAccountsCsv(input: string): CsvImport {
  // One kind of line break: papaparse takes the first one it sees for the whole file, and files
  // edited in two programs mix them.
  const text = (input.charCodeAt(0) === 0xfeff ? input.slice(1) : input).replace(/\r\n?/g, '\n');
  if (text.trim() === '') return fileProblem({ code: 'empty' });
  const delimiter = detectDelimiter(text);
  // Row by row, for where each row starts: its spreadsheet line is 1 + the line breaks before it
  // (those inside quoted fields too).
  const rows: Array<{ cells: string[]; line: number }> = [];
  let counted = 0;
  let line = 1;
  let badQuote: number | undefined;
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    step(result) {
      if (badQuote === undefined && result.errors.some((e) => e.type === 'Quotes')) badQuote = line;
      rows.push({ cells: result.data, line });
      for (let i = counted; i < result.meta.cursor; i++) if (text.charCodeAt(i) === 10) line++;
      counted = result.meta.cursor;
    },
  });
  const header = rows[0]?.cells ?? [];
  const at = columnsOf(header);
  const missing = REQUIRED.filter((c) => at[c] === undefined);
  if (missing.length > 0) return fileProblem({ code: 'missing_columns', columns: missing.map((c) => HEADERS[c][0]) });
  if (badQuote !== undefined) return fileProblem({ code: 'unclosed_quote', line: badQuote });

  const body = rows.slice(1).filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (body.length > MAX_IMPORT_ROWS) return fileProblem({ code: 'too_many_rows', max: MAX_IMPORT_ROWS });
  // With semicolons a comma in any revenue means a decimal comma for the whole file ("1.234,50").
  const decimalComma = delimiter === ';' && body.some((r) => [at.current!, at.previous!].some((i) => (r.cells[i] ?? '').includes(',')));

  const accounts: AccountValue[] = [];
  const rejected: RejectedLine[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { cells, line } of body) {
    const cell = (c: Column) => (at[c] === undefined ? '' : (cells[at[c]!] ?? '').trim());
    const result = readRow(cell, header, at, decimalComma);
    if ('code' in result) {
      rejected.push({ line, problem: result, reason: reasonText(result) });
      continue;
    }
    const key = nameKey(result.name);
    const first = firstLineOf.get(key);
    if (first !== undefined) {
      const problem: RowProblem = { code: 'duplicate_name', name: result.name, firstLine: first };
      rejected.push({ line, problem, reason: reasonText(problem) });
      continue;
    }
    firstLineOf.set(key, line);
    accounts.push(result);
  }
  return { ok: true, accounts, rejected, delimiter, decimalComma };
}

function readRow(cell: (c: Column) => string, header: string[], at: Partial<Record<Column, number>>, decimalComma: boolean): AccountValue | RowProblem {
  // A line break or a run of spaces inside a name (a CRM's address-like field) reads as one space.
  const name = cell('name').replace(/\s+/g, ' ');
  if (name === '') return { code: 'name_empty' };
  if (name.length > MAX_NAME_LENGTH) return { code: 'name_too_long', max: MAX_NAME_LENGTH };
  const revenue: Record<'current' | 'previous', number> = { current: 0, previous: 0 };
  for (const c of ['current', 'previous'] as const) {
    const raw = cell(c);
    const column = header[at[c]!].trim();
    const n = parseAmount(raw, decimalComma);
    if (n === undefined) return { code: 'revenue_not_a_number', column, value: raw };
    if (n < 0) return { code: 'revenue_negative', column, value: raw };
    revenue[c] = n;
  }
  const statusWord = cell('status');
  if (statusWord === '') return { code: 'status_empty' };
  const status = STATUS_WORDS[statusWord.toLowerCase()];
  if (!status) return { code: 'status_unknown', value: statusWord };
  const potential = cell('potential');
  if (potential.length > MAX_POTENTIAL_LENGTH) return { code: 'potential_too_long', max: MAX_POTENTIAL_LENGTH };
  const account: AccountValue = { name, current: revenue.current, previous: revenue.previous, status };
  if (potential !== '') account.potential = potential;
  return account;
}

/**
 * An amount as spreadsheets write it: empty is 0; currency signs and spaces (also the narrow and
 * no-break spaces some locales group digits with) are ignored. Decimal comma: `1.234,5` or `1234,5`;
 * decimal point: `1,234.5` or `1234.5`. Thousands groups must be groups of three.
 */
export function parseAmount(raw: string, decimalComma: boolean): number | undefined {
  let s = raw.replace(/[\s\u00a0\u202f€$£]/g, '');
  if (s === '') return 0;
  const [group, decimal] = decimalComma ? ['.', ','] : [',', '.'];
  const sign = s.startsWith('-') ? -1 : 1;
  if (sign < 0 || s.startsWith('+')) s = s.slice(1);
  const [whole, fraction, extra] = s.split(decimal);
  if (extra !== undefined || whole === undefined) return undefined;
  const grouped = whole.includes(group);
  if (grouped && !(decimalComma ? DOT_GROUPS : COMMA_GROUPS).test(whole)) return undefined;
  const digits = grouped ? whole.split(group).join('') : whole;
  if (!/^\d+$/.test(digits) || (fraction !== undefined && !/^\d+$/.test(fraction))) return undefined;
  return sign * Number(fraction === undefined ? digits : `${digits}.${fraction}`);
}

const DOT_GROUPS = /^\d{1,3}(\.\d{3})+$/;
const COMMA_GROUPS = /^\d{1,3}(,\d{3})+$/;

/** `;` when the header line (up to the first line break outside quotes) has more semicolons than commas. */
function detectDelimiter(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === ',') commas++;
    else if (ch === ';') semicolons++;
    else if (ch === '\n' || ch === '\r') break;
  }
  return semicolons > commas ? ';' : ',';
}

function columnsOf(header: string[]): Partial<Record<Column, number>> {
  const at: Partial<Record<Column, number>> = {};
  header.forEach((h, i) => {
    const norm = h.trim().toLowerCase().replace(/[\s-]+/g, '_');
    for (const [column, names] of Object.entries(HEADERS) as [Column, readonly string[]][]) {
      if (names.includes(norm) && at[column] === undefined) at[column] = i;
    }
  });
  return at;
}

function fileProblem(problem: FileProblem): CsvImport {
  return { ok: false, problem, reason: fileReasonText(problem) };
}

/** The English reason of a rejected line (the app translates `problem` itself). */
export function reasonText(p: RowProblem): string {
  switch (p.code) {
    case 'name_empty':
      return 'The name is empty: fill in the account name.';
    case 'name_too_long':
      return `The name is longer than ${p.max} characters: shorten it.`;
    case 'duplicate_name':
      return `"${p.name}" is on line ${p.firstLine} already: merge the two lines or tell the accounts apart by name.`;
    case 'revenue_not_a_number':
      return `${p.column} "${p.value}" is not an amount: write a number such as 1250.50, without text.`;
    case 'revenue_negative':
      return `${p.column} "${p.value}" is negative: revenue is 0 or more.`;
    case 'status_empty':
      return 'The status is empty: write customer, prospect or suspect (or klant, prospect, suspect).';
    case 'status_unknown':
      return `The status "${p.value}" is unknown: write customer, prospect or suspect (or klant, prospect, suspect).`;
    case 'potential_too_long':
      return `The potential is longer than ${p.max} characters: shorten it.`;
  }
}

export function fileReasonText(p: FileProblem): string {
  switch (p.code) {
    case 'empty':
      return 'The file is empty.';
    case 'missing_columns':
      return `The first line must name the columns; missing: ${p.columns.join(', ')} (Dutch: naam, omzet_huidig, omzet_vorig, status).`;
    case 'too_many_rows':
      return `The file has more than ${p.max} accounts; split it or leave out old accounts.`;
    case 'unclosed_quote':
      return `A quote (") opened on line ${p.line} is not closed: close it, or remove it.`;
  }
}
