// What the overlay shows of other users, read from awareness states. Awareness data comes from
// other browsers: every field is checked before use, a malformed state is skipped, never thrown on.
// Only `user.name` and `user.role` are the server's (set from the sender's session, docs/api.md).
import type { PresenceState } from './types.ts';

export interface RemoteUser {
  clientId: number;
  name: string;
  color: string;
  /** The canvas the user has in view, null when their state does not say (a program that knows no canvases). */
  canvas: string | null;
  cursor: { x: number; y: number } | null;
  selection: string[];
  dragging: Map<string, { x: number; y: number }>;
  viewport: { x: number; y: number; width: number; height: number } | null;
  /** The note this user is typing in, or null. */
  editing: string | null;
}

const FALLBACK_COLOR = '#607d8b';
const MAX_IDS = 5000;
/** Note ids are uuids; anything much longer is not one. */
const MAX_ID_LENGTH = 100;

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
      canvas: typeof s.canvas === 'string' ? s.canvas.slice(0, 64) : null,
      cursor: isPoint(s.cursor) ? { x: s.cursor.x, y: s.cursor.y } : null,
      selection: Array.isArray(s.selection) ? s.selection.filter((x): x is string => typeof x === 'string').slice(0, MAX_IDS) : [],
      dragging,
      viewport,
      editing: typeof s.editing === 'string' && s.editing.length <= MAX_ID_LENGTH ? s.editing : null,
    });
  }
  return out.sort((a, b) => a.clientId - b.clientId);
}

/** The users whose pointer, selection and drags are on `canvasId` (or who do not say where they are). */
export function usersOnCanvas(users: readonly RemoteUser[], canvasId: string): RemoteUser[] {
  return users.filter((u) => u.canvas === null || u.canvas === canvasId);
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

/** What the overlay draws around one note for one other user. */
export interface PresenceMark {
  noteId: string;
  x: number;
  y: number;
  color: string;
  /** `editing`: typing in it (solid outline); `selected`: has it selected (dashed outline). */
  kind: 'editing' | 'selected';
  /** Tag above the note: the name (or "Ann is typing"), null for the other notes of a selection. */
  label: string | null;
  /** How many tags sit below this one on the same note (several people on one note stack up). */
  stack: number;
}

/**
 * The outlines and name tags for other users' selections and editors (issue 8: remote selections
 * looked like one's own, without a name). Each user gets an outline in their colour on every note
 * they selected, a name tag on the note they selected last, and "is typing" on the note they edit.
 * Notes that are not drawn (deleted, unknown ids) get nothing.
 */
export function presenceMarks(
  users: readonly RemoteUser[],
  notePos: (id: string) => { x: number; y: number } | undefined,
  typingLabel: (name: string) => string,
): PresenceMark[] {
  const out: PresenceMark[] = [];
  const tags = new Map<string, number>();
  const tagOn = (id: string) => {
    const n = tags.get(id) ?? 0;
    tags.set(id, n + 1);
    return n;
  };
  for (const u of users) {
    const editing = u.editing !== null ? notePos(u.editing) : undefined;
    if (editing) {
      out.push({ noteId: u.editing!, ...editing, color: u.color, kind: 'editing', label: typingLabel(u.name), stack: tagOn(u.editing!) });
    }
    const selected = u.selection.flatMap((id) => {
      const p = id === u.editing && editing ? undefined : notePos(id);
      return p ? [{ id, p }] : [];
    });
    selected.forEach(({ id, p }, i) => {
      const label = i === selected.length - 1 && !editing ? u.name : null;
      out.push({ noteId: id, ...p, color: u.color, kind: 'selected', label, stack: label ? tagOn(id) : 0 });
    });
  }
  return out;
}

/** Names of other users typing in any of these notes (asked about before deleting them). */
export function editorsOf(users: readonly RemoteUser[], ids: readonly string[]): string[] {
  const set = new Set(ids);
  return [...new Set(users.filter((u) => u.editing !== null && set.has(u.editing)).map((u) => u.name))];
}
