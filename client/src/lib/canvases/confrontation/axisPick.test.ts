import { describe, it, expect } from 'vitest';
import type { Note } from '$shared/board/schema.ts';
import { swotQuadrantOf } from '$shared/canvases/swot/swotQuadrants.ts';
import { pickerEntries, withIncluded, withMoved } from './axisPick.ts';

const note = (id: string, frame: string, y: number): Note => ({ id, frame, text: id.toUpperCase(), x: 0, y, color: 'yellow', author: '', createdAt: 0, z: 'a0' });
const notes = [note('s1', 'swot.strengths', 0), note('s2', 'swot.strengths', 200), note('s3', 'swot.strengths', 400), note('w1', 'swot.weaknesses', 0)];
const quadrantOf = (id: string) => {
  const n = notes.find((x) => x.id === id);
  return n ? swotQuadrantOf(n.frame) : undefined;
};

describe('pickerEntries', () => {
  it('lists the notes in the matrix in matrix order first, then the others top to bottom', () => {
    expect(pickerEntries(notes, 'S', ['s3', 's1', 'w1'])).toEqual([
      { noteId: 's3', text: 'S3', included: true },
      { noteId: 's1', text: 'S1', included: true },
      { noteId: 's2', text: 'S2', included: false },
    ]);
  });
});

describe('withIncluded', () => {
  it('adds a note at the end and takes one out', () => {
    expect(withIncluded(['s1', 'w1'], 's2', true)).toEqual(['s1', 'w1', 's2']);
    expect(withIncluded(['s1', 'w1', 's2'], 's1', false)).toEqual(['w1', 's2']);
  });

  it('does not add a note twice', () => {
    expect(withIncluded(['s1'], 's1', true)).toEqual(['s1']);
  });
});

describe('withMoved', () => {
  it('swaps a note with the previous or next note of its own quadrant', () => {
    expect(withMoved(['s1', 'w1', 's2'], 's2', -1, quadrantOf)).toEqual(['s2', 'w1', 's1']);
    expect(withMoved(['s1', 'w1', 's2'], 's1', 1, quadrantOf)).toEqual(['s2', 'w1', 's1']);
  });

  it('leaves the pick as it is at the ends of the quadrant', () => {
    expect(withMoved(['s1', 's2', 'w1'], 's1', -1, quadrantOf)).toEqual(['s1', 's2', 'w1']);
    expect(withMoved(['s1', 's2', 'w1'], 's2', 1, quadrantOf)).toEqual(['s1', 's2', 'w1']);
  });

  it('keeps the id of a deleted note in place, so undoing the delete brings its row back', () => {
    // "gone" is a strength deleted from the SWOT: unknown to quadrantOf, skipped, not dropped.
    expect(withMoved(['s1', 'gone', 's2'], 's2', -1, quadrantOf)).toEqual(['s2', 'gone', 's1']);
    expect(withIncluded(['s1', 'gone'], 's2', true)).toEqual(['s1', 'gone', 's2']);
  });
});
