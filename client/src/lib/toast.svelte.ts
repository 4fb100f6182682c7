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
  /** Information only (not an error): shown without the error style. */
  notice?: boolean;
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

  /**
   * A passing notice that asks nothing of the user (someone left): it goes by itself after
   * `ms`, so a busy workshop does not pile them up.
   */
  notice(key: MessageKey, params: Record<string, string | number>, ms = 8_000): void {
    const id = this.next++;
    this.items = [...this.items, { id, key, params, notice: true }];
    setTimeout(() => this.dismiss(id), ms);
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
