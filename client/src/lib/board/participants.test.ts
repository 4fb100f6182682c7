import { describe, it, expect } from 'vitest';
import { participantsFrom, whoLeft, type Participant } from './participants.ts';

describe('participantsFrom', () => {
  it('lists users with a name, self first, then by role and name', () => {
    const states = new Map<number, Record<string, unknown>>([
      [1, { user: { name: 'Zoe', color: '#123456', role: 'participant' } }],
      [2, { user: { name: 'Ann', color: '#123456', role: 'viewer' } }],
      [3, { user: { name: 'Bob', color: '#123456', role: 'facilitator' } }],
      [4, { user: { name: 'Me', color: '#123456', role: 'participant' } }],
      [5, { cursor: null }],
    ]);
    expect(participantsFrom(states, 4).map((p) => p.name)).toEqual(['Me', 'Bob', 'Zoe', 'Ann']);
  });
  it('never passes a foreign colour or role through unchecked', () => {
    const states = new Map<number, Record<string, unknown>>([[1, { user: { name: 'X', color: 'red;background:url(x)', role: 'admin' } }]]);
    expect(participantsFrom(states, 0)[0]).toMatchObject({ color: '#37474f', role: 'participant' });
  });
});

describe('whoLeft', () => {
  const p = (clientId: number, name: string, isSelf = false): Participant => ({ clientId, name, color: '#123456', role: 'participant', isSelf, participantId: null, hand: null });
  it('names the people who dropped out', () => {
    expect(whoLeft([p(1, 'Me', true), p(2, 'Ann'), p(3, 'Bob')], [p(1, 'Me', true), p(3, 'Bob')]).map((x) => x.name)).toEqual(['Ann']);
  });
  it('does not count someone who came back under a new client id, or this user', () => {
    expect(whoLeft([p(1, 'Me', true), p(2, 'Ann')], [p(5, 'Ann')])).toEqual([]);
  });
});
