// Where the items of one incoming Yjs update sit on a board (rooms/writeCheck.ts), as Yjs itself
// will place them (Item.getMissing): an item that names its parent (a root type by name, or the
// item holding a type by id: on the board or in the update itself); an item with a left or right
// neighbour (origin, right origin) names no parent in the encoding and gets its neighbour's parent
// and key; an item whose parent or neighbour was garbage collected becomes garbage itself. Each
// place is worked out once per update (per struct, per board type), so the cost is proportional to
// the update and to how deep its items sit (at most MAX_DEPTH), never to the board.
import * as Y from 'yjs';
import type { DecodedUpdate } from './checkUpdate.ts';

type Struct = DecodedUpdate['structs'][number];

/**
 * Levels of nested types below a root. The schema needs three (`notes/<id>/text/<character>`,
 * `canvases/<id>/settings/<key>`); deeper nesting is refused as malformed, which also bounds the
 * walk up from every item.
 */
export const MAX_DEPTH = 16;

/** Where an item sits: a root and the map keys below it (`null` for a level that is not a map entry). */
export interface Place {
  root: string;
  path: (string | null)[];
}

/** The item has no effect: Yjs turns it into garbage (its parent or a neighbour was garbage collected). */
export const NO_EFFECT = 'no-effect';
/** `find`'s answer for garbage-collected content. */
const GC = 'gc';
export type Resolved = Place | typeof NO_EFFECT | { unplaceable: string } | { malformed: string };

/** Places of the items of one update and of the board items it refers to, each worked out once. */
export class UpdatePlaces {
  private readonly ofType = new Map<Y.AbstractType<unknown>, Resolved>();
  private readonly ofStruct = new Map<Y.Item, Resolved>();
  /** The update's structs per client, in clock order (as decoded). */
  private readonly byClient = new Map<number, Struct[]>();
  private readonly reaches = new Map<number, number>();

  constructor(
    private readonly doc: Y.Doc,
    structs: readonly Struct[],
  ) {
    for (const s of structs) {
      const list = this.byClient.get(s.id.client);
      if (list) list.push(s);
      else this.byClient.set(s.id.client, [s]);
    }
  }

  /** The clock up to which this update and the board together hold `client`'s content without a gap. */
  reach(client: number): number {
    let reach = this.reaches.get(client);
    if (reach !== undefined) return reach;
    reach = Y.getState(this.doc.store, client);
    for (const s of this.byClient.get(client) ?? []) {
      if (s instanceof Y.Skip || s.id.clock > reach) break;
      reach = Math.max(reach, s.id.clock + s.length);
    }
    this.reaches.set(client, reach);
    return reach;
  }

  /** Where an item already on the board sits. */
  ofBoard(item: Y.Item): Resolved {
    const parent = this.typeOf(item.parent as Y.AbstractType<unknown>);
    return isPlace(parent) ? below(parent, item.parentSub) : parent;
  }

  /**
   * Where a new item of the update will sit. Iterative: the chain of items that depend on one
   * another inside the update (each typed character on the one before) can be as long as the update.
   */
  ofNew(start: Y.Item): Resolved {
    const chain: Array<{ item: Y.Item; child: boolean }> = [];
    const visiting = new Set<Y.Item>();
    let item = start;
    let resolved: Resolved;
    for (;;) {
      const known = this.ofStruct.get(item);
      if (known) {
        resolved = known;
        break;
      }
      if (visiting.has(item)) {
        resolved = { unplaceable: 'items that depend on each other' };
        break;
      }
      visiting.add(item);
      const step = this.dependency(item);
      if ('resolved' in step) {
        resolved = step.resolved;
        break;
      }
      chain.push({ item, child: step.child });
      item = step.next;
    }
    this.ofStruct.set(item, resolved);
    // Unwind: a child sits one level below its parent item, an item with a neighbour where that sits.
    for (let i = chain.length - 1; i >= 0; i--) {
      const link = chain[i];
      if (link.child && isPlace(resolved)) resolved = below(resolved, link.item.parentSub);
      this.ofStruct.set(link.item, resolved);
    }
    return resolved;
  }

  /**
   * What a new item hangs on, as Yjs' Item.getMissing decides it: its resolved place, or the item
   * of the update it depends on (`child`: it is that item's child; otherwise its neighbour).
   */
  private dependency(item: Y.Item): { resolved: Resolved } | { next: Y.Item; child: boolean } {
    const parent = item.parent as unknown;
    if (typeof parent === 'string') return { resolved: { root: parent, path: [item.parentSub] } };
    if (parent instanceof Y.ID) {
      const found = this.find(parent, item);
      if (typeof found === 'string') return { resolved: found === GC ? NO_EFFECT : { unplaceable: found } };
      // Yjs makes an item whose parent holds no type (a deleted one, say) garbage.
      if (!(found.item.content instanceof Y.ContentType)) return { resolved: NO_EFFECT };
      if (!found.onBoard) return { next: found.item, child: true };
      const type = this.typeOf(found.item.content.type as Y.AbstractType<unknown>);
      return { resolved: isPlace(type) ? below(type, item.parentSub) : type };
    }
    const left = item.origin ? this.find(item.origin, item) : undefined;
    const right = item.rightOrigin ? this.find(item.rightOrigin, item) : undefined;
    for (const n of [left, right]) if (typeof n === 'string' && n !== GC) return { resolved: { unplaceable: n } };
    if (left === GC || right === GC) return { resolved: NO_EFFECT };
    const neighbour = (left ?? right) as { item: Y.Item; onBoard: boolean } | undefined;
    if (!neighbour) return { resolved: { malformed: 'no parent and no neighbour' } };
    if (neighbour.onBoard) return { resolved: this.ofBoard(neighbour.item) };
    return { next: neighbour.item, child: false };
  }

  /**
   * The item holding `id`, on the board or among the update's structs; GC for collected content,
   * otherwise why it cannot be found (or would not be integrated yet).
   */
  private find(id: Y.ID, of: Y.Item): { item: Y.Item; onBoard: boolean } | string {
    if (id.clock < Y.getState(this.doc.store, id.client)) {
      const s = Y.getItem(this.doc.store, id) as Y.Item | Y.GC;
      return s instanceof Y.Item ? { item: s, onBoard: true } : GC;
    }
    // Yjs integrates a client's structs in clock order: a dependency on a later one of the same client fails.
    if (id.client === of.id.client && id.clock >= of.id.clock) return 'depends on a later item of the same client';
    const list = this.byClient.get(id.client);
    const s = list && findStruct(list, id.clock);
    if (!s || s instanceof Y.Skip) return 'depends on content the board does not have';
    return s instanceof Y.Item ? { item: s, onBoard: false } : GC;
  }

  /** Where the items of a board type sit (the type's own place), walking up at most MAX_DEPTH levels. */
  private typeOf(type: Y.AbstractType<unknown>): Resolved {
    const known = this.ofType.get(type);
    if (known) return known;
    const chain: Y.AbstractType<unknown>[] = [];
    let current: Y.AbstractType<unknown> = type;
    let resolved: Resolved | undefined;
    while (current._item !== null) {
      const hit = this.ofType.get(current);
      if (hit) {
        resolved = hit;
        break;
      }
      chain.push(current);
      if (chain.length > MAX_DEPTH) {
        resolved = { malformed: 'nested too deep' };
        break;
      }
      current = current._item.parent as Y.AbstractType<unknown>;
    }
    resolved ??= { root: Y.findRootTypeKey(current), path: [] };
    for (let i = chain.length - 1; i >= 0; i--) {
      if (isPlace(resolved)) resolved = below(resolved, chain[i]._item!.parentSub);
      this.ofType.set(chain[i], resolved);
    }
    if (chain.length === 0) this.ofType.set(type, resolved);
    return resolved;
  }
}

export function isPlace(r: Resolved): r is Place {
  return typeof r === 'object' && 'root' in r;
}

function below(place: Place, key: string | null): Place {
  return { root: place.root, path: [...place.path, key] };
}

/** Binary search for the struct of one client (sorted by clock) that holds `clock`. */
function findStruct(list: readonly Struct[], clock: number): Struct | undefined {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = list[mid];
    if (clock < s.id.clock) hi = mid - 1;
    else if (clock >= s.id.clock + s.length) lo = mid + 1;
    else return s;
  }
  return undefined;
}
