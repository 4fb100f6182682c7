// The home page: create a board and remember it in this browser; the facilitator's boards (issue
// 10: the ones this browser created plus those it holds a facilitator session for, checked by the
// server) and duplicating one as the next workshop's template. No accounts: what this browser keeps.
import type { CreateBoardResponse, Locale } from '$shared/protocol.ts';
import type { BoardTemplateId } from '$shared/templates/boardTemplates.ts';
import { createBoard, asApiError, duplicateBoard, facilitatorBoards, nextWorkshop } from '../api.ts';
import { BrowserMemory, type MyBoard } from '../storage.ts';
import { i18n } from '../i18n.svelte.ts';
import { toasts } from '../toast.svelte.ts';

/** A board in "your boards". `session`: a live facilitator session for it (duplicating needs one). */
export interface FacilitatedBoard {
  id: string;
  title: string;
  createdAt: number;
  href: string;
  session: string | null;
  /** Known only from a facilitator session (opened here through the facilitator link), not created here. */
  fromSession: boolean;
}

export class HomeState {
  title = $state('');
  /** The facilitator's display name: the board page joins with it instead of asking again (issue 8). */
  name = $state('');
  /** Chosen board language; until the user picks one it follows the UI language. */
  private chosenLanguage = $state<Locale | null>(null);
  get language(): Locale {
    return this.chosenLanguage ?? i18n.current;
  }
  set language(l: Locale) {
    this.chosenLanguage = l;
  }
  template = $state<BoardTemplateId>('swot');
  busy = $state(false);
  created = $state<CreateBoardResponse | null>(null);
  myBoards = $state<MyBoard[]>([]);
  /** Facilitator sessions the server confirmed, by board id, with what it said about the board. */
  private confirmed = $state.raw<Map<string, { session: string; title: string; createdAt: number }>>(new Map());
  /** The board being duplicated (its dialog is open), or null. */
  duplicating = $state<FacilitatedBoard | null>(null);
  /** The dialog makes the next workshop from it (issue 11, "Carry-over") instead of a copy. */
  nextWorkshop = $state(false);
  private memory = new BrowserMemory();

  /** Created here first (newest first), then the ones known from a facilitator session. */
  boards = $derived.by<FacilitatedBoard[]>(() => {
    const out: FacilitatedBoard[] = this.myBoards.map((b) => {
      const c = this.confirmed.get(b.id);
      // With a live session the board opens with it: the stored link may have been rotated since.
      const href = c ? `/b/${b.id}` : b.facilitatorLink;
      return { id: b.id, title: c?.title ?? b.title, createdAt: b.createdAt, href, session: c?.session ?? null, fromSession: false };
    });
    const known = new Set(out.map((b) => b.id));
    for (const [id, c] of this.confirmed) {
      if (!known.has(id)) out.push({ id, title: c.title, createdAt: c.createdAt, href: `/b/${id}`, session: c.session, fromSession: true });
    }
    return out;
  });

  constructor() {
    this.myBoards = this.memory.myBoards();
    this.name = this.memory.name();
    void this.checkSessions();
  }

  /** Asks the server which stored facilitator sessions are still good (one request for all). */
  async checkSessions(): Promise<void> {
    const sessions = this.memory.facilitatorSessions().slice(0, 100);
    if (sessions.length === 0) return;
    try {
      const { boards } = await facilitatorBoards(sessions.map((s) => s.session));
      this.confirmed = new Map(boards.map((b) => [b.board.id, { session: b.session, title: b.board.title, createdAt: b.board.createdAt }]));
    } catch {
      // Offline: the list shows what this browser created; duplicating waits for the server.
    }
  }

  /**
   * Duplicates the board being duplicated under `title`, or makes the next workshop from it; the new
   * board's links show like a created one's.
   */
  async duplicate(title: string): Promise<void> {
    const source = this.duplicating;
    const trimmed = title.trim();
    if (!source?.session || !trimmed || this.busy) return;
    this.busy = true;
    try {
      const res = devLinks(await (this.nextWorkshop ? nextWorkshop : duplicateBoard)(source.id, trimmed, source.session));
      this.created = res;
      this.myBoards = this.memory.rememberBoard({ id: res.id, title: res.title, facilitatorLink: res.links.facilitator, createdAt: Date.now(), links: res.links });
      this.duplicating = null;
    } catch (e) {
      const err = asApiError(e);
      toasts.show(`error.${err.code}`, { detail: err.message });
    } finally {
      this.busy = false;
    }
  }

  async create(): Promise<void> {
    const title = this.title.trim();
    if (!title || this.busy) return;
    this.busy = true;
    try {
      const res = devLinks(await createBoard({ title, language: this.language, template: this.template }));
      this.created = res;
      if (this.name.trim()) this.memory.saveName(this.name.trim());
      this.myBoards = this.memory.rememberBoard({ id: res.id, title: res.title ?? title, facilitatorLink: res.links.facilitator, createdAt: Date.now(), links: res.links });
      this.title = '';
    } catch (e) {
      const err = asApiError(e);
      toasts.show(`error.${err.code}`, { detail: err.message });
    } finally {
      this.busy = false;
    }
  }
}

/**
 * `npm run dev`: the server makes links from its own address (:3000) unless PUBLIC_URL is set, but
 * the page runs on Vite's dev server; point the links there so joining uses the code being edited.
 */
function devLinks(res: CreateBoardResponse): CreateBoardResponse {
  if (!import.meta.env.DEV) return res;
  const rebase = (link: string) => {
    const u = new URL(link);
    return location.origin + u.pathname + u.search + u.hash;
  };
  return { ...res, links: { facilitator: rebase(res.links.facilitator), participant: rebase(res.links.participant), viewer: rebase(res.links.viewer) } };
}
