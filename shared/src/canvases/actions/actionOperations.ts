// Typed operations on actions (issue 11). Every change to actions in client, server and tests goes
// through here. Facilitators and participants may make all of them (server/src/auth/permissions.ts).
import * as Y from 'yjs';
import { uuidv4 } from 'lib0/random';
import { generateKeyBetween } from 'fractional-indexing';
import {
  ACTION_ID_PATTERN,
  DUE_PATTERN,
  MAX_FIELD,
  PRIORITIES,
  STATUSES,
  ActionSource,
  CarriedOver,
  actionsMap,
  type ActionStatus,
  type Priority,
} from './actionRecord.ts';
import { PARTICIPANT_ID_PATTERN } from '../../board/schema.ts';

export interface NewAction {
  canvas: string;
  title?: string;
  description?: string;
  ownerId?: string | null;
  owner?: string;
  due?: string | null;
  kpi?: string;
  target?: string;
  priority?: Priority;
  status?: ActionStatus;
  source?: ActionSource | null;
  /** From the previous workshop's board: written with the "review" mark set. */
  carriedOver?: CarriedOver;
  author: string;
  /** Overrides for tests and fixtures. */
  createdAt?: number;
  id?: string;
}

function lastOrder(doc: Y.Doc): string | null {
  let top: string | null = null;
  actionsMap(doc).forEach((m) => {
    const o = m instanceof Y.Map ? m.get('order') : undefined;
    if (typeof o === 'string' && (top === null || o > top)) top = o;
  });
  return top;
}

function keyAfter(after: string | null): string {
  try {
    return generateKeyBetween(after, null);
  } catch {
    return generateKeyBetween(null, null);
  }
}

/** Adds an action at the end of the list and returns its id. */
export function createAction(doc: Y.Doc, a: NewAction, origin?: unknown): string {
  const id = a.id ?? uuidv4();
  if (!ACTION_ID_PATTERN.test(id)) throw new Error(`invalid action id: ${id}`);
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    m.set('id', id);
    m.set('canvas', a.canvas);
    m.set('title', new Y.Text((a.title ?? '').slice(0, MAX_FIELD)));
    m.set('description', new Y.Text(a.description ?? ''));
    if (a.ownerId) m.set('ownerId', a.ownerId);
    if (a.owner) m.set('owner', a.owner.slice(0, MAX_FIELD));
    if (a.due) m.set('due', a.due);
    if (a.kpi) m.set('kpi', a.kpi.slice(0, MAX_FIELD));
    if (a.target) m.set('target', a.target.slice(0, MAX_FIELD));
    m.set('priority', a.priority ?? 'medium');
    m.set('status', a.status ?? 'open');
    if (a.source) m.set('source', ActionSource.parse(a.source));
    if (a.carriedOver) {
      m.set('carriedOver', CarriedOver.parse(a.carriedOver));
      m.set('review', true);
    }
    m.set('author', a.author.slice(0, 60));
    m.set('createdAt', a.createdAt ?? Date.now());
    m.set('order', keyAfter(lastOrder(doc)));
    actionsMap(doc).set(id, m);
  }, origin);
  return id;
}

/** The fields edited through plain values (title and description are `Y.Text`: `actionText`). */
export type ActionChange =
  | { field: 'owner'; ownerId: string | null; owner: string }
  | { field: 'due'; value: string | null }
  | { field: 'kpi' | 'target'; value: string }
  | { field: 'priority'; value: Priority }
  | { field: 'status'; value: ActionStatus };

/** Applies one change; an invalid value throws (the UI offers only valid ones). Unknown action: no-op. */
export function updateAction(doc: Y.Doc, id: string, change: ActionChange, origin?: unknown): void {
  const m = actionsMap(doc).get(id);
  if (!(m instanceof Y.Map)) return;
  doc.transact(() => {
    switch (change.field) {
      case 'owner':
        if (change.ownerId !== null && !PARTICIPANT_ID_PATTERN.test(change.ownerId)) throw new Error('invalid owner id');
        if (change.ownerId === null) m.delete('ownerId');
        else m.set('ownerId', change.ownerId);
        setOrDelete(m, 'owner', change.owner.trim().slice(0, MAX_FIELD));
        break;
      case 'due':
        if (change.value !== null && !DUE_PATTERN.test(change.value)) throw new Error('invalid due date');
        setOrDelete(m, 'due', change.value ?? '');
        break;
      case 'kpi':
      case 'target':
        setOrDelete(m, change.field, change.value.slice(0, MAX_FIELD));
        break;
      case 'priority':
        if (!(PRIORITIES as readonly string[]).includes(change.value)) throw new Error('invalid priority');
        m.set('priority', change.value);
        break;
      case 'status':
        if (!(STATUSES as readonly string[]).includes(change.value)) throw new Error('invalid status');
        m.set('status', change.value);
        break;
    }
  }, origin);
}

/** What the team decides for an action carried over from the previous workshop. */
export type CarriedDecision = 'keep' | 'done' | 'dropped';

/**
 * Reviews a carried-over action in one step: keep it as it is, or close it as done or dropped. Either
 * way the "review" mark goes; where it came from (`carriedOver`) stays.
 */
export function reviewCarriedAction(doc: Y.Doc, id: string, decision: CarriedDecision, origin?: unknown): void {
  const m = actionsMap(doc).get(id);
  if (!(m instanceof Y.Map)) return;
  doc.transact(() => {
    if (decision !== 'keep' && m.get('status') !== decision) m.set('status', decision);
    if (m.has('review')) m.delete('review');
  }, origin);
}

function setOrDelete(m: Y.Map<unknown>, key: string, value: string): void {
  if (value === '') m.delete(key);
  else if (m.get(key) !== value) m.set(key, value);
}

/** The live text of an action's title or description (undefined for an unknown action). */
export function actionText(doc: Y.Doc, id: string, field: 'title' | 'description'): Y.Text | undefined {
  const m = actionsMap(doc).get(id);
  const t = m instanceof Y.Map ? m.get(field) : undefined;
  return t instanceof Y.Text ? t : undefined;
}

export function deleteAction(doc: Y.Doc, id: string, origin?: unknown): void {
  doc.transact(() => actionsMap(doc).delete(id), origin);
}
