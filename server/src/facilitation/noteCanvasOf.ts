// Which canvas a note of the live board is on (votes go to notes of the voting phase's canvas).
import * as Y from 'yjs';
import { notesMap, readNote } from '../../../shared/src/board/schema.ts';
import { noteCanvasId, readCanvases } from '../../../shared/src/board/canvases.ts';

export function noteCanvasOf(doc: Y.Doc, noteId: string): string | undefined {
  const m = notesMap(doc).get(noteId);
  return m instanceof Y.Map ? noteCanvasId(readNote(noteId, m), readCanvases(doc)) : undefined;
}
