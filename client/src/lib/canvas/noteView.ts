// Pure mapping from the board document to what the canvas draws for notes. No Konva, no DOM:
// NoteLayer applies the plans computed here to Konva nodes, and the tests check them in Node.
import * as Y from 'yjs';
import { type Note, type NoteColor, readNote, compareZ, NOTE_FILL, NOTE_WIDTH, NOTE_HEIGHT } from '$shared/board/schema.ts';
import { frameAt, type Template } from '$shared/templates/index.ts';
import { createFontFitter, estimateTextWidth, type FontFit, type TextBox } from './textFit.ts';

/** What one note's Konva group shows. */
export interface NoteView {
  id: string;
  x: number;
  y: number;
  z: string;
  color: NoteColor;
  fill: string;
  /** The text as drawn: over-long words hyphenated over lines (textFit.ts). */
  text: string;
  fontSize: number;
}

/** Inner padding of a note; the text box is the note minus this on every side. */
export const NOTE_PADDING = 10;
export const NOTE_FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
export const NOTE_LINE_HEIGHT = 1.2;
export const TEXT_WIDTH = NOTE_WIDTH - 2 * NOTE_PADDING;
export const TEXT_HEIGHT = NOTE_HEIGHT - 2 * NOTE_PADDING;

/** The box a note's text is fitted into: largest size for short notes, smallest still readable. */
export const NOTE_TEXT_BOX: TextBox = {
  width: TEXT_WIDTH,
  height: TEXT_HEIGHT,
  lineHeight: NOTE_LINE_HEIGHT,
  maxSize: 20,
  wholeWordSize: 18,
  minSize: 12,
};

/** Fitter with estimated glyph widths, for when no canvas measures (Node, tests). */
const estimatedFit = createFontFitter(estimateTextWidth, NOTE_TEXT_BOX);

/**
 * Font size for a note's text: the largest at which all lines fit, words whole or hyphenated (see
 * textFit.ts). Text that does not fit at the smallest size is cut with an ellipsis by Konva.Text.
 * The renderer passes a fitter that measures with the real font and hyphenates.
 */
export function fontSizeFor(text: string, fit: FontFit = estimatedFit): number {
  return fit(text).size;
}

function noteViewOf(note: Note, fit: FontFit = estimatedFit): NoteView {
  const drawn = fit(note.text);
  return {
    id: note.id,
    x: note.x,
    y: note.y,
    z: note.z,
    color: note.color,
    fill: NOTE_FILL[note.color],
    text: drawn.text,
    fontSize: drawn.size,
  };
}

/** Fields of NoteView that a Konva update has to touch, grouped by the node they live on. */
export type ViewChange = 'position' | 'z' | 'fill' | 'text';

function changedFields(prev: NoteView, next: NoteView): ViewChange[] {
  const out: ViewChange[] = [];
  if (prev.x !== next.x || prev.y !== next.y) out.push('position');
  if (prev.z !== next.z) out.push('z');
  if (prev.fill !== next.fill) out.push('fill');
  if (prev.text !== next.text || prev.fontSize !== next.fontSize) out.push('text');
  return out;
}

/**
 * Ids of notes touched by the events of one `observeDeep` call on the `notes` map. Events on the
 * map itself name added, replaced or deleted notes; events deeper down (a field of a note, its
 * Y.Text) carry the note id as the first element of their path.
 */
export function touchedNoteIds(events: ReadonlyArray<Y.YEvent<Y.AbstractType<unknown>>>): Set<string> {
  const ids = new Set<string>();
  for (const ev of events) {
    const path = ev.path;
    if (path.length === 0) {
      for (const key of ev.changes.keys.keys()) ids.add(key);
    } else if (typeof path[0] === 'string') {
      ids.add(path[0]);
    }
  }
  return ids;
}

/** Which notes a view draws (the notes of one canvas, `noteCanvasId`); every note when absent. */
export type NoteFilter = (note: Pick<Note, 'canvas' | 'frame'>) => boolean;

/**
 * Ids of notes whose membership differs from what is drawn: after the canvases changed (one added,
 * removed, restored), a note without a stored `canvas` may belong to another canvas by the reading
 * rule. Reads only `canvas` and `frame` of each note, not its text.
 */
export function membershipChanges(notes: Y.Map<Y.Map<unknown>>, isDrawn: (id: string) => boolean, belongs: NoteFilter): string[] {
  const out: string[] = [];
  notes.forEach((m, id) => {
    if (!(m instanceof Y.Map)) return;
    const canvas = m.get('canvas');
    const note = { canvas: typeof canvas === 'string' && canvas !== '' ? canvas : undefined, frame: String(m.get('frame') ?? '') };
    if (belongs(note) !== isDrawn(id)) out.push(id);
  });
  return out;
}

export interface NotePlan {
  create: NoteView[];
  update: Array<{ view: NoteView; changes: ViewChange[] }>;
  remove: string[];
}

/**
 * Compares the drawn views with the document for the touched ids only. A note `belongs` rejects
 * (moved to another canvas) leaves the view like a deleted one.
 */
export function planNoteChanges(
  drawn: ReadonlyMap<string, NoteView>,
  notes: Y.Map<Y.Map<unknown>>,
  touched: Iterable<string>,
  fit: FontFit = estimatedFit,
  belongs?: NoteFilter,
): NotePlan {
  const plan: NotePlan = { create: [], update: [], remove: [] };
  for (const id of touched) {
    const m = notes.get(id);
    const prev = drawn.get(id);
    const note = m instanceof Y.Map ? readNote(id, m) : undefined;
    if (!note || (belongs && !belongs(note))) {
      if (prev) plan.remove.push(id);
      continue;
    }
    const next = noteViewOf(note, fit);
    if (!prev) plan.create.push(next);
    else {
      const changes = changedFields(prev, next);
      if (changes.length > 0) plan.update.push({ view: next, changes });
    }
  }
  return plan;
}

/** Every note of the document (that `belongs`) as a view, in drawing order (initial render). */
export function allNoteViews(notes: Y.Map<Y.Map<unknown>>, fit: FontFit = estimatedFit, belongs?: NoteFilter): NoteView[] {
  const out: NoteView[] = [];
  notes.forEach((m, id) => {
    if (!(m instanceof Y.Map)) return;
    const note = readNote(id, m);
    if (!belongs || belongs(note)) out.push(noteViewOf(note, fit));
  });
  return out.sort(compareZ);
}

/** "Put `id` right after `after` (null: at the bottom)". Applied in order, they restore z order. */
export interface Placement {
  id: string;
  after: string | null;
}

/**
 * Drawing order after some notes were added or changed their z key. `order` is the current
 * order (ids, bottom first) of the notes that stay; `moved` are the views whose position in the
 * order may have changed (new notes included). Returns the new order and the placements that turn
 * the old child list into it by moving only the moved nodes: each one is put directly after its
 * final predecessor, in ascending final order, so predecessors are always already in place.
 */
export function reorder(
  order: readonly string[],
  views: ReadonlyMap<string, { id: string; z: string }>,
  moved: Iterable<string>,
): { order: string[]; placements: Placement[] } {
  const movedSet = new Set(moved);
  const kept = order.filter((id) => !movedSet.has(id));
  const result = kept.slice();
  const movedViews = [...movedSet]
    .map((id) => views.get(id))
    .filter((v): v is { id: string; z: string } => v !== undefined)
    .sort(compareZ);
  // Kept notes are already sorted among themselves; merge the moved ones in by binary search.
  for (const v of movedViews) {
    let lo = 0;
    let hi = result.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const other = views.get(result[mid]);
      if (other && compareZ(other, v) < 0) lo = mid + 1;
      else hi = mid;
    }
    result.splice(lo, 0, v.id);
  }
  const placements: Placement[] = [];
  const index = new Map(result.map((id, i) => [id, i]));
  for (const v of movedViews) {
    const i = index.get(v.id)!;
    placements.push({ id: v.id, after: i === 0 ? null : result[i - 1] });
  }
  return { order: result, placements };
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Topmost note under a world point; `order` is bottom first. */
export function noteAt(order: readonly string[], pos: ReadonlyMap<string, { x: number; y: number }>, x: number, y: number): string | undefined {
  for (let i = order.length - 1; i >= 0; i--) {
    const p = pos.get(order[i]);
    if (p && x >= p.x && x < p.x + NOTE_WIDTH && y >= p.y && y < p.y + NOTE_HEIGHT) return order[i];
  }
  return undefined;
}

/** Notes that intersect a world rectangle (box select), in drawing order. */
export function notesInRect(order: readonly string[], pos: ReadonlyMap<string, { x: number; y: number }>, r: Rect): string[] {
  const x2 = r.x + r.width;
  const y2 = r.y + r.height;
  return order.filter((id) => {
    const p = pos.get(id);
    return p !== undefined && p.x < x2 && p.x + NOTE_WIDTH > r.x && p.y < y2 && p.y + NOTE_HEIGHT > r.y;
  });
}

/** Rectangle spanned by two corner points in any order. */
export function rectFromPoints(a: { x: number; y: number }, b: { x: number; y: number }): Rect {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
}

/** Bounding box of rectangles and note positions; undefined when there is nothing. */
export function boundsOf(rects: Rect[], notePositions: Iterable<{ x: number; y: number }>): Rect | undefined {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const add = (x: number, y: number, w: number, h: number) => {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x + w);
    maxY = Math.max(maxY, y + h);
  };
  for (const r of rects) add(r.x, r.y, r.width, r.height);
  for (const p of notePositions) add(p.x, p.y, NOTE_WIDTH, NOTE_HEIGHT);
  if (!isFinite(minX)) return undefined;
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** Space at the top of a frame kept free for its label. */
export const FRAME_HEADER = 64;

/**
 * Top-left for a note centred on a point, moved just enough to lie wholly inside the frame (below
 * its label), so a note created near a quadrant's edge does not straddle two quadrants.
 */
export function notePositionInFrame(frame: Rect, cx: number, cy: number, inset = 12): { x: number; y: number } {
  const minX = frame.x + inset;
  const maxX = frame.x + frame.width - NOTE_WIDTH - inset;
  const minY = frame.y + FRAME_HEADER;
  const maxY = frame.y + frame.height - NOTE_HEIGHT - inset;
  const clamp = (v: number, lo: number, hi: number) => (hi < lo ? lo : Math.min(hi, Math.max(lo, v)));
  return { x: clamp(cx - NOTE_WIDTH / 2, minX, maxX), y: clamp(cy - NOTE_HEIGHT / 2, minY, maxY) };
}

/**
 * A place for a new note near a point inside a frame that no note covers much: the point itself,
 * else the nearest free cell of a note-sized grid around it (rings outwards), else the point.
 * Pressing N repeatedly so lays notes out side by side instead of piling them up.
 */
export function freeSpotNear(
  frame: Rect,
  cx: number,
  cy: number,
  positions: Iterable<{ x: number; y: number }>,
): { x: number; y: number } {
  const taken = [...positions];
  const free = (p: { x: number; y: number }) =>
    !taken.some((q) => Math.abs(q.x - p.x) < NOTE_WIDTH * 0.6 && Math.abs(q.y - p.y) < NOTE_HEIGHT * 0.6);
  const stepX = NOTE_WIDTH + 16;
  const stepY = NOTE_HEIGHT + 16;
  const first = notePositionInFrame(frame, cx, cy);
  if (free(first)) return first;
  for (let ring = 1; ring <= 4; ring++) {
    const cells: Array<[number, number]> = [];
    for (let i = -ring; i <= ring; i++) {
      for (let j = -ring; j <= ring; j++) if (Math.max(Math.abs(i), Math.abs(j)) === ring) cells.push([i, j]);
    }
    // Nearest cells first; prefer right and down, the way people read.
    cells.sort((a, b) => Math.hypot(a[0], a[1]) - Math.hypot(b[0], b[1]) || b[1] - a[1] || b[0] - a[0]);
    for (const [i, j] of cells) {
      const p = notePositionInFrame(frame, cx + i * stepX, cy + j * stepY);
      if (free(p)) return p;
    }
  }
  return first;
}

/** Notes whose tops are less than this apart count as one line of reading order. */
const READING_BAND = NOTE_HEIGHT / 2;

/**
 * Reading order on a canvas (Tab, "2 of 5"; issue 8: Tab jumped between quadrants): region by
 * region in the template's order (a note's region is the one its centre is in; notes outside every
 * region last), inside a region top to bottom in bands of half a note, then left to right.
 */
export function readingOrder(positions: ReadonlyMap<string, { x: number; y: number }>, template: Template): string[] {
  const keyed = [...positions].map(([id, p]) => {
    const frame = frameAt(template, p.x + NOTE_WIDTH / 2, p.y + NOTE_HEIGHT / 2);
    return { id, p, region: frame ? template.frames.indexOf(frame) : template.frames.length };
  });
  keyed.sort((a, b) => a.region - b.region || Math.floor(a.p.y / READING_BAND) - Math.floor(b.p.y / READING_BAND) || a.p.x - b.p.x || (a.id < b.id ? -1 : 1));
  return keyed.map((k) => k.id);
}

/** Where a note stands in reading order among the notes of its region (1-based), for screen readers. */
export function readingPlace(
  positions: ReadonlyMap<string, { x: number; y: number }>,
  template: Template,
  id: string,
): { frameId: string | null; index: number; total: number } | undefined {
  const at = (nid: string) => {
    const p = positions.get(nid)!;
    return frameAt(template, p.x + NOTE_WIDTH / 2, p.y + NOTE_HEIGHT / 2)?.id ?? null;
  };
  if (!positions.has(id)) return undefined;
  const frameId = at(id);
  const same = readingOrder(positions, template).filter((nid) => at(nid) === frameId);
  return { frameId, index: same.indexOf(id) + 1, total: same.length };
}

/**
 * The note after (dir 1) or before (dir -1) `current` in reading order (`readingOrder`), for Tab
 * on the canvas. Undefined past either end, so Tab then leaves the canvas (no keyboard trap).
 */
export function nextInReadingOrder(
  positions: ReadonlyMap<string, { x: number; y: number }>,
  template: Template,
  current: string | undefined,
  dir: 1 | -1,
): string | undefined {
  const ids = readingOrder(positions, template);
  if (ids.length === 0) return undefined;
  const i = current === undefined ? -1 : ids.indexOf(current);
  if (i === -1) return dir === 1 ? ids[0] : ids[ids.length - 1];
  return ids[i + dir];
}
