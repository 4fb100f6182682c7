import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ROOT } from '$shared/board/schema.ts';
import { listedParticipants, peopleFrom } from './people.ts';
import type { Participant } from './participants.ts';

const online = (clientId: number, name: string, participantId: string, extra: Partial<Participant> = {}): Participant =>
  ({ clientId, name, color: '#123456', role: 'participant', isSelf: false, participantId, hand: null, ...extra });

describe('peopleFrom', () => {
  it('lists everyone once: online people (any number of tabs), then the offline ones, the removed last', () => {
    const doc = new Y.Doc();
    const list = doc.getMap(ROOT.participants);
    list.set('me', { name: 'Me', role: 'facilitator' });
    list.set('ann', { name: 'Ann', role: 'participant' });
    list.set('bob', { name: 'Bob', role: 'participant' });
    list.set('eve', { name: 'Eve', role: 'participant', removedAt: 5 });
    list.set('bad', { name: 42 });
    const people = peopleFrom(
      // This user's own state has no participant id (the server sets it only on what it relays).
      [online(1, 'Me', null as unknown as string, { isSelf: true, role: 'facilitator' }), online(2, 'Ann', 'ann'), online(3, 'Ann', 'ann'), online(4, 'Vic', 'vic', { role: 'viewer' })],
      listedParticipants(doc),
      'me',
    );
    expect(people.map((p) => [p.name, p.online, p.removed])).toEqual([
      ['Me', true, false],
      ['Ann', true, false],
      ['Vic', true, false],
      ['Bob', false, false],
      ['Eve', false, true],
    ]);
  });

  it('puts raised hands first, in the order they went up', () => {
    const people = peopleFrom([online(1, 'Ann', 'ann'), online(2, 'Bob', 'bob', { hand: 20 }), online(3, 'Cas', 'cas', { hand: 10 }), online(4, 'Cas', 'cas')], new Map(), null);
    expect(people.map((p) => [p.name, p.hand])).toEqual([['Cas', 10], ['Bob', 20], ['Ann', null]]);
  });
});
