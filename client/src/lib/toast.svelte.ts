// Error messages at the bottom of the screen (from REST calls and the socket). They stay until
// dismissed: each asks the user to do something (reload, wait, check the connection).
import type { MessageKey } from '$shared/i18n/index.ts';

export interface Toast {
  id: number;
  key: MessageKey;
  params?: Record<string, string | number>;
}

class Toasts {
  items = $state<Toast[]>([]);
  private next = 1;

  show(key: MessageKey, params?: Record<string, string | number>): void {
    // A message already on screen (a retry loop) is not shown twice.
    if (this.items.some((x) => x.key === key)) return;
    this.items = [...this.items, { id: this.next++, key, params }];
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
