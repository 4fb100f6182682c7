// Arrow keys move focus along a toolbar (WAI-ARIA toolbar pattern); Tab still reaches every control.

const FOCUSABLE = 'button:not([disabled]), select:not([disabled]), input:not([disabled])';

/** Index of the control to focus after `key`, or -1 when the key is not a toolbar key. */
export function nextToolbarIndex(key: string, current: number, count: number): number {
  if (count === 0) return -1;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return (current + 1) % count;
    case 'ArrowLeft':
    case 'ArrowUp':
      return (current - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return -1;
  }
}

/**
 * Moves focus along the toolbar's controls a user can see (collapsed ones are display:none and
 * skipped).
 */
export function moveToolbarFocus(e: KeyboardEvent): void {
  const bar = e.currentTarget as HTMLElement;
  const items = Array.from(bar.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => el.getClientRects().length > 0);
  const current = items.indexOf(document.activeElement as HTMLElement);
  if (current < 0) return;
  const next = nextToolbarIndex(e.key, current, items.length);
  if (next < 0) return;
  e.preventDefault();
  items[next].focus();
}
