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
} as const;

export interface BoardMeta {
  title: string;
  template: string;
  language: string;
  createdAt: number;
}

export function notesMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap(ROOT.notes);
}

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT.meta);
}

export function isNoteColor(v: unknown): v is NoteColor {
  return typeof v === 'string' && (NOTE_COLORS as readonly string[]).includes(v);
}

/** Reads a note defensively: a document written by another program may miss fields. */
export function readNote(id: string, m: Y.Map<unknown>): Note {
  const text = m.get('text');
  const color = m.get('color');
  return {
    id,
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
