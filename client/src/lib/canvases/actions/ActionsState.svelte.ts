// One actions canvas as reactive state: its actions with their SMART check, the board's participants
// (possible owners) and the typed operations the cards call. Every write goes through
// shared/src/canvases/actions with the user's origin; others' edits show at most once per frame.
import { followDocument } from '../followDocument.ts';
import type * as Y from 'yjs';
import { readBoard, type RevealedVotes } from '$shared/board/readBoard.ts';
import { participantNames } from '$shared/board/schema.ts';
import { actionsKind, type CheckedAction } from '$shared/canvases/actions/actionsKind.ts';
import { createAction, deleteAction, updateAction, actionText, reviewCarriedAction, type ActionChange, type CarriedDecision } from '$shared/canvases/actions/actionOperations.ts';
import { planOfDoc, type ActionPlan } from '$shared/plan/actionPlan.ts';
import type { ActionSource } from '$shared/canvases/actions/actionRecord.ts';

export interface OwnerChoice {
  id: string;
  name: string;
}

export class ActionsState {
  actions = $state.raw<readonly CheckedAction[]>([]);
  owners = $state.raw<readonly OwnerChoice[]>([]);
  /** The board's language: the language of the plan's content. */
  boardLocale = $state('en');
  open = $state(0);
  /** Canvas titles by id, to name where an action came from. */
  canvasTitles = $state.raw<ReadonlyMap<string, string>>(new Map());
  smart = $state(0);
  /** Carried-over actions that still wait for review. */
  toReview = $state(0);

  constructor(
    private readonly doc: Y.Doc,
    private readonly canvasId: string,
    private readonly origin: unknown,
  ) {
    this.read();
  }

  follow(): () => void {
    return followDocument(this.doc, this.origin, () => this.read());
  }

  private read(): void {
    const board = readBoard(this.doc);
    const canvas = board.canvases.find((c) => c.id === this.canvasId) ?? { id: this.canvasId, kind: 'actions', title: '', order: 'a0', createdAt: 0, removedAt: null, settings: {} };
    const a = actionsKind.analyze!(board, canvas);
    this.actions = a.actions;
    this.open = a.open;
    this.smart = a.smart;
    this.toReview = a.actions.filter((x) => x.review).length;
    this.boardLocale = board.locale;
    this.canvasTitles = new Map(board.canvases.map((c) => [c.id, c.title]));
    this.owners = Array.from(participantNames(this.doc), ([id, name]) => ({ id, name: name.slice(0, 60) }))
      .sort((x, y) => x.name.localeCompare(y.name) || (x.id < y.id ? -1 : 1));
  }

  /** A new action at the end; `draft` fills it from a source (a 7S gap, a weak activity). */
  add(author: string, draft: { title?: string; source?: ActionSource } = {}): string {
    return createAction(this.doc, { canvas: this.canvasId, author, ...draft }, this.origin);
  }

  change(id: string, change: ActionChange): void {
    updateAction(this.doc, id, change, this.origin);
  }

  /** Keeps, or closes as done or dropped, an action carried over from the previous workshop. */
  review(id: string, decision: CarriedDecision): void {
    reviewCarriedAction(this.doc, id, decision, this.origin);
  }

  remove(id: string): void {
    deleteAction(this.doc, id, this.origin);
  }

  text(id: string, field: 'title' | 'description'): Y.Text | undefined {
    return actionText(this.doc, id, field);
  }

  /** The plan of the whole board now (the printable view); `session`: the board's, for the matrices' revealed votes. */
  plan(session: RevealedVotes | null): ActionPlan {
    return planOfDoc(this.doc, Date.now(), session);
  }
}
