// Publishes this browser's `user` presence (name, role, colour, arrival time) and keeps its colour
// distinct from everyone present (userColor.ts): whenever the awareness states change, the rule of
// distinctColor decides whether this user must yield its colour. Other browsers' states are
// untrusted input: a colour that is not #rrggbb or a missing arrival time only ever makes them
// count as later arrivals, never changes anything else.
import type { Awareness } from 'y-protocols/awareness';
import type { Role } from '$shared/protocol.ts';
import { distinctColor, preferredSlot, presenceColor, type ColorHolder } from './userColor.ts';

export class ColorClaim {
  private readonly preferred: number;
  private readonly joinedAt = Date.now();
  private readonly onChange = () => this.check();

  constructor(
    private readonly awareness: Awareness,
    user: { name: string; role: Role },
  ) {
    this.preferred = preferredSlot(user.name, awareness.clientID);
    awareness.setLocalStateField('user', { name: user.name, role: user.role, color: presenceColor(this.preferred), joinedAt: this.joinedAt });
    awareness.on('change', this.onChange);
    this.check();
  }

  destroy(): void {
    this.awareness.off('change', this.onChange);
  }

  private check(): void {
    const local = this.awareness.getLocalState() as { user?: Record<string, unknown> } | null;
    const user = local?.user;
    if (!user || typeof user.color !== 'string') return;
    const me: ColorHolder = { clientId: this.awareness.clientID, color: user.color, joinedAt: this.joinedAt };
    const others: ColorHolder[] = [];
    for (const [clientId, state] of this.awareness.getStates()) {
      if (clientId === me.clientId) continue;
      const u = (state as { user?: { color?: unknown; joinedAt?: unknown } } | null)?.user;
      if (typeof u?.color !== 'string' || !/^#[0-9a-f]{6}$/i.test(u.color)) continue;
      const joinedAt = typeof u.joinedAt === 'number' && Number.isFinite(u.joinedAt) ? u.joinedAt : Infinity;
      others.push({ clientId, color: u.color.toLowerCase(), joinedAt });
    }
    const next = distinctColor(me, this.preferred, others);
    if (next !== user.color) this.awareness.setLocalStateField('user', { ...user, color: next });
  }
}
