// Private brainstorm (issue 10): while a canvas is private, a participant's new notes live in their
// own private document (same shape as the board, `notes` only), which the server sends to no one
// else. The facilitator turns a canvas private in its settings and reveals: the server then copies
// every private note of the canvas into the board and deletes it from the private document.
import * as Y from 'yjs';
import { canvasesMap, notesMap, type CanvasRecord, type Note } from './schema.ts';
import { keyAbove, listNotes, topZ } from './notes.ts';

/** The canvas setting (`canvases/<id>/settings/private`) that makes a canvas private. */
export const PRIVATE_SETTING = 'private';

export interface PrivateMode {
  /** New notes of participants go to their private documents. */
  on: boolean;
  /** On reveal the notes keep their author's name; otherwise they are anonymous (author ''). */
  attributed: boolean;
}

const OFF: PrivateMode = Object.freeze({ on: false, attributed: true });

/** The canvas's private mode as stored; anything else (absent, another program's value) reads as off. */
export function privateMode(canvas: CanvasRecord | undefined): PrivateMode {
  const stored = canvas?.settings[PRIVATE_SETTING];
  if (typeof stored !== 'object' || stored === null) return OFF;
  const { on, attributed } = stored as Record<string, unknown>;
  return { on: on === true, attributed: attributed !== false };
}

/**
 * The facilitator's switch (a canvas setting: only a facilitator may write it). Beside the kind's
 * own settings, which its schema validates (and so would drop this key): every kind can be private.
 */
export function setPrivateMode(doc: Y.Doc, canvasId: string, mode: PrivateMode, origin?: unknown): void {
  const canvas = canvasesMap(doc).get(canvasId);
  if (!(canvas instanceof Y.Map)) throw new Error(`no canvas ${canvasId}`);
  const value = { on: mode.on, attributed: mode.attributed };
  doc.transact(() => {
    let settings = canvas.get('settings');
    if (!(settings instanceof Y.Map)) {
      settings = new Y.Map<unknown>();
      canvas.set('settings', settings);
    }
    const s = settings as Y.Map<unknown>;
    if (JSON.stringify(s.get(PRIVATE_SETTING)) !== JSON.stringify(value)) s.set(PRIVATE_SETTING, value);
  }, origin);
}

/** The notes of a private document that are on `canvasId` (what a reveal of that canvas takes). */
export function privateNotesOn(doc: Y.Doc, canvasId: string): Note[] {
  return listNotes(doc).filter((n) => n.canvas === canvasId);
}

/**
 * Writes revealed notes into the board, on top, with their ids, place, colour and text; `author`
 * is the name the board shows ('' for an anonymous reveal). A note whose id the board has already
 * is left as it is: a reveal repeated after a failure copies nothing twice. Returns the ids written.
 */
export function writeRevealedNotes(board: Y.Doc, notes: readonly Note[], author: string): string[] {
  const map = notesMap(board);
  const written: string[] = [];
  let z = topZ(board);
  for (const n of [...notes].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))) {
    if (map.has(n.id)) continue;
    z = keyAbove(z);
    const m = new Y.Map<unknown>();
    m.set('id', n.id);
    if (n.canvas !== undefined) m.set('canvas', n.canvas);
    m.set('frame', n.frame);
    m.set('text', new Y.Text(n.text));
    m.set('x', Math.round(n.x));
    m.set('y', Math.round(n.y));
    m.set('color', n.color);
    m.set('author', author);
    m.set('createdAt', n.createdAt);
    m.set('z', z);
    map.set(n.id, m);
    written.push(n.id);
  }
  return written;
}
