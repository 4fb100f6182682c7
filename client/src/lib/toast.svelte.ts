// Messages at the bottom of the screen: errors (from REST calls and the socket) and notices with
// one action (e.g. "Restore as new note"). They stay until dismissed: each asks the user to do
// something (reload, wait, check the connection, take their text back).
import type { MessageKey } from '$shared/i18n/index.ts';

export interface ToastAction {
  key: MessageKey;
  run: () => void;
}

export interface Toast {
  id: number;
  key: MessageKey;
  params?: Record<string, string | number>;
  action?: ToastAction;
}

class Toasts {
  items = $state<Toast[]>([]);
  private next = 1;

  show(key: MessageKey, params?: Record<string, string | number>): void {
    // A message already on screen (a retry loop) is not shown twice.
    if (this.items.some((x) => x.key === key)) return;
    this.items = [...this.items, { id: this.next++, key, params }];
  }

  /** A notice with a button; each one is shown (two deleted notes are two texts to take back). */
  offer(key: MessageKey, params: Record<string, string | number>, action: ToastAction): void {
    this.items = [...this.items, { id: this.next++, key, params, action }];
  }

  /** Runs a toast's action and removes the toast. */
  act(id: number): void {
    const toast = this.items.find((x) => x.id === id);
    this.dismiss(id);
    toast?.action?.run();
  }

  dismiss(id: number): void {
    this.items = this.items.filter((x) => x.id !== id);
  }

  /** Removes the message once what it asked for has happened (e.g. the board is live again). */
  hide(key: MessageKey): void {
    if (this.items.some((x) => x.key === key)) this.items = this.items.filter((x) => x.key !== key);
  }
}

export const toasts = new Toasts();
