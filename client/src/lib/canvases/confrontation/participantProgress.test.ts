import { describe, it, expect } from 'vitest';
import { participantProgress } from './participantProgress.ts';

describe('participantProgress', () => {
  const participants = {
    ann: { name: 'Ann', role: 'participant' },
    bob: { name: 'Bob', role: 'participant' },
    fay: { name: 'Fay', role: 'facilitator' },
    vic: { name: 'Vic', role: 'viewer' },
  };

  it('lists every participant with how far they got, the unfinished first', () => {
    expect(participantProgress(participants, { ann: 4, bob: 2 }, 4, 'bob', 'en')).toEqual([
      { id: 'bob', name: 'Bob', scored: 2, done: false, self: true },
      { id: 'ann', name: 'Ann', scored: 4, done: true, self: false },
    ]);
  });

  it('lists a participant who has not scored yet', () => {
    expect(participantProgress({ ann: { name: 'Ann', role: 'participant' } }, {}, 4, 'x', 'en')).toEqual([
      { id: 'ann', name: 'Ann', scored: 0, done: false, self: false },
    ]);
  });

  it('lists a facilitator only once they scored, and never a viewer', () => {
    expect(participantProgress(participants, { fay: 1, vic: 3 }, 4, 'fay', 'en').map((p) => p.id)).toEqual(['ann', 'bob', 'fay']);
  });

  it('names someone the board has no name for, and counts entries without a role as participants', () => {
    expect(participantProgress({ old: { name: 'Old' } }, { x1: 4 }, 4, 'me', 'nl')).toEqual([
      { id: 'old', name: 'Old', scored: 0, done: false, self: false },
      { id: 'x1', name: 'Naamloze deelnemer', scored: 4, done: true, self: false },
    ]);
  });

  it('calls nobody finished in a matrix without cells', () => {
    expect(participantProgress(participants, {}, 0, 'me', 'en').every((p) => !p.done)).toBe(true);
  });
});
