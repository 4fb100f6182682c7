// Issue 9's pyramid bench: the import and analysis of 10,000 accounts, step by step as the server
// and a browser do them: parse the CSV (parseAccountsCsv), make the one update that replaces the
// accounts (mapWriteUpdate, as the import route does), the server's checks of it (checkUpdate and
// the write rules), apply it, and read + segment + analyse the board (what a view does per change).
// The peer, measured in the same run on the same text: papaparse alone, the tokenising every CSV
// import needs whatever it does after.
import * as Y from 'yjs';
import Papa from 'papaparse';
import { initBoard } from '../../shared/src/board/meta.ts';
import { addCanvas, getCanvas } from '../../shared/src/board/canvases.ts';
import { ROOT } from '../../shared/src/board/schema.ts';
import { readSettings } from '../../shared/src/canvases/kind.ts';
import { accountKey, accountKeysOf, importedAccounts, readAccounts } from '../../shared/src/canvases/pyramid/accounts.ts';
import { parseAccountsCsv } from '../../shared/src/canvases/pyramid/accountsCsv.ts';
import { analyzePyramid } from '../../shared/src/canvases/pyramid/pyramidAnalysis.ts';
import { pyramidKind } from '../../shared/src/canvases/pyramid/pyramidKind.ts';
import { mapWriteUpdate } from '../../server/src/rooms/mapWriteUpdate.ts';
import { checkUpdate } from '../../server/src/rooms/checkUpdate.ts';
import { checkWrites } from '../../server/src/rooms/writeCheck.ts';
import { SERVER_ACTOR } from '../../server/src/auth/permissions.ts';
import { summarize } from '../stats.ts';

export interface PyramidResult {
  accounts: number;
  csvBytes: number;
  updateBytes: number;
  runs: number;
  /** p50 ms per step. */
  papaparse: number;
  parse: number;
  makeUpdate: number;
  serverChecks: number;
  apply: number;
  analyse: number;
}

/** A CRM export as a Dutch spreadsheet writes it: semicolons, decimal commas, CRLF, some quoted names. */
export function benchCsv(n: number): string {
  const lines = ['naam;omzet_huidig;omzet_vorig;status;potentie'];
  let seed = 42;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let i = 0; i < n; i++) {
    const r = rnd();
    const status = r < 0.1 ? 'suspect' : r < 0.2 ? 'prospect' : 'klant';
    const cur = status === 'klant' && rnd() > 0.1 ? (2_000_000 * rnd() ** 6).toFixed(2).replace('.', ',') : '0';
    const prev = status === 'klant' ? (2_000_000 * rnd() ** 6).toFixed(2).replace('.', ',') : '0';
    const name = i % 10 === 0 ? `"Klant ${i}; vestiging ""Noord"""` : `Klant ${i} BV`;
    lines.push(`${name};${cur};${prev};${status};${i % 7 === 0 ? 'groot' : ''}`);
  }
  return lines.join('\r\n');
}

export function runPyramid(n = 10_000, runs = 15): PyramidResult {
  const csv = benchCsv(n);
  const times: Record<Exclude<keyof PyramidResult, 'accounts' | 'csvBytes' | 'updateBytes' | 'runs'>, number[]> = {
    papaparse: [],
    parse: [],
    makeUpdate: [],
    serverChecks: [],
    apply: [],
    analyse: [],
  };
  const time = <T>(list: number[], f: () => T): T => {
    const t = performance.now();
    const out = f();
    list.push(performance.now() - t);
    return out;
  };
  let updateBytes = 0;
  // One board for all runs: every run after the first replaces the 10,000 accounts the one before wrote.
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Bench', template: 'swot', language: 'nl', createdAt: 0 });
  const canvasId = addCanvas(doc, { kind: 'pyramid', title: 'Pyramid' });
  const writer = 123_456_789;
  for (let i = 0; i < runs + 3; i++) {
    const measured = i >= 3; // warm-up
    const sink = (list: number[]) => (measured ? list : []);
    time(sink(times.papaparse), () => Papa.parse(csv, { delimiter: ';' }));
    const parsed = time(sink(times.parse), () => parseAccountsCsv(csv));
    if (!parsed.ok || parsed.accounts.length !== n) throw new Error('bench CSV did not parse');
    const update = time(sink(times.makeUpdate), () => {
      const sets = importedAccounts(parsed.accounts, readAccounts(doc, canvasId)).map(([id, v]) => [accountKey(canvasId, id), v] as const);
      return mapWriteUpdate(doc, ROOT.accounts, sets, accountKeysOf(doc, canvasId), writer);
    });
    updateBytes = update.byteLength;
    const checked = time(sink(times.serverChecks), () => {
      const check = checkUpdate(doc, update);
      if (check.kind !== 'new' || checkWrites(doc, check.decoded, SERVER_ACTOR)) throw new Error('the server would refuse the import');
      return check.update;
    });
    time(sink(times.apply), () => Y.applyUpdate(doc, checked));
    const analysis = time(sink(times.analyse), () => {
      const settings = readSettings(pyramidKind, getCanvas(doc, canvasId)!.settings);
      return analyzePyramid(readAccounts(doc, canvasId), settings);
    });
    if (analysis.accounts !== n) throw new Error('the import did not land');
  }
  const p50 = (k: keyof typeof times) => summarize(times[k]).p50;
  return {
    accounts: n,
    csvBytes: csv.length,
    updateBytes,
    runs,
    papaparse: p50('papaparse'),
    parse: p50('parse'),
    makeUpdate: p50('makeUpdate'),
    serverChecks: p50('serverChecks'),
    apply: p50('apply'),
    analyse: p50('analyse'),
  };
}

export function formatPyramid(r: PyramidResult): string {
  const total = r.parse + r.makeUpdate + r.serverChecks + r.apply + r.analyse;
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  return [
    `  ${r.accounts} accounts, CSV ${(r.csvBytes / 1024).toFixed(0)} KiB, one update of ${(r.updateBytes / 1024).toFixed(0)} KiB; p50 of ${r.runs} runs`,
    `  papaparse alone (peer): ${ms(r.papaparse)}`,
    `  parse + validate (parseAccountsCsv): ${ms(r.parse)} (${(r.parse / r.papaparse).toFixed(2)}x papaparse alone)`,
    `  make the replacing update: ${ms(r.makeUpdate)}; server checks: ${ms(r.serverChecks)}; apply: ${ms(r.apply)}`,
    `  read + segment + analyse: ${ms(r.analyse)}`,
    `  import + analysis in all: ${ms(total)} (${(total / r.papaparse).toFixed(2)}x papaparse alone)`,
  ].join('\n');
}
