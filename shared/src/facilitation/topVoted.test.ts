import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Note } from '../board/schema.ts';
import { initBoard } from '../board/meta.ts';
import { createNote } from '../board/notes.ts';
import { readBoard } from '../board/readBoard.ts';
import { exportBoard } from '../board/exportBoard.ts';
import { planOfDoc } from '../plan/actionPlan.ts';
import { confrontationKind } from '../canvases/confrontation/confrontationKind.ts';
import { updateMatrixSettings } from '../canvases/confrontation/confrontationOperations.ts';
import { emptySessionState, type Phase } from './sessionState.ts';
import { revealedVotesOn, topVoted, topVotedAxes } from './topVoted.ts';

let created = 0;
const note = (id: string, frame: string, x: number, y: number): Note => ({
  id, canvas: 'swot', frame: `swot.${frame}`, text: id, x, y, color: 'yellow', author: 'A', createdAt: ++created, z: 'a0',
});

// Reading order inside each quadrant: s1, s2, s3 (one line, left to right), then s4 below.
const notes: Note[] = [
  note('s3', 'strengths', 400, 0),
  note('s1', 'strengths', 0, 0),
  note('s4', 'strengths', 0, 500),
  note('s2', 'strengths', 200, 0),
  note('w1', 'weaknesses', 0, 0),
  note('w2', 'weaknesses', 200, 0),
  note('o1', 'opportunities', 0, 0),
  note('t1', 'threats', 0, 0),
  note('t2', 'threats', 0, 300),
];

describe('topVoted', () => {
  it('takes the N notes with most dots per quadrant, most first', () => {
    const top = topVoted(notes, { s4: 3, s2: 1, s3: 2, w2: 1, o1: 4, t2: 2, t1: 1 }, 2);
    expect(top).toEqual({ S: ['s4', 's3'], W: ['w2'], O: ['o1'], T: ['t2', 't1'] });
  });

  it('breaks ties by the quadrant’s reading order, not by the order the notes come in', () => {
    expect(topVoted(notes, { s3: 2, s1: 2, s4: 2, s2: 2 }, 3).S).toEqual(['s1', 's2', 's3']);
    expect(topVoted(notes, { s4: 5, s3: 1, s2: 1 }, 2).S).toEqual(['s4', 's2']);
  });

  it('leaves out notes without a dot, unknown ids and other frames', () => {
    const withStray = [...notes, note('x1', 'elsewhere', 0, 0)];
    expect(topVoted(withStray, { s1: 0, w1: 1, x1: 9, gone: 4 }, 5)).toEqual({ S: [], W: ['w1'], O: [], T: [] });
  });

  it('gives the matrix its rows (S then W) and columns (O then T)', () => {
    expect(topVotedAxes(notes, { w1: 1, s2: 2, t1: 1, o1: 1 }, 5)).toEqual({ rows: ['s2', 'w1'], columns: ['o1', 't1'] });
  });
});

describe('revealedVotesOn', () => {
  const phase = (id: string, canvasId: string): Phase => ({
    id, title: id, canvasId, permissions: { add: 'everyone', move: 'everyone' }, timerSeconds: 0, voteBudget: 5, votesPerItem: 1, votesAttributed: false, closeWhenTimeIsUp: false, privacy: 'off',
  });
  const state = emptySessionState([phase('vote1', 'swot'), phase('other', 'swot2'), phase('vote2', 'swot'), phase('vote3', 'swot')]);

  it('is undefined before a vote on the canvas is revealed', () => {
    expect(revealedVotesOn(null, 'swot')).toBeUndefined();
    expect(revealedVotesOn({ ...state, voteResults: { other: { totals: { a: 1 }, voters: 1 } } }, 'swot')).toBeUndefined();
  });

  it('takes the last revealed vote on the canvas in agenda order', () => {
    const first = { totals: { a: 1 }, voters: 1 };
    const second = { totals: { b: 2 }, voters: 2 };
    expect(revealedVotesOn({ ...state, voteResults: { vote2: second, vote1: first } }, 'swot')).toBe(second);
    expect(revealedVotesOn({ ...state, voteResults: { vote1: first } }, 'swot')).toBe(first);
  });
});

describe('the matrix’s automatic pick (no pick by the facilitator)', () => {
  const votePhase: Phase = {
    id: 'vote', title: 'Vote', canvasId: 'swot', permissions: { add: 'facilitator', move: 'facilitator' }, timerSeconds: 0, voteBudget: 5, votesPerItem: 1, votesAttributed: false, closeWhenTimeIsUp: false, privacy: 'off',
  };

  /** A confrontation board with two strengths per line, left to right: a, b, c (then d below) and one of each other quadrant. */
  function board() {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Acme', template: 'confrontation', language: 'en', createdAt: 1 });
    const add = (text: string, frame: string, x: number, y: number) => createNote(doc, { canvas: 'swot', frame: `swot.${frame}`, text, x, y, color: 'yellow', author: 'A' });
    const ids = { a: add('a', 'strengths', 0, 0), b: add('b', 'strengths', 200, 0), c: add('c', 'strengths', 400, 0), d: add('d', 'strengths', 0, 500) };
    add('w', 'weaknesses', 0, 0);
    add('o', 'opportunities', 0, 0);
    add('t', 'threats', 0, 0);
    updateMatrixSettings(doc, 'confrontation', { perQuadrant: 2 });
    return { doc, ids };
  }
  const rowTexts = (doc: Y.Doc, session?: Parameters<typeof readBoard>[1]) => {
    const snapshot = readBoard(doc, session);
    return confrontationKind.analyze!(snapshot, snapshot.canvases.find((c) => c.id === 'confrontation')!).rows.map((r) => r.text);
  };

  it('takes the top-voted notes of a revealed vote on its SWOT, equal votes in board order', () => {
    const { doc, ids } = board();
    const revealed = { ...emptySessionState([votePhase]), voteResults: { vote: { totals: { [ids.d]: 3, [ids.c]: 1, [ids.b]: 1 }, voters: 2 } } };
    expect(rowTexts(doc, revealed)).toEqual(['d', 'b', 'w']);
    // The action plan and the export read the same rows.
    expect(planOfDoc(doc, 0, revealed).matrices[0].rows.map((r) => r.text)).toEqual(['d', 'b', 'w']);
    expect((exportBoard(doc, revealed).canvases.find((c) => c.id === 'confrontation')!.analysis as { rows: Array<{ text: string }> }).rows.map((r) => r.text)).toEqual(['d', 'b', 'w']);
  });

  it('keeps the board order while no vote on its SWOT is revealed, and the facilitator’s pick over the votes', () => {
    const { doc, ids } = board();
    const hidden = emptySessionState([votePhase]);
    expect(rowTexts(doc)).toEqual(['a', 'b', 'w']);
    expect(rowTexts(doc, hidden)).toEqual(['a', 'b', 'w']);
    const onOther = { ...emptySessionState([{ ...votePhase, canvasId: 'other' }]), voteResults: { vote: { totals: { [ids.d]: 3 }, voters: 1 } } };
    expect(rowTexts(doc, onOther)).toEqual(['a', 'b', 'w']);
    const revealed = { ...hidden, voteResults: { vote: { totals: { [ids.d]: 3 }, voters: 1 } } };
    updateMatrixSettings(doc, 'confrontation', { rows: [ids.c, ids.a] });
    expect(rowTexts(doc, revealed)).toEqual(['c', 'a']);
  });
});
