// One board on a real server, with honest users (real y-websocket providers writing notes through
// shared/ operations, and a viewer) and an attacker (raw sockets with a participant and a viewer
// session). `check` lists every broken promise of issue 6 instead of failing at the first, so a
// report shows the whole damage: replicas, stored board and fresh clients disagree, the board no
// longer opens, an honest user was closed for good (4400-4499), the server stopped answering.
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
   * After the attack: honest replicas converge and are acknowledged as stored, the store holds the
   * same board, and after the board is unloaded a fresh participant and a fresh viewer open it
   * (no close code) and see the same. Returns what went wrong; empty when all held.
   */
  async check(): Promise<string[]> {
    this.stopEditing();
    this.attacker.participant.close();
    this.attacker.viewer.close();
    const reference = this.participants[0];
    for (const [i, c] of this.participants.entries()) {
      await this.expect(() => isAcknowledged(c), `participant ${i}'s edits acknowledged as stored`, () => {
        const last = c.stored.at(-1);
        return `its state ${svText(c.doc)}, last Stored ${last ? JSON.stringify(Array.from(last.sv)) : 'none'}, close codes [${c.closeCodes.join(', ')}]`;
      });
    }
    const honest = [...this.participants, this.viewer];
    await this.expect(() => honest.every((c) => sameBoard(c.doc, reference.doc)), 'honest replicas converge', () =>
      honest.map((c, i) => `client ${i}: ${sameBoard(c.doc, reference.doc) ? 'same as client 0' : diff(c.doc, reference.doc)}, close codes [${c.closeCodes.join(', ')}]`).join('; '));
    const expected = { sv: stateVector(reference.doc), view: boardView(reference.doc) };
    if (expected.view.startsWith('unreadable')) this.problem(`the board cannot be read: ${expected.view}`);

    const stored = await this.storedDoc();
    if (stateVector(stored) !== expected.sv || boardView(stored) !== expected.view) {
      this.problem(`the stored board differs from the honest replicas: ${diff(stored, reference.doc)}`);
    }
    stored.destroy();

    for (const c of this.everyClient) c.provider.disconnect();
    await this.expect(async () => (await loadedBoards(this.t)) === 0, 'the board unloaded after everyone left');
    for (const [role, session] of [['participant', this.honestSession], ['viewer', this.viewerSession]] as const) {
      const fresh = this.connect(session);
      await this.expect(() => fresh.provider.synced || fresh.closeCodes.length > 0, `a fresh ${role} opens the board`);
      if (fresh.closeCodes.length > 0) this.problem(`a fresh ${role} was closed with ${fresh.closeCodes.join(', ')} (the board no longer opens)`);
      else if (fresh.provider.synced && !sameBoard(fresh.doc, reference.doc)) this.problem(`a fresh ${role} sees another board: ${diff(fresh.doc, reference.doc)}`);
    }
    for (const [i, c] of honest.entries()) {
      const final = c.closeCodes.filter(isFinal);
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
    for (const c of this.everyClient) c.destroy();
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
  private async expect(check: () => boolean | Promise<boolean>, what: string, detail?: () => string): Promise<void> {
    try {
      await waitFor(check, what, this.settleTimeoutMs);
    } catch (err) {
      const text = errorText(err);
      const where = detail ? ` (${detail()})` : '';
      this.problem(text.includes('timed out') ? `timed out after ${this.settleTimeoutMs} ms waiting for: ${what}${where}` : `${what}: ${text}`);
    }
  }

  private problem(text: string): void {
    this.problems.push(text);
  }
}

function isAcknowledged(c: TestClient): boolean {
  const mine = Y.encodeStateAsUpdate(c.doc);
  return c.stored.some((s) => Y.snapshotContainsUpdate(s, mine));
}

async function loadedBoards(t: TestServer): Promise<number> {
  const text = await (await fetch(`${t.url}/metrics`)).text();
  return Number(/^board_loaded_boards (\d+)/m.exec(text)?.[1]);
}

function stateVector(doc: Y.Doc): string {
  return Buffer.from(Y.encodeStateVector(doc)).toString('hex');
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

function sameBoard(a: Y.Doc, b: Y.Doc): boolean {
  return stateVector(a) === stateVector(b) && boardView(a) === boardView(b);
}

function svText(doc: Y.Doc): string {
  return JSON.stringify(Array.from(Y.decodeStateVector(Y.encodeStateVector(doc))));
}

function diff(actual: Y.Doc, expected: Y.Doc): string {
  if (svText(actual) !== svText(expected)) return `state vector ${svText(actual)}, expected ${svText(expected)}`;
  const [a, e] = [boardView(actual), boardView(expected)];
  let at = 0;
  while (at < a.length && a[at] === e[at]) at++;
  return `notes differ from character ${at}: ${a.slice(Math.max(0, at - 80), at + 120)} | expected ${e.slice(Math.max(0, at - 80), at + 120)}`;
}

function errorText(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
