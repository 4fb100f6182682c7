import { describe, it, expect } from 'vitest';
import { remoteUsers, remoteDragPositions, safeColor, usersOnCanvas } from './presenceView.ts';

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
