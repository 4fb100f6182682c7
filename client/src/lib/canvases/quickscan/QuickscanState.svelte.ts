// One quickscan canvas as reactive state: the shared analysis of the live document, this user's own
// answers in the round being scored, and the typed operations a view calls. The components only
// show this and call its methods; every write goes through shared/src/canvases/quickscan with the
// user's origin.
import { followDocument } from '../followDocument.ts';
import type * as Y from 'yjs';
import { readBoard } from '$shared/board/readBoard.ts';
import type { CanvasRecord } from '$shared/board/schema.ts';
import { readSettings } from '$shared/canvases/kind.ts';
import type { ActivityId } from '$shared/canvases/quickscan/quickscanActivities.ts';
import type { QuickscanAnalysis } from '$shared/canvases/quickscan/quickscanAnalysis.ts';
import { quickscanKind } from '$shared/canvases/quickscan/quickscanKind.ts';
import {
  clearQuickscanScore,
  ownAnswers,
  setCurrentRound,
  setQuickscanComment,
  setQuickscanScore,
  startRound,
  updateRound,
  type OwnAnswers,
} from '$shared/canvases/quickscan/quickscanOperations.ts';
import type { QuickscanSettings } from '$shared/canvases/quickscan/quickscanSettings.ts';

export class QuickscanState {
  analysis = $state.raw<QuickscanAnalysis>(undefined as unknown as QuickscanAnalysis);
  settings = $state.raw<QuickscanSettings>(undefined as unknown as QuickscanSettings);
  /** This user's scores and comments in the round being scored. */
  mine = $state.raw<OwnAnswers>({ scores: new Map(), comments: new Map() });
  title = $state('');
  /** The board's language: the language of activity names and round labels. */
  boardLocale = $state('en');

  constructor(
    private readonly doc: Y.Doc,
    private readonly canvasId: string,
    private readonly participantId: string,
    private readonly origin: unknown,
  ) {
    this.read();
  }

  /**
   * Follows the document until the returned function is called: this user's own change at once (the
   * radio under the finger must agree), others' at most once per animation frame.
   */
  follow(): () => void {
    return followDocument(this.doc, this.origin, () => this.read());
  }

  private read(): void {
    const board = readBoard(this.doc);
    // A canvas deleted outright (only another program can do that) reads as an empty quickscan.
    const live = board.canvases.find((c) => c.id === this.canvasId && c.kind === quickscanKind.id);
    const canvas = live ?? this.missing();
    this.settings = readSettings(quickscanKind, canvas.settings);
    this.analysis = quickscanKind.analyze!(board, canvas);
    this.title = canvas.title;
    this.boardLocale = board.locale;
    this.mine = live ? ownAnswers(board.personalOf(live.id), this.participantId, this.analysis.current) : { scores: new Map(), comments: new Map() };
  }

  private missing(): CanvasRecord {
    return { id: this.canvasId, kind: quickscanKind.id, title: '', order: 'a0', createdAt: 0, removedAt: null, settings: {} };
  }

  private ref(activity: ActivityId) {
    return { canvasId: this.canvasId, participantId: this.participantId, round: this.analysis.current, activity };
  }

  /** Sets (or with null clears) this user's score of an activity in the round being scored. */
  score(activity: ActivityId, value: number | null): void {
    if (value === null) clearQuickscanScore(this.doc, this.ref(activity), this.origin);
    else setQuickscanScore(this.doc, this.ref(activity), value, this.origin);
  }

  /** Sets this user's comment (an empty one deletes it); unchanged text is not written again. */
  comment(activity: ActivityId, text: string): void {
    if ((this.mine.comments.get(activity) ?? '') === text) return;
    setQuickscanComment(this.doc, this.ref(activity), text, this.origin);
  }

  // Facilitator operations (the server refuses them from anyone else).

  startRound(date: string | null): string {
    return startRound(this.doc, this.canvasId, { date }, this.origin);
  }

  renameRound(roundId: string, label: string): void {
    updateRound(this.doc, this.canvasId, roundId, { label: label.trim() }, this.origin);
  }

  dateRound(roundId: string, date: string | null): void {
    updateRound(this.doc, this.canvasId, roundId, { date }, this.origin);
  }

  scoreRound(roundId: string): void {
    setCurrentRound(this.doc, this.canvasId, roundId, this.origin);
  }
}
