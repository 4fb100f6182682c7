// The participant list, read from awareness states (y-protocols). Pure, so it is testable without a socket.
// `user.name` and `user.role` are set by the server from each sender's session (docs/api.md); the
// rest of a state (the colour) comes from other browsers and is checked before use.
import { ROLES, type Role } from '$shared/protocol.ts';

export interface Participant {
  clientId: number;
  name: string;
  color: string;
  role: Role;
  isSelf: boolean;
  /** Set by the server from the sender's session (docs/api.md); null for a state without one. */
  participantId: string | null;
  /** When this client raised its hand (its own awareness field `hand`, issue 10); null: not raised. */
  hand: number | null;
}

/**
 * The people in `before` who are not in `after` (issue 8: tell people who drops out). Matched by
 * name and role too, so someone whose page reconnected under a new client id has not left.
 */
export function whoLeft(before: readonly Participant[], after: readonly Participant[]): Participant[] {
  const present = new Set(after.map((p) => p.clientId));
  const names = new Set(after.map((p) => `${p.role}:${p.name}`));
  return before.filter((p) => !p.isSelf && !present.has(p.clientId) && !names.has(`${p.role}:${p.name}`));
}

export function participantsFrom(states: Map<number, Record<string, unknown>>, selfId: number): Participant[] {
  const out: Participant[] = [];
  for (const [clientId, state] of states) {
    const user = state?.user as { name?: unknown; color?: unknown; role?: unknown; participantId?: unknown } | undefined;
    if (!user || typeof user.name !== 'string') continue;
    const role = (ROLES as readonly unknown[]).includes(user.role) ? (user.role as Role) : 'participant';
    out.push({
      clientId,
      name: user.name.slice(0, 60),
      // Only a hex colour reaches the style attribute: awareness is written by other browsers.
      color: typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#37474f',
      role,
      isSelf: clientId === selfId,
      participantId: typeof user.participantId === 'string' ? user.participantId : null,
      hand: typeof state.hand === 'number' && Number.isFinite(state.hand) ? state.hand : null,
    });
  }
  const rank: Record<Role, number> = { facilitator: 0, participant: 1, viewer: 2 };
  return out.sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || rank[a.role] - rank[b.role] || a.name.localeCompare(b.name) || a.clientId - b.clientId);
}
