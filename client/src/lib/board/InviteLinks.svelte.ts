// The facilitator's join links as the server has them now (issue 10): any facilitator device asks
// the server, not only the browser that created the board. Rotate, withdraw, end date and password
// go through the server, which also disconnects whoever joined with a link that changed.
import type { LinkOptionsRequest, LinkView, Role } from '$shared/protocol.ts';
import { asApiError, listLinks, revokeLink, rotateLink, setLinkOptions } from '../api.ts';
import { toasts } from '../toast.svelte.ts';
import { BrowserMemory } from '../storage.ts';

export type InviteState =
  | { kind: 'loading' }
  /** The server's links. */
  | { kind: 'live'; links: LinkView[] }
  /** No answer: the links this browser remembers, if any (they may be out of date). */
  | { kind: 'offline' };

export class InviteLinks {
  state = $state<InviteState>({ kind: 'loading' });
  busy = $state<Role | null>(null);
  private readonly memory = new BrowserMemory();

  constructor(
    private readonly boardId: string,
    private readonly session: () => string | undefined,
  ) {}

  link(role: Role): LinkView | undefined {
    return this.state.kind === 'live' ? this.state.links.find((l) => l.role === role) : undefined;
  }

  async load(): Promise<void> {
    const session = this.session();
    if (!session) return;
    if (this.state.kind !== 'live') this.state = { kind: 'loading' };
    try {
      this.setLinks((await listLinks(this.boardId, session)).links);
    } catch (e) {
      const err = asApiError(e);
      if (err.code !== 'network') toasts.show(`error.${err.code}`, { detail: err.message });
      this.state = { kind: 'offline' };
    }
  }

  rotate(role: Role): Promise<void> {
    return this.act(role, async (session) => {
      const { link } = await rotateLink(this.boardId, role, session);
      this.put(link);
      toasts.notice('invite.rotated', {});
    });
  }

  revoke(role: Role): Promise<void> {
    return this.act(role, async (session) => {
      await revokeLink(this.boardId, role, session);
      if (this.state.kind === 'live') this.setLinks(this.state.links.filter((l) => l.role !== role));
      toasts.notice('invite.revoked', {});
    });
  }

  save(role: Role, options: LinkOptionsRequest): Promise<void> {
    return this.act(role, async (session) => {
      this.put(await setLinkOptions(this.boardId, role, options, session));
      toasts.notice('invite.saved', {});
    });
  }

  private put(link: LinkView): void {
    if (this.state.kind !== 'live') return;
    const others = this.state.links.filter((l) => l.role !== link.role);
    this.setLinks([...others, link]);
  }

  /** The server's links, also into this browser's memory (the offline fallback and the home page's link). */
  private setLinks(links: LinkView[]): void {
    this.state = { kind: 'live', links };
    const urls = Object.fromEntries(links.flatMap((l) => (l.url ? [[l.role, l.url]] : [])));
    this.memory.updateBoardLinks(this.boardId, urls);
  }

  private async act(role: Role, run: (session: string) => Promise<void>): Promise<void> {
    const session = this.session();
    if (!session || this.busy) return;
    this.busy = role;
    try {
      await run(session);
    } catch (e) {
      const err = asApiError(e);
      toasts.show(`error.${err.code}`, { detail: err.message });
    } finally {
      this.busy = null;
    }
  }
}
