// The board document's shape. docs/data-model.md describes it for other programs; this file is
// the single definition in code. Change both together.
import * as Y from 'yjs';

export const NOTE_COLORS = ['yellow', 'green', 'orange', 'blue', 'pink', 'purple', 'grey'] as const;
export type NoteColor = (typeof NOTE_COLORS)[number];

/** Fill colours for the note colours, shared by canvas, outline and PNG export. */
export const NOTE_FILL: Record<NoteColor, string> = {
  yellow: '#fff59d',
  green: '#c5e1a5',
  orange: '#ffcc80',
  blue: '#90caf9',
  pink: '#f48fb1',
  purple: '#ce93d8',
  grey: '#e0e0e0',
};

export const NOTE_WIDTH = 160;
export const NOTE_HEIGHT = 120;

/** A sticky note as plain data (a read of the `Y.Map` at `notes/<id>`). */
export interface Note {
  id: string;
  /**
   * Id of the canvas the note is on, as stored. Absent on notes written before canvases existed (or
   * by programs that do not know them): `noteCanvasId` (board/canvases.ts) applies the rule for those.
   */
  canvas?: string;
  /** Canvas region the note belongs to, e.g. `swot.threats`. */
  frame: string;
  text: string;
  /** Top-left corner in world coordinates. */
  x: number;
  y: number;
  color: NoteColor;
  /** Display name of whoever created it. */
  author: string;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Fractional index: notes are drawn in ascending order of `z` (ties by id). */
  z: string;
}

export const ROOT = {
  /** Y.Map: title, template, language, createdAt. */
  meta: 'meta',
  /** Y.Map<Y.Map>: note id to note. */
  notes: 'notes',
  /** Y.Map<Y.Map>: canvas id to canvas (kind, title, order, removedAt, settings). */
  canvases: 'canvases',
  /** Y.Map<JSON>: one flat key `<canvasId>/<participantId>/<entry>` per per-person value (scores). */
  personal: 'personal',
  /** Y.Map<JSON>: participant id to `{ name }`. Written by the server only. */
  participants: 'participants',
  /** Y.Map<JSON>: one flat key `<canvasId>/<accountId>` per account of a customer pyramid. */
  accounts: 'accounts',
} as const;

/**
 * Canvas ids and participant ids: url-safe, no `/` or `:`, so they can be joined into the flat keys of
 * `personal` and split again without ambiguity. A canvas stored under another key is not read.
 */
export const CANVAS_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const PARTICIPANT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** Notes we write have UUID ids; only notes with ids like that can be matrix rows or columns. */
export const NOTE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export interface BoardMeta {
  title: string;
  template: string;
  language: string;
  createdAt: number;
}

export function notesMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap(ROOT.notes);
}

export function canvasesMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap(ROOT.canvases);
}

export function personalMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT.personal);
}

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT.meta);
}

export function isNoteColor(v: unknown): v is NoteColor {
  return typeof v === 'string' && (NOTE_COLORS as readonly string[]).includes(v);
}

/**
 * Reads a note defensively: a document written by another program may miss fields, or hold
 * something other than a map under `notes/<id>` (found by the hostile-input fuzz: one plain string
 * there made every client's note list throw). Such an entry reads as an empty note, which its
 * users can see and delete; listNotes leaves it out.
 */
export function readNote(id: string, value: Y.Map<unknown>): Note {
  const m: { get(key: string): unknown } = value instanceof Y.Map ? value : { get: () => undefined };
  const text = m.get('text');
  const color = m.get('color');
  const canvas = m.get('canvas');
  return {
    id,
    ...(typeof canvas === 'string' && canvas !== '' ? { canvas } : {}),
    frame: String(m.get('frame') ?? ''),
    text: text instanceof Y.Text ? text.toString() : typeof text === 'string' ? text : '',
    x: Number(m.get('x') ?? 0),
    y: Number(m.get('y') ?? 0),
    color: isNoteColor(color) ? color : 'yellow',
    author: String(m.get('author') ?? ''),
    createdAt: Number(m.get('createdAt') ?? 0),
    z: String(m.get('z') ?? 'a0'),
  };
}

export function readMeta(doc: Y.Doc): Partial<BoardMeta> {
  return metaMap(doc).toJSON() as Partial<BoardMeta>;
}

export function compareZ(a: { z: string; id: string }, b: { z: string; id: string }): number {
  return a.z < b.z ? -1 : a.z > b.z ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A canvas as plain data (a read of the `Y.Map` at `canvases/<id>`). */
export interface CanvasRecord {
  id: string;
  /** A canvas kind id (`swot`, `confrontation`, ...); may name a kind this version does not know. */
  kind: string;
  title: string;
  /** Fractional index: canvases are shown in ascending `order` (ties by id). */
  order: string;
  createdAt: number;
  /** Epoch ms when the facilitator removed it; null while it is on the board. */
  removedAt: number | null;
  /** The stored settings as JSON; read them through the kind's schema (`canvasSettings`). */
  settings: Record<string, unknown>;
}

/** Reads a canvas defensively, like `readNote`. */
export function readCanvasRecord(id: string, m: Y.Map<unknown>): CanvasRecord {
  const settings = m.get('settings');
  const removedAt = m.get('removedAt');
  return {
    id,
    kind: String(m.get('kind') ?? ''),
    title: String(m.get('title') ?? ''),
    order: String(m.get('order') ?? 'a0'),
    createdAt: Number(m.get('createdAt') ?? 0),
    removedAt: typeof removedAt === 'number' ? removedAt : null,
    settings: settings instanceof Y.Map ? (settings.toJSON() as Record<string, unknown>) : {},
  };
}

export function compareOrder(a: { order: string; id: string }, b: { order: string; id: string }): number {
  return compareZ({ z: a.order, id: a.id }, { z: b.order, id: b.id });
}

/** The `Y.Map` stored at `canvases/<id>` for a record (settings with their stored values only). */
export function canvasMap(record: CanvasRecord): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  m.set('id', record.id);
  m.set('kind', record.kind);
  m.set('title', record.title);
  m.set('order', record.order);
  m.set('createdAt', record.createdAt);
  if (record.removedAt !== null) m.set('removedAt', record.removedAt);
  const settings = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(record.settings)) settings.set(k, v);
  m.set('settings', settings);
  return m;
}

/** Participant id to display name, from the participant list the server writes (entries without a name left out). */
export function participantNames(doc: Y.Doc): Map<string, string> {
  const out = new Map<string, string>();
  doc.getMap(ROOT.participants).forEach((v, id) => {
    const name = (v as { name?: unknown } | undefined)?.name;
    if (typeof name === 'string') out.set(id, name);
  });
  return out;
}
