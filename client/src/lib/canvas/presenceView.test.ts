import { describe, it, expect } from 'vitest';
import { editorsOf, presenceMarks, remoteUsers, remoteDragPositions, safeColor, usersOnCanvas, type RemoteUser } from './presenceView.ts';

describe('remoteUsers', () => {
  it('lists other users with their cursor, selection and live drag, not the local one', () => {
    const states = new Map<number, unknown>([
      [1, { user: { name: 'Me', color: '#f00', role: 'participant' }, cursor: { x: 1, y: 2 } }],
      [2, { user: { name: 'Bob', color: '#00f', role: 'participant' }, cursor: { x: 5, y: 6 }, selection: ['n1'], dragging: { n1: { x: 10, y: 20 } } }],
    ]);
    const users = remoteUsers(states, 1, 'Anonymous');
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ clientId: 2, name: 'Bob', color: '#00f', cursor: { x: 5, y: 6 }, selection: ['n1'] });
    expect(remoteDragPositions(users).get('n1')).toEqual({ x: 10, y: 20 });
  });

  it('skips malformed fields from other browsers instead of failing', () => {
    const states = new Map<number, unknown>([
      [2, { user: { name: 42, color: 'url(javascript:x)' }, cursor: { x: 'a' }, selection: 'n1', dragging: { n1: null }, viewport: { x: 0, y: 0, width: -1, height: 5 } }],
      [3, null],
    ]);
    const [u] = remoteUsers(states, 1, 'Anonymous');
    expect(u).toMatchObject({ name: 'Anonymous', cursor: null, selection: [], viewport: null });
    expect(u.dragging.size).toBe(0);
    expect(safeColor('url(javascript:x)')).toBe('#607d8b');
  });

  it('draws on a canvas only the users who have that canvas in view', () => {
    const states = new Map<number, unknown>([
      [2, { user: { name: 'Ann' }, canvas: 'swot', cursor: { x: 1, y: 1 } }],
      [3, { user: { name: 'Bob' }, canvas: 'Kq3vX0aZ9bTe', cursor: { x: 1, y: 1 } }],
      [4, { user: { name: 'Script' }, cursor: { x: 1, y: 1 } }],
      [5, { user: { name: 'Eve' }, canvas: { id: 'swot' } }],
    ]);
    const users = remoteUsers(states, 1, 'Anonymous');
    expect(users.map((u) => u.canvas)).toEqual(['swot', 'Kq3vX0aZ9bTe', null, null]);
    expect(usersOnCanvas(users, 'swot').map((u) => u.name)).toEqual(['Ann', 'Script', 'Eve']);
    expect(usersOnCanvas(users, 'Kq3vX0aZ9bTe').map((u) => u.name)).toEqual(['Bob', 'Script', 'Eve']);
  });
});

describe('presenceMarks', () => {
  const user = (clientId: number, name: string, color: string, selection: string[], editing: string | null = null): RemoteUser => ({
    clientId,
    name,
    color,
    canvas: null,
    cursor: null,
    selection,
    dragging: new Map(),
    viewport: null,
    editing,
  });
  const pos = new Map([
    ['a', { x: 0, y: 0 }],
    ['b', { x: 200, y: 0 }],
  ]);
  const at = (id: string) => pos.get(id);
  const typing = (name: string) => `${name} is typing`;

  it('outlines every note another user selected in their colour, with their name on the last one', () => {
    const marks = presenceMarks([user(2, 'Bob', '#2e7d32', ['a', 'b', 'gone'])], at, typing);
    expect(marks).toEqual([
      { noteId: 'a', x: 0, y: 0, color: '#2e7d32', kind: 'selected', label: null, stack: 0 },
      { noteId: 'b', x: 200, y: 0, color: '#2e7d32', kind: 'selected', label: 'Bob', stack: 0 },
    ]);
  });

  it('says who is typing in a note instead of only naming them, and stacks the tags of several people', () => {
    const marks = presenceMarks([user(2, 'Ann', '#c62828', ['a'], 'a'), user(3, 'Bob', '#2e7d32', ['a'])], at, typing);
    expect(marks).toEqual([
      { noteId: 'a', x: 0, y: 0, color: '#c62828', kind: 'editing', label: 'Ann is typing', stack: 0 },
      { noteId: 'a', x: 0, y: 0, color: '#2e7d32', kind: 'selected', label: 'Bob', stack: 1 },
    ]);
  });

  it('names the people typing in any of the notes about to be deleted, once each', () => {
    const users = [user(2, 'Ann', '#c62828', [], 'a'), user(3, 'Ann', '#2e7d32', [], 'b'), user(4, 'Bob', '#6a1b9a', ['a'])];
    expect(editorsOf(users, ['a', 'b'])).toEqual(['Ann']);
    expect(editorsOf(users, ['c'])).toEqual([]);
  });

  it('reads the note a user types in from awareness, ignoring what is not a note id', () => {
    const states = new Map<number, unknown>([
      [2, { user: { name: 'Ann' }, editing: 'n1' }],
      [3, { user: { name: 'Bob' }, editing: { id: 'n1' } }],
      [4, { user: { name: 'Cas' }, editing: 'x'.repeat(5000) }],
    ]);
    expect(remoteUsers(states, 1, 'Anonymous').map((u) => u.editing)).toEqual(['n1', null, null]);
  });
});
