// What an incoming update writes, and whether its sender may write that (issue 7, "Write rules the
// server enforces"). Room.handleUpdate runs it on every update after checkUpdate and before storing.
//
// Every new item of the update and every board item its delete set removes is resolved to where it
// sits (UpdatePlaces: root name + map keys) and so to a shared WriteTarget; permissions.ts decides
// per target, and one forbidden target refuses the whole update. Board items are looked up by id
// and each place is worked out once, so the cost follows the update, not the board.
//
// An item whose parent or neighbour is neither on the board nor in the update, an item after a gap
// in its client's clocks, and a deletion of content the board does not have cannot be placed and so
// cannot be checked: Yjs would keep them "pending" and apply them once that content arrives,
// wherever it is (a deletion of the facilitator's next canvas, a value beside the server's next
// participant entry). Such an update is not stored; the room asks the sender for everything the
// board lacks, which brings the missing content along.
import * as Y from 'yjs';
import type { DecodedUpdate } from './checkUpdate.ts';
import { readNote, notesMap, ROOT, type CanvasRecord } from '../../../shared/src/board/schema.ts';
import { noteCanvasId, readCanvases } from '../../../shared/src/board/canvases.ts';
import { writeTarget, type WriteTarget } from '../../../shared/src/board/writeTarget.ts';
import { ACTIONS_ROOT, actionsMap } from '../../../shared/src/canvases/actions/actionRecord.ts';
import type { SessionState } from '../../../shared/src/facilitation/sessionState.ts';
import { isAllowed, type Actor, type WriteContext } from '../auth/permissions.ts';
import { isPlace, MAX_DEPTH, NO_EFFECT, UpdatePlaces, type Place, type Resolved } from './UpdatePlaces.ts';


export type WriteRefusal =
  /** The sender may not change `target`: refuse the update (Refused message). */
  | { kind: 'forbidden'; target: WriteTarget }
  /** Part of it cannot be placed on the board (see above): not stored; the sender is asked for what the board lacks. */
  | { kind: 'unplaceable'; reason: string };

/**
 * Why the update must not be stored, or undefined when `actor` may make every part of it. `session`:
 * the board's facilitation state (locks, current phase), `now` the server's clock. `action`:
 * `private:write` for a participant's private document (issue 10), which has the board's shape.
 */
export function checkWrites(
  doc: Y.Doc,
  decoded: DecodedUpdate,
  actor: Actor,
  session?: SessionState,
  now = Date.now(),
  action: 'board:write' | 'private:write' = 'board:write',
): WriteRefusal | undefined {
  const places = new UpdatePlaces(doc, decoded.structs);
  const context = writeContext(doc, decoded, places, session, now);
  const judge = (resolved: Resolved, content: Y.Item['content'] | undefined): WriteRefusal | undefined => {
    if (resolved === NO_EFFECT) return undefined;
    if ('unplaceable' in resolved) return { kind: 'unplaceable', reason: resolved.unplaceable };
    const target = 'malformed' in resolved ? malformed('', resolved.malformed) : targetOf(resolved, content);
    return isAllowed(actor, action, target, context) ? undefined : { kind: 'forbidden', target };
  };

  for (const s of decoded.structs) {
    if (!(s instanceof Y.Item)) continue; // GC and Skip structs change no type
    if (s.id.clock + s.length <= Y.getState(doc.store, s.id.client)) continue; // on the board already
    // After a gap in its client's clocks Yjs keeps it pending, and after a refused update of that
    // client the gap never closes: it would sit in the board (and every full sync) for good.
    if (s.id.clock > places.reach(s.id.client)) return { kind: 'unplaceable', reason: 'follows content of its client the board does not have' };
    const refusal = judge(places.ofNew(s), s.content);
    if (refusal) return refusal;
  }
  for (const [client, ranges] of decoded.ds.clients) {
    const structs = doc.store.clients.get(client);
    const state = Y.getState(doc.store, client);
    for (const { clock, len } of ranges) {
      const end = clock + len;
      if (structs && clock < state) {
        for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i].id.clock < end; i++) {
          const item = structs[i];
          // Deleting what is deleted (or collected) already changes nothing.
          if (!(item instanceof Y.Item) || item.deleted) continue;
          const refusal = judge(places.ofBoard(item), undefined);
          if (refusal) return refusal;
        }
      }
      // Beyond the board's content only the update's own new items (checked above) can be deleted.
      if (end > state && end > places.reach(client)) return { kind: 'unplaceable', reason: 'deletes content the board does not have' };
    }
  }
  return undefined;
}

function targetOf(place: Place, content: Y.Item['content'] | undefined): WriteTarget {
  if (place.path.length > MAX_DEPTH) return malformed(place.root, 'nested too deep');
  // Per-person values are plain JSON (docs/data-model.md): a type there could hold anything under
  // one key, and replacing it would go unseen by the flat-key rule, so none is accepted.
  if ((place.root === ROOT.personal || place.root === ROOT.accounts) && (place.path.length > 1 || content instanceof Y.ContentType)) {
    return malformed(place.root, `a nested type under ${place.root}`);
  }
  return writeTarget(place.root, place.path);
}

function malformed(root: string, reason: string): WriteTarget {
  return { kind: 'malformed', root, reason };
}

/**
 * The board before the update, for rules that ask (locks and phases, for participants' notes and
 * scores). Read only on demand, so the hot path does not pay for it.
 */
export function writeContext(
  doc: Y.Doc,
  decoded: DecodedUpdate,
  places = new UpdatePlaces(doc, decoded.structs),
  session?: SessionState,
  now = Date.now(),
): WriteContext {
  let canvases: CanvasRecord[] | undefined;
  const all = () => (canvases ??= readCanvases(doc));
  const byId = (id: string | undefined) => (id === undefined ? undefined : all().find((c) => c.id === id));
  return {
    session,
    now,
    noteExists: (noteId) => notesMap(doc).get(noteId) instanceof Y.Map,
    canvasMovedTo: (target) => (target.kind === 'note' ? byId(newCanvasField(decoded, places, ROOT.notes, target.noteId)) : undefined),
    actionExists: (actionId) => actionsMap(doc).get(actionId) instanceof Y.Map,
    canvasOf(target) {
      switch (target.kind) {
        case 'canvas-structure':
        case 'canvas-settings':
        case 'personal':
        case 'account':
          return byId(target.canvasId);
        case 'note': {
          const stored = notesMap(doc).get(target.noteId);
          if (stored instanceof Y.Map) return byId(noteCanvasId(readNote(target.noteId, stored), all()));
          // A new note is where the board will show it: without a (known) canvas, by its region.
          const field = (name: string) => newField(decoded, places, ROOT.notes, target.noteId, name);
          return byId(noteCanvasId({ canvas: field('canvas'), frame: field('frame') ?? '' }, all()));
        }
        case 'action': {
          const stored = actionsMap(doc).get(target.actionId);
          if (stored instanceof Y.Map) return byId(String(stored.get('canvas') ?? ''));
          return byId(newCanvasField(decoded, places, ACTIONS_ROOT, target.actionId));
        }
        default:
          return undefined;
      }
    },
  };
}

/** The `canvas` an update gives a note (or an action): one it creates, or one it moves. */
function newCanvasField(decoded: DecodedUpdate, places: UpdatePlaces, root: string, id: string): string | undefined {
  return newField(decoded, places, root, id, 'canvas');
}

/** A string field (`canvas`, `frame`) an update writes to the record `id` of `root`. */
function newField(decoded: DecodedUpdate, places: UpdatePlaces, root: string, id: string, name: string): string | undefined {
  for (const s of decoded.structs) {
    if (!(s instanceof Y.Item) || !(s.content instanceof Y.ContentAny)) continue;
    const place = places.ofNew(s);
    if (isPlace(place) && place.root === root && place.path[0] === id && place.path[1] === name && place.path.length === 2) {
      const value: unknown = s.content.arr[0];
      if (typeof value === 'string') return value;
    }
  }
  return undefined;
}
