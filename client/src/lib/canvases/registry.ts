// Canvas-kind views, registered in one place (issue 7 contract): a kind id maps to the Svelte
// components that show one canvas of that kind and its outline section. Adding a kind is one line
// in `views`; nothing else in the client switches on kind ids.
import type { Component } from 'svelte';
import type * as Y from 'yjs';
import type { BoardSnapshot } from '$shared/board/readBoard.ts';
import type { CanvasRecord } from '$shared/board/schema.ts';
import type { Locale, Role } from '$shared/protocol.ts';
import { confrontationView } from './confrontation/confrontationView.ts';

export interface CanvasKindView {
  kind: string; // 'swot' | 'confrontation' | ...
  /** Svelte 5 component that fills the board's canvas area for one canvas of this kind. */
  Canvas: Component<CanvasViewProps>;
  /** Svelte 5 component: this canvas's section of the outline (accessible) view. */
  Outline: Component<CanvasViewProps>;
  /** Live count shown in the navigator (notes, scores given, ...). */
  count(board: BoardSnapshot, canvas: CanvasRecord): number;
}

export interface CanvasViewProps {
  doc: Y.Doc;
  canvas: CanvasRecord;
  participantId: string;
  role: Role;
  locale: Locale;
  /** origin for this user's edits (the per-user UndoManager tracks it) */
  origin: unknown;
  /** true when this canvas is the one shown (views may pause work when hidden) */
  active: boolean;
}

const views: readonly CanvasKindView[] = [
  confrontationView,
];

const byKind = new Map(views.map((v) => [v.kind, v]));

/** The view of a kind, or undefined for a kind this client has no view for. */
export function canvasKindView(kind: string): CanvasKindView | undefined {
  return byKind.get(kind);
}
