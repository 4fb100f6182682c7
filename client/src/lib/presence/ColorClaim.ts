// Publishes this browser's `user` presence (name, role, colour, arrival time) and keeps its colour
// distinct from everyone present (userColor.ts): whenever the awareness states change, the rule of
// distinctColor decides whether this user must yield its colour. Other browsers' states are
// untrusted input: a colour that is not #rrggbb or a missing arrival time only ever makes them
// count as later arrivals, never changes anything else.
import type { Awareness } from 'y-protocols/awareness';
import type { Role } from '$shared/protocol.ts';
import { distinctColor, firstFreeColor, type ColorHolder } from './userColor.ts';

export class ColorClaim {
  private readonly joinedAt = Date.now();
  private readonly onChange = () => this.check();

  constructor(
    private readonly awareness: Awareness,
    user: { name: string; role: Role },
  ) {
    // The people already here are known only after the first sync: until then the first colour, and
    // the first awareness change moves it to a free one.
    const color = firstFreeColor(this.others());
    awareness.setLocalStateField('user', { name: user.name, role: user.role, color, joinedAt: this.joinedAt });
    awareness.on('change', this.onChange);
  }

  destroy(): void {
    this.awareness.off('change', this.onChange);
  }

  private others(): ColorHolder[] {
    const others: ColorHolder[] = [];
    for (const [clientId, state] of this.awareness.getStates()) {
      if (clientId === this.awareness.clientID) continue;
      const u = (state as { user?: { color?: unknown; joinedAt?: unknown } } | null)?.user;
      if (typeof u?.color !== 'string' || !/^#[0-9a-f]{6}$/i.test(u.color)) continue;
      const joinedAt = typeof u.joinedAt === 'number' && Number.isFinite(u.joinedAt) ? u.joinedAt : Infinity;
      others.push({ clientId, color: u.color.toLowerCase(), joinedAt });
    }
    return others;
  }

  private check(): void {
    const user = (this.awareness.getLocalState() as { user?: Record<string, unknown> } | null)?.user;
    if (!user || typeof user.color !== 'string') return;
    const next = distinctColor({ clientId: this.awareness.clientID, color: user.color, joinedAt: this.joinedAt }, this.others());
    if (next !== user.color) this.awareness.setLocalStateField('user', { ...user, color: next });
  }
}
