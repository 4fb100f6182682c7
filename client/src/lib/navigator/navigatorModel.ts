// What the canvas navigator shows, as plain data: which canvas is current, and per canvas its name,
// kind and live count. Pure (no Svelte, no DOM), so the rules are unit-tested.
import type { BoardSnapshot } from '$shared/board/readBoard.ts';
import { visibleCanvases } from '$shared/board/canvases.ts';
import type { CanvasRecord } from '$shared/board/schema.ts';
import { canvasKind } from '$shared/canvases/registry.ts';
import { translate, type MessageKey } from '$shared/i18n/index.ts';

/** The part of a kind's client view the navigator uses (registry.ts, CanvasKindView). */
export interface CountingView {
  count(board: BoardSnapshot, canvas: CanvasRecord): number;
  countKey?: MessageKey;
}

export interface NavigatorItem {
  id: string;
  /** The canvas's title, or its kind's name while it has none. */
  title: string;
  kind: string;
  /** The kind's name in the locale; the kind id for a kind this version does not know. */
  kindName: string;
  /** The kind is worth showing: the title does not say it already. */
  showKind: boolean;
  /** Live count from the kind's view; null without a view (or when counting failed). */
  count: number | null;
  /** The count in words for screen readers ("Notes: 12"). */
  countLabel: string;
  current: boolean;
}

/**
 * The canvas to show. The one asked for while it is on the board. A removed one (the facilitator
 * just took it off, or an old link): its neighbour, the next visible canvas in board order, else the
 * one before. Unknown or none asked: the first visible canvas. Undefined when no canvas is on the board.
 */
export function resolveCanvas(canvases: readonly CanvasRecord[], requested: string | null): CanvasRecord | undefined {
  const visible = visibleCanvases(canvases);
  const asked = requested === null ? undefined : canvases.find((c) => c.id === requested);
  if (!asked) return visible[0];
  if (asked.removedAt === null) return asked;
  const at = canvases.indexOf(asked);
  return canvases.slice(at + 1).find((c) => c.removedAt === null) ?? [...canvases.slice(0, at)].reverse().find((c) => c.removedAt === null);
}

export function kindName(kind: string, locale: string): string {
  const k = canvasKind(kind);
  return k ? translate(locale, k.titleKey) : kind;
}

/** A canvas's name as shown: its title, or its kind's name while it has none. */
export function canvasTitle(canvas: CanvasRecord, locale: string): string {
  return canvas.title.trim() || kindName(canvas.kind, locale);
}

export function navigatorItems(
  board: BoardSnapshot,
  currentId: string | undefined,
  locale: string,
  viewOf: (kind: string) => CountingView | undefined,
): NavigatorItem[] {
  return visibleCanvases(board.canvases).map((canvas) => {
    const title = canvasTitle(canvas, locale);
    const name = kindName(canvas.kind, locale);
    const view = viewOf(canvas.kind);
    const count = view ? countOf(view, board, canvas) : null;
    return {
      id: canvas.id,
      title,
      kind: canvas.kind,
      kindName: name,
      showKind: titleNeedsKind(title, name, locale),
      count,
      countLabel: count === null ? '' : translate(locale, view?.countKey ?? 'navigator.count', { count }),
      current: canvas.id === currentId,
    };
  });
}

/** Whether a canvas's title leaves its kind unsaid (a SWOT titled "SWOT analysis" needs no "SWOT analysis" beside it). */
export function titleNeedsKind(title: string, kindName: string, locale: string): boolean {
  return title.toLocaleLowerCase(locale) !== kindName.toLocaleLowerCase(locale);
}

/** Removed canvases, the most recently removed first (the one a misclick just took away on top). */
export function removedCanvases(canvases: readonly CanvasRecord[]): CanvasRecord[] {
  return canvases.filter((c) => c.removedAt !== null).sort((a, b) => (b.removedAt ?? 0) - (a.removedAt ?? 0));
}

function countOf(view: CountingView, board: BoardSnapshot, canvas: CanvasRecord): number | null {
  try {
    const n = view.count(board, canvas);
    return Number.isFinite(n) ? n : null;
  } catch (e) {
    // One kind's view failing to count must not take the navigator (and so the board) down.
    console.error(`counting canvas ${canvas.id} (${canvas.kind}) failed`, e);
    return null;
  }
}
