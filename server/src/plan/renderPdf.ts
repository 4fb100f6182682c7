// The action plan as PDF (issue 11), made with pdfkit and the DejaVu Sans font embedded (subset),
// which covers Latin with every European diacritic (Dutch ĳ, Polish, Czech, Nordic...), Greek and
// Cyrillic, Hebrew and Arabic. Title, date, participants, per matrix the chosen and other options
// and the heat map, the 7S gaps, the weakest quickscan activities, the customer pyramid, then the
// actions. Right-to-left text is put in display order and aligned right, and emoji are drawn with
// Noto Emoji (pdfText.ts); a character neither font has prints as U+FFFD instead of an invisible box.
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { ActionPlan } from '../../../shared/src/plan/actionPlan.ts';
import type { PlanMatrix, PlanOption } from '../../../shared/src/plan/matrixSection.ts';
import { heatColor } from '../../../shared/src/canvases/confrontation/heatColor.ts';
import {
  accountText, actionSource, quickscanChangeNote, agreementName, formatDay, formatMean, formatRevenue, formatShare, formatSigned, levelStrategy, measureOf, movementLine, optionSource, planDay, priorityName,
  smartLine, statusName, titleOf, tr, typeName,
} from '../../../shared/src/plan/planText.ts';
import { cleanText, oneLine } from './hostileText.ts';
import { addTextLayer, baseDirection } from './pdfText.ts';

const require = createRequire(import.meta.url);
const REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
// Fonts are named by their file everywhere, not registered under names: pdfkit caches a font by
// the name it is asked for, except when it already holds the same font under another name, and
// then parses the file again on every call (a registered 'regular' beside the document's default
// font cost about 1 ms per paragraph and table cell).
/** Monochrome Noto Emoji: the glyphs DejaVu Sans lacks for emoji, in the text's colour. */
const EMOJI = require.resolve('@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf');

/**
 * Other options the PDF lists per matrix: a printed plan is read in a meeting, and a 20 x 20 matrix
 * has 400 cells (pdfkit's table also costs about 15 ms a row). The other formats list every one.
 */
export const PDF_OTHER_OPTIONS = 10;

const INK = '#1d2733';
const MUTED = '#5b6675';
const LINE = '#d5dbe3';

export function renderPdf(plan: ActionPlan): Promise<Buffer> {
  const L = plan.language;
  const title = oneLine(tr(L, 'plan.title', { board: plan.title }), 300);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    font: REGULAR,
    lang: L,
    displayTitle: true,
    // Fixed dates, so the same plan gives the same file.
    info: { Title: title, Creator: 'Strategy whiteboard', CreationDate: new Date(plan.generatedAt), ModDate: new Date(plan.generatedAt) },
  });
  addTextLayer(doc, EMOJI);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  type TextOptions = { bold?: boolean; color?: string; gap?: number };
  const text = (s: string, size: number, opts: TextOptions = {}) => {
    doc.font(opts.bold ? BOLD : REGULAR).fontSize(size).fillColor(opts.color ?? INK).text(s, { paragraphGap: opts.gap ?? 4 });
  };
  const room = () => doc.page.height - doc.page.margins.bottom - doc.y;
  /** A heading stays with at least `keep` points of what follows it. */
  const heading = (s: string, size = 14, keep = 80) => {
    if (room() < keep) doc.addPage();
    doc.moveDown(0.6);
    text(s, size, { bold: true, gap: 6 });
  };
  /** Paragraphs kept on one page when they fit on one. */
  const block = (items: Array<[string, number, TextOptions]>) => {
    const height = items.reduce((sum, [s, size, opts]) => sum + doc.font(opts.bold ? BOLD : REGULAR).fontSize(size).heightOfString(s, { paragraphGap: opts.gap ?? 4 }), 0);
    if (height > room() && height <= doc.page.height - doc.page.margins.top - doc.page.margins.bottom) doc.addPage();
    for (const [s, size, opts] of items) text(s, size, opts);
  };

  text(title, 20, { bold: true, gap: 2 });
  text(tr(L, 'plan.generated', { date: formatDay(L, planDay(plan)) }), 10, { color: MUTED, gap: 8 });
  heading(tr(L, 'plan.participants'));
  text(
    plan.participants.length === 0
      ? tr(L, 'plan.noParticipants')
      : plan.participants.map((p) => `${oneLine(p.name, 60)}${p.role === 'facilitator' ? ` (${tr(L, 'plan.facilitator')})` : ''}`).join(', '),
    10,
  );

  for (const m of plan.matrices) {
    heading(oneLine(tr(L, 'plan.matrix', { canvas: m.title }), 200), 16);
    heading(tr(L, 'plan.chosen'), 12);
    if (m.chosen.length === 0) text(tr(L, 'plan.noneChosen'), 10, { color: MUTED });
    else optionsTable(doc, L, m.chosen);
    heading(tr(L, 'plan.others'), 12);
    if (m.others.length === 0) text(tr(L, 'plan.noOptions'), 10, { color: MUTED });
    else optionsTable(doc, L, m.others.slice(0, PDF_OTHER_OPTIONS));
    if (m.others.length > PDF_OTHER_OPTIONS) text(tr(L, 'plan.moreOptions', { count: m.others.length - PDF_OTHER_OPTIONS }), 9, { color: MUTED });
    if (m.rows.length > 0 && m.columns.length > 0) {
      heading(tr(L, 'plan.heatmap'), 12, Math.min(500, 18 * (m.rows.length + 1))); // the map is kept on one page: its heading with it
      heatMap(doc, L, m);
      for (const a of [...m.rows, ...m.columns]) text(`${a.code}  ${oneLine(a.text, 300)}`, 9, { gap: 1 });
    }
  }

  for (const g of plan.sevens ?? []) {
    heading(oneLine(tr(L, 'plan.sevens', { canvas: g.title }), 200), 16);
    if (g.gaps.length === 0) text(tr(L, 'plan.noGaps'), 10, { color: MUTED });
    else table(doc, [120, 70, 70, 70, '*'], [tr(L, 'plan.col.element'), tr(L, 'plan.col.current'), tr(L, 'plan.col.desired'), tr(L, 'plan.col.gap'), tr(L, 'plan.col.source')],
      g.gaps.map((x) => [x.name, formatMean(L, x.current), formatMean(L, x.desired), formatSigned(L, x.gap), tr(L, 'plan.sevensSource', { current: x.source.currentScores, desired: x.source.desiredScores })]));
  }
  for (const q of plan.quickscan ?? []) {
    heading(oneLine(tr(L, 'plan.quickscan', { canvas: q.title }), 200), 16);
    if (q.weakest.length === 0) text(tr(L, 'plan.noWeakest'), 10, { color: MUTED });
    else table(doc, ['*', 70, 80, 140], [tr(L, 'plan.col.activity'), tr(L, 'plan.col.mean'), tr(L, 'plan.col.change'), tr(L, 'plan.col.source')],
      q.weakest.map((x) => [`${x.number}. ${x.name}`, formatMean(L, x.mean), formatSigned(L, x.change), oneLine(tr(L, 'plan.quickscanSource', { round: x.source.roundLabel, count: x.source.scores }))]));
    if (q.previousWorkshop) text(oneLine(quickscanChangeNote(L, q)), 9, { color: MUTED });
  }

  for (const p of plan.pyramid ?? []) {
    heading(oneLine(tr(L, 'plan.pyramid', { canvas: p.title }), 200), 16);
    text(p.accounts === 0 ? tr(L, 'plan.noAccounts') : tr(L, 'plan.pyramidTotal', { count: p.accounts, revenue: formatRevenue(L, p.revenue) }), 10, { color: MUTED });
    if (p.levels.length > 0) table(doc, [110, 55, 65, 110, '*'], [tr(L, 'plan.col.level'), tr(L, 'plan.col.accounts'), tr(L, 'plan.col.revenueShare'), tr(L, 'plan.col.strategy'), tr(L, 'plan.col.topAccounts')],
      p.levels.map((l) => [l.name, String(l.count), formatShare(L, l.revenueShare), levelStrategy(L, l),
        l.top.map((a) => oneLine(accountText(L, a), 220)).join(', ') || tr(L, 'plan.none')]));
    if (p.accounts > 0) text(movementLine(L, p), 9.5);
  }

  heading(tr(L, 'plan.actions'), 16, 160);
  if (plan.actions.length === 0) text(tr(L, 'plan.noActions'), 10, { color: MUTED });
  plan.actions.forEach((a, i) => {
    const fields = [
      `${tr(L, 'actions.field.owner')}: ${oneLine(a.ownerName, 60) || tr(L, 'plan.none')}`,
      `${tr(L, 'actions.field.due')}: ${formatDay(L, a.due)}`,
      `${tr(L, 'actions.field.priority')}: ${priorityName(L, a)}`,
      `${tr(L, 'actions.field.status')}: ${statusName(L, a)}`,
    ];
    block([
      [`${i + 1}. ${oneLine(titleOf(L, a))}`, 12, { bold: true, gap: 2 }],
      [fields.join('   ·   '), 9.5, { gap: 1 }],
      [`${tr(L, 'actions.field.kpi')}: ${oneLine(measureOf(L, a))}`, 9.5, { gap: 1 }],
      ...(a.description.trim() ? [[cleanText(a.description), 9.5, { gap: 1 }] as [string, number, TextOptions]] : []),
      [smartLine(L, a), 9.5, { color: a.gaps.length === 0 ? '#1e7b34' : '#8a5a00', gap: 1 }],
      [`${tr(L, 'actions.field.source')}: ${oneLine(actionSource(L, a))}`, 9, { color: MUTED, gap: 10 }],
    ]);
  });

  doc.end();
  return done;
}

type Cell = string | { text: string; font?: { src: string }; align?: 'center' | { x: 'right' }; backgroundColor?: string; textColor?: string };
const PAD = { x: 4, y: 3 };
const cellText = (c: Cell) => (typeof c === 'string' ? c : c.text);
/** A cell of text that starts right to left is aligned right; pdfkit aligns a cell left unless told. */
const startAligned = (c: Cell): Cell => (typeof c === 'string' && baseDirection(c) === 'rtl' ? { text: c, align: { x: 'right' } } : c);

/**
 * A table drawn row by row, so that a row that does not fit starts a new page with the header
 * again (pdfkit moves the row whole but not the header). `keepTogether`: a short table (the heat
 * map) starts on a new page rather than being split.
 */
function table(doc: PDFKit.PDFDocument, widths: Array<number | '*'>, head: Cell[], rows: Cell[][], opts: { size?: number; padX?: number; keepTogether?: boolean } = {}): void {
  const size = opts.size ?? 9;
  const padX = opts.padX ?? PAD.x;
  const fixed = widths.reduce<number>((sum, w) => sum + (w === '*' ? 0 : w), 0);
  const columns = widths.map((w) => (w === '*' ? contentWidth(doc) - fixed : w));
  const th = (c: Cell): Cell => ({ ...(typeof c === 'string' ? { text: c } : c), font: { src: BOLD }, backgroundColor: '#f4f6f9' });
  const header = head.map(startAligned).map(th);
  const heightOf = (row: Cell[], bold = false) => {
    let h = 0;
    row.forEach((c, i) => {
      doc.font(bold || (typeof c !== 'string' && c.font) ? BOLD : REGULAR).fontSize(size);
      h = Math.max(h, doc.heightOfString(cellText(c) || ' ', { width: columns[i] - 2 * padX }));
    });
    doc.font(REGULAR);
    return h + 2 * PAD.y + 1;
  };
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const headHeight = heightOf(header, true);
  const heights = rows.map((r) => heightOf(r));
  const whole = headHeight + heights.reduce((a, b) => a + b, 0);
  const fitsFresh = (h: number) => h <= bottom() - doc.page.margins.top;
  if (doc.y + headHeight + (heights[0] ?? 0) > bottom() || (opts.keepTogether && doc.y + whole > bottom() && fitsFresh(whole))) doc.addPage();
  const start = () => doc.font(REGULAR).fontSize(size).fillColor(INK).table({
    columnStyles: columns,
    defaultStyle: { border: 0.5, borderColor: LINE, padding: [PAD.y, padX, PAD.y, padX] },
  }).row(header);
  let t = start();
  rows.forEach((row, i) => {
    if (doc.y + heights[i] > bottom() && fitsFresh(headHeight + heights[i])) {
      t.end();
      doc.addPage();
      t = start();
    }
    t.row(row.map(startAligned));
  });
  t.end();
  doc.x = doc.page.margins.left;
  doc.moveDown(0.5);
}

const contentWidth = (doc: PDFKit.PDFDocument) => doc.page.width - doc.page.margins.left - doc.page.margins.right;

/** A column as wide as its widest text (bold for the header) needs, between `min` and `max`. */
function fit(doc: PDFKit.PDFDocument, header: string, texts: string[], min: number, max: number): number {
  doc.font(BOLD).fontSize(9);
  let w = doc.widthOfString(header);
  doc.font(REGULAR);
  for (const t of texts) w = Math.max(w, doc.widthOfString(t));
  return Math.min(max, Math.max(min, Math.ceil(w + 2 * PAD.x + 1)));
}

function optionsTable(doc: PDFKit.PDFDocument, L: string, options: readonly PlanOption[]): void {
  const head = (['plan.col.rank', 'plan.col.type', 'plan.col.question', 'plan.col.mean', 'plan.col.agreement', 'plan.col.source'] as const).map((k) => tr(L, k));
  const rows = options.map((o) => [String(o.rank), typeName(L, o), oneLine(o.question, 400), formatMean(L, o.mean), agreementName(L, o), optionSource(L, o)]);
  const column = (i: number, min: number, max: number) => fit(doc, head[i], rows.map((r) => r[i]), min, max);
  table(doc, [column(0, 30, 50), 88, '*', column(3, 40, 80), column(4, 60, 96), column(5, 60, 110)], head, rows);
}

function heatMap(doc: PDFKit.PDFDocument, L: string, m: PlanMatrix): void {
  const cell = Math.min(42, Math.floor(contentWidth(doc) / (m.columns.length + 1)));
  const rows: Cell[][] = m.rows.map((r, i) => [
    { text: r.code, font: { src: BOLD } },
    ...m.cells.slice(i * m.columns.length, (i + 1) * m.columns.length).map((c): Cell => {
      const color = c.mean === null ? null : heatColor(c.mean);
      return { text: formatMean(L, c.mean), align: 'center', ...(color ? { backgroundColor: color.background, textColor: color.text } : {}) };
    }),
  ]);
  const head: Cell[] = ['', ...m.columns.map((c): Cell => ({ text: c.code, align: 'center' }))];
  table(doc, Array(m.columns.length + 1).fill(cell), head, rows, { size: m.columns.length > 12 ? 7 : 9, padX: 2, keepTogether: true });
}
