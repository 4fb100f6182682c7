// One read of the whole board as plain data, for the analyses and the export. Reads lazily: an
// analysis that needs only one canvas's notes does not read the per-person entries of all others.
import type * as Y from 'yjs';
import { readMeta, type BoardMeta, type CanvasRecord, type Note } from './schema.ts';
import { listNotes } from './notes.ts';
import { noteCanvasId, readCanvases } from './canvases.ts';
import { readPersonalEntries, type PersonalEntry } from './personal.ts';
import { readAccounts, type Account } from '../canvases/pyramid/accounts.ts';
import { listActions, type Action } from '../canvases/actions/actionRecord.ts';
import type { SessionState } from '../facilitation/sessionState.ts';
import { revealedVotesOn } from '../facilitation/topVoted.ts';

/** What of the session state (issue 10) the analyses read: the revealed dot votes. */
export type RevealedVotes = Pick<SessionState, 'agenda' | 'voteResults'>;

export interface BoardSnapshot {
  readonly meta: Partial<BoardMeta>;
  /** The board's language (`meta.language`, English when missing). */
  readonly locale: string;
  /** All canvases in order, removed ones included. */
  readonly canvases: readonly CanvasRecord[];
  /** The notes on one canvas, in drawing order. */
  notesOf(canvasId: string): Note[];
  /** Notes no canvas has a region for (written by another program). */
  otherNotes(): Note[];
  /** Every per-person entry of one canvas. */
  personalOf(canvasId: string): PersonalEntry[];
  /** The accounts of one customer pyramid canvas. */
  accountsOf(canvasId: string): Account[];
  /** The actions of one actions canvas, in list order. */
  actionsOf(canvasId: string): Action[];
  /**
   * Dots per note id of the last revealed dot vote on one canvas (the session state, not the
   * document); undefined while none is revealed, or when the read was made without the session.
   */
  votesOn?(canvasId: string): Readonly<Record<string, number>> | undefined;
}

/** `session`: the board's session state, for `votesOn`; without it no vote counts. */
export function readBoard(doc: Y.Doc, session?: RevealedVotes | null): BoardSnapshot {
  const meta = readMeta(doc);
  const canvases = readCanvases(doc);
  let byCanvas: Map<string | undefined, Note[]> | undefined;
  const grouped = () => {
    if (!byCanvas) {
      byCanvas = new Map();
      for (const note of listNotes(doc)) {
        const id = noteCanvasId(note, canvases);
        const list = byCanvas.get(id);
        if (list) list.push(note);
        else byCanvas.set(id, [note]);
      }
    }
    return byCanvas;
  };
  const personal = new Map<string, PersonalEntry[]>();
  return {
    meta,
    locale: typeof meta.language === 'string' ? meta.language : 'en',
    canvases,
    notesOf: (canvasId) => grouped().get(canvasId) ?? [],
    otherNotes: () => grouped().get(undefined) ?? [],
    personalOf(canvasId) {
      let entries = personal.get(canvasId);
      if (!entries) personal.set(canvasId, (entries = readPersonalEntries(doc, canvasId)));
      return entries;
    },
    accountsOf: (canvasId) => readAccounts(doc, canvasId),
    actionsOf: (canvasId) => listActions(doc, canvasId),
    votesOn: (canvasId) => revealedVotesOn(session, canvasId)?.totals,
  };
}
