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

/** True for targets that edit text themselves (inputs, textareas, contenteditable). */
export function isTextTarget(target: EventTarget | null): boolean {
  const el = target as (HTMLElement & { isContentEditable?: boolean }) | null;
  if (!el || typeof el.tagName !== 'string') return false;
  const tag = el.tagName.toLowerCase();
  return tag === 'input' || tag === 'textarea' || tag === 'select' || el.isContentEditable === true;
}
