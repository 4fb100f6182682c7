// What the overlay shows of other users, read from awareness states. Awareness data comes from
// other browsers: every field is checked before use, a malformed state is skipped, never thrown on.
// Only `user.name` and `user.role` are the server's (set from the sender's session, docs/api.md).
import type { PresenceState } from './types.ts';

export interface RemoteUser {
  clientId: number;
  name: string;
  color: string;
  cursor: { x: number; y: number } | null;
  selection: string[];
  dragging: Map<string, { x: number; y: number }>;
  viewport: { x: number; y: number; width: number; height: number } | null;
}

const FALLBACK_COLOR = '#607d8b';
const MAX_IDS = 5000;

function isPoint(v: unknown): v is { x: number; y: number } {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as Record<string, unknown>;
  return typeof p.x === 'number' && typeof p.y === 'number' && isFinite(p.x) && isFinite(p.y);
}

/** A CSS colour we are willing to paint with (awareness is untrusted input). */
export function safeColor(c: unknown): string {
  return typeof c === 'string' && /^#[0-9a-fA-F]{3,8}$|^(rgb|hsl)a?\([\d\s.,%]+\)$/.test(c) ? c : FALLBACK_COLOR;
}

export function remoteUsers(states: ReadonlyMap<number, unknown>, localClientId: number, fallbackName: string): RemoteUser[] {
  const out: RemoteUser[] = [];
  for (const [clientId, raw] of states) {
    if (clientId === localClientId || typeof raw !== 'object' || raw === null) continue;
    const s = raw as Partial<Record<keyof PresenceState, unknown>>;
    const user = (typeof s.user === 'object' && s.user !== null ? s.user : {}) as Record<string, unknown>;
    const name = typeof user.name === 'string' && user.name.trim() ? user.name.slice(0, 60) : fallbackName;
    const dragging = new Map<string, { x: number; y: number }>();
    if (typeof s.dragging === 'object' && s.dragging !== null) {
      for (const [id, p] of Object.entries(s.dragging as Record<string, unknown>).slice(0, MAX_IDS)) {
        if (isPoint(p)) dragging.set(id, { x: p.x, y: p.y });
      }
    }
    const vp = s.viewport;
    let viewport: RemoteUser['viewport'] = null;
    if (isPoint(vp)) {
      const { width, height } = vp as { width?: unknown; height?: unknown };
      if (typeof width === 'number' && typeof height === 'number' && width > 0 && height > 0 && isFinite(width) && isFinite(height)) {
        viewport = { x: vp.x, y: vp.y, width, height };
      }
    }
    out.push({
      clientId,
      name,
      color: safeColor(user.color),
      cursor: isPoint(s.cursor) ? { x: s.cursor.x, y: s.cursor.y } : null,
      selection: Array.isArray(s.selection) ? s.selection.filter((x): x is string => typeof x === 'string').slice(0, MAX_IDS) : [],
      dragging,
      viewport,
    });
  }
  return out.sort((a, b) => a.clientId - b.clientId);
}

/**
 * Live positions of notes other users are dragging right now. When two users drag the same note,
 * the one with the higher client id wins (any fixed rule will do: it only lasts until a drop).
 */
export function remoteDragPositions(users: readonly RemoteUser[]): Map<string, { x: number; y: number }> {
  const out = new Map<string, { x: number; y: number }>();
  for (const u of users) for (const [id, p] of u.dragging) out.set(id, p);
  return out;
}
