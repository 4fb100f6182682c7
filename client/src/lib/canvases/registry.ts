// The client side of canvas kinds: one view per kind, registered here and nowhere else (the shared
// definitions are in shared/src/canvases/registry.ts). The board page knows kinds only through
// `canvasKindView`: adding a kind is its folder under this one plus one line in `views`, no `switch`.
import type { Component } from 'svelte';
import type * as Y from 'yjs';
import type { BoardSnapshot } from '$shared/board/readBoard.ts';
import type { CanvasRecord } from '$shared/board/schema.ts';
import type { MessageKey } from '$shared/i18n/index.ts';
import type { Locale, Role } from '$shared/protocol.ts';
import { regionView } from './regions/regionView.ts';
import { confrontationView } from './confrontation/confrontationView.ts';
import { quickscanView } from './quickscan/quickscanView.ts';
import { sevensView } from './sevens/sevensView.ts';
import { pyramidView } from './pyramid/pyramidView.ts';

export interface CanvasViewProps {
  doc: Y.Doc;
  canvas: CanvasRecord;
  /** This user's participant id (the server's), the key of their `personal` entries; '' until the server sends one. */
  participantId: string;
  role: Role;
  locale: Locale;
  /** origin for this user's edits (the per-user UndoManager tracks it) */
  origin: unknown;
  /** true when this canvas is the one shown (views may pause work when hidden) */
  active: boolean;
}

export interface CanvasKindView {
  kind: string; // 'swot' | 'confrontation' | ...
  /** Svelte 5 component that fills the board's canvas area for one canvas of this kind. */
  Canvas: Component<CanvasViewProps>;
  /** Svelte 5 component: this canvas's section of the outline (accessible) view. */
  Outline: Component<CanvasViewProps>;
  /** Live count shown in the navigator (notes, scores given, ...). */
  count(board: BoardSnapshot, canvas: CanvasRecord): number;
  /** What `count` counts, for screen readers: a key with `{count}` ("Notes: {count}"); default `navigator.count`. */
  countKey?: MessageKey;
}

const views: readonly CanvasKindView[] = [
  regionView('swot'),
  confrontationView,
  quickscanView,
  sevensView,
  pyramidView,
  // The strategy models (issue 9): labelled regions of notes, like the SWOT.
  ...['mission', 'valueDisciplines', 'porterGeneric', 'destep', 'fiveForces', 'ansoff', 'bcg'].map(regionView),
];

const byKind = new Map(views.map((v) => [v.kind, v]));

/**
 * The view of a kind, or undefined: a kind this version does not know, or one whose view is not
 * built yet. The board shows a short notice for those (CanvasPlaceholder) and keeps the canvas as it is.
 */
export function canvasKindView(kind: string): CanvasKindView | undefined {
  return byKind.get(kind);
}
