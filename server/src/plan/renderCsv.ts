// The action plan as CSV (issue 11) for spreadsheets: UTF-8 with a byte-order mark (Excel reads
// UTF-8 only with it), every field quoted where needed, one row per strategic option and per action.
// `semicolon` is the variant Dutch Excel opens by double-click (its list separator is ';' and its
// decimal separator ','). Cells a spreadsheet would run as a formula (= + - @ tab CR, and their
// full-width forms) are prefixed with ' by csv-stringify's `escape_formulas` (OWASP "CSV Injection").
import { stringify } from 'csv-stringify/sync';
import type { ActionPlan } from '../../../shared/src/plan/actionPlan.ts';
import {
  actionSource, agreementName, formatShare, quickscanChangeNote, levelStrategy, movementLine, optionSource, priorityName, smartLine, statusName, titleOf, tr, typeName,
} from '../../../shared/src/plan/planText.ts';
import { oneLine, cleanText } from './hostileText.ts';

export type CsvSeparator = 'comma' | 'semicolon';

const BOM = '\uFEFF';

export function renderCsv(plan: ActionPlan, separator: CsvSeparator = 'comma'): string {
  const L = plan.language;
  const decimal = separator === 'semicolon' ? ',' : '.';
  const number = (v: number | null) => (v === null ? '' : v.toFixed(2).replace('.', decimal));
  const yes = (b: boolean) => tr(L, b ? 'plan.csv.yes' : 'plan.csv.no');
  const head = [
    tr(L, 'plan.csv.kind'), tr(L, 'plan.col.rank'), tr(L, 'plan.col.type'), tr(L, 'plan.col.question'), tr(L, 'plan.col.mean'),
    tr(L, 'plan.col.agreement'), tr(L, 'plan.csv.chosen'), tr(L, 'actions.field.owner'), tr(L, 'actions.field.due'),
    tr(L, 'actions.field.kpi'), tr(L, 'actions.field.target'), tr(L, 'actions.field.priority'), tr(L, 'actions.field.status'),
    tr(L, 'plan.col.smart'), tr(L, 'plan.col.source'), tr(L, 'actions.field.description'),
  ];
  const rows: string[][] = [head];
  for (const m of plan.matrices) {
    for (const o of [...m.chosen, ...m.others]) {
      rows.push([
        tr(L, 'plan.csv.kind.option'), String(o.rank), typeName(L, o), oneLine(o.question), number(o.mean), agreementName(L, o), yes(o.chosen),
        '', '', '', '', '', '', '', `${oneLine(m.title)}: ${optionSource(L, o)}`, '',
      ]);
    }
  }
  for (const g of plan.sevens ?? []) {
    g.gaps.forEach((x, i) => rows.push([
      tr(L, 'plan.csv.kind.gap'), String(i + 1), x.name, `${number(x.current)} → ${number(x.desired)}`, number(x.gap), '', '', '', '', '', '', '', '', '',
      `${oneLine(g.title)}: ${tr(L, 'plan.sevensSource', { current: x.source.currentScores, desired: x.source.desiredScores })}`, '',
    ]));
  }
  for (const q of plan.quickscan ?? []) {
    q.weakest.forEach((x, i) => rows.push([
      tr(L, 'plan.csv.kind.activity'), String(i + 1), `${x.number}. ${x.name}`, '', number(x.mean), '', '', '', '', '', '', '', '', '',
      `${oneLine(q.title)}: ${oneLine(tr(L, 'plan.quickscanSource', { round: x.source.roundLabel, count: x.source.scores }))}`, '',
    ]));
    if (q.previousWorkshop) rows.push([tr(L, 'plan.csv.kind.quickscanPrevious'), '', '', '', '', '', '', '', '', '', '', '', '', '', oneLine(q.title), oneLine(quickscanChangeNote(L, q))]);
  }
  for (const p of plan.pyramid ?? []) {
    const title = oneLine(p.title);
    p.levels.forEach((l, i) => {
      rows.push([
        tr(L, 'plan.csv.kind.level'), String(i + 1), levelStrategy(L, l), l.name, number(l.revenueShare), '', yes(l.teamChosen), '', '', '', '', '', '', '',
        `${title}: ${l.name}`, tr(L, 'plan.pyramidLevel', { count: l.count, share: formatShare(L, l.revenueShare) }),
      ]);
      l.top.forEach((a, j) => rows.push([
        tr(L, 'plan.csv.kind.account'), String(j + 1), '', oneLine(a.name), number(a.revenue), '', '', '', '', '', '', '', '', '', `${title}: ${l.name}`, '',
      ]));
    });
    if (p.accounts > 0) rows.push([tr(L, 'plan.csv.kind.movement'), '', '', '', '', '', '', '', '', '', '', '', '', '', title, movementLine(L, p)]);
  }
  plan.actions.forEach((a, i) => {
    rows.push([
      tr(L, 'plan.csv.kind.action'), String(i + 1), '', oneLine(titleOf(L, a)), '', '', '',
      oneLine(a.ownerName), a.due ?? '', oneLine(a.kpi), oneLine(a.target), priorityName(L, a), statusName(L, a),
      a.gaps.length === 0 ? yes(true) : smartLine(L, a), oneLine(actionSource(L, a)), cleanText(a.description),
    ]);
  });
  return BOM + stringify(rows, { delimiter: separator === 'semicolon' ? ';' : ',', escape_formulas: true, record_delimiter: 'windows' });
}
