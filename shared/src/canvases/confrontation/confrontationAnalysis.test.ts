import { describe, it, expect } from 'vitest';
import type { Note } from '../../board/schema.ts';
import type { PersonalEntry } from '../../board/personal.ts';
import { analyzeConfrontation, selectAxis, type ConfrontationInput } from './confrontationAnalysis.ts';
import { confrontationSettings, type ConfrontationSettings, type ScaleId } from './confrontationSettings.ts';

const FRAME = { S: 'swot.strengths', W: 'swot.weaknesses', O: 'swot.opportunities', T: 'swot.threats' } as const;

function n(id: string, q: keyof typeof FRAME, text: string, y = 80, x = 20, createdAt = 0): Note {
  return { id, frame: FRAME[q], text, x, y, color: 'yellow', author: 'Ann', createdAt, z: 'a0' };
}

// Reading order puts s1 above s2 (y), so rows are s1, s2, w1; columns o1, t1.
const notes = [
  n('w1', 'W', 'Slow delivery'),
  n('s2', 'S', 'Loyal customers', 300),
  n('s1', 'S', 'Strong brand'),
  n('o1', 'O', 'Growing B2B market'),
  n('t1', 'T', 'New competitor'),
];

function score(participantId: string, row: string, column: string, value: unknown, scale: ScaleId = '0..2'): PersonalEntry {
  return { canvasId: 'm', participantId, entry: `${scale}:${row}:${column}`, value };
}

function analyze(scores: PersonalEntry[], settings: Partial<ConfrontationSettings> = {}, extra: Partial<ConfrontationInput> = {}) {
  return analyzeConfrontation({
    settings: confrontationSettings.parse(settings),
    source: 'swot',
    notes,
    scores,
    locale: 'en',
    ...extra,
  });
}

const cell = (a: ReturnType<typeof analyze>, row: string, column: string) => a.cells.find((c) => c.row === row && c.column === column)!;

describe('analyzeConfrontation', () => {
  it('with no scores: the rows and columns of the SWOT, every cell empty, no options', () => {
    const a = analyze([]);
    expect(a.rows).toEqual([
      { noteId: 's1', text: 'Strong brand', quadrant: 'S' },
      { noteId: 's2', text: 'Loyal customers', quadrant: 'S' },
      { noteId: 'w1', text: 'Slow delivery', quadrant: 'W' },
    ]);
    expect(a.columns.map((c) => [c.noteId, c.quadrant])).toEqual([['o1', 'O'], ['t1', 'T']]);
    expect(a.cells.map((c) => [c.row, c.column, c.quadrant])).toEqual([
      ['s1', 'o1', 'SO'], ['s1', 't1', 'ST'],
      ['s2', 'o1', 'SO'], ['s2', 't1', 'ST'],
      ['w1', 'o1', 'WO'], ['w1', 't1', 'WT'],
    ]);
    expect(a.cells.every((c) => c.count === 0 && c.mean === null && c.stdev === null && !c.disagreement)).toBe(true);
    expect(a.rowSums).toEqual({ s1: 0, s2: 0, w1: 0 });
    expect(a.columnSums).toEqual({ o1: 0, t1: 0 });
    expect(a.quadrantSums).toEqual({ SO: 0, ST: 0, WO: 0, WT: 0 });
    expect(a.options).toEqual([]);
    expect(a.progress).toEqual({ cells: 6, scoredBy: {} });
    expect(a.scale).toEqual({ id: '0..2', min: 0, max: 2, values: [0, 1, 2], labels: ['0', '+', '++'] });
  });

  it('with one participant: means are the scores, spread 0, options by score then by place in the matrix', () => {
    const a = analyze([
      score('p1', 's1', 'o1', 2), score('p1', 's1', 't1', 1),
      score('p1', 's2', 'o1', 0), score('p1', 's2', 't1', 2),
      score('p1', 'w1', 'o1', 1), score('p1', 'w1', 't1', 0),
    ]);
    expect(a.cells.map((c) => [c.mean, c.count, c.stdev])).toEqual([
      [2, 1, 0], [1, 1, 0], [0, 1, 0], [2, 1, 0], [1, 1, 0], [0, 1, 0],
    ]);
    expect(a.rowSums).toEqual({ s1: 3, s2: 2, w1: 1 });
    expect(a.columnSums).toEqual({ o1: 3, t1: 3 });
    expect(a.quadrantSums).toEqual({ SO: 2, ST: 3, WO: 1, WT: 0 });
    expect(a.options.map((o) => `${o.row}×${o.column}`)).toEqual(['s1×o1', 's2×t1', 's1×t1', 'w1×o1', 's2×o1', 'w1×t1']);
    expect(a.options[0]).toEqual({
      row: 's1', column: 'o1', quadrant: 'SO', type: 'offensive', count: 1, mean: 2, stdev: 0,
      question: 'How can we use Strong brand to seize Growing B2B market?', chosen: false,
    });
    expect(a.options.map((o) => [o.quadrant, o.type])).toEqual([
      ['SO', 'offensive'], ['ST', 'defensive'], ['ST', 'defensive'], ['WO', 'improve'], ['SO', 'offensive'], ['WT', 'crisis'],
    ]);
    expect(a.progress).toEqual({ cells: 6, scoredBy: { p1: 6 } });
  });

  it('with some cells unscored: they add nothing to the sums; equal means rank more scores first', () => {
    const a = analyze([
      score('p1', 's1', 'o1', 2), score('p1', 's1', 't1', 1),
      score('p2', 's1', 'o1', 1),
      score('p3', 's1', 'o1', 0), score('p3', 's2', 't1', 2),
    ]);
    // s1×o1: 2, 1, 0 -> mean 1, population variance ((1+0+1)/3) = 2/3.
    expect(cell(a, 's1', 'o1')).toMatchObject({ count: 3, mean: 1, disagreement: true });
    expect(cell(a, 's1', 'o1').stdev).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(cell(a, 's2', 'o1')).toMatchObject({ count: 0, mean: null, stdev: null });
    expect(a.rowSums).toEqual({ s1: 2, s2: 2, w1: 0 });
    expect(a.columnSums).toEqual({ o1: 1, t1: 3 });
    expect(a.quadrantSums).toEqual({ SO: 1, ST: 3, WO: 0, WT: 0 });
    // s1×o1 and s1×t1 both have mean 1: three scores beat one.
    expect(a.options.map((o) => `${o.row}×${o.column}`)).toEqual(['s2×t1', 's1×o1', 's1×t1']);
    expect(a.progress.scoredBy).toEqual({ p1: 2, p2: 1, p3: 2 });
  });

  it('breaks a tie of mean and count by the smaller spread, then by place in the matrix', () => {
    const a = analyze([
      score('p1', 's1', 'o1', 0), score('p2', 's1', 'o1', 2), // mean 1, stdev 1
      score('p1', 's2', 'o1', 1), score('p2', 's2', 'o1', 1), // mean 1, stdev 0
      score('p1', 'w1', 'o1', 1), score('p2', 'w1', 'o1', 1), // mean 1, stdev 0, later row
    ]);
    expect(a.options.map((o) => `${o.row}×${o.column}`)).toEqual(['s2×o1', 'w1×o1', 's1×o1']);
    expect(cell(a, 's1', 'o1')).toMatchObject({ stdev: 1, disagreement: true });
    expect(cell(a, 's2', 'o1')).toMatchObject({ stdev: 0, disagreement: false });
  });

  it('flags disagreement only for scores two steps apart with a spread of half a step or more', () => {
    const one = (values: number[], scale: ScaleId = '0..2') =>
      cell(analyze(values.map((v, i) => score(`p${i}`, 's1', 'o1', v, scale)), { scale }), 's1', 'o1').disagreement;
    expect(one([2])).toBe(false);
    expect(one([0, 1])).toBe(false); // one step apart
    expect(one([0, 2])).toBe(true);
    expect(one([0, 1, 1, 2])).toBe(true); // stdev 0.707
    expect(one([0, ...Array(14).fill(2)])).toBe(false); // one outlier in 15: stdev 0.499
    expect(one([0, ...Array(13).fill(2)])).toBe(true); // one in 14: stdev 0.515
    expect(one([-1, 1], '-2..2')).toBe(true);
  });

  it('on the negative scale: negative means rank last and sums can be negative', () => {
    const a = analyze(
      [
        score('p1', 's1', 'o1', -2, '-2..2'), score('p2', 's1', 'o1', 2, '-2..2'),
        score('p1', 'w1', 't1', -1, '-2..2'), score('p2', 'w1', 't1', -1, '-2..2'),
        score('p1', 's1', 't1', 1, '-2..2'),
        score('p1', 's2', 'o1', -3, '-2..2'), // off the scale: ignored
        score('p1', 's2', 't1', 2), // given on 0..2: kept aside
      ],
      { scale: '-2..2' },
    );
    expect(a.scale.labels).toEqual(['--', '-', '0', '+', '++']);
    expect(cell(a, 's1', 'o1')).toMatchObject({ count: 2, mean: 0, stdev: 2, disagreement: true });
    expect(cell(a, 'w1', 't1')).toMatchObject({ count: 2, mean: -1, stdev: 0 });
    expect(cell(a, 's2', 'o1').count).toBe(0);
    expect(a.rowSums).toEqual({ s1: 1, s2: 0, w1: -1 });
    expect(a.quadrantSums).toEqual({ SO: 0, ST: 1, WO: 0, WT: -1 });
    expect(a.options.map((o) => [`${o.row}×${o.column}`, o.mean])).toEqual([['s1×t1', 1], ['s1×o1', 0], ['w1×t1', -1]]);
    expect(a.options[2].question).toBe('How can we limit Slow delivery given New competitor?');
    expect(a.aside).toEqual({ notInMatrix: 0, otherScales: { '0..2': 1 } });
  });

  it('keeps the scores of a note removed after scoring aside, and counts them again when it returns', () => {
    const scores = [score('p1', 's1', 'o1', 2), score('p1', 's2', 'o1', 1), score('p2', 's1', 't1', 2)];
    const without = analyze(scores, {}, { notes: notes.filter((x) => x.id !== 's1') });
    expect(without.rows.map((r) => r.noteId)).toEqual(['s2', 'w1']);
    expect(without.cells.reduce((sum, c) => sum + c.count, 0)).toBe(1);
    expect(without.aside).toEqual({ notInMatrix: 2, otherScales: {} });
    expect(without.progress.scoredBy).toEqual({ p1: 1 });
    const back = analyze(scores);
    expect(cell(back, 's1', 'o1')).toMatchObject({ count: 1, mean: 2 });
    expect(back.aside.notInMatrix).toBe(0);
  });

  it('asks the key issue in the board language, one phrasing per quadrant', () => {
    const all = ['s1', 'w1'].flatMap((r) => ['o1', 't1'].map((c) => score('p1', r, c, 1)));
    const q = (locale: string) => Object.fromEntries(analyze(all, {}, { locale }).options.map((o) => [o.quadrant, o.question]));
    expect(q('nl')).toEqual({
      SO: 'Hoe kunnen we Strong brand inzetten om Growing B2B market te benutten?',
      ST: 'Hoe kunnen we Strong brand inzetten om New competitor af te weren?',
      WO: 'Hoe kunnen we Slow delivery verbeteren om Growing B2B market te benutten?',
      WT: 'Hoe kunnen we Slow delivery beperken gezien New competitor?',
    });
    expect(q('en').ST).toBe('How can we use Strong brand to counter New competitor?');
    expect(q('en').WO).toBe('How can we improve Slow delivery to seize Growing B2B market?');
  });

  it('writes a note on several lines as one line in the question, and names an empty note', () => {
    const a = analyze([score('p1', 's1', 'o1', 2)], {}, { notes: [n('s1', 'S', ' Strong\n brand '), n('o1', 'O', '')] });
    expect(a.options[0].question).toBe('How can we use Strong brand to seize (empty note)?');
    expect(a.rows[0].text).toBe(' Strong\n brand ');
  });

  it('marks chosen options, and lists a chosen cell even before anyone scored it', () => {
    const a = analyze([score('p1', 's1', 't1', 1)], { chosen: ['w1:o1', 's1:t1', 'gone:o1'] });
    expect(a.options.map((o) => [`${o.row}×${o.column}`, o.chosen])).toEqual([['s1×t1', true], ['w1×o1', true]]);
    expect(cell(a, 'w1', 'o1').chosen).toBe(true);
    expect(cell(a, 's1', 'o1').chosen).toBe(false);
  });

  it('is empty without a source SWOT', () => {
    const a = analyze([score('p1', 's1', 'o1', 2)], {}, { source: null, notes: [] });
    expect(a).toMatchObject({ source: null, rows: [], columns: [], cells: [], options: [], aside: { notInMatrix: 1 } });
  });
});

describe('selectAxis', () => {
  const strengths = Array.from({ length: 7 }, (_, i) => n(`s${i}`, 'S', `S${i}`, 80 + 136 * (6 - i)));
  const weaknesses = [n('w0', 'W', 'W0'), n('w1', 'W', 'W1', 80, 200)];

  it('takes the first N of each quadrant in reading order, and all of a quadrant with N or fewer', () => {
    const rows = selectAxis([...strengths, ...weaknesses], ['S', 'W'], 5, null);
    expect(rows.map((r) => r.noteId)).toEqual(['s6', 's5', 's4', 's3', 's2', 'w0', 'w1']);
  });

  it('reads notes on one line left to right, notes less than half a note height apart counting as one line', () => {
    const line = [n('b', 'S', 'B', 100, 300), n('a', 'S', 'A', 85, 500), n('c', 'S', 'C', 80, 10)];
    expect(selectAxis(line, ['S', 'W'], 5, null).map((r) => r.noteId)).toEqual(['c', 'b', 'a']);
  });

  it('ranks by votes when there are votes, reading order breaking ties', () => {
    const votes = new Map([['s0', 3], ['s1', 3], ['s2', 1], ['w1', 2]]);
    const rows = selectAxis([...strengths, ...weaknesses], ['S', 'W'], 3, null, votes);
    expect(rows.map((r) => r.noteId)).toEqual(['s1', 's0', 's2', 'w1', 'w0']);
  });

  it('follows the facilitator’s pick: its order within each quadrant, strengths first, skipping what is gone', () => {
    const rows = selectAxis([...strengths, ...weaknesses], ['S', 'W'], 2, ['w1', 's3', 'gone', 'o9', 's0', 's3', 's1']);
    expect(rows.map((r) => r.noteId)).toEqual(['s3', 's0', 's1', 'w1']);
  });

  it('takes at most 10 per quadrant from a pick, and never a note whose id cannot be part of a score key', () => {
    const many = Array.from({ length: 12 }, (_, i) => n(`x${i}`, 'O', `X${i}`));
    const cols = selectAxis([...many, n('a:b', 'T', 'bad id')], ['O', 'T'], 5, [...many.map((x) => x.id), 'a:b']);
    expect(cols.map((c) => c.noteId)).toEqual(many.slice(0, 10).map((x) => x.id));
    expect(selectAxis([n('a:b', 'T', 'bad id')], ['O', 'T'], 5, null)).toEqual([]);
  });
});
