import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { ColorClaim } from './ColorClaim.ts';

/** Two browsers' awareness, with a hand-carried "network": `sync()` delivers both states both ways. */
function twoBrowsers() {
  const a = new Awareness(new Y.Doc());
  const b = new Awareness(new Y.Doc());
  const sync = () => {
    for (let round = 0; round < 3; round++) {
      applyAwarenessUpdate(b, encodeAwarenessUpdate(a, [a.clientID]), 'net');
      applyAwarenessUpdate(a, encodeAwarenessUpdate(b, [b.clientID]), 'net');
    }
  };
  const colorOf = (aw: Awareness, id: number) => (aw.getStates().get(id) as { user: { color: string } }).user.color;
  return { a, b, sync, colorOf };
}

describe('ColorClaim', () => {
  it('picks a colour nobody present has when it arrives', () => {
    const { a, b, sync, colorOf } = twoBrowsers();
    const ca = new ColorClaim(a, { name: 'Ann', role: 'participant' });
    sync();
    const before = colorOf(a, a.clientID);
    const cb = new ColorClaim(b, { name: 'Ann', role: 'participant' });
    sync();
    expect(colorOf(a, a.clientID)).toBe(before);
    expect(colorOf(a, b.clientID)).not.toBe(before);
    // Both browsers see the same two colours.
    expect(colorOf(b, a.clientID)).toBe(colorOf(a, a.clientID));
    expect(colorOf(b, b.clientID)).toBe(colorOf(a, b.clientID));
    ca.destroy();
    cb.destroy();
  });

  it('settles two people who joined at the same time with the same colour: exactly one yields', () => {
    const { a, b, sync, colorOf } = twoBrowsers();
    const ca = new ColorClaim(a, { name: 'Bob', role: 'participant' });
    const cb = new ColorClaim(b, { name: 'Bob', role: 'facilitator' });
    sync();
    expect(colorOf(a, a.clientID)).not.toBe(colorOf(a, b.clientID));
    expect(colorOf(b, a.clientID)).toBe(colorOf(a, a.clientID));
    expect(colorOf(b, b.clientID)).toBe(colorOf(a, b.clientID));
    ca.destroy();
    cb.destroy();
  });

  it('publishes name, role and arrival time with the colour', () => {
    const { a } = twoBrowsers();
    const c = new ColorClaim(a, { name: 'Eva', role: 'viewer' });
    const user = (a.getLocalState() as { user: Record<string, unknown> }).user;
    expect(user).toMatchObject({ name: 'Eva', role: 'viewer' });
    expect(user.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(typeof user.joinedAt).toBe('number');
    c.destroy();
  });
});
