// Every canvas kind, registered once. Code that needs something kind-specific (regions, settings,
// analysis, title) looks the kind up here; adding a kind means adding its module and one line below.
import type { AnyCanvasKind } from './kind.ts';
import { swotKind } from './swot/swotKind.ts';
import { confrontationKind } from './confrontation/confrontationKind.ts';
import { pyramidKind } from './pyramid/pyramidKind.ts';

const kinds: readonly AnyCanvasKind[] = [swotKind, confrontationKind, pyramidKind];

const byId = new Map(kinds.map((k) => [k.id, k]));

/** The kind definition, or undefined for a kind this version does not know (a newer program wrote it). */
export function canvasKind(id: string): AnyCanvasKind | undefined {
  return byId.get(id);
}

/** All registered kinds, in the order a "new canvas" menu lists them. */
export function canvasKinds(): readonly AnyCanvasKind[] {
  return kinds;
}
