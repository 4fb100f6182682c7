// Issue 11: every format of the action plan on one fixture board in English and Dutch, compared with
// golden files (the PDF by its text, read back with a real PDF text extractor), and hostile note
// text in every format. Update the golden files with `npx vitest run server/src/plan -u` and read the diff.
import { describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { parse } from 'csv-parse/sync';
import { planOfDoc } from '../../../shared/src/plan/actionPlan.ts';
import { HOSTILE_ACCOUNT, planFixture } from '../../../shared/src/plan/planFixture.testing.ts';
import { renderPlan, type PlanQuery } from './planExport.ts';
import { mdEscape } from './renderMarkdown.ts';
import * as Y from 'yjs';
import { nextWorkshop } from '../../../shared/src/board/nextWorkshop.ts';
import { setQuickscanScore } from '../../../shared/src/canvases/quickscan/quickscanOperations.ts';

const NOW = Date.UTC(2026, 1, 2);
const plan = (language: 'en' | 'nl', hostile = false) => planOfDoc(planFixture(language, { hostile }), NOW);

async function render(language: 'en' | 'nl', query: Partial<PlanQuery>, hostile = false) {
  return renderPlan(plan(language, hostile), { format: 'json', sep: 'comma', ...query });
}

async function pdfText(body: string | Buffer): Promise<{ text: string; pages: number }> {
  const pdf = await getDocumentProxy(new Uint8Array(body as Buffer));
  const { text, totalPages } = await extractText(pdf, { mergePages: true });
  return { text, pages: totalPages };
}

describe.each(['en', 'nl'] as const)('the action plan of the fixture board in %s', (language) => {
  it.each([
    ['md', {}],
    ['csv', { sep: language === 'nl' ? 'semicolon' : 'comma' }],
    ['ics', {}],
    ['json', {}],
  ] as const)('%s matches its golden file', async (format, extra) => {
    const out = await render(language, { format, ...extra });
    const text = format === 'json' ? `${JSON.stringify(JSON.parse(String(out.body)), null, 2)}\n` : String(out.body);
    await expect(text).toMatchFileSnapshot(`./golden/plan.${language}.${format}`);
  });

  it('pdf: its extracted text matches the golden file and holds the actions', async () => {
    const out = await render(language, { format: 'pdf' });
    expect(out.contentType).toBe('application/pdf');
    const { text } = await pdfText(out.body);
    await expect(text).toMatchFileSnapshot(`./golden/plan.${language}.pdf.txt`);
    expect(text).toContain(language === 'nl' ? 'Verkoopteam trainen: één café-sessie per maand' : 'Train the sales team');
    expect(text).toContain('Ann de Vries');
  });
});

describe('the PDF layout', () => {
  it('repeats a table header on every page the table runs onto', async () => {
    const base = plan('en');
    const chosen = Array.from({ length: 40 }, (_, i) => ({ ...base.matrices[0].chosen[0], rank: i + 1 }));
    const body = await renderPlan({ ...base, matrices: [{ ...base.matrices[0], chosen }] }, { format: 'pdf', sep: 'comma' });
    const pdf = await getDocumentProxy(new Uint8Array(body.body as Buffer));
    const { text: pages } = await extractText(pdf, { mergePages: false });
    const withRows = pages.filter((p) => p.includes('S1 × O1, n = 3'));
    expect(withRows.length).toBeGreaterThan(1);
    for (const page of withRows) {
      const header = page.indexOf('Rank Type Key issue Mean Agreement Source');
      expect(header).toBeGreaterThanOrEqual(0);
      expect(header).toBeLessThan(page.indexOf('S1 × O1, n = 3')); // above the page's first row
    }
  });
});

describe('right-to-left text in the PDF', () => {
  const QUESTION = 'كيف نحافظ على العملاء الكبار؟';
  const TITLE = 'תוכנית פעולה לרבעון השני';
  const DESCRIPTION = 'שלום עולם, זו הערה ארוכה מספיק כדי לעבור לשורה הבאה, עם Ann ועם 2026 באמצע המשפט, והיא ממשיכה עוד קצת כדי לוודא שהיא נשברת.\nA second paragraph in English stays left.';
  /** The runs of text drawn on each page: where each starts and ends, in points from the page's left edge. */
  async function runs(body: Buffer) {
    const pdf = await getDocumentProxy(new Uint8Array(body));
    const out: Array<{ page: number; y: number; left: number; right: number; text: string }> = [];
    for (let page = 1; page <= pdf.numPages; page++) {
      for (const item of (await (await pdf.getPage(page)).getTextContent()).items) {
        if ('str' in item && item.str.trim() !== '') out.push({ page, y: item.transform[5], left: item.transform[4], right: item.transform[4] + item.width, text: item.str });
      }
    }
    return out;
  }
  /** The runs of one script, a line (one baseline) each: its leftmost start and rightmost end. */
  const linesOf = (all: Awaited<ReturnType<typeof runs>>, script: RegExp) => {
    const lines: Array<{ y: number; left: number; right: number }> = [];
    for (const r of all.filter((x) => script.test(x.text))) {
      const line = lines.find((l) => Math.abs(l.y - r.y) < 1);
      if (line) Object.assign(line, { left: Math.min(line.left, r.left), right: Math.max(line.right, r.right) });
      else lines.push({ ...r });
    }
    return lines;
  };

  it('aligns a right-to-left paragraph and table cell to the right, and keeps left-to-right ones left', async () => {
    const base = plan('en');
    const [first, ...rest] = base.matrices[0].chosen;
    const body = (await renderPlan({
      ...base,
      matrices: [{ ...base.matrices[0], chosen: [{ ...first, question: QUESTION }, ...rest] }],
      actions: [{ ...base.actions[0], title: TITLE, description: DESCRIPTION }, ...base.actions.slice(1)],
    }, { format: 'pdf', sep: 'comma' })).body as Buffer;
    const all = await runs(body);
    const start = (text: string) => all.find((r) => r.text.startsWith(text))!;
    const margin = 48;
    const hebrew = linesOf(all, /[\u0590-\u05FF]/);
    expect(hebrew).toHaveLength(3); // the title and the description's two lines
    for (const l of hebrew) expect(l.right).toBeCloseTo(595.28 - margin, 0); // A4 less the margin
    // The description's wrapped last line is shorter: right-aligned, it does not start at the margin.
    expect(Math.max(...hebrew.map((l) => l.left))).toBeGreaterThan(margin + 100);
    expect(start('A second paragraph').left).toBeCloseTo(margin, 0);
    expect(start('Owner: Ann de Vries').left).toBeCloseTo(margin, 0);
    // The Arabic key issue ends at its cell's right edge (the next column's text less two paddings);
    // the English ones start at the cell's left, under the header.
    const [arabic] = linesOf(all, /[\u0600-\u06FF]/);
    expect(arabic.right).toBeCloseTo(start('Mean').left - 8, 0);
    expect(start('How can we limit').left).toBeCloseTo(start('Key issue').left, 0);
  });
});

describe('the customer pyramid in the plan', () => {
  it('markdown and csv hold the pyramid: per level its accounts, share, strategy and largest accounts, and the movement', async () => {
    const md = String((await render('nl', { format: 'md' })).body);
    expect(md).toContain('## Strategie per klantniveau: Klantenpiramide');
    expect(md).toContain('| Middelgrote klanten | 1 | 13% | Afstoten | De Wit (10.000) |');
    expect(md).toContain('| Topklanten | 1 | 63% | Vasthouden (standaard) | Bakker BV (50.000) |');
    expect(md).toContain('Gedaald: 1 · Gelijk gebleven: 1 · Gewonnen: 1 · Verloren: 1');
    const rows: string[][] = parse(String((await render('en', { format: 'csv' })).body).slice(1));
    expect(rows.filter((r) => r[0] === 'Pyramid level').map((r) => [r[3], r[2], r[6]])).toEqual([
      ['Top customers', 'Retain (default)', 'no'], ['Large customers', 'Promote (default)', 'no'], ['Medium customers', 'Reduce effort', 'yes'],
      ['Inactive customers', 'Win back (default)', 'no'], ['Prospects', 'Acquire (default)', 'no'],
    ]);
    expect(rows.find((r) => r[0] === 'Pyramid account' && r[3] === 'De Wit')).toContain('Customer pyramid: Medium customers');
  });
});

describe('hostile note and action text', () => {
  it('markdown: no HTML, link, image or heading can come out of it', async () => {
    const md = String((await render('en', { format: 'md' }, true)).body);
    expect(md).not.toMatch(/<script/i);
    expect(md).not.toContain('[link](');
    expect(md).toContain('\\[link\\](javascript:alert(1))');
    expect(md).toContain('&lt;script&gt;');
    // No line of user text starts a heading, list or table of its own.
    for (const line of md.split('\n')) expect(line).not.toMatch(/^(=|#+ h|\| pipe|<)/);
    // Long text is cut, emoji and right-to-left text stay, control characters and bidi overrides go.
    expect(md).toContain('…');
    expect(md).toContain('👍🏽');
    expect(md).toContain('שלום עולם');
    expect(md).not.toMatch(/[\u0007\u202E]/);
    expect(Math.max(...md.split('\n').map((l) => l.length))).toBeLessThan(4000);
    // A hostile account name in the pyramid table is escaped like note text.
    expect(md).toContain('| Large customers | 1 | 25% | Promote (default) | @SUM(A1) &lt;script&gt;alert(1)&lt;/script&gt; \\[x\\](javascript:alert(1)) \\*\\*b\\*\\* (20,000) |');
  });

  it('mdEscape keeps the characters and escapes what Markdown would act on', () => {
    expect(mdEscape('1. **x** [a](b) <b>&')).toBe('1\\. \\*\\*x\\*\\* \\[a\\](b) &lt;b&gt;&amp;');
    expect(mdEscape('- item')).toBe('\\- item');
  });

  it.each(['comma', 'semicolon'] as const)('csv (%s): UTF-8 with BOM, quoted, and no cell a spreadsheet would run as a formula', async (sep) => {
    const out = await render('en', { format: 'csv', sep }, true);
    const csv = String(out.body);
    expect(out.contentType).toBe('text/csv; charset=utf-8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows: string[][] = parse(csv.slice(1), { delimiter: sep === 'semicolon' ? ';' : ',', relax_column_count: false });
    expect(new Set(rows.map((r) => r.length)).size).toBe(1);
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/);
    const hostile = rows.find((r) => r[0] === 'Action' && r[3].includes('HYPERLINK'))!;
    expect(hostile[3].startsWith("'=HYPERLINK")).toBe(true);
    expect(hostile[7]).toBe("'=cmd|/C calc");
    expect(hostile).toContain("'+1");
    expect(hostile).toContain("'-1");
    expect(hostile[15]).toContain('\n@SUM(A1)'); // the description keeps its line break, inside quotes
    expect(rows.find((r) => r[0] === 'Pyramid account' && r[3].includes('SUM'))![3]).toBe(`'${HOSTILE_ACCOUNT}`);
  });

  it('ics: escaped, folded at 75 octets, one event per due date', async () => {
    const ics = String((await render('en', { format: 'ics' }, true)).body);
    const lines = ics.split('\r\n');
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
    const unfolded = ics.replace(/\r\n[ \t]/g, '');
    expect(unfolded).toMatch(/SUMMARY:Due: =HYPERLINK\("http:\/\/evil.example"\\,"click"\) \[link\]/);
    expect(unfolded).not.toMatch(/[\u0007\u202E]/);
  });

  it('pdf: renders, cuts the long text and shows no control characters', async () => {
    const { text, pages } = await pdfText((await render('en', { format: 'pdf' }, true)).body);
    expect(text).toContain('<script>alert("x")</script>');
    expect(text).toContain('=HYPERLINK');
    expect(text).toContain('…');
    expect(text).not.toMatch(/[\u0007\u202E]/);
    expect(pages).toBeLessThan(6);
    expect(text.replace(/\s+/g, '')).toContain(HOSTILE_ACCOUNT.replace(/\s+/g, '')); // the account name, as typed (wrapped in its cell)
  });

  it('pdf: right-to-left words read in order and emoji are drawn with the fallback font, not as boxes or placeholders', async () => {
    const body = (await render('en', { format: 'pdf' }, true)).body as Buffer;
    const { text } = await pdfText(body);
    // The extractor gives a right-to-left run back in reading order only if it was drawn in display order.
    expect(text).toContain('שלום עולם');
    expect(text).toContain('👍');
    expect(text).not.toContain('\uFFFD');
    expect(body.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoEmoji-Regular/);
    // A plan without emoji does not carry the emoji font.
    expect(((await render('en', { format: 'pdf' })).body as Buffer).toString('latin1')).not.toContain('NotoEmoji');
  });

  it('json: the note text is a plain string, whole', async () => {
    const json = JSON.parse(String((await render('en', { format: 'json' }, true)).body));
    expect(json.actions[2].description).toMatch(/^=HYPERLINK/);
    expect(json.matrices[0].rows[1].text).toContain('<script>');
    expect(json.pyramid[0].levels[1].top[0].name).toBe(HOSTILE_ACCOUNT);
  });
});

describe('the plan of a next workshop (issue 11, "Carry-over")', () => {
  it.each(['en', 'nl'] as const)('%s: every format says which actions came from the previous workshop, and all but the calendar what the quickscan change is against', async (language) => {
    const next = new Y.Doc();
    nextWorkshop(planFixture(language), next, { title: 'Acme 2026 II', template: 'workshop', language, createdAt: NOW }, 'prevBoard');
    setQuickscanScore(next, { canvasId: 'scan', participantId: 'pCora', round: '1', activity: 'crm' }, 4);
    const p = planOfDoc(next, NOW);
    const md = String((await renderPlan(p, { format: 'md', sep: 'comma' })).body);
    const { text } = await pdfText((await renderPlan(p, { format: 'pdf', sep: 'comma' })).body);
    const words = language === 'en'
      ? ['Carried over from the previous workshop “Acme 2026” (15 January 2026), due then 31 March 2026, to review', 'Change against the previous workshop “Acme 2026” (15 January 2026).']
      : ['Overgenomen uit de vorige workshop “Acme 2026” (15 januari 2026), deadline toen 31 maart 2026, nog te beoordelen', 'Verandering ten opzichte van de vorige workshop “Acme 2026” (15 januari 2026).'];
    for (const w of words) {
      expect(md).toContain(w);
      expect(text.replace(/\s+/g, ' ')).toContain(w);
    }
    expect(md).toMatch(/\| 9\\\. [^|]+ \| 4[.,]0 \| \+1[.,]5 \|/);
    // CSV: a row of its own in the quickscan part, after its activities; ICS has no quickscan part.
    const rows: string[][] = parse(String((await renderPlan(p, { format: 'csv', sep: 'comma' })).body).slice(1));
    const kinds = rows.map((r) => r[0]);
    const note = kinds.indexOf(language === 'en' ? 'Quickscan comparison' : 'Quickscan-vergelijking');
    expect(rows[note][15]).toBe(words[1]);
    expect(kinds[note - 1]).toBe(language === 'en' ? 'Quickscan activity' : 'Quickscan-activiteit');
    expect(rows.find((r) => r[0] === (language === 'en' ? 'Action' : 'Actie'))![14]).toContain(words[0]);
    // ICS: the carried-over action's event says where it came from; a calendar has no quickscan part to compare.
    const ics = String((await renderPlan(p, { format: 'ics', sep: 'comma' })).body).replace(/\r\n[ \t]/g, '').replace(/\\([,;\\])/g, '$1');
    expect(ics).toContain(words[0]);
    expect(ics).not.toContain(words[1]);
  });
});
