import { describe, expect, it } from 'vitest';
import type { PersonalEntry } from '$shared/board/personal.ts';
import { analyzeSevens } from '$shared/canvases/sevens/sevensAnalysis.ts';
import { buildSevensTable, formatGap, myProgress } from './sevensTable.ts';

const e = (participantId: string, entry: string, value: number): PersonalEntry => ({ canvasId: '7s', participantId, entry, value });

describe('the 7S tables', () => {
  const analysis = analyzeSevens([
    e('a', 'score:staff:current', 2),
    e('b', 'score:staff:current', 3),
    e('a', 'score:staff:desired', 5),
    e('a', 'score:structure:current', 4),
    e('a', 'score:structure:desired', 3),
    e('b', 'fit:strategy:skills', 4),
  ]);

  it('lists the elements largest gap first with numbers in the user’s language', () => {
    const nl = buildSevensTable(analysis, 'nl');
    expect(nl.rows.map((r) => [r.rank, r.name, r.current.meanText, r.current.spreadText, r.desired.meanText, r.gapText])).toEqual([
      [1, 'Personeel', '2,5', '0,5', '5,0', '+2,5'],
      [2, 'Structuur', '4,0', '0,0', '3,0', '-1,0'],
      [3, 'Strategie', '–', '–', '–', '–'],
      [4, 'Systemen', '–', '–', '–', '–'],
      [5, 'Gedeelde waarden', '–', '–', '–', '–'],
      [6, 'Stijl', '–', '–', '–', '–'],
      [7, 'Vaardigheden', '–', '–', '–', '–'],
    ]);
    expect(nl.rows[0]).toMatchObject({ group: 'soft', groupName: 'Zacht' });
    expect(nl.people).toBe(2);
    expect(nl.subtotals.map((s) => [s.name, s.currentText, s.desiredText, s.gapText, s.meanGapText])).toEqual([
      ['Harde elementen', '4,0', '3,0', '-1,0', '-1,0'],
      ['Zachte elementen', '2,5', '5,0', '+2,5', '+2,5'],
    ]);
  });

  it('places the means on the 1-5 track', () => {
    const staff = buildSevensTable(analysis, 'en').rows[0];
    expect(staff.current.position).toBe(37.5);
    expect(staff.desired.position).toBe(100);
  });

  it('shows the fit as a symmetric matrix with nothing on the diagonal', () => {
    const t = buildSevensTable(analysis, 'en');
    expect(t.anyFit).toBe(true);
    expect(t.fit[0][0]).toBeNull();
    expect(t.fit[0][6]).toMatchObject({ a: 'strategy', b: 'skills', meanText: '4.0', label: 'Strategy and Skills: mean 4.0, 1 rating' });
    expect(t.fit[6][0]).toEqual(t.fit[0][6]);
    expect(t.fit[1][2]).toMatchObject({ count: 0, meanText: '–' });
  });

  it('says when nobody scored', () => {
    const t = buildSevensTable(analyzeSevens([]), 'en');
    expect(t).toMatchObject({ anyScore: false, anyFit: false, people: 0 });
  });

  it('signs gaps and reads a gap that rounds to zero as zero', () => {
    expect([formatGap('en', 1 / 3), formatGap('en', -0.04), formatGap('nl', -2), formatGap('en', null)]).toEqual(['+0.3', '0.0', '-2,0', '–']);
  });

  it('counts one’s own scores and ratings apart', () => {
    expect(myProgress(new Map([['score:staff:current', 2], ['score:staff:desired', 4], ['fit:strategy:skills', 3]]))).toEqual({ scored: 2, fitRated: 1 });
  });
});
