// The participant panel's list (issue 10): everyone the board knows, not only who is online. Online
// people come from awareness (one entry per person however many tabs they have open), everyone
// who ever wrote from the server-written `participants` root (docs/data-model.md), where a
// facilitator's removal shows as `removedAt`. Pure, so it is testable without a socket.
import * as Y from 'yjs';
import { ROOT } from '$shared/board/schema.ts';
import { ROLES, type Role } from '$shared/protocol.ts';
import type { Participant } from './participants.ts';

export interface ListedParticipant {
  name: string;
  role: Role;
  /** Epoch milliseconds when a facilitator removed them; absent: not removed. */
  removedAt?: number;
}

export interface Person {
  /** The server-assigned id; null for an online state without one (an older server). */
  participantId: string | null;
  name: string;
  role: Role;
  color: string;
  online: boolean;
  removed: boolean;
  /** Raised at (epoch ms) on any of their connections; null: not raised. */
  hand: number | null;
  /** An awareness client id of theirs while online (to follow them); null when offline. */
  clientId: number | null;
  isSelf: boolean;
}

const OFFLINE_COLOR = '#90a4ae';

/** The `participants` root as plain entries; malformed ones are skipped. */
export function listedParticipants(doc: Y.Doc): Map<string, ListedParticipant> {
  const out = new Map<string, ListedParticipant>();
  doc.getMap<unknown>(ROOT.participants).forEach((v, id) => {
    const e = v as Partial<ListedParticipant> | null;
    if (!e || typeof e.name !== 'string' || !(ROLES as readonly unknown[]).includes(e.role)) return;
    out.set(id, { name: e.name.slice(0, 60), role: e.role as Role, ...(typeof e.removedAt === 'number' ? { removedAt: e.removedAt } : {}) });
  });
  return out;
}

/**
 * `selfId`: this user's participant id. Their own awareness state never carries it: the server sets
 * it on what it relays, and y-protocols ignores echoes of the local client's state.
 */
export function peopleFrom(online: readonly Participant[], listed: ReadonlyMap<string, ListedParticipant>, selfId: string | null): Person[] {
  const byKey = new Map<string, Person>();
  for (const raw of online) {
    const p = raw.isSelf && selfId ? { ...raw, participantId: selfId } : raw;
    const key = p.participantId ?? `client:${p.clientId}`;
    const seen = byKey.get(key);
    if (seen) {
      if (p.hand !== null && (seen.hand === null || p.hand < seen.hand)) seen.hand = p.hand;
      if (p.isSelf) Object.assign(seen, { isSelf: true, clientId: p.clientId });
      continue;
    }
    const entry = p.participantId ? listed.get(p.participantId) : undefined;
    byKey.set(key, {
      participantId: p.participantId,
      name: p.name,
      role: p.role,
      color: p.color,
      online: true,
      removed: entry?.removedAt !== undefined,
      hand: p.hand,
      clientId: p.clientId,
      isSelf: p.isSelf,
    });
  }
  for (const [id, e] of listed) {
    if (byKey.has(id)) continue;
    byKey.set(id, { participantId: id, name: e.name, role: e.role, color: OFFLINE_COLOR, online: false, removed: e.removedAt !== undefined, hand: null, clientId: null, isSelf: false });
  }
  const rank: Record<Role, number> = { facilitator: 0, participant: 1, viewer: 2 };
  const group = (p: Person) => (p.isSelf ? 0 : p.removed ? 4 : p.hand !== null ? 1 : p.online ? 2 : 3);
  return Array.from(byKey.values()).sort(
    (a, b) =>
      group(a) - group(b) ||
      (a.hand ?? 0) - (b.hand ?? 0) ||
      rank[a.role] - rank[b.role] ||
      a.name.localeCompare(b.name) ||
      (a.participantId ?? '').localeCompare(b.participantId ?? ''),
  );
}
