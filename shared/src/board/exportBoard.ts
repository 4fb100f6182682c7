// The board as plain JSON for other programs (issue 7, "For other programs: the board as JSON";
// docs/api.md documents the route). Pure: the server's export route serialises what this returns.
import type * as Y from 'yjs';
import type { Note } from './schema.ts';
import { readBoard, type RevealedVotes } from './readBoard.ts';
import { canvasSettings, visibleCanvases } from './canvases.ts';
import { canvasKind } from '../canvases/registry.ts';

export type ExportedNote = Omit<Note, 'canvas'>;

export interface ExportedCanvas {
  id: string;
  kind: string;
  title: string;
  /** Effective settings: stored values with the kind's defaults filled in. */
  settings: Record<string, unknown>;
  notes: ExportedNote[];
  /** The kind's analysis (for `confrontation`: ConfrontationAnalysis); null for a kind without one. */
  analysis: unknown;
}

export interface BoardExport {
  meta: { title: string; template: string; language: string; createdAt: number };
  /** The canvases on the board, in order; removed canvases (restorable in the app) are left out. */
  canvases: ExportedCanvas[];
  /** Notes no canvas has a region for. */
  otherNotes: ExportedNote[];
}

/** `session`: the board's session state (the analyses read its revealed votes). */
export function exportBoard(doc: Y.Doc, session?: RevealedVotes | null): BoardExport {
  const board = readBoard(doc, session);
  const plain = (notes: Note[]): ExportedNote[] => notes.map(({ canvas: _canvas, ...rest }) => rest);
  return {
    meta: {
      title: String(board.meta.title ?? ''),
      template: String(board.meta.template ?? ''),
      language: board.locale,
      createdAt: Number(board.meta.createdAt ?? 0),
    },
    canvases: visibleCanvases(board.canvases).map((c) => ({
      id: c.id,
      kind: c.kind,
      title: c.title,
      settings: canvasSettings(c),
      notes: plain(board.notesOf(c.id)),
      analysis: canvasKind(c.kind)?.analyze?.(board, c) ?? null,
    })),
    otherNotes: plain(board.otherNotes()),
  };
}
