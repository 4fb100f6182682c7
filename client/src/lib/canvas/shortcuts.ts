// Keyboard shortcuts of the canvas as a pure mapping, so the key table is tested without a browser.

export type Command =
  /**
   * `digit`: number key 1-9, the region it stands for (SWOT: S, W, O, T; the template's `numberKeys`),
   * with `shift` the second region of that key (the 7S: the desired state); absent: the intended region.
   */
  | { kind: 'add'; digit?: number; shift?: boolean }
  | { kind: 'delete' }
  | { kind: 'duplicate' }
  | { kind: 'edit' }
  | { kind: 'escape' }
  | { kind: 'nudge'; dx: number; dy: number }
  | { kind: 'selectAll' }
  | { kind: 'cycle'; dir: 1 | -1 };

export interface KeyInput {
  key: string;
  /** The physical key ("Digit1"): Shift+1 is "!" as `key` on many layouts. */
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Arrow keys move the selection by this many world pixels (with Shift: NUDGE_LARGE). */
const NUDGE = 8;
export const NUDGE_LARGE = 40;
const ARROWS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown']);

/**
 * The command for a key press on the canvas, or undefined to leave the key to the browser.
 * Commands that change the board are not returned in read-only mode.
 */
export function commandForKey(e: KeyInput, readOnly: boolean, hasSelection: boolean): Command | undefined {
  const mod = e.ctrlKey || e.metaKey;
  if (e.key === 'Escape') return { kind: 'escape' };
  // Tab walks through notes only once one is selected: with nothing selected it moves focus out of
  // the canvas as usual, so a board with many notes is never a keyboard trap.
  if (e.key === 'Tab' && !e.ctrlKey && !e.metaKey && !e.altKey) return hasSelection ? { kind: 'cycle', dir: e.shiftKey ? -1 : 1 } : undefined;
  if (!hasSelection && !e.ctrlKey && !e.metaKey && !e.altKey && ARROWS.has(e.key)) return { kind: 'cycle', dir: 1 };
  if (mod && !e.altKey && e.key.toLowerCase() === 'a') return { kind: 'selectAll' };
  if (readOnly) return undefined;
  if (mod && !e.altKey && e.key.toLowerCase() === 'd') return hasSelection ? { kind: 'duplicate' } : undefined;
  if (mod || e.altKey) return undefined;
  switch (e.key) {
    case 'n':
    case 'N':
      return { kind: 'add' };
    case 'Delete':
    case 'Backspace':
      return hasSelection ? { kind: 'delete' } : undefined;
    case 'Enter':
      return hasSelection ? { kind: 'edit' } : undefined;
  }
  const digit = numberKey(e);
  if (digit !== undefined) return e.shiftKey ? { kind: 'add', digit, shift: true } : { kind: 'add', digit };
  const step = e.shiftKey ? NUDGE_LARGE : NUDGE;
  const arrows: Record<string, [number, number]> = {
    ArrowLeft: [-step, 0],
    ArrowRight: [step, 0],
    ArrowUp: [0, -step],
    ArrowDown: [0, step],
  };
  const a = arrows[e.key];
  if (a && hasSelection) return { kind: 'nudge', dx: a[0], dy: a[1] };
  return undefined;
}

/** The number key 1-9 pressed, by the key's place (so with Shift too, on any layout), or undefined. */
function numberKey(e: KeyInput): number | undefined {
  const m = /^(?:Digit|Numpad)([1-9])$/.exec(e.code ?? '') ?? /^([1-9])$/.exec(e.key);
  return m ? Number(m[1]) : undefined;
}

/**
 * Whether a key event should be ignored because the user is typing somewhere else on the page
 * (the chrome's inputs, the outline view, a dialog) or a button has focus (Enter activates it).
 */
export function isForeignFocus(active: { tagName: string; isContentEditable?: boolean } | null, insideCanvas: boolean): boolean {
  if (!active || insideCanvas) return false;
  const tag = active.tagName.toUpperCase();
  if (tag === 'BODY' || tag === 'HTML') return false;
  return true;
}
