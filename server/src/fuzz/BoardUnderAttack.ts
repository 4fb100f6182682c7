// One board on a real server, with honest users (real y-websocket providers writing notes through
// shared/ operations, and a viewer) and an attacker (raw sockets with a participant and a viewer
// session). `check` lists every broken promise of issue 6 instead of failing at the first, so a
// report shows the whole damage: "All changes saved" never shows, replicas, stored board and fresh
// clients disagree, the board no longer opens, an honest user was closed for good (4400-4499) or
// lost its client id, the server stopped answering.
import * as Y from 'yjs';
import * as prng from 'lib0/prng';
import { createNote, deleteNotes, listNotes, moveNotes, setNotesColor, noteText } from '../../../shared/src/board/notes.ts';
import { NOTE_COLORS, readMeta } from '../../../shared/src/board/schema.ts';
import type { CreateBoardResponse } from '../../../shared/src/protocol.ts';
import { swotTemplate } from '../../../shared/src/templates/index.ts';
import { SqliteBoardStore } from '../storage/SqliteBoardStore.ts';
import type { Config } from '../config.ts';
import { waitFor, type TestServer } from '../testing/testServer.ts';
import { connectClient, type TestClient } from '../testing/testClient.ts';
import { SaveTracker } from '../../../client/src/lib/sync/SaveTracker.ts';
import { AttackerSocket, type FrameOutcome } from './AttackerSocket.ts';
import type { AttackerRole, HostileFrame } from './hostileFrames.ts';
import { pick } from './mutations.ts';

/**
 * The server's defaults (frame size, message rate, board size), except: boards unload 100 ms after
 * the last client left, so `check` can make a fresh client load the board from storage; compaction
 * every 20 updates, so hostile content goes through it too; creation and join limits out of the way
 * (every seed creates a board and four sessions from one address).
 */
export const ATTACK_SERVER_CONFIG: Partial<Config> = {
  idleUnloadMs: 100,
  compactEveryUpdates: 20,
  rateLimitBoardsPerMinute: 100_000,
  rateLimitSessionsPerMinute: 100_000,
};

/** Generous, like every waitFor here: a healthy board settles in well under a second. */
const SETTLE_TIMEOUT_MS = 10_000;

export interface FrameReport {
  frame: HostileFrame;
  outcome: FrameOutcome;
}

/** Close codes y-websocket@3 treats as final: an honest user who gets one is locked out. */
function isFinal(code: number): boolean {
  return code >= 4400 && code <= 4499;
}

/** Doc client ids of the honest users of a seed (below 2^32, distinct from the attacker's). */
export function honestClientIds(seed: number, participants: number): number[] {
  return Array.from({ length: participants }, (_, i) => 0x1000_0000 + ((seed * 8 + i) % 0x0fff_ffff));
}

export class BoardUnderAttack {
  private readonly participants: TestClient[];
  /** "All changes saved" of each participant, fed as the browser's BoardConnection feeds it. */
  private readonly trackers: SaveTracker[] = [];
  private readonly viewer: TestClient;
  private readonly attacker: Record<AttackerRole, AttackerSocket>;
  private readonly everyClient: TestClient[] = [];
  private readonly problems: string[] = [];
  private editTimers: NodeJS.Timeout[] = [];
  private onceCount = 0;

  static async open(t: TestServer, seed: number, participants = 2, settleTimeoutMs = SETTLE_TIMEOUT_MS): Promise<BoardUnderAttack> {
    const board = await t.createBoard(`Fuzz ${seed}`);
    const [honest, viewer, attacker, attackerViewer] = await Promise.all([
      t.join(board, 'participant', 'Ann'),
      t.join(board, 'viewer', 'Vic'),
      t.join(board, 'participant', 'Mallory'),
      t.join(board, 'viewer', 'Mallory'),
    ]);
    const attackerSessions = { participant: attacker.session, viewer: attackerViewer.session };
    const b = new BoardUnderAttack(t, board, seed, honest.session, viewer.session, attackerSessions, participants, settleTimeoutMs);
    await Promise.all([...b.participants, b.viewer].map((c) => c.synced()));
    return b;
  }

  private constructor(
    private readonly t: TestServer,
    readonly board: CreateBoardResponse,
    private readonly seed: number,
    private readonly honestSession: string,
    private readonly viewerSession: string,
    attackerSessions: Record<AttackerRole, string>,
    participants: number,
    private readonly settleTimeoutMs: number,
  ) {
    this.participants = honestClientIds(seed, participants).map((id, i) => {
      const doc = new Y.Doc();
      doc.clientID = id;
      const c = this.connect(honestSession, doc);
      c.provider.awareness.setLocalStateField('user', { name: `Honest ${i}` });
      const tracker = new SaveTracker();
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== c.provider) tracker.add(update);
      });
      this.trackers.push(tracker);
      return c;
    });
    this.viewer = this.connect(viewerSession);
    const url = (session: string) => `${t.wsUrl}/${board.id}?session=${encodeURIComponent(session)}`;
    this.attacker = { participant: new AttackerSocket(url(attackerSessions.participant)), viewer: new AttackerSocket(url(attackerSessions.viewer)) };
  }

  private connect(session: string, doc?: Y.Doc): TestClient {
    const c = connectClient(this.t.wsUrl, this.board.id, session, doc);
    this.everyClient.push(c);
    return c;
  }

  /** Each honest participant edits every `everyMs` with seeded choices, until `stopEditing`. */
  startEditing(everyMs = 30): void {
    this.participants.forEach((c, i) => {
      const gen = prng.create(this.seed * 31 + i);
      let n = 0;
      this.editTimers.push(setInterval(() => this.edit(c, gen, n++), everyMs));
    });
  }

  stopEditing(): void {
    for (const timer of this.editTimers) clearInterval(timer);
    this.editTimers = [];
  }

  /** One edit by each participant (fixture replays: content before and after the hostile frames). */
  editOnce(): void {
    this.participants.forEach((c, i) => this.edit(c, prng.create(this.seed * 31 + i), this.onceCount++));
  }

  /** One honest edit: what a user does on the canvas (create, type, move, recolour, delete). */
  private edit(c: TestClient, gen: prng.PRNG, n: number): void {
    try {
      const notes = listNotes(c.doc).filter((note) => note.author === 'Ann');
      const op = notes.length < 3 ? 'create' : pick(gen, ['create', 'type', 'type', 'move', 'color', 'delete'] as const);
      const id = () => pick(gen, notes).id;
      if (op === 'create') {
        createNote(c.doc, { frame: 'swot.strengths', x: prng.int32(gen, 0, 500), y: 80, color: 'yellow', author: 'Ann', text: `honest ${n}` });
      } else if (op === 'type') {
        noteText(c.doc, id())?.insert(0, `${n} `);
      } else if (op === 'move') {
        moveNotes(c.doc, swotTemplate, [{ id: id(), x: prng.int32(gen, 0, 1200), y: prng.int32(gen, 0, 900) }]);
      } else if (op === 'color') {
        setNotesColor(c.doc, [id()], pick(gen, NOTE_COLORS));
      } else {
        deleteNotes(c.doc, [id()]);
      }
    } catch (err) {
      this.problem(`an honest participant could not edit the board: ${errorText(err)}`);
    }
  }

  /** Sends the frames in order, each on its role's socket, and waits for each to be handled. */
  async attack(frames: readonly HostileFrame[]): Promise<FrameReport[]> {
    const reports: FrameReport[] = [];
    for (const frame of frames) {
      const outcome = await this.attacker[frame.via].send(frame.bytes);
      reports.push({ frame, outcome });
      if (outcome.result === 'no answer') this.problem(`the server did not answer within ${outcome.waitedMs} ms after: ${frame.kind}`);
    }
    // A fuzz run whose frames mostly never reached the server proves nothing.
    const unsent = reports.filter((r) => r.outcome.result === 'not sent').length;
    if (unsent > frames.length / 2) this.problem(`${unsent} of ${frames.length} frames were not sent: the attacker's connections were refused`);
    return reports;
  }

  /**
   * After the attack: honest participants show "All changes saved", replicas converge, the store holds the
   * same board, and after the board is unloaded a fresh participant and a fresh viewer open it
   * (no close code) and see the same. Returns what went wrong; empty when all held.
   */
  async check(): Promise<string[]> {
    this.stopEditing();
    this.attacker.participant.close();
    this.attacker.viewer.close();
    const reference = this.participants[0];
    honestClientIds(this.seed, this.participants.length).forEach((id, i) => {
      const now = this.participants[i].doc.clientID;
      if (now !== id) this.problem(`honest participant ${i} had to change its client id (${id} to ${now}): the server accepted structs another connection wrote under it`);
    });
    for (const [i, c] of this.participants.entries()) {
      // The latest Stored snapshot covers every earlier one (the stored board only grows).
      const saved = () => {
        const last = c.stored.at(-1);
        if (last) this.trackers[i].acknowledge(last);
        return this.trackers[i].saved;
      };
      await this.expect(saved, `participant ${i} shows "All changes saved"`, () => {
        const last = c.stored.at(-1);
        return `${this.trackers[i].pendingCount} updates pending, its state ${seen(c.doc).sv}, last Stored ${last ? JSON.stringify(Array.from(last.sv)) : 'none'}, close codes [${c.closeCodes.join(', ')}]`;
      });
    }
    const honest = [...this.participants, this.viewer];
    await this.expect(() => honest.every((c) => !diff(seen(c.doc), seen(reference.doc))), 'honest replicas converge', () =>
      honest.map((c, i) => `client ${i}: ${diff(seen(c.doc), seen(reference.doc)) ?? 'same as client 0'}, close codes [${c.closeCodes.join(', ')}]`).join('; '));
    const expected = seen(reference.doc);
    if (expected.view.startsWith('unreadable')) this.problem(`the board cannot be read: ${expected.view}`);

    const stored = await this.storedDoc();
    const storedDiff = diff(seen(stored), expected);
    if (storedDiff) this.problem(`the stored board differs from the honest replicas: ${storedDiff}`);
    stored.destroy();
    const honestCodes = honest.map((c) => c.closeCodes);

    this.leave();
    // The gauge counts every board of the server: seeds run one after another, each leaving nothing open.
    const unloaded = await this.expect(async () => (await loadedBoards(this.t)) === 0, 'the board unloaded after everyone left');
    // Recover, so one board that stays loaded does not fail every later seed: the restart loads it from storage.
    if (!unloaded) await this.t.restart();
    for (const [role, session] of [['participant', this.honestSession], ['viewer', this.viewerSession]] as const) {
      const fresh = this.connect(session);
      await this.expect(() => fresh.provider.synced || fresh.closeCodes.length > 0, `a fresh ${role} opens the board`);
      if (fresh.closeCodes.length > 0) this.problem(`a fresh ${role} was closed with ${fresh.closeCodes.join(', ')} (the board no longer opens)`);
      else if (fresh.provider.synced && diff(seen(fresh.doc), expected)) this.problem(`a fresh ${role} sees another board: ${diff(seen(fresh.doc), expected)}`);
    }
    for (const [i, codes] of honestCodes.entries()) {
      const final = codes.filter(isFinal);
      if (final.length > 0) this.problem(`honest client ${i} was closed with ${final.join(', ')} (y-websocket does not reconnect)`);
    }
    const health = await fetch(`${this.t.url}/healthz`).then((r) => r.status, (err: unknown) => errorText(err));
    if (health !== 200) this.problem(`/healthz answered ${health}`);
    return [...new Set(this.problems)];
  }

  destroy(): void {
    this.stopEditing();
    this.attacker.participant.close();
    this.attacker.viewer.close();
    this.leave();
  }

  /** Every honest client leaves; one whose provider throws (see the client id check) must not keep the others connected. */
  private leave(): void {
    for (const [i, c] of this.everyClient.splice(0).entries()) {
      try {
        c.destroy();
      } catch (err) {
        this.problem(`honest client ${i} could not leave: its provider threw ${errorText(err)}`);
        c.provider.ws?.close();
      }
    }
  }

  /** The board as the server would load it: snapshot, then each later update, each guarded (as Room.load). */
  private async storedDoc(): Promise<Y.Doc> {
    const store = SqliteBoardStore.open(this.t.dataDir);
    try {
      const { snapshot, updates } = await store.loadDocument(this.board.id);
      const doc = new Y.Doc();
      let failed = 0;
      for (const u of snapshot ? [snapshot, ...updates] : updates) {
        try {
          Y.applyUpdate(doc, u);
        } catch {
          failed++;
        }
      }
      if (failed > 0) this.problem(`${failed} stored updates fail to apply`);
      return doc;
    } finally {
      await store.close();
    }
  }

  /** Waits for `check`; on a timeout records the problem, with `detail()` saying where things stood. */
  private async expect(check: () => boolean | Promise<boolean>, what: string, detail?: () => string): Promise<boolean> {
    try {
      await waitFor(check, what, this.settleTimeoutMs);
      return true;
    } catch (err) {
      const text = errorText(err);
      const where = detail ? ` (${detail()})` : '';
      this.problem(text.includes('timed out') ? `timed out after ${this.settleTimeoutMs} ms waiting for: ${what}${where}` : `${what}: ${text}`);
      return false;
    }
  }

  private problem(text: string): void {
    this.problems.push(text);
  }
}

async function loadedBoards(t: TestServer): Promise<number> {
  const text = await (await fetch(`${t.url}/metrics`)).text();
  return Number(/^board_loaded_boards (\d+)/m.exec(text)?.[1]);
}

/** What a replica holds, as text: its state vector and what a user sees. */
interface Seen {
  sv: string;
  view: string;
}

function seen(doc: Y.Doc): Seen {
  return { sv: JSON.stringify(Array.from(Y.decodeStateVector(Y.encodeStateVector(doc)))), view: boardView(doc) };
}

/**
 * What a user sees: the notes in drawing order and the board's meta, or why it cannot be read. Meta
 * keys sorted: a Y.Map lists keys in the order this replica integrated them, which differs between replicas.
 */
function boardView(doc: Y.Doc): string {
  try {
    const meta = readMeta(doc) as Record<string, unknown>;
    const sortedMeta = Object.fromEntries(Object.keys(meta).sort().map((k) => [k, meta[k]]));
    return JSON.stringify({ notes: listNotes(doc), meta: sortedMeta });
  } catch (err) {
    return `unreadable: ${errorText(err)}`;
  }
}

/** Undefined when both hold the same board, otherwise where they differ. */
function diff(actual: Seen, expected: Seen): string | undefined {
  if (actual.sv !== expected.sv) return `state vector ${actual.sv}, expected ${expected.sv}`;
  if (actual.view === expected.view) return undefined;
  const [a, e] = [actual.view, expected.view];
  let at = 0;
  while (at < a.length && a[at] === e[at]) at++;
  return `notes differ from character ${at}: ${a.slice(Math.max(0, at - 80), at + 120)} | expected ${e.slice(Math.max(0, at - 80), at + 120)}`;
}

function errorText(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
