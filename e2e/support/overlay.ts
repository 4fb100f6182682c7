// What the canvas shows of other people (cursors, selections, "is typing" tags), read from the
// Konva stage: the visible text nodes with their page rectangles and the fill of the tag behind them.
import type { Page } from '@playwright/test';

export interface CanvasLabel {
  text: string;
  /** Fill of the label's tag (the person's colour), when the text sits in a Konva.Label. */
  tagFill: string | null;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Visible text nodes on the canvas that read `text` exactly (or start with it, when `prefix`). */
export async function canvasLabels(page: Page, text: string, prefix = false): Promise<CanvasLabel[]> {
  return page.evaluate(
    ({ t, prefix }) => {
      type KNode = {
        getClassName(): string;
        text?: () => string;
        isVisible(): boolean;
        getParent(): KNode | null;
        getChildren?: () => KNode[];
        fill?: () => string;
        getClientRect(): { x: number; y: number; width: number; height: number };
      };
      type KStage = { container(): HTMLElement; find(fn: (n: KNode) => boolean): KNode[] };
      const konva = (window as unknown as { Konva?: { stages: KStage[] } }).Konva;
      const host = document.querySelector('[data-testid="canvas"]');
      const stage = konva?.stages.find((s) => host?.contains(s.container()));
      if (!stage) return [];
      const c = stage.container().getBoundingClientRect();
      return stage
        .find((n) => n.getClassName() === 'Text' && (prefix ? (n.text?.() ?? '').startsWith(t) : n.text?.() === t))
        .filter((n) => n.isVisible())
        .map((n) => {
          const parent = n.getParent();
          const tag = parent?.getClassName() === 'Label' ? parent.getChildren?.().find((k) => k.getClassName() === 'Tag') : undefined;
          const r = n.getClientRect();
          return { text: n.text?.() ?? '', tagFill: tag?.fill?.() ?? null, x: c.left + r.x, y: c.top + r.y, width: r.width, height: r.height };
        });
    },
    { t: text, prefix },
  );
}

/** The colour another person shows in this page's awareness (their `user.color`), by name. */
export async function colorOf(page: Page, name: string): Promise<string | undefined> {
  return page.evaluate((n) => {
    type Aw = { getStates(): Map<number, { user?: { name?: string; color?: string } }> };
    const aw = (window as unknown as { __board: { provider: { awareness: Aw } } }).__board.provider.awareness;
    for (const s of aw.getStates().values()) if (s.user?.name === n) return s.user.color;
    return undefined;
  }, name);
}
