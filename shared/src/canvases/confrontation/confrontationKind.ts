// The confrontation matrix canvas kind (domain.md, "Confrontation matrix"; issue 7). It has no note
// regions of its own: its rows and columns are notes of a SWOT canvas, its cells per-person scores.
import type { CanvasRecord } from '../../board/schema.ts';
import { readSettings, type CanvasKind } from '../kind.ts';
import { swotKind } from '../swot/swotKind.ts';
import { analyzeConfrontation, type ConfrontationAnalysis } from './confrontationAnalysis.ts';
import { confrontationSettings } from './confrontationSettings.ts';

export const confrontationKind: CanvasKind<typeof confrontationSettings.shape, ConfrontationAnalysis> = {
  id: 'confrontation',
  titleKey: 'kind.confrontation.title',
  layout: { id: 'confrontation', titleKey: 'kind.confrontation.title', frames: [] },
  settings: confrontationSettings,
  // The source is fixed when the matrix is made: falling back to "the first SWOT" later would switch
  // it when canvases are added or reordered, and put every score aside.
  initialSettings(canvases) {
    const source = matrixSource(canvases, undefined);
    return source ? { source: source.id } : {};
  },
  // The next workshop brainstorms a new SWOT: the pick of rows and columns, the chosen cells and a
  // reveal were about notes that board does not have. Source, N, scale and hiding scores stay.
  nextWorkshopSettings(_board, canvas) {
    const { rows: _r, columns: _c, chosen: _ch, revealed: _rv, ...kept } = canvas.settings;
    return kept;
  },
  analyze(board, canvas) {
    const settings = readSettings(confrontationKind, canvas.settings);
    const source = matrixSource(board.canvases, settings.source);
    // Without the facilitator's pick the matrix takes the top-voted notes of a revealed dot vote.
    const votes = source ? board.votesOn?.(source.id) : undefined;
    return analyzeConfrontation({
      settings,
      source: source?.id ?? null,
      notes: source ? board.notesOf(source.id) : [],
      scores: board.personalOf(canvas.id),
      ...(votes ? { votes: new Map(Object.entries(votes)) } : {}),
      locale: board.locale,
    });
  },
};

/**
 * The SWOT canvas a matrix reads: the one its settings name, even while removed (removing a canvas
 * must not empty the matrix that scored its notes); without one, the first SWOT canvas on the board.
 */
export function matrixSource(canvases: readonly CanvasRecord[], source: string | undefined): CanvasRecord | undefined {
  const named = source === undefined ? undefined : canvases.find((c) => c.id === source && c.kind === swotKind.id);
  return named ?? canvases.find((c) => c.kind === swotKind.id && c.removedAt === null);
}
