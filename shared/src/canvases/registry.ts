// Every canvas kind, registered once. Code that needs something kind-specific (regions, settings,
// analysis, title) looks the kind up here; adding a kind means adding its module and one line below.
import type { AnyCanvasKind } from './kind.ts';
import { swotKind } from './swot/swotKind.ts';
import { confrontationKind } from './confrontation/confrontationKind.ts';
import { sevensKind } from './sevens/sevensKind.ts';
import { missionKind } from './mission/missionKind.ts';
import { valueDisciplinesKind } from './valueDisciplines/valueDisciplinesKind.ts';
import { porterGenericKind } from './porterGeneric/porterGenericKind.ts';
import { destepKind } from './destep/destepKind.ts';
import { fiveForcesKind } from './fiveForces/fiveForcesKind.ts';
import { ansoffKind } from './ansoff/ansoffKind.ts';
import { bcgKind } from './bcg/bcgKind.ts';
import { quickscanKind } from './quickscan/quickscanKind.ts';
import { pyramidKind } from './pyramid/pyramidKind.ts';

const kinds: readonly AnyCanvasKind[] = [
  swotKind,
  confrontationKind,
  quickscanKind,
  sevensKind,
  pyramidKind,
  // The strategy models (issue 9), in the order domain.md lists them ("Other models the method uses").
  missionKind, valueDisciplinesKind, porterGenericKind, destepKind, fiveForcesKind, ansoffKind, bcgKind,
];

const byId = new Map(kinds.map((k) => [k.id, k]));

/** The kind definition, or undefined for a kind this version does not know (a newer program wrote it). */
export function canvasKind(id: string): AnyCanvasKind | undefined {
  return byId.get(id);
}

/** All registered kinds, in the order a "new canvas" menu lists them. */
export function canvasKinds(): readonly AnyCanvasKind[] {
  return kinds;
}
