// One 7S canvas as reactive state: the shared analysis of the live document and this user's own
// scores, and the typed operations the views call. Every write goes through
// shared/src/canvases/sevens with the user's origin.
import { followDocument } from '../followDocument.ts';
import type * as Y from 'yjs';
import { readPersonalEntries } from '$shared/board/personal.ts';
import { personalMap } from '$shared/board/schema.ts';
import { analyzeSevens, type SevensAnalysis } from '$shared/canvases/sevens/sevensAnalysis.ts';
import { ownSevensScores, setElementScore, setFitScore } from '$shared/canvases/sevens/sevensOperations.ts';
import type { SevensElement, SevensState } from '$shared/canvases/sevens/sevensModel.ts';

export class SevensScores {
  analysis = $state.raw<SevensAnalysis>(analyzeSevens([]));
  /** This user's scores and ratings, keyed by entry (`score:<element>:<state>`, `fit:<a>:<b>`). */
  mine = $state.raw<ReadonlyMap<string, number>>(new Map());

  constructor(
    private readonly doc: Y.Doc,
    private readonly canvasId: string,
    private readonly participantId: string,
    private readonly origin: unknown,
  ) {
    this.read();
  }

  /**
   * Follows the scores until the returned function is called. This user's own change shows at once
   * (the select and the results must agree); others' at most once per animation frame, so a room
   * scoring at once costs one analysis per frame.
   */
  follow(): () => void {
    return followDocument(this.doc, this.origin, () => this.read());
  }

  private read(): void {
    const entries = readPersonalEntries(this.doc, this.canvasId);
    this.analysis = analyzeSevens(entries);
    this.mine = ownSevensScores(entries, this.participantId);
  }

  private get who() {
    return { canvasId: this.canvasId, participantId: this.participantId };
  }

  /** Sets (or with null clears) this user's score of an element's state. */
  score(element: SevensElement, state: SevensState, value: number | null): void {
    setElementScore(this.doc, this.who, element, state, value, this.origin);
  }

  /** Sets (or with null clears) this user's rating of how well two elements fit. */
  rateFit(a: SevensElement, b: SevensElement, value: number | null): void {
    setFitScore(this.doc, this.who, a, b, value, this.origin);
  }
}
