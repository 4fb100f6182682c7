// Actions of the action plan (issue 11; domain.md, "The action plan"): the shape stored under the
// `actions` root and its defensive read. One `Y.Map` per action, keyed by a random id like notes,
// so concurrent creations never meet on one key; title and description are `Y.Text`, so two people
// typing in one card merge character by character. docs/data-model.md, "actions", documents it.
import * as Y from 'yjs';
import { z } from 'zod';
import { NOTE_ID_PATTERN, PARTICIPANT_ID_PATTERN } from '../../board/schema.ts';

export const ACTIONS_ROOT = 'actions';

export const PRIORITIES = ['high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const STATUSES = ['open', 'inProgress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof STATUSES)[number];

/** Action ids: url-safe like note ids (a UUID v4 when we write one). */
export const ACTION_ID_PATTERN = NOTE_ID_PATTERN;
/** A due date is a calendar day, no time and no zone: `2026-03-31`. */
export const DUE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** Longest plain-text field a client may store (title and description are Y.Text and capped in the UI). */
export const MAX_FIELD = 500;

/**
 * Where an action came from, so the plan can be defended and revisited. A plain JSON value written
 * once when the action is made; `label` is the source's text at that moment (the key-issue question,
 * the gap), kept so the plan still says where it came from when the source is gone.
 */
export const ActionSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('matrixOption'), canvasId: z.string().max(64), row: z.string().max(64), column: z.string().max(64), label: z.string().max(MAX_FIELD) }),
  z.object({ kind: z.literal('sevensGap'), canvasId: z.string().max(64), element: z.string().max(64), label: z.string().max(MAX_FIELD) }),
  z.object({ kind: z.literal('pyramidLevel'), canvasId: z.string().max(64), level: z.string().max(64), label: z.string().max(MAX_FIELD) }),
  z.object({ kind: z.literal('quickscanActivity'), canvasId: z.string().max(64), activity: z.string().max(64), label: z.string().max(MAX_FIELD) }),
  z.object({ kind: z.literal('notes'), canvasId: z.string().max(64), noteIds: z.array(z.string().max(64)).max(20), label: z.string().max(MAX_FIELD) }),
]);
export type ActionSource = z.infer<typeof ActionSource>;

/**
 * An action carried over from the previous workshop's board (issue 11, "Carry-over"): which board
 * and workshop, the action's id there and its due date then. Written once, when the next
 * workshop's board is made; the card's "review" mark (`review`) is separate, so keeping it clears
 * the mark and leaves where it came from.
 */
export const CarriedOver = z.object({
  boardId: z.string().max(64),
  title: z.string().max(200),
  /** The previous workshop's day, `YYYY-MM-DD`. */
  date: z.string().regex(DUE_PATTERN),
  actionId: z.string().max(64),
  due: z.string().regex(DUE_PATTERN).nullable(),
});
export type CarriedOver = z.infer<typeof CarriedOver>;

/** An action as plain data (a read of the `Y.Map` at `actions/<id>`). */
export interface Action {
  id: string;
  /** The actions canvas it is on. */
  canvas: string;
  title: string;
  description: string;
  /** Who carries it out: a participant of the board (their id) ... */
  ownerId: string | null;
  /** ... or a name typed in (someone not on the board); with `ownerId`, the name at the time. */
  owner: string;
  /** `YYYY-MM-DD` or null. */
  due: string | null;
  /** What is measured ("repeat orders per quarter") ... */
  kpi: string;
  /** ... and the value that counts as done ("from 12 to 20"). */
  target: string;
  priority: Priority;
  status: ActionStatus;
  source: ActionSource | null;
  /** From the previous workshop's board, or null for an action made on this board. */
  carriedOver: CarriedOver | null;
  /** A carried-over action nobody has reviewed yet (kept, done or dropped). */
  review: boolean;
  author: string;
  createdAt: number;
  /** Fractional index: cards are listed in ascending `order`, ties by id. */
  order: string;
}

/** The fields a client may write (the server refuses any other key under an action). */
export const ACTION_FIELDS = [
  'id', 'canvas', 'title', 'description', 'ownerId', 'owner', 'due', 'kpi', 'target', 'priority', 'status', 'source', 'author', 'createdAt', 'order',
  'carriedOver', 'review',
] as const;
export type ActionField = (typeof ACTION_FIELDS)[number];

export function actionsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap(ACTIONS_ROOT);
}

function text(v: unknown): string {
  return (v instanceof Y.Text ? v.toString() : typeof v === 'string' ? v : '').slice(0, 10_000);
}

function oneOf<T extends string>(list: readonly T[], v: unknown, fallback: T): T {
  return typeof v === 'string' && (list as readonly string[]).includes(v) ? (v as T) : fallback;
}

/**
 * Reads an action defensively, like `readNote`: any other program may have written the board, so a
 * missing or invalid field reads as its default and a non-map entry as an empty action.
 */
export function readAction(id: string, value: unknown): Action {
  const m: { get(key: string): unknown } = value instanceof Y.Map ? value : { get: () => undefined };
  const ownerId = m.get('ownerId');
  const due = m.get('due');
  const source = ActionSource.safeParse(m.get('source'));
  const carried = CarriedOver.safeParse(m.get('carriedOver'));
  return {
    id,
    canvas: String(m.get('canvas') ?? ''),
    title: text(m.get('title')),
    description: text(m.get('description')),
    ownerId: typeof ownerId === 'string' && PARTICIPANT_ID_PATTERN.test(ownerId) ? ownerId : null,
    owner: text(m.get('owner')).slice(0, MAX_FIELD),
    due: typeof due === 'string' && DUE_PATTERN.test(due) ? due : null,
    kpi: text(m.get('kpi')).slice(0, MAX_FIELD),
    target: text(m.get('target')).slice(0, MAX_FIELD),
    priority: oneOf(PRIORITIES, m.get('priority'), 'medium'),
    status: oneOf(STATUSES, m.get('status'), 'open'),
    source: source.success ? source.data : null,
    carriedOver: carried.success ? carried.data : null,
    review: carried.success && m.get('review') === true,
    author: text(m.get('author')).slice(0, 60),
    createdAt: Number(m.get('createdAt') ?? 0) || 0,
    order: String(m.get('order') ?? 'a0'),
  };
}

export function compareActions(a: Action, b: Action): number {
  return a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The actions of one canvas (every canvas when `canvasId` is absent), in list order. */
export function listActions(doc: Y.Doc, canvasId?: string): Action[] {
  const out: Action[] = [];
  actionsMap(doc).forEach((m, id) => {
    if (!ACTION_ID_PATTERN.test(id)) return;
    const a = readAction(id, m);
    if (canvasId === undefined || a.canvas === canvasId) out.push(a);
  });
  return out.sort(compareActions);
}
