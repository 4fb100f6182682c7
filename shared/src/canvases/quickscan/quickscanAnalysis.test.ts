import { describe, it, expect } from 'vitest';
import type { PersonalEntry } from '../../board/personal.ts';
import { ACTIVITY_IDS, type ActivityId } from './quickscanActivities.ts';
import { analyzeQuickscan, compareRounds } from './quickscanAnalysis.ts';
import { quickscanSettings, type QuickscanSettings } from './quickscanSettings.ts';

function score(participantId: string, activity: ActivityId, value: unknown, round = '1'): PersonalEntry {
  return { canvasId: 'q', participantId, entry: `${round}:${activity}`, value };
}

function comment(participantId: string, activity: ActivityId, value: unknown, round = '1'): PersonalEntry {
  return { canvasId: 'q', participantId, entry: `${round}:${activity}:comment`, value };
}

const TWO_ROUNDS: Partial<QuickscanSettings> = {
  rounds: [
    { id: '1', label: '', date: '2026-03-02' },
    { id: '2', label: 'After the plan', date: '2026-09-14' },
  ],
};

function analyze(entries: PersonalEntry[], settings: Partial<QuickscanSettings> = {}, locale = 'en') {
  return analyzeQuickscan({ settings: quickscanSettings.parse(settings), entries, locale });
}

const close = (n: number | null | undefined) => expect.closeTo(n ?? NaN, 6);

// Three participants in round 1, worked out by hand (population spread: divide by n).
// strategy 4,2,3: mean 3, variance (1+1+0)/3, stdev √(2/3) ≈ 0.816
// complaints 1,2,2 and crm 2,1,2: mean 5/3 ≈ 1.667, variance (27-25)/9, stdev √2/3 ≈ 0.471 (a tie)
// social 5,1,3: mean 3, variance (3·35-81)/9 = 24/9, stdev ≈ 1.633
// marketing 4 (p1 only): mean 4, stdev 0; leads: p2's comment only, no score.
const round1 = [
  score('p1', 'crm', 2), score('p2', 'crm', 1), score('p3', 'crm', 2),
  score('p1', 'strategy', 4), score('p2', 'strategy', 2), score('p3', 'strategy', 3),
  score('p1', 'complaints', 1), score('p2', 'complaints', 2), score('p3', 'complaints', 2),
  score('p1', 'social', 5), score('p2', 'social', 1), score('p3', 'social', 3),
  score('p1', 'marketing', 4),
  comment('p3', 'complaints', '  Nobody owns complaints  '),
  comment('p1', 'complaints', 'Slow answers'),
  comment('p2', 'leads', 'We have no lead process'),
];

describe('analyzeQuickscan', () => {
  it('with no scores: one round, the 11 activities in the method’s order, nothing scored, no weakest', () => {
    const a = analyze([]);
    expect(a.activities.map((x) => [x.number, x.name])).toEqual([
      [1, 'Business strategy'], [2, 'SWOT and market position'], [3, 'Marketing and sales'], [4, 'Lead management'],
      [5, 'Internal customer focus'], [6, 'Customer satisfaction'], [7, 'Employee satisfaction'], [8, 'Complaint management'],
      [9, 'CRM functionality'], [10, 'Customer segmentation'], [11, 'Social media'],
    ]);
    expect(a.current).toBe('1');
    expect(a.rounds).toHaveLength(1);
    const r = a.rounds[0];
    expect(r).toMatchObject({ id: '1', label: 'Round 1', date: null, current: true, participants: 0, scoredBy: {}, weakest: [] });
    expect(Object.keys(r.activities)).toEqual([...ACTIVITY_IDS]);
    for (const s of Object.values(r.activities)) {
      expect(s).toEqual({ count: 0, mean: null, stdev: null, min: null, max: null, distribution: [0, 0, 0, 0, 0], comments: [] });
    }
    expect(a.changes).toEqual([]);
    expect(a.aside).toEqual({ otherRounds: 0 });
  });

  it('names activities and rounds in the board’s language', () => {
    const a = analyze([], TWO_ROUNDS, 'nl');
    expect(a.activities.map((x) => x.name)).toEqual([
      'Bedrijfsstrategie', 'SWOT en marktpositie', 'Marketing en verkoop', 'Leadmanagement', 'Interne klantgerichtheid',
      'Klanttevredenheid', 'Medewerkerstevredenheid', 'Klachtenmanagement', 'CRM-functionaliteit', 'Klantsegmentatie', 'Sociale media',
    ]);
    expect(a.rounds.map((r) => r.label)).toEqual(['Ronde 1', 'After the plan']);
  });

  it('with three participants: count, mean and population stdev per activity, as computed by hand', () => {
    const r = analyze(round1).rounds[0];
    expect(r.activities.strategy).toMatchObject({ count: 3, mean: 3, stdev: close(Math.sqrt(2 / 3)), min: 2, max: 4, distribution: [0, 1, 1, 1, 0] });
    expect(r.activities.complaints).toMatchObject({ count: 3, mean: close(5 / 3), stdev: close(Math.sqrt(2) / 3), min: 1, max: 2, distribution: [1, 2, 0, 0, 0] });
    expect(r.activities.crm).toMatchObject({ count: 3, mean: close(5 / 3), stdev: close(Math.sqrt(2) / 3) });
    expect(r.activities.social).toMatchObject({ count: 3, mean: 3, stdev: close(Math.sqrt(24) / 3), distribution: [1, 0, 1, 0, 1] });
    expect(r.activities.marketing).toMatchObject({ count: 1, mean: 4, stdev: 0, min: 4, max: 4 });
    expect(r.participants).toBe(3);
    expect(r.scoredBy).toEqual({ p1: 5, p2: 4, p3: 4 });
  });

  it('lists the weakest first: lower mean, then larger spread, and full ties in the method’s order whatever the input order', () => {
    const expected = ['complaints', 'crm', 'social', 'strategy', 'marketing'];
    expect(analyze(round1).rounds[0].weakest).toEqual(expected);
    expect(analyze([...round1].reverse()).rounds[0].weakest).toEqual(expected);
  });

  it('breaks an equal mean and spread by more scores first', () => {
    // both mean 2 and spread 0; leads has two scores, swot one.
    const r = analyze([score('p1', 'swot', 2), score('p1', 'leads', 2), score('p2', 'leads', 2)]).rounds[0];
    expect(r.weakest).toEqual(['leads', 'swot']);
  });

  it('when everyone gives the same score everywhere: spread 0, weakest in the method’s order', () => {
    const entries = ['p1', 'p2', 'p3'].flatMap((p) => ACTIVITY_IDS.map((a) => score(p, a, 3)));
    const r = analyze(entries).rounds[0];
    for (const s of Object.values(r.activities)) expect(s).toMatchObject({ count: 3, mean: 3, stdev: 0, distribution: [0, 0, 3, 0, 0] });
    expect(r.weakest).toEqual([...ACTIVITY_IDS]);
  });

  it('with one participant: the means are their scores and the spread is 0', () => {
    const r = analyze([score('solo', 'crm', 5), score('solo', 'social', 2)]).rounds[0];
    expect(r.activities.crm).toMatchObject({ count: 1, mean: 5, stdev: 0 });
    expect(r.activities.social).toMatchObject({ count: 1, mean: 2, stdev: 0 });
    expect(r.weakest).toEqual(['social', 'crm']);
    expect(r.participants).toBe(1);
  });

  it('keeps comments by participant id, trimmed, with the same person’s score; a comment without a score counts no score', () => {
    const r = analyze(round1).rounds[0];
    expect(r.activities.complaints.comments).toEqual([
      { participantId: 'p1', text: 'Slow answers', score: 1 },
      { participantId: 'p3', text: 'Nobody owns complaints', score: 2 },
    ]);
    expect(r.activities.leads).toMatchObject({ count: 0, mean: null, comments: [{ participantId: 'p2', text: 'We have no lead process', score: null }] });
    expect(r.weakest).not.toContain('leads');
    expect(r.scoredBy.p2).toBe(4);
  });

  it('ignores values off the scale, blank comments and entries it could not have written', () => {
    const r = analyze([
      score('p1', 'crm', 0), score('p1', 'social', 6), score('p1', 'leads', 2.5), score('p1', 'swot', '3'),
      comment('p1', 'crm', '   '), comment('p1', 'social', 42),
      { canvasId: 'q', participantId: 'p1', entry: '1:unknown', value: 3 },
      { canvasId: 'q', participantId: 'p1', entry: '1:crm:note', value: 'x' },
      { canvasId: 'q', participantId: 'p1', entry: '1:crm:comment:x', value: 'x' },
      score('p2', 'crm', 4),
    ]).rounds[0];
    expect(r.activities.crm).toMatchObject({ count: 1, mean: 4, comments: [] });
    expect(r.participants).toBe(1);
    for (const a of ['social', 'leads', 'swot'] as const) expect(r.activities[a].count).toBe(0);
  });

  it('keeps each round’s scores apart, compares each round with the one before, and counts entries of unknown rounds aside', () => {
    // Round 2: strategy 5, 3 → 4 (round 1: 3, change +1); complaints 3 → change 3 - 5/3 = +4/3;
    // social 2 → change 2 - 3 = -1; marketing unscored in round 2 → no change.
    const a = analyze([
      ...round1,
      score('p1', 'strategy', 5, '2'), score('p2', 'strategy', 3, '2'),
      score('p1', 'complaints', 3, '2'), score('p2', 'social', 2, '2'),
      score('p9', 'crm', 1, '7'), comment('p9', 'crm', 'lost round', '7'),
    ], TWO_ROUNDS);
    expect(a.current).toBe('2');
    expect(a.rounds.map((r) => [r.id, r.current, r.participants, r.date])).toEqual([['1', false, 3, '2026-03-02'], ['2', true, 2, '2026-09-14']]);
    expect(a.rounds[0].activities.strategy.mean).toBe(3);
    expect(a.rounds[1].activities.strategy).toMatchObject({ count: 2, mean: 4, stdev: 1 });
    expect(a.rounds[1].weakest).toEqual(['social', 'complaints', 'strategy']);
    expect(a.changes).toHaveLength(1);
    const c = a.changes[0];
    expect([c.from, c.to]).toEqual(['1', '2']);
    expect(c.activities.strategy).toEqual({ from: 3, to: 4, change: 1 });
    expect(c.activities.complaints).toEqual({ from: close(5 / 3), to: 3, change: close(4 / 3) });
    expect(c.activities.social).toEqual({ from: 3, to: 2, change: -1 });
    expect(c.activities.marketing).toEqual({ from: 4, to: null, change: null });
    expect(c.activities.segmentation).toEqual({ from: null, to: null, change: null });
    expect(a.aside).toEqual({ otherRounds: 2 });
  });

  it('compares any two rounds either way', () => {
    const a = analyze([score('p1', 'crm', 2), score('p1', 'crm', 5, '2')], TWO_ROUNDS);
    expect(compareRounds(a.rounds[1], a.rounds[0]).activities.crm).toEqual({ from: 5, to: 2, change: -3 });
  });

  it('scores the round `current` names, and the last round when it names none', () => {
    expect(analyze([], { ...TWO_ROUNDS, current: '1' }).rounds.map((r) => r.current)).toEqual([true, false]);
    expect(analyze([], { ...TWO_ROUNDS, current: '9' }).current).toBe('2');
  });
});

describe('quickscan settings', () => {
  it('defaults to one round and refuses duplicate round ids, an empty list and bad dates', () => {
    expect(quickscanSettings.parse({})).toEqual({ rounds: [{ id: '1', label: '', date: null }] });
    expect(quickscanSettings.safeParse({ rounds: [{ id: '1' }, { id: '1' }] }).success).toBe(false);
    expect(quickscanSettings.safeParse({ rounds: [] }).success).toBe(false);
    expect(quickscanSettings.safeParse({ rounds: [{ id: '1', date: '1 March' }] }).success).toBe(false);
    expect(quickscanSettings.safeParse({ rounds: [{ id: 'a:b' }] }).success).toBe(false);
  });
});
