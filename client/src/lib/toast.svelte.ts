// Short messages at the bottom of the screen (errors from REST calls and the socket).
import type { MessageKey } from '$shared/i18n/index.ts';

export interface Toast {
  id: number;
  key: MessageKey;
  params?: Record<string, string | number>;
  kind: 'error' | 'info';
}

/** Long enough to read a two-line message; errors stay until dismissed. */
const INFO_MS = 5_000;

class Toasts {
  items = $state<Toast[]>([]);
  private next = 1;

  show(key: MessageKey, opts: { params?: Record<string, string | number>; kind?: Toast['kind'] } = {}): void {
    const kind = opts.kind ?? 'error';
    // The same message twice in a row (a retry loop) is shown once.
    if (this.items.some((x) => x.key === key)) return;
    const toast: Toast = { id: this.next++, key, params: opts.params, kind };
    this.items = [...this.items, toast];
    if (kind === 'info') setTimeout(() => this.dismiss(toast.id), INFO_MS);
  }

  dismiss(id: number): void {
    this.items = this.items.filter((x) => x.id !== id);
  }
}

export const toasts = new Toasts();
