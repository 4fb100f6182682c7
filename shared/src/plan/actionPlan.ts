// The action plan (issue 11, "Generator"): board in, `ActionPlan` out. Pure and deterministic: the
// same board and clock give the same plan, in the browser (the printable view), on the server (the
// exports) and in tests. Every item says where it came from (canvas, cell, notes, scores), so the
// plan can be defended and revisited. A section appears only for canvases the board has: nothing is
// made up for a board without a matrix or without actions. docs/api.md, "Action plan", documents it.
import type * as Y from 'yjs';
import { readBoard, type BoardSnapshot, type RevealedVotes } from '../board/readBoard.ts';
import { ROOT } from '../board/schema.ts';
import { visibleCanvases } from '../board/canvases.ts';
import type { Role } from '../protocol.ts';
import { matrixSections, type PlanMatrix } from './matrixSection.ts';
import { actionItems, type PlanAction } from './actionsSection.ts';
import { sevensSections, type PlanSevens } from './sevensSection.ts';
import { quickscanSections, type PlanQuickscan } from './quickscanSection.ts';
import { pyramidSections, type PlanPyramid } from './pyramidSection.ts';

export interface PlanParticipant {
  id: string;
  name: string;
  role: Role;
}

export interface ActionPlan {
  /** The board's title and language (the plan's text is in that language). */
  title: string;
  language: string;
  boardCreatedAt: number;
  /** When the plan was made (epoch ms): the date printed on it. */
  generatedAt: number;
  /** Everyone who joined to write (viewers are not listed: they write nothing), facilitators first. */
  participants: PlanParticipant[];
  /**
   * One per confrontation matrix on the board, in board order: its chosen options first, then the
   * other ranked ones. Empty when the board has no matrix.
   */
  matrices: PlanMatrix[];
  /** Per 7S canvas its largest gaps; absent when the board has no 7S canvas. */
  sevens?: PlanSevens[];
  /** Per quickscan its weakest activities of the current round; absent when the board has no quickscan. */
  quickscan?: PlanQuickscan[];
  /** Per customer pyramid its levels (accounts, revenue share, strategy, largest accounts) and movement; absent without one. */
  pyramid?: PlanPyramid[];
  /** The actions of every actions canvas, in board order then list order. */
  actions: PlanAction[];
}

export interface PlanInput {
  board: BoardSnapshot;
  /** The board's `participants` map (id to `{ name, role }`), as stored. */
  participants: Readonly<Record<string, unknown>>;
  generatedAt: number;
}

export function generatePlan({ board, participants, generatedAt }: PlanInput): ActionPlan {
  const canvases = visibleCanvases(board.canvases);
  const people = readParticipants(participants);
  const matrices = matrixSections(board, canvases);
  const sevens = sevensSections(board, canvases);
  const quickscan = quickscanSections(board, canvases);
  const pyramid = pyramidSections(board, canvases);
  return {
    title: String(board.meta.title ?? ''),
    language: board.locale,
    boardCreatedAt: Number(board.meta.createdAt ?? 0),
    generatedAt,
    participants: people,
    matrices,
    ...(sevens.length > 0 ? { sevens } : {}),
    ...(quickscan.length > 0 ? { quickscan } : {}),
    ...(pyramid.length > 0 ? { pyramid } : {}),
    actions: actionItems(board, canvases, people, matrices),
  };
}

function readParticipants(stored: Readonly<Record<string, unknown>>): PlanParticipant[] {
  const out: PlanParticipant[] = [];
  for (const [id, v] of Object.entries(stored)) {
    const entry = v as { name?: unknown; role?: unknown } | null;
    if (!entry || typeof entry.name !== 'string') continue;
    const role: Role = entry.role === 'facilitator' ? 'facilitator' : 'participant';
    out.push({ id, name: entry.name.slice(0, 60), role });
  }
  const rank = (r: Role) => (r === 'facilitator' ? 0 : 1);
  return out.sort((a, b) => rank(a.role) - rank(b.role) || a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : 1));
}

/**
 * The plan of a live document (what the server's export and the client's plan view both call).
 * `session`: the board's session state, so a matrix without a pick has the rows the room sees.
 */
export function planOfDoc(doc: Y.Doc, generatedAt: number, session?: RevealedVotes | null): ActionPlan {
  return generatePlan({ board: readBoard(doc, session), participants: doc.getMap(ROOT.participants).toJSON(), generatedAt });
}
