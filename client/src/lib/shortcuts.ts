// Board-wide keyboard shortcuts. Inside text fields the browser's own editing keys win, so typing
// Ctrl+Z in a note's editor never undoes a move someone made on the canvas.
import type { KeyInput } from './canvas/shortcuts.ts';

export type ShortcutAction = 'undo' | 'redo';

export function matchShortcut(e: KeyInput): ShortcutAction | null {
  const mod = e.ctrlKey || e.metaKey;
  if (!mod || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !e.shiftKey) return 'redo';
  return null;
}

/**
 * Inputs without text of their own: Ctrl+Z on a score's radio button (or a select) is the board's
 * undo, which takes the score back.
 */
const NOT_TEXT_INPUTS = new Set(['radio', 'checkbox', 'range', 'button', 'submit', 'reset', 'color', 'file', 'image']);

/** True for targets that edit text themselves (text inputs, textareas, contenteditable). */
export function isTextTarget(target: EventTarget | null): boolean {
  const el = target as (HTMLElement & { isContentEditable?: boolean }) | null;
  if (!el || typeof el.tagName !== 'string') return false;
  const tag = el.tagName.toLowerCase();
  if (tag === 'input') return !NOT_TEXT_INPUTS.has(String((el as HTMLInputElement).type).toLowerCase());
  return tag === 'textarea' || el.isContentEditable === true;
}
