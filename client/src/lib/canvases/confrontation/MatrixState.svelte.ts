// One confrontation matrix canvas as reactive state: the shared analysis of the live document, this
// user's own scores, the participants, and the typed operations a view calls. The components only
// show this and call its methods; every write goes through shared/src/canvases/confrontation with
// the user's origin.
import { followDocument } from '../followDocument.ts';
import type * as Y from 'yjs';
import { readBoard, type RevealedVotes } from '$shared/board/readBoard.ts';
import { ROOT, type CanvasRecord, type Note } from '$shared/board/schema.ts';
import { readSettings } from '$shared/canvases/kind.ts';
import type { ConfrontationAnalysis } from '$shared/canvases/confrontation/confrontationAnalysis.ts';
import { confrontationKind, matrixSource } from '$shared/canvases/confrontation/confrontationKind.ts';
import {
  clearScore,
  ownScores,
  pickMatrixColumns,
  pickMatrixRows,
  setMatrixScale,
  setOptionChosen,
  setScore,
  updateMatrixSettings,
} from '$shared/canvases/confrontation/confrontationOperations.ts';
import { MAX_PER_QUADRANT, type ConfrontationSettings, type ScaleId } from '$shared/canvases/confrontation/confrontationSettings.ts';
import type { ParticipantRecord } from './participantProgress.ts';
import { visibleCanvases } from '$shared/board/canvases.ts';
import { listActions } from '$shared/canvases/actions/actionRecord.ts';
import { actionsKind } from '$shared/canvases/actions/actionsKind.ts';
import { createAction } from '$shared/canvases/actions/actionOperations.ts';
import { draftFromOption } from '$shared/canvases/actions/draftAction.ts';
import type { StrategicOption } from '$shared/canvases/confrontation/confrontationAnalysis.ts';

export class MatrixState {
  analysis = $state.raw<ConfrontationAnalysis>(undefined as unknown as ConfrontationAnalysis);
  settings = $state.raw<ConfrontationSettings>(undefined as unknown as ConfrontationSettings);
  /** This user's scores on the current scale, keyed `<row>:<column>`. */
  mine = $state.raw<ReadonlyMap<string, number>>(new Map());
  participants = $state.raw<Readonly<Record<string, ParticipantRecord>>>({});
  /** Every note of the source SWOT canvas (for the facilitator's pick of rows and columns). */
  sourceNotes = $state.raw<readonly Note[]>([]);
  sourceTitle = $state('');
  title = $state('');
  /** The board's language: the language of the matrix's content (quadrants, key issues). */
  boardLocale = $state('en');
  /** The first actions canvas on the board, where "Make action" puts a draft (issue 11); null without one. */
  actionsCanvasId = $state<string | null>(null);
  /** Actions made from this matrix's cells: `<row>:<column>` to the action's id. */
  actionCells = $state.raw<ReadonlyMap<string, string>>(new Map());
  /** Whether the group's results may be shown (not hidden by the facilitator, or revealed). */
  showResults = $derived(!this.settings.hideScores || this.settings.revealed);
  /** The board's session state: without a pick the matrix takes the top-voted notes of a revealed vote. */
  private session: RevealedVotes | null = null;

  constructor(
    private readonly doc: Y.Doc,
    private readonly canvasId: string,
    private readonly participantId: string,
    private readonly origin: unknown,
  ) {
    this.read();
  }

  /**
   * Follows the document until the returned function is called. A change this user made shows at
   * once (the focus and the score under the finger must agree); others' changes at most once per
   * animation frame, so a room scoring at once costs one analysis per frame.
   */
  follow(): () => void {
    return followDocument(this.doc, this.origin, () => this.read());
  }

  /** The session state changed (from the session channel). */
  setSession(session: RevealedVotes | null): void {
    if (session === this.session) return;
    this.session = session;
    this.read();
  }

  private read(): void {
    const board = readBoard(this.doc, this.session);
    // A canvas deleted outright (only another program can do that) reads as an empty matrix.
    const live = board.canvases.find((c) => c.id === this.canvasId && c.kind === confrontationKind.id);
    const canvas = live ?? this.missing();
    const settings = readSettings(confrontationKind, canvas.settings);
    const source = matrixSource(board.canvases, settings.source);
    const analysis = confrontationKind.analyze!(board, canvas);
    this.settings = settings;
    this.analysis = analysis;
    this.sourceNotes = source ? board.notesOf(source.id) : [];
    this.sourceTitle = source?.title ?? '';
    this.title = canvas.title;
    this.boardLocale = board.locale;
    this.participants = this.doc.getMap<ParticipantRecord>(ROOT.participants).toJSON();
    this.actionsCanvasId = visibleCanvases(board.canvases).find((c) => c.kind === actionsKind.id)?.id ?? null;
    const cells = new Map<string, string>();
    for (const a of listActions(this.doc)) {
      if (a.source?.kind === 'matrixOption' && a.source.canvasId === this.canvasId) cells.set(`${a.source.row}:${a.source.column}`, a.id);
    }
    this.actionCells = cells;
    this.mine = live ? ownScores(board.personalOf(live.id), analysis.scale, this.participantId) : new Map();
  }

  private missing(): CanvasRecord {
    return { id: this.canvasId, kind: confrontationKind.id, title: '', order: 'a0', createdAt: 0, removedAt: null, settings: {} };
  }

  /** Sets (or with null clears) this user's own score of a cell. */
  score(row: string, column: string, value: number | null): void {
    const cell = { canvasId: this.canvasId, participantId: this.participantId, row, column };
    if (value === null) clearScore(this.doc, cell, this.origin);
    else setScore(this.doc, cell, value, this.origin);
  }

  /** A draft action of `option` on the actions canvas `actionsCanvasId`, keeping the cell as its source. */
  makeAction(option: StrategicOption, actionsCanvasId: string, author: string): string {
    return createAction(this.doc, draftFromOption(option, this.canvasId, actionsCanvasId, author), this.origin);
  }

  // Facilitator operations (the server refuses them from anyone else).

  choose(row: string, column: string, chosen: boolean): void {
    setOptionChosen(this.doc, this.canvasId, row, column, chosen, this.origin);
  }

  setScale(scale: ScaleId): void {
    setMatrixScale(this.doc, this.canvasId, scale, this.origin);
  }

  /** N, clamped to 1..10; a value that is not a number changes nothing. */
  setPerQuadrant(n: number): void {
    if (!Number.isFinite(n)) return;
    const perQuadrant = Math.min(MAX_PER_QUADRANT, Math.max(1, Math.round(n)));
    if (perQuadrant !== this.settings.perQuadrant) updateMatrixSettings(this.doc, this.canvasId, { perQuadrant }, this.origin);
  }

  pickRows(ids: string[] | null): void {
    pickMatrixRows(this.doc, this.canvasId, ids, this.origin);
  }

  pickColumns(ids: string[] | null): void {
    pickMatrixColumns(this.doc, this.canvasId, ids, this.origin);
  }

  /**
   * Rows and columns from a revealed dot vote on the source SWOT (`topVotedAxes`), in one write. An
   * axis whose notes got no vote keeps what it has.
   */
  takeTopVoted({ rows, columns }: { rows: string[]; columns: string[] }): void {
    const patch = { ...(rows.length > 0 ? { rows } : {}), ...(columns.length > 0 ? { columns } : {}) };
    if (rows.length > 0 || columns.length > 0) updateMatrixSettings(this.doc, this.canvasId, patch, this.origin);
  }

  /** Hiding starts unrevealed: switching it on is meant for a round that has not been shown yet. */
  setHidden(hide: boolean): void {
    updateMatrixSettings(this.doc, this.canvasId, { hideScores: hide, revealed: false }, this.origin);
  }

  setRevealed(revealed: boolean): void {
    updateMatrixSettings(this.doc, this.canvasId, { revealed }, this.origin);
  }
}
