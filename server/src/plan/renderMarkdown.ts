// The action plan as Markdown (issue 11): reads well as plain text and renders safely. Every piece of
// user text is escaped for Markdown and HTML, so a note cannot become a link, an image, a heading,
// a table break or a <script>; it shows as the characters it is.
import type { ActionPlan } from '../../../shared/src/plan/actionPlan.ts';
import type { PlanOption } from '../../../shared/src/plan/matrixSection.ts';
import {
  accountText, actionSource, quickscanChangeNote, agreementName, formatDay, formatMean, formatRevenue, formatShare, formatSigned, levelStrategy, measureOf, movementLine, optionSource, planDay, priorityName,
  smartLine, statusName, titleOf, tr, typeName,
} from '../../../shared/src/plan/planText.ts';
import { cleanText, oneLine } from './hostileText.ts';

/**
 * User text as literal Markdown: HTML's specials become entities (no tag, no <script>, no autolink),
 * and the punctuation that makes emphasis, code, links, images, headings, tables or strikethrough is
 * backslash-escaped (CommonMark 2.4), as is a list or quote marker at the start. Brackets are
 * enough to stop a link: `(...)` alone is plain text.
 */
export function mdEscape(text: string): string {
  return oneLine(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]#|~!]/g, (c) => `\\${c}`)
    .replace(/^[-+=]/, (m) => `\\${m}`)
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** A multi-line paragraph: each line escaped, line breaks kept as hard breaks. */
function mdParagraph(text: string): string {
  return cleanText(text)
    .split('\n')
    .map((line) => mdEscape(line))
    .filter((line) => line !== '')
    .join('  \n');
}

export function renderMarkdown(plan: ActionPlan): string {
  const L = plan.language;
  const out: string[] = [];
  out.push(`# ${mdEscape(tr(L, 'plan.title', { board: plan.title }))}`, '', tr(L, 'plan.generated', { date: formatDay(L, planDay(plan)) }), '');
  out.push(`## ${tr(L, 'plan.participants')}`, '');
  out.push(
    plan.participants.length === 0
      ? tr(L, 'plan.noParticipants')
      : plan.participants.map((p) => `- ${mdEscape(p.name)}${p.role === 'facilitator' ? ` (${tr(L, 'plan.facilitator')})` : ''}`).join('\n'),
    '',
  );

  for (const m of plan.matrices) {
    out.push(`## ${mdEscape(tr(L, 'plan.matrix', { canvas: m.title }))}`, '');
    out.push(`### ${tr(L, 'plan.chosen')}`, '', m.chosen.length === 0 ? tr(L, 'plan.noneChosen') : optionsTable(L, m.chosen), '');
    out.push(`### ${tr(L, 'plan.others')}`, '', m.others.length === 0 ? tr(L, 'plan.noOptions') : optionsTable(L, m.others), '');
    if (m.rows.length > 0 && m.columns.length > 0) {
      out.push(`### ${tr(L, 'plan.heatmap')}`, '');
      out.push(`| | ${m.columns.map((c) => c.code).join(' | ')} |`, `|---|${m.columns.map(() => '---:').join('|')}|`);
      m.rows.forEach((r, i) => {
        const cells = m.cells.slice(i * m.columns.length, (i + 1) * m.columns.length);
        out.push(`| **${r.code}** | ${cells.map((c) => formatMean(L, c.mean)).join(' | ')} |`);
      });
      out.push('', ...[...m.rows, ...m.columns].map((a) => `- **${a.code}** ${mdEscape(a.text)}`), '');
    }
  }

  for (const g of plan.sevens ?? []) {
    out.push(`## ${mdEscape(tr(L, 'plan.sevens', { canvas: g.title }))}`, '');
    if (g.gaps.length === 0) out.push(tr(L, 'plan.noGaps'), '');
    else {
      out.push(`| ${tr(L, 'plan.col.element')} | ${tr(L, 'plan.col.current')} | ${tr(L, 'plan.col.desired')} | ${tr(L, 'plan.col.gap')} | ${tr(L, 'plan.col.source')} |`, '|---|---:|---:|---:|---|');
      for (const x of g.gaps) out.push(`| ${x.name} | ${formatMean(L, x.current)} | ${formatMean(L, x.desired)} | ${formatSigned(L, x.gap)} | ${tr(L, 'plan.sevensSource', { current: x.source.currentScores, desired: x.source.desiredScores })} |`);
      out.push('');
    }
  }
  for (const q of plan.quickscan ?? []) {
    out.push(`## ${mdEscape(tr(L, 'plan.quickscan', { canvas: q.title }))}`, '');
    if (q.weakest.length === 0) out.push(tr(L, 'plan.noWeakest'), '');
    else {
      out.push(`| ${tr(L, 'plan.col.activity')} | ${tr(L, 'plan.col.mean')} | ${tr(L, 'plan.col.change')} | ${tr(L, 'plan.col.source')} |`, '|---|---:|---:|---|');
      for (const x of q.weakest) out.push(`| ${x.number}\\. ${x.name} | ${formatMean(L, x.mean)} | ${formatSigned(L, x.change)} | ${mdEscape(tr(L, 'plan.quickscanSource', { round: x.source.roundLabel, count: x.source.scores }))} |`);
      out.push('');
      if (q.previousWorkshop) out.push(mdEscape(quickscanChangeNote(L, q)), '');
    }
  }

  for (const p of plan.pyramid ?? []) {
    out.push(`## ${mdEscape(tr(L, 'plan.pyramid', { canvas: p.title }))}`, '');
    if (p.accounts === 0) out.push(tr(L, 'plan.noAccounts'), '');
    else out.push(tr(L, 'plan.pyramidTotal', { count: p.accounts, revenue: formatRevenue(L, p.revenue) }), '');
    if (p.levels.length > 0) {
      out.push(`| ${tr(L, 'plan.col.level')} | ${tr(L, 'plan.col.accounts')} | ${tr(L, 'plan.col.revenueShare')} | ${tr(L, 'plan.col.strategy')} | ${tr(L, 'plan.col.topAccounts')} |`, '|---|---:|---:|---|---|');
      for (const l of p.levels) {
        const top = l.top.map((a) => mdEscape(accountText(L, a))).join(', ') || tr(L, 'plan.none');
        out.push(`| ${l.name} | ${l.count} | ${formatShare(L, l.revenueShare)} | ${levelStrategy(L, l)} | ${top} |`);
      }
      out.push('');
    }
    if (p.accounts > 0) out.push(movementLine(L, p), '');
  }

  out.push(`## ${tr(L, 'plan.actions')}`, '');
  if (plan.actions.length === 0) out.push(tr(L, 'plan.noActions'), '');
  plan.actions.forEach((a, i) => {
    out.push(`### ${i + 1}\\. ${mdEscape(titleOf(L, a))}`, '');
    out.push(
      `- ${tr(L, 'actions.field.owner')}: ${a.ownerName ? mdEscape(a.ownerName) : tr(L, 'plan.none')}`,
      `- ${tr(L, 'actions.field.due')}: ${formatDay(L, a.due)}`,
      `- ${tr(L, 'actions.field.kpi')}: ${mdEscape(measureOf(L, a))}`,
      `- ${tr(L, 'actions.field.priority')}: ${priorityName(L, a)}`,
      `- ${tr(L, 'actions.field.status')}: ${statusName(L, a)}`,
      `- ${tr(L, 'actions.field.source')}: ${mdEscape(actionSource(L, a))}`,
      `- ${mdEscape(smartLine(L, a))}`,
      '',
    );
    if (a.description.trim() !== '') out.push(mdParagraph(a.description), '');
  });
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function optionsTable(L: string, options: readonly PlanOption[]): string {
  const head = [tr(L, 'plan.col.rank'), tr(L, 'plan.col.type'), tr(L, 'plan.col.question'), tr(L, 'plan.col.mean'), tr(L, 'plan.col.agreement'), tr(L, 'plan.col.source')];
  const rows = options.map((o) => [String(o.rank), typeName(L, o), mdEscape(o.question), formatMean(L, o.mean), agreementName(L, o), optionSource(L, o)]);
  return [`| ${head.join(' | ')} |`, '|---:|---|---|---:|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}
