// The home page: create a board and remember it in this browser.
import type { CreateBoardResponse, Locale } from '$shared/protocol.ts';
import type { BoardTemplateId } from '$shared/templates/boardTemplates.ts';
import { createBoard, asApiError } from '../api.ts';
import { BrowserMemory, type MyBoard } from '../storage.ts';
import { i18n } from '../i18n.svelte.ts';
import { toasts } from '../toast.svelte.ts';

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
  private memory = new BrowserMemory();

  constructor() {
    this.myBoards = this.memory.myBoards();
    this.name = this.memory.name();
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
