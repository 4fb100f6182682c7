// What this browser remembers, in localStorage: the boards it created, a session per board, the
// display name and the chosen language. Every read is defensive: storage may be full, disabled
// (private mode) or hold values an older version wrote.
import type { Locale, Role } from '$shared/protocol.ts';
import { LOCALES, ROLES } from '$shared/protocol.ts';

export interface MyBoard {
  id: string;
  title: string;
  facilitatorLink: string;
  createdAt: number;
  /** All three join links, so the facilitator can invite people from the board page later. */
  links?: Partial<Record<Role, string>>;
}

export interface StoredSession {
  session: string;
  role: Role;
  name: string;
  /**
   * Whose per-person entries (scores) this session writes: assigned by the server, kept on renew.
   * Missing on sessions stored before issue 7; the board page renews those first (sessionPlan.ts).
   */
  participantId?: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** Board title, template and language as the server last said, for showing the board offline. */
  board?: { id: string; title: string; template: string; language: Locale };
}

const KEY = {
  myBoards: 'sb.myBoards',
  name: 'sb.name',
  locale: 'sb.locale',
  session: (boardId: string) => `sb.session.${boardId}`,
};

/** At most this many boards are remembered, newest first. */
const MAX_MY_BOARDS = 50;

/** `localStorage`, or undefined where merely touching it throws (storage disabled by policy). */
function browserStorage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

export class BrowserMemory {
  constructor(private readonly store: Storage | undefined = browserStorage()) {}

  private read(key: string): unknown {
    try {
      const raw = this.store?.getItem(key);
      return raw == null ? undefined : JSON.parse(raw);
    } catch {
      return undefined;
    }
  }

  private write(key: string, value: unknown): void {
    try {
      if (value === undefined) this.store?.removeItem(key);
      else this.store?.setItem(key, JSON.stringify(value));
    } catch {
      // Full or disabled storage: the app works, it just forgets.
    }
  }

  myBoards(): MyBoard[] {
    const v = this.read(KEY.myBoards);
    if (!Array.isArray(v)) return [];
    return v.filter(
      (b): b is MyBoard =>
        !!b && typeof b.id === 'string' && typeof b.title === 'string' && typeof b.facilitatorLink === 'string' && typeof b.createdAt === 'number',
    );
  }

  /** Join links of a board this browser created, if it remembers them. */
  boardLinks(boardId: string): Partial<Record<Role, string>> | undefined {
    return this.myBoards().find((b) => b.id === boardId)?.links;
  }

  /**
   * Keeps the links of a board this browser created as the server last showed them (issue 10: a
   * rotated or withdrawn link must not linger here); boards it did not create are left alone.
   */
  updateBoardLinks(boardId: string, links: Partial<Record<Role, string>>): void {
    const list = this.myBoards();
    const board = list.find((b) => b.id === boardId);
    if (!board) return;
    board.links = links;
    if (links.facilitator) board.facilitatorLink = links.facilitator;
    this.write(KEY.myBoards, list);
  }

  rememberBoard(board: MyBoard): MyBoard[] {
    const list = [board, ...this.myBoards().filter((b) => b.id !== board.id)].slice(0, MAX_MY_BOARDS);
    this.write(KEY.myBoards, list);
    return list;
  }

  session(boardId: string): StoredSession | undefined {
    const v = this.read(KEY.session(boardId)) as StoredSession | undefined;
    if (!v || typeof v.session !== 'string' || typeof v.expiresAt !== 'number' || !(ROLES as readonly string[]).includes(v.role)) return undefined;
    return { ...v, name: typeof v.name === 'string' ? v.name : '' };
  }

  /** Every stored facilitator session that has not expired, by board (issue 10: "your boards"). */
  facilitatorSessions(now = Date.now()): Array<{ boardId: string; session: string }> {
    const out: Array<{ boardId: string; session: string }> = [];
    const prefix = KEY.session('');
    let keys: string[] = [];
    try {
      keys = Array.from({ length: this.store?.length ?? 0 }, (_, i) => this.store?.key(i) ?? '');
    } catch {
      return out;
    }
    for (const key of keys) {
      if (!key.startsWith(prefix)) continue;
      const boardId = key.slice(prefix.length);
      const s = this.session(boardId);
      if (s?.role === 'facilitator' && s.expiresAt > now) out.push({ boardId, session: s.session });
    }
    return out;
  }

  saveSession(boardId: string, s: StoredSession): void {
    this.write(KEY.session(boardId), s);
  }

  forgetSession(boardId: string): void {
    this.write(KEY.session(boardId), undefined);
  }

  name(): string {
    const v = this.read(KEY.name);
    return typeof v === 'string' ? v : '';
  }

  saveName(name: string): void {
    this.write(KEY.name, name);
  }

  locale(): Locale | undefined {
    const v = this.read(KEY.locale);
    return (LOCALES as readonly string[]).includes(v as string) ? (v as Locale) : undefined;
  }

  saveLocale(locale: Locale): void {
    this.write(KEY.locale, locale);
  }
}
