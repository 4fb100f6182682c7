// Typed operations on the board's canvases, and which canvas a note is on. Every change to the
// canvas structure in client and server goes through here. Only a facilitator may make them (the
// server refuses the rest): participants' clients never call these.
import * as Y from 'yjs';
import { generateKeyBetween } from 'fractional-indexing';
import { getRandomValues } from 'lib0/webcrypto';
import { canvasesMap, canvasMap, compareOrder, notesMap, readCanvasRecord, readNote, CANVAS_ID_PATTERN, type CanvasRecord, type Note } from './schema.ts';
import { migrateBoard, templateCanvases } from './migrate.ts';
import { canvasKind } from '../canvases/registry.ts';
import { readSettings } from '../canvases/kind.ts';
import { LEGACY_CANVAS_ID } from '../templates/boardTemplates.ts';

/**
 * All canvases in board order, removed ones included (`removedAt` set). A board whose canvases were
 * never stored reads as its template's canvases, exactly as `migrateBoard` would write them.
 */
export function readCanvases(doc: Y.Doc): CanvasRecord[] {
  const stored = canvasesMap(doc);
  if (stored.size === 0) return templateCanvases(doc);
  const out: CanvasRecord[] = [];
  stored.forEach((m, id) => {
    if (CANVAS_ID_PATTERN.test(id) && m instanceof Y.Map) out.push(readCanvasRecord(id, m));
  });
  return out.sort(compareOrder);
}

/** The canvases the navigator shows, in order. */
export function visibleCanvases(canvases: readonly CanvasRecord[]): CanvasRecord[] {
  return canvases.filter((c) => c.removedAt === null);
}

export function getCanvas(doc: Y.Doc, id: string): CanvasRecord | undefined {
  return readCanvases(doc).find((c) => c.id === id);
}

/** A canvas's settings with defaults filled in, or the stored JSON for a kind this version does not know. */
export function canvasSettings(canvas: CanvasRecord): Record<string, unknown> {
  const kind = canvasKind(canvas.kind);
  return kind ? readSettings(kind, canvas.settings) : canvas.settings;
}

/**
 * Which canvas a note is on. Its `canvas`, when that names a canvas of the board (removed or not: a
 * removed canvas keeps its notes). Otherwise (a note from before canvases, or from a program that
 * sets only `frame`): a canvas whose kind has the note's frame, the visible ones before removed
 * ones, and among those the canvas `swot` first, then board order. On a board with exactly one SWOT
 * canvas every such note is that canvas's. Undefined when no canvas has the frame: the outline
 * shows those notes apart, never hides them.
 */
export function noteCanvasId(note: Pick<Note, 'canvas' | 'frame'>, canvases: readonly CanvasRecord[]): string | undefined {
  if (note.canvas !== undefined && canvases.some((c) => c.id === note.canvas)) return note.canvas;
  const candidates = canvases
    .filter((c) => canvasKind(c.kind)?.layout.frames.some((f) => f.id === note.frame))
    .sort((a, b) => Number(a.removedAt !== null) - Number(b.removedAt !== null) || Number(b.id === LEGACY_CANVAS_ID) - Number(a.id === LEGACY_CANVAS_ID));
  return candidates[0]?.id;
}

export interface NewCanvas {
  kind: string;
  title: string;
  /** Only what differs from the kind's defaults; validated by the kind's schema. */
  settings?: Record<string, unknown>;
  /** Position among the visible canvases; at the end when absent. */
  index?: number;
  /** Override for tests; defaults to Date.now(). */
  createdAt?: number;
}

/** Adds a canvas and returns its id. Throws on a kind this version does not know or invalid settings. */
export function addCanvas(doc: Y.Doc, canvas: NewCanvas, origin?: unknown): string {
  const kind = canvasKind(canvas.kind);
  if (!kind) throw new Error(`unknown canvas kind: ${canvas.kind}`);
  kind.settings.parse(canvas.settings ?? {});
  const id = newCanvasId();
  doc.transact(() => {
    migrateBoard(doc, origin);
    pinNotes(doc);
    const all = readCanvases(doc);
    const settings = { ...kind.initialSettings?.(all), ...canvas.settings };
    const visible = visibleCanvases(all);
    const record: CanvasRecord = {
      id,
      kind: kind.id,
      title: canvas.title,
      order: orderAt(visible, canvas.index ?? visible.length),
      createdAt: canvas.createdAt ?? Date.now(),
      removedAt: null,
      settings,
    };
    canvasesMap(doc).set(id, canvasMap(record));
  }, origin);
  return id;
}

export function renameCanvas(doc: Y.Doc, id: string, title: string, origin?: unknown): void {
  editCanvas(doc, id, origin, (m) => {
    if (m.get('title') !== title) m.set('title', title);
  });
}

/** Moves a canvas to `index` among the visible canvases (0 is first). */
export function moveCanvas(doc: Y.Doc, id: string, index: number, origin?: unknown): void {
  editCanvas(doc, id, origin, (m) => {
    pinNotes(doc);
    const others = visibleCanvases(readCanvases(doc)).filter((c) => c.id !== id);
    m.set('order', orderAt(others, index));
  });
}

/** Takes a canvas off the board. Nothing is deleted: its notes, settings and scores stay, and `restoreCanvas` brings it back. */
export function removeCanvas(doc: Y.Doc, id: string, origin?: unknown, now = Date.now()): void {
  editCanvas(doc, id, origin, (m) => {
    pinNotes(doc);
    if (typeof m.get('removedAt') !== 'number') m.set('removedAt', now);
  });
}

/** Brings a removed canvas back, at the place it had. */
export function restoreCanvas(doc: Y.Doc, id: string, origin?: unknown): void {
  editCanvas(doc, id, origin, (m) => {
    pinNotes(doc);
    if (m.has('removedAt')) m.delete('removedAt');
  });
}

/**
 * Changes some settings of a canvas. The settings that result are validated as a whole by the
 * kind's schema (throws its ZodError before writing anything); a key set to `undefined` goes back
 * to its default. Unchanged values are not written again.
 */
export function updateCanvasSettings(doc: Y.Doc, id: string, patch: Record<string, unknown>, origin?: unknown): void {
  const canvas = getCanvas(doc, id);
  if (!canvas) throw new Error(`no canvas ${id}`);
  const kind = canvasKind(canvas.kind);
  if (!kind) throw new Error(`unknown canvas kind: ${canvas.kind}`);
  // From the settings as read (a value another program wrote badly reads as its default), so one
  // bad stored value does not block every later change.
  const next: Record<string, unknown> = { ...readSettings(kind, canvas.settings) };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete next[k];
    else next[k] = v;
  }
  const valid = kind.settings.parse(next) as Record<string, unknown>;
  editCanvas(doc, id, origin, (m) => {
    let settings = m.get('settings');
    if (!(settings instanceof Y.Map)) {
      settings = new Y.Map<unknown>();
      m.set('settings', settings);
    }
    const s = settings as Y.Map<unknown>;
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) {
        if (s.has(k)) s.delete(k);
      } else if (JSON.stringify(s.get(k)) !== JSON.stringify(valid[k])) {
        s.set(k, valid[k]);
      }
    }
  });
}

/** Runs `edit` on the stored map of a canvas, writing the template's canvases first on a board that has none stored. */
function editCanvas(doc: Y.Doc, id: string, origin: unknown, edit: (m: Y.Map<unknown>) => void): void {
  doc.transact(() => {
    migrateBoard(doc, origin);
    const m = canvasesMap(doc).get(id);
    if (m instanceof Y.Map) edit(m);
  }, origin);
}

/**
 * Writes its current canvas into every note that has no `canvas` stored, before a change to the structure:
 * the reading rule depends on which canvases exist, are visible and come first, and a note must not
 * move to another canvas because one was added, moved, removed or restored. Once per board in
 * practice (afterwards every note has its `canvas`).
 */
function pinNotes(doc: Y.Doc): void {
  const canvases = readCanvases(doc);
  notesMap(doc).forEach((m, id) => {
    const note = readNote(id, m);
    // A `canvas` naming a canvas not here yet is left alone: it may be on its way from another replica.
    if (note.canvas !== undefined) return;
    const canvas = noteCanvasId(note, canvases);
    if (canvas !== undefined) m.set('canvas', canvas);
  });
}

/** An order key that puts a canvas at `index` of `list` (sorted by order). */
function orderAt(list: readonly CanvasRecord[], index: number): string {
  const i = Math.max(0, Math.min(index, list.length));
  const before = i > 0 ? list[i - 1].order : null;
  const after = i < list.length ? list[i].order : null;
  try {
    return generateKeyBetween(before, after);
  } catch {
    // Equal neighbours (two canvases added at once on two replicas) or a key another program wrote.
    try {
      return generateKeyBetween(before, null);
    } catch {
      return generateKeyBetween(null, null);
    }
  }
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** 12 url-safe characters (72 random bits): short, because canvas ids are part of every score's key. */
function newCanvasId(): string {
  return Array.from(getRandomValues(new Uint8Array(12)), (b) => ID_ALPHABET[b & 63]).join('');
}
