// Typed operations on notes. Every change to notes in client and server goes through here.
import * as Y from 'yjs';
import { uuidv4 } from 'lib0/random';
import { generateKeyBetween } from 'fractional-indexing';
import { type Note, type NoteColor, notesMap, readNote, compareZ, NOTE_WIDTH, NOTE_HEIGHT } from './schema.ts';
import { frameAt, frameById, type FrameDef, type Template } from '../templates/template.ts';
import { noteCanvasId, readCanvases } from './canvases.ts';

export interface NewNote {
  /** The canvas it goes on. Without it the note belongs where the reading rule puts it (`noteCanvasId`). */
  canvas?: string;
  frame: string;
  x: number;
  y: number;
  color: NoteColor;
  author: string;
  text?: string;
  /** Override for tests; defaults to Date.now(). */
  createdAt?: number;
  /** Override for seeded tests (the fuzz suite replays byte-identical updates); defaults to a random UUID. */
  id?: string;
}

/** Highest z key on the board, or null for an empty board. */
export function topZ(doc: Y.Doc): string | null {
  let top: string | null = null;
  notesMap(doc).forEach((m) => {
    const z = m instanceof Y.Map ? m.get('z') : undefined;
    if (typeof z === 'string' && (top === null || z > top)) top = z;
  });
  return top;
}

/** A key above `after`. Falls back to a fresh key if a foreign program stored an invalid one. */
export function keyAbove(after: string | null): string {
  try {
    return generateKeyBetween(after, null);
  } catch {
    return generateKeyBetween(null, null);
  }
}

/** Creates a note on top of all others and returns its id. */
export function createNote(doc: Y.Doc, note: NewNote, origin?: unknown): string {
  const id = note.id ?? uuidv4();
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    m.set('id', id);
    if (note.canvas !== undefined) m.set('canvas', note.canvas);
    m.set('frame', note.frame);
    m.set('text', new Y.Text(note.text ?? ''));
    m.set('x', Math.round(note.x));
    m.set('y', Math.round(note.y));
    m.set('color', note.color);
    m.set('author', note.author);
    m.set('createdAt', note.createdAt ?? Date.now());
    m.set('z', keyAbove(topZ(doc)));
    notesMap(doc).set(id, m);
  }, origin);
  return id;
}

export function getNote(doc: Y.Doc, id: string): Note | undefined {
  const m = notesMap(doc).get(id);
  return m instanceof Y.Map ? readNote(id, m) : undefined;
}

/** All notes in drawing order (bottom first). */
export function listNotes(doc: Y.Doc): Note[] {
  const out: Note[] = [];
  notesMap(doc).forEach((m, id) => {
    if (m instanceof Y.Map) out.push(readNote(id, m));
  });
  return out.sort(compareZ);
}

export function noteText(doc: Y.Doc, id: string): Y.Text | undefined {
  const m = notesMap(doc).get(id);
  const t = m instanceof Y.Map ? m.get('text') : undefined;
  return t instanceof Y.Text ? t : undefined;
}

/** Replaces a note's whole text (outline view, tests). Live typing edits the Y.Text directly. */
export function setNoteText(doc: Y.Doc, id: string, text: string, origin?: unknown): void {
  const t = noteText(doc, id);
  if (!t) return;
  doc.transact(() => {
    t.delete(0, t.length);
    t.insert(0, text);
  }, origin);
}

export interface NoteMove {
  id: string;
  x: number;
  y: number;
}

/** Grid of a frame: gap between notes, space kept free for the frame's header. */
const GAP = 16;
const HEADER = 72;
/** Margin between a note pulled back into a frame and the frame's edge. */
const EDGE = 12;

/**
 * Where a note whose top-left is (x, y) ends up, and the frame it then belongs to: its centre's frame,
 * or, outside every frame, pulled wholly inside the nearest one (below its header). So a note's
 * position and its `frame` always agree: arrow keys or a drop past the board's edge cannot leave a
 * note drawn outside the quadrant the outline lists it in (issue 8). Templates without frames keep
 * the point as it is.
 */
export function placeInTemplate(template: Template, x: number, y: number): { x: number; y: number; frame?: FrameDef } {
  const inside = frameAt(template, x + NOTE_WIDTH / 2, y + NOTE_HEIGHT / 2);
  if (inside || template.frames.length === 0) return { x, y, frame: inside };
  const cx = x + NOTE_WIDTH / 2;
  const cy = y + NOTE_HEIGHT / 2;
  const distance = (f: FrameDef) => Math.hypot(Math.max(f.x - cx, 0, cx - f.x - f.width), Math.max(f.y - cy, 0, cy - f.y - f.height));
  const frame = template.frames.reduce((best, f) => (distance(f) < distance(best) ? f : best));
  const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), Math.max(lo, hi));
  return {
    x: clamp(x, frame.x + EDGE, frame.x + frame.width - NOTE_WIDTH - EDGE),
    y: clamp(y, frame.y + HEADER, frame.y + frame.height - NOTE_HEIGHT - EDGE),
    frame,
  };
}

/**
 * Writes final positions (on drop, never per pointer move: every overwrite leaves metadata behind).
 * A note dropped inside another frame of the template moves to that frame; dropped outside every
 * frame it is pulled into the nearest one (`placeInTemplate`). A note in its old frame's colour takes
 * the new frame's; a colour the user chose stays. Moved notes come to the top, keeping
 * their order among themselves.
 */
export function moveNotes(doc: Y.Doc, template: Template, moves: NoteMove[], origin?: unknown): void {
  const notes = notesMap(doc);
  const ordered = moves
    .map((mv) => ({ mv, m: notes.get(mv.id) }))
    .filter((e): e is { mv: NoteMove; m: Y.Map<unknown> } => e.m instanceof Y.Map)
    .sort((a, b) => compareZ(readNote(a.mv.id, a.m), readNote(b.mv.id, b.m)));
  if (ordered.length === 0) return;
  doc.transact(() => {
    let z = topZ(doc);
    for (const { mv, m } of ordered) {
      const place = placeInTemplate(template, Math.round(mv.x), Math.round(mv.y));
      const x = Math.round(place.x);
      const y = Math.round(place.y);
      if (m.get('x') !== x) m.set('x', x);
      if (m.get('y') !== y) m.set('y', y);
      const frame = place.frame;
      const from = frameById(template, String(m.get('frame')));
      if (frame && m.get('frame') !== frame.id) {
        m.set('frame', frame.id);
        // The quadrant's colour follows the note, unless the user chose another one (issue 8).
        if (from && m.get('color') === from.defaultNoteColor && frame.defaultNoteColor !== from.defaultNoteColor) m.set('color', frame.defaultNoteColor);
      }
      if (m.get('z') !== z) {
        z = keyAbove(z);
        m.set('z', z);
      }
    }
  }, origin);
}

/**
 * Moves a note to another frame without a pointer (outline view, keyboard): it is placed at the
 * first free slot of the target frame's grid.
 */
export function moveNoteToFrame(doc: Y.Doc, template: Template, id: string, frameId: string, origin?: unknown): void {
  const frame = frameById(template, frameId);
  const note = getNote(doc, id);
  if (!frame || !note) return;
  const { x, y } = freeSlot(doc, template, frameId, noteCanvasId(note, readCanvases(doc)));
  moveNotes(doc, template, [{ id, x, y }], origin);
  const m = notesMap(doc).get(id);
  if (m instanceof Y.Map && m.get('frame') !== frameId) doc.transact(() => m.set('frame', frameId), origin);
}

/**
 * Top-left of the first grid slot in a frame that no note of that frame overlaps. With `canvasId`,
 * only notes on that canvas count: two SWOT canvases share frame ids and coordinates, and a note on
 * one must not take a slot on the other.
 */
export function freeSlot(doc: Y.Doc, template: Template, frameId: string, canvasId?: string): { x: number; y: number } {
  const frame = frameById(template, frameId) ?? template.frames[0];
  const canvases = canvasId === undefined ? [] : readCanvases(doc);
  const taken = listNotes(doc).filter((n) => n.frame === frame.id && (canvasId === undefined || noteCanvasId(n, canvases) === canvasId));
  return freeGridSlot(frame, taken);
}

/** Top-left of the first grid slot of a frame that none of `taken` (note positions) overlaps. */
export function freeGridSlot(frame: FrameDef, taken: ReadonlyArray<{ x: number; y: number }>): { x: number; y: number } {
  const cols = Math.max(1, Math.floor((frame.width - GAP) / (NOTE_WIDTH + GAP)));
  const rows = Math.max(1, Math.floor((frame.height - HEADER) / (NOTE_HEIGHT + GAP)));
  for (let i = 0; i < cols * rows; i++) {
    const x = frame.x + GAP + (i % cols) * (NOTE_WIDTH + GAP);
    const y = frame.y + HEADER + Math.floor(i / cols) * (NOTE_HEIGHT + GAP);
    const overlaps = taken.some((n) => Math.abs(n.x - x) < NOTE_WIDTH / 2 && Math.abs(n.y - y) < NOTE_HEIGHT / 2);
    if (!overlaps) return { x, y };
  }
  // Full grid: stack with a small offset so the new note stays visible.
  return { x: frame.x + GAP + (taken.length % 10) * 12, y: frame.y + HEADER + (taken.length % 10) * 12 };
}

export function setNotesColor(doc: Y.Doc, ids: string[], color: NoteColor, origin?: unknown): void {
  const notes = notesMap(doc);
  doc.transact(() => {
    for (const id of ids) {
      const m = notes.get(id);
      if (m instanceof Y.Map) m.set('color', color);
    }
  }, origin);
}

export function deleteNotes(doc: Y.Doc, ids: string[], origin?: unknown): void {
  const notes = notesMap(doc);
  doc.transact(() => {
    for (const id of ids) notes.delete(id);
  }, origin);
}

/** Copies notes with an offset, on top of everything; returns the new ids in the same order. */
export function duplicateNotes(doc: Y.Doc, template: Template, ids: string[], author: string, origin?: unknown): string[] {
  const out: string[] = [];
  doc.transact(() => {
    for (const id of ids) {
      const n = getNote(doc, id);
      if (!n) continue;
      const x = n.x + 24;
      const y = n.y + 24;
      const frame = frameAt(template, x + NOTE_WIDTH / 2, y + NOTE_HEIGHT / 2)?.id ?? n.frame;
      out.push(createNote(doc, { canvas: n.canvas, frame, x, y, color: n.color, author, text: n.text }, origin));
    }
  }, origin);
  return out;
}

/**
 * "Tidy up" (issue 8): lays the notes of each given frame out in a grid inside it, in reading order
 * (top to bottom in bands of half a note, then left to right), so a hand-made ranking survives. A
 * frame with more notes than grid cells squeezes its rows (notes overlap, each top line stays
 * visible). With `canvasId`, only notes on that canvas. One transaction: one undo step, and others
 * see (and the canvas animates) one change. Stacking order (`z`) is kept.
 */
export function tidyFrames(doc: Y.Doc, template: Template, frameIds: readonly string[], canvasId?: string, origin?: unknown): void {
  const canvases = canvasId === undefined ? [] : readCanvases(doc);
  const all = listNotes(doc).filter((n) => canvasId === undefined || noteCanvasId(n, canvases) === canvasId);
  const notes = notesMap(doc);
  const band = NOTE_HEIGHT / 2;
  doc.transact(() => {
    for (const frameId of frameIds) {
      const frame = frameById(template, frameId);
      if (!frame) continue;
      const mine = all
        .filter((n) => n.frame === frame.id)
        .sort((a, b) => Math.floor(a.y / band) - Math.floor(b.y / band) || a.x - b.x || a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
      mine.forEach((n, i) => {
        const { x, y } = gridSlot(frame, i, mine.length);
        const m = notes.get(n.id);
        if (!(m instanceof Y.Map)) return;
        if (m.get('x') !== x) m.set('x', x);
        if (m.get('y') !== y) m.set('y', y);
      });
    }
  }, origin);
}

/** Top-left of the i-th of `count` grid cells of a frame; rows are squeezed when `count` needs more rows than fit. */
function gridSlot(frame: FrameDef, i: number, count: number): { x: number; y: number } {
  const cols = Math.max(1, Math.floor((frame.width - GAP) / (NOTE_WIDTH + GAP)));
  const rowsNeeded = Math.ceil(count / cols);
  const room = frame.height - HEADER - EDGE - NOTE_HEIGHT;
  const step = rowsNeeded <= 1 ? 0 : Math.min(NOTE_HEIGHT + GAP, room / (rowsNeeded - 1));
  return { x: frame.x + GAP + (i % cols) * (NOTE_WIDTH + GAP), y: Math.round(frame.y + HEADER + Math.floor(i / cols) * step) };
}
