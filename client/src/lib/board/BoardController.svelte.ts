// Everything the board page does, as reactive state and actions; the Svelte components only show
// it. Join flow (token -> name -> session), session renewal, the connection, the board's canvases
// (which one is current, the facilitator's structure changes), the renderer and the toolbar actions.
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { BOARD_ID_PATTERN, canEdit, type ErrorCode, type LinkInfo, type Locale, type PhaseSnapshotSummary, type Role, type SessionResponse, type Summon } from '$shared/protocol.ts';
import { notesMap, readNote, ROOT, type NoteColor } from '$shared/board/schema.ts';
import { createNote, freeSlot } from '$shared/board/notes.ts';
import { visibleCanvases } from '$shared/board/canvases.ts';
import { canvasKind } from '$shared/canvases/registry.ts';
import type { Template } from '$shared/templates/index.ts';
import { ApiRequestError, asApiError, checkLink, createSession, listPhaseSnapshots, removeParticipant, renewSession, restorePhaseSnapshot } from '../api.ts';
import { BrowserMemory, type StoredSession } from '../storage.ts';
import { nameToJoinWith, planSession, renewalDelay, tokenFromHash } from '../session/sessionPlan.ts';
import { BoardConnection, type ConnectionSnapshot } from '../sync/BoardConnection.ts';
import { participantsFrom, whoLeft, type Participant } from './participants.ts';
import { listedParticipants, peopleFrom, type ListedParticipant } from './people.ts';
import { loadRenderer, type RendererConstructor } from './loadRenderer.ts';
import { SafeEditing, type NoteTarget } from './SafeEditing.svelte.ts';
import { PrivateBrainstorm } from './PrivateBrainstorm.svelte.ts';
import { BoardCanvases } from './BoardCanvases.svelte.ts';
import { canvasTitle } from '../navigator/navigatorModel.ts';
import type { BoardRendererApi } from '../canvas/types.ts';
import type { KeptCamera } from '../canvas/camera.ts';
import { i18n, t } from '../i18n.svelte.ts';
import { toasts } from '../toast.svelte.ts';
import { downloadDataUrl, fileNameFor } from '../download.ts';
import { SessionChannel } from '../facilitation/SessionChannel.svelte.ts';
import { participantAccess, type CanvasAccess } from '$shared/facilitation/canvasAccess.ts';
import type { SessionCommand } from '$shared/facilitation/sessionCommands.ts';

export type BoardPhase =
  | { kind: 'loading' }
  /** `link`: what the token opens, as the server said before the form; null when it could not be asked. `password`: the link's, already checked. */
  | { kind: 'ask-name'; token: string; busy: boolean; link: LinkInfo | null; password?: string }
  /** The link has a password (issue 10): asked before the name form. `error`: why the last try failed. */
  | { kind: 'ask-password'; token: string; busy: boolean; error: ErrorCode | null }
  | { kind: 'error'; error: ErrorCode | 'no_session'; detail?: string }
  | { kind: 'ready' };

export type BoardView = 'canvas' | 'outline';

/** Test and bench hook: `window.__board` on the board page (see client/README.md). */
export interface BoardTestHook {
  doc: Y.Doc;
  provider: WebsocketProvider;
  renderer: BoardRendererApi | null;
  connection: BoardConnection;
}

declare global {
  interface Window {
    __board?: BoardTestHook;
  }
}

/** How long to wait before reconnecting after the server said we sent too much, or that this session has too many connections. */
const RATE_LIMIT_RETRY_MS = 10_000;
/** Refusals the board recovers from by itself: their message goes once the board is live again. */
const PASSING_REFUSALS = ['error.session_connections', 'error.address_connections'] as const;
/** Server unreachable at renewal time: try again after this long (the board keeps working offline). */
const RENEW_OFFLINE_RETRY_MS = 30_000;
/** At most one renew-and-reconnect after a 4401 in this window. */
const RENEW_RETRY_WINDOW_MS = 60_000;
/** Link errors that end on the error page: asking again cannot help without a new link. */
const FINAL_LINK_ERRORS: readonly string[] = ['unauthorized', 'not_found', 'link_expired', 'link_revoked', 'removed'];

export class BoardController {
  phase = $state<BoardPhase>({ kind: 'loading' });
  session = $state<StoredSession | null>(null);
  status = $state<ConnectionSnapshot | null>(null);
  participants = $state<Participant[]>([]);
  /** The server-written participant list (issue 10): who was here, who was removed. */
  listed = $state.raw<ReadonlyMap<string, ListedParticipant>>(new Map());
  /** Everyone for the participant panel: online or not, removed, raised hands. */
  people = $derived(peopleFrom(this.participants, this.listed, this.session?.participantId ?? null));
  /** When this user raised their hand (awareness field `hand`); null: not raised. */
  handRaisedAt = $state<number | null>(null);
  selection = $state<string[]>([]);
  /** The colour all selected notes share, or null (toolbar shows it as pressed). */
  selectionColor = $state<NoteColor | null>(null);
  /** What the canvas's live region says about the selection ("Selected: ..., Strengths, 2 of 5"). */
  selectionSpoken = $state('');
  zoom = $state(1);
  /**
   * How far below the header the note canvas in view starts, in px (RegionCanvas measures it): the
   * 7S's tabs sit above it, and the phone's colour bar floats under them, not over them.
   */
  notesTop = $state(0);
  view = $state<BoardView>('canvas');
  cursorsHidden = $state(false);
  following = $state<number | null>(null);
  renderer = $state.raw<BoardRendererApi | null>(null);
  rendererMissing = $state(false);
  /** Where this user left each canvas's camera while the board is open: a 7S tab or another canvas and back shows it again. */
  private readonly cameras = new Map<string, KeptCamera>();
  /** Outline asks a note's field to take focus (after add / move). */
  outlineFocus = $state<{ id: string; field: 'text' | 'frame'; frame?: string } | null>(null);
  connection = $state.raw<BoardConnection | null>(null);
  /** Join links this browser remembers (it created the board): the invite dialog's fallback when the server cannot be reached. */
  inviteLinks = $state<Partial<Record<'participant' | 'viewer', string>> | null>(null);
  readonly rememberedName: string;
  /** Asks before deleting others' typing, offers lost typing back (issue 8). */
  readonly safeEditing = new SafeEditing(this);

  /** The session channel (issue 10): agenda, timer, locks, "everyone to me". */
  facilitation = $state.raw<SessionChannel | null>(null);
  /** A viewer: never changes anything. */
  viewerOnly = $derived(this.session ? !canEdit(this.session.role) : true);
  isFacilitator = $derived(this.session?.role === 'facilitator');
  participantId = $derived(this.session?.participantId ?? '');
  title = $derived(this.session?.board?.title ?? '');
  /** The board's canvases, the one in view and the facilitator's structure changes. */
  readonly canvases = new BoardCanvases(() => this.isFacilitator);
  /**
   * What this user may do on the canvas in view now: a participant is held by locks and the agenda's
   * phase (the server refuses the rest: shared/facilitation/canvasAccess.ts); a facilitator never.
   */
  access = $derived<CanvasAccess>(
    this.session?.role === 'participant'
      ? participantAccess(this.facilitation?.state ?? undefined, this.canvases.current?.id, this.facilitation?.now ?? 0)
      : { add: undefined, move: undefined },
  );
  /** Nothing on the canvas in view can be changed (role, lock, phase, time up). */
  readOnly = $derived(this.viewerOnly || this.access.move !== undefined);
  /** New notes (and scores) can be added to the canvas in view. */
  canAdd = $derived(!this.readOnly && this.access.add === undefined);
  /** The role canvas views see: a participant who may not add (score) now sees the canvas as a viewer does. */
  viewRole = $derived<Role>(this.session?.role === 'participant' && this.access.add !== undefined ? 'viewer' : (this.session?.role ?? 'viewer'));
  /** Private brainstorm (issue 10): this participant's hidden notes, the facilitator's switch and reveal. */
  readonly brainstorm: PrivateBrainstorm = new PrivateBrainstorm(this);

  private memory = new BrowserMemory();
  private renewTimer: ReturnType<typeof setTimeout> | undefined;
  private cleanups: Array<() => void> = [];
  private destroyed = false;
  private renewingAfterClose = false;
  private handledFatal: ConnectionSnapshot['fatal'] = null;
  private handledRetrying: ConnectionSnapshot['retrying'] = null;
  private handledRefused: ConnectionSnapshot['refused'] = null;
  /** The connection's `generation` the page is bound to (a refusal replaces its doc). */
  private generation = 0;
  /** Undo what binds to the connection's current doc and awareness. */
  private docCleanups: Array<() => void> = [];
  private lastRenewRetryAt = 0;

  constructor(readonly boardId: string) {
    this.rememberedName = this.memory.name();
  }

  /** Decides the first step from the address and what this browser remembers. */
  async start(): Promise<void> {
    if (!BOARD_ID_PATTERN.test(this.boardId)) {
      this.phase = { kind: 'error', error: 'not_found' };
      return;
    }
    const plan = planSession(tokenFromHash(location.hash), this.memory.session(this.boardId), Date.now());
    switch (plan.kind) {
      case 'ask-name':
        await this.checkToken(plan.token);
        return;
      case 'no-session':
        this.phase = { kind: 'error', error: 'no_session' };
        return;
      case 'use':
        this.open(plan.stored);
        return;
      case 'renew': {
        const renewed = await this.renew(plan.stored);
        if (renewed === 'rejected') return;
        this.open(renewed ?? plan.stored);
      }
    }
  }

  /**
   * Checks the link before asking for a name, so a wrong or outdated link fails before anyone types
   * (issue 8); the form then shows the board and role in the board's language. The facilitator who
   * just created the board in this browser joins with the name given on the home page.
   */
  private async checkToken(token: string): Promise<void> {
    let link: LinkInfo | null = null;
    try {
      link = await checkLink(this.boardId, token);
    } catch (e) {
      const err = asApiError(e);
      if (err.code === 'password_required') {
        this.phase = { kind: 'ask-password', token, busy: false, error: null };
        return;
      }
      if (err.code !== 'network' && FINAL_LINK_ERRORS.includes(err.code)) {
        this.phase = { kind: 'error', error: err.code };
        return;
      }
      // No answer (or a refusal that passes): the form still works; joining reports what is wrong.
    }
    if (this.destroyed) return;
    if (link) i18n.boardDefault = link.board.language;
    this.phase = { kind: 'ask-name', token, busy: false, link };
    const known = link?.role === 'facilitator' ? nameToJoinWith(token, this.memory.boardLinks(this.boardId), this.memory.name()) : null;
    if (known) await this.submitName(known);
  }

  /** Checks the link's password; right: on to the name form (issue 10). */
  async submitPassword(password: string): Promise<void> {
    if (this.phase.kind !== 'ask-password' || this.phase.busy || !password) return;
    const { token } = this.phase;
    this.phase = { kind: 'ask-password', token, busy: true, error: null };
    try {
      const link = await checkLink(this.boardId, token, password);
      if (this.destroyed) return;
      i18n.boardDefault = link.board.language;
      this.phase = { kind: 'ask-name', token, busy: false, link, password };
    } catch (e) {
      const err = asApiError(e);
      if (err.code !== 'network' && FINAL_LINK_ERRORS.includes(err.code)) this.phase = { kind: 'error', error: err.code };
      else this.phase = { kind: 'ask-password', token, busy: false, error: err.code === 'network' ? 'internal' : err.code };
    }
  }

  async submitName(name: string): Promise<void> {
    if (this.phase.kind !== 'ask-name' || this.phase.busy) return;
    const { token, link, password } = this.phase;
    const trimmed = name.trim();
    if (!trimmed) return;
    this.phase = { kind: 'ask-name', token, busy: true, link, password };
    try {
      const res = await createSession(this.boardId, token, trimmed, password);
      this.memory.saveName(trimmed);
      // The token has done its job: out of the address bar, the history and any screenshot.
      history.replaceState(history.state, '', location.pathname + location.search);
      this.open(this.remember(res));
    } catch (e) {
      const err = asApiError(e);
      if (err.code === 'password_required' || err.code === 'wrong_password') {
        // The password changed between the check and joining.
        this.phase = { kind: 'ask-password', token, busy: false, error: err.code };
      } else if (err.code !== 'network' && FINAL_LINK_ERRORS.includes(err.code)) {
        this.phase = { kind: 'error', error: err.code };
      } else {
        toasts.show(`error.${err.code}`, { detail: err.message });
        this.phase = { kind: 'ask-name', token, busy: false, link, password };
      }
    }
  }

  private remember(res: SessionResponse): StoredSession {
    const stored: StoredSession = { session: res.session, role: res.role, name: res.name, expiresAt: res.expiresAt, board: res.board };
    // The server assigns every session a participant id (issue 7); older servers send none.
    const participantId = (res as { participantId?: unknown }).participantId;
    if (typeof participantId === 'string') stored.participantId = participantId;
    this.memory.saveSession(this.boardId, stored);
    return stored;
  }

  /**
   * Renews a session. Returns the new one, null when the server could not be reached (keep using
   * the old one: the board works offline), or 'rejected' after showing the bad-link page.
   */
  private async renew(stored: StoredSession): Promise<StoredSession | null | 'rejected'> {
    try {
      const res = await renewSession(stored.session);
      const next = this.remember({ ...res, name: res.name || stored.name, board: res.board ?? stored.board!, ...participantIdOf(res, stored) });
      this.session = next;
      this.connection?.setSession(next.session);
      this.facilitation?.setSession(next.session);
      this.brainstorm.connection?.setSession(next.session);
      return next;
    } catch (e) {
      if (e instanceof ApiRequestError && (e.code === 'unauthorized' || e.code === 'not_found')) {
        this.memory.forgetSession(this.boardId);
        this.fail(e.code);
        return 'rejected';
      }
      return null;
    }
  }

  private scheduleRenewal(): void {
    clearTimeout(this.renewTimer);
    if (!this.session || this.destroyed) return;
    const current = this.session;
    this.renewTimer = setTimeout(async () => {
      const r = await this.renew(current);
      if (r !== 'rejected') {
        if (r === null) this.renewTimer = setTimeout(() => this.scheduleRenewal(), RENEW_OFFLINE_RETRY_MS);
        else this.scheduleRenewal();
      }
    }, renewalDelay(current.expiresAt, Date.now()));
  }

  private open(stored: StoredSession): void {
    if (this.destroyed) return;
    this.session = stored;
    const links = stored.role === 'facilitator' ? this.memory.boardLinks(this.boardId) : undefined;
    if (links?.participant) this.inviteLinks = { participant: links.participant, viewer: links.viewer };
    if (stored.board?.language) i18n.boardDefault = stored.board.language as Locale;
    const conn = new BoardConnection({
      boardId: this.boardId,
      session: stored.session,
      user: { name: stored.name, role: stored.role },
      // Notes made offline on a canvas that turned private meanwhile are refused on the board (issue 10).
      onDiscard: (doc, unsaved) => {
        const kept = this.brainstorm.keepRefusedNotes(doc, unsaved);
        if (kept > 0) toasts.notice('private.keptOffline', { count: kept });
      },
    });
    this.connection = conn;
    this.facilitation = new SessionChannel({
      session: stored.session,
      onSummon: (s) => this.summoned(s),
      onHandLowered: (l) => this.handLowered(l.by),
    });
    this.generation = 0;
    this.cleanups.push(conn.state.subscribe((s) => this.onStatus(s)));
    this.bindDoc(conn);
    this.scheduleRenewal();
    this.phase = { kind: 'ready' };
  }

  /** Listeners on the connection's doc and awareness, and the test hook: again after each refusal. */
  private bindDoc(conn: BoardConnection): void {
    let shown = '';
    // The first read of a fresh doc (also after a refusal replaced it) knows nobody yet: that is
    // not everybody leaving.
    let first = true;
    const onAwareness = () => {
      if (this.following !== null) this.goToCanvasOf(this.following);
      const list = participantsFrom(conn.awareness.getStates() as Map<number, Record<string, unknown>>, conn.doc.clientID);
      // Cursor moves change awareness ~20 times a second per user; the list only when people do.
      const key = JSON.stringify(list);
      if (key === shown) return;
      shown = key;
      // While this page is cut off, y-websocket drops everyone else's presence: nobody left then.
      if (this.status?.connection === 'live' && !first) {
        for (const gone of whoLeft(this.participants, list)) toasts.notice('presence.left', { name: gone.name });
      }
      first = false;
      this.participants = list;
    };
    const { awareness, doc } = conn;
    awareness.on('change', onAwareness);
    this.docCleanups.push(() => awareness.off('change', onAwareness));
    // A fresh awareness (after a refusal replaced the doc) keeps a raised hand up.
    if (this.handRaisedAt !== null) awareness.setLocalStateField('hand', this.handRaisedAt);
    onAwareness();
    const listed = doc.getMap(ROOT.participants);
    const onListed = () => (this.listed = listedParticipants(doc));
    listed.observe(onListed);
    this.docCleanups.push(() => listed.unobserve(onListed));
    onListed();
    const onNotes = () => {
      if (this.selection.length > 0) this.updateSelectionColor();
    };
    notesMap(doc).observeDeep(onNotes);
    this.docCleanups.push(() => notesMap(doc).unobserveDeep(onNotes), this.safeEditing.attach(conn), this.canvases.attach(conn));
    window.__board = { doc, provider: conn.provider, renderer: null, connection: conn };
  }

  /**
   * The server refused one of our updates and the connection replaced its copy of the board
   * (docs/api.md, "Write rules"): the board view mounts again on the fresh doc, which shows what
   * the server has.
   */
  private rebind(conn: BoardConnection): void {
    for (const c of this.docCleanups.splice(0)) c();
    this.selection = [];
    // Views read the doc when they mount: unmount them (a region view stops its renderer), then
    // mount them on the new one.
    this.phase = { kind: 'loading' };
    setTimeout(() => {
      if (this.destroyed || this.connection !== conn) return;
      this.bindDoc(conn);
      this.phase = { kind: 'ready' };
    }, 0);
  }

  private onStatus(s: ConnectionSnapshot): void {
    this.status = s;
    // Each refusal is handled once, however often the state is published afterwards.
    if (s.fatal && s.fatal !== this.handledFatal) {
      this.handledFatal = s.fatal;
      void this.onRefused(s.fatal.code, s.fatal.error);
    }
    // Refused for the network's connection count: the provider retries by itself; say why meanwhile.
    if (s.retrying && s.retrying !== this.handledRetrying) {
      this.handledRetrying = s.retrying;
      toasts.show(`error.${s.retrying.error}`);
    }
    if (s.connection === 'live') for (const key of PASSING_REFUSALS) toasts.hide(key);
    if (s.refused && s.refused !== this.handledRefused) {
      this.handledRefused = s.refused;
      toasts.show('error.forbidden_write');
    }
    if (this.connection && s.generation !== this.generation) {
      this.generation = s.generation;
      this.rebind(this.connection);
    }
  }

  /** The server closed the socket for good (44xx). */
  private async onRefused(code: number, error: ErrorCode): Promise<void> {
    const conn = this.connection;
    if (!conn) return;
    const now = Date.now();
    if (error === 'unauthorized' && this.session && !this.renewingAfterClose && now - this.lastRenewRetryAt > RENEW_RETRY_WINDOW_MS) {
      // Most often an expired session (laptop asleep): renew once and carry on. Once per window,
      // so a session the socket keeps refusing ends on the error page instead of in a loop.
      this.renewingAfterClose = true;
      this.lastRenewRetryAt = now;
      const r = await this.renew(this.session);
      this.renewingAfterClose = false;
      if (r && r !== 'rejected') conn.reconnect();
      else if (r === null) this.fail('unauthorized');
      return;
    }
    if (error === 'link_revoked' || error === 'removed') {
      // A facilitator ended this session (close 4410): it can never come back.
      this.memory.forgetSession(this.boardId);
      this.fail(error);
    } else if (error === 'unauthorized' || error === 'not_found') {
      this.fail(error);
    } else if (error === 'rate_limited' || error === 'session_connections') {
      toasts.show(`error.${error}`);
      setTimeout(() => !this.destroyed && conn.reconnect(), RATE_LIMIT_RETRY_MS);
    } else {
      toasts.show(`error.${error}`, { detail: String(code) });
    }
  }

  /** Raises or lowers this user's hand: a field of their own awareness state, so it goes when they do. */
  toggleHand(): void {
    this.setHand(this.handRaisedAt === null ? Date.now() : null);
  }

  /**
   * A facilitator lowers someone's raised hand, or (null) everyone's, their own included. Only each
   * client can write its own awareness, so the server relays it to theirs (`hand:lower`).
   */
  lowerHand(participantId: string | null): void {
    if (!this.isFacilitator) return;
    this.command({ type: 'hand:lower', participantId });
    // The server relays "all" to every socket but this one.
    if (participantId === null) this.setHand(null);
  }

  private handLowered(by: string): void {
    if (this.handRaisedAt === null) return;
    this.setHand(null);
    toasts.notice('participants.handLoweredBy', { name: by });
  }

  private setHand(at: number | null): void {
    this.handRaisedAt = at;
    this.connection?.awareness.setLocalStateField('hand', at);
  }

  /** A facilitator removes someone (issue 10): the server ends their sessions and marks them removed. */
  async removePerson(participantId: string, name: string): Promise<void> {
    if (!this.session || !this.isFacilitator) return;
    try {
      await removeParticipant(this.boardId, participantId, this.session.session);
      toasts.notice('participants.removedDone', { name });
    } catch (e) {
      const err = asApiError(e);
      toasts.show(`error.${err.code}`, { detail: err.message });
    }
  }

  private fail(error: ErrorCode | 'no_session'): void {
    this.teardown();
    this.phase = { kind: 'error', error };
  }

  /**
   * Starts the Konva renderer for one canvas with note regions (RegionCanvas calls it once its
   * container is in the DOM) and hands it to the toolbar. Returns what stops it: the view unmounts
   * when another canvas comes into view.
   */
  mountRenderer(container: HTMLDivElement, canvasId: string, template: Template): () => void {
    let stopped = false;
    let renderer: BoardRendererApi | null = null;
    const offs: Array<() => void> = [];
    const stop = () => {
      stopped = true;
      for (const off of offs) off();
      if (!renderer) return;
      const kept = renderer.keptCamera();
      if (kept) this.cameras.set(canvasId, kept);
      renderer.destroy();
      if (this.renderer === renderer) {
        this.renderer = null;
        this.selection = [];
        this.selectionColor = null;
        this.selectionSpoken = '';
        if (window.__board) window.__board.renderer = null;
      }
    };
    void loadRenderer().then((Renderer) => {
      if (stopped) return;
      const target = this.noteTarget();
      const r = target && this.startRenderer(Renderer, container, canvasId, template, target);
      if (!r) return;
      // Subscribed in the task that made it: the renderer reports its first zoom in a microtask.
      renderer = r;
      this.renderer = r;
      offs.push(
        r.on('selectionChange', (ids) => {
          this.selection = ids;
          this.updateSelectionColor();
          this.selectionSpoken = this.describeSelection(r, template, ids);
        }),
        r.on('zoomChange', (z) => (this.zoom = z)),
        r.on('followEnd', () => (this.following = null)),
        r.on('deleteNeedsConfirm', (request) => this.safeEditing.ask(request)),
        // The same notice with Undo as the outline's deletes (issue 8).
        r.on('notesDeleted', (notes) => this.safeEditing.offerUndo(notes)),
      );
      if (this.cursorsHidden) r.setCursorsHidden(true);
      if (this.following !== null) r.follow(this.following);
      if (window.__board) window.__board.renderer = r;
    });
    return stop;
  }

  /** Where this user's notes of the current canvas are written: the board, or their private document (issue 10). */
  private noteTarget(): NoteTarget | null {
    const conn = this.connection;
    if (!conn) return null;
    const privateNotes = this.brainstorm.notesDoc;
    return privateNotes ? { doc: privateNotes, origin: this.brainstorm.connection!.origin } : { doc: conn.doc, origin: conn.origin };
  }

  private startRenderer(Renderer: RendererConstructor | null, container: HTMLDivElement, canvasId: string, template: Template, target: NoteTarget): BoardRendererApi | null {
    const conn = this.connection;
    if (this.destroyed || !conn || !this.session) return null;
    if (!Renderer) {
      this.canvasUnavailable();
      return null;
    }
    try {
      return new Renderer({
        container,
        doc: target.doc,
        boardDoc: conn.doc,
        awareness: conn.awareness,
        canvasId,
        template,
        locale: i18n.current,
        readOnly: this.readOnly,
        userName: this.session.name,
        origin: target.origin,
        // The quadrant jump bar (FrameJump, ~62 px) floats over the bottom of the canvas view.
        bottomInset: 64,
        camera: this.cameras.get(canvasId),
      });
    } catch (e) {
      console.error('Konva renderer failed to start', e);
      this.canvasUnavailable();
      return null;
    }
  }

  private canvasUnavailable(): void {
    this.rendererMissing = true;
    this.view = 'outline';
  }

  /** Spoken feedback for a selection made by keyboard or pointer (issue 8): text, quadrant, place in the Tab order. */
  private describeSelection(r: BoardRendererApi, template: Template, ids: string[]): string {
    if (ids.length !== 1) return ids.length === 0 ? '' : t('canvas.selectedMany', { count: ids.length });
    const m = this.connection && notesMap(this.connection.doc).get(ids[0]);
    const place = r.readingPlace(ids[0]);
    if (!m || !place) return '';
    const frame = template.frames.find((f) => f.id === place.frameId);
    return t('canvas.selected', {
      text: readNote(ids[0], m).text.trim() || t('canvas.emptyNote'),
      frame: frame ? t(frame.labelKey) : t('outline.other'),
      n: place.index,
      total: place.total,
    });
  }

  private updateSelectionColor(): void {
    const notes = this.connection ? notesMap(this.connection.doc) : null;
    const colors = new Set<NoteColor>();
    for (const id of this.selection) {
      const m = notes?.get(id);
      if (m) colors.add(readNote(id, m).color);
    }
    this.selectionColor = colors.size === 1 ? [...colors][0] : null;
  }

  // Toolbar actions. Every document change carries the connection's origin (per-user undo).

  addNote(): void {
    if (!this.canAdd || !this.connection) return;
    if (this.view === 'canvas') {
      // No renderer: the canvas's notes are not in sight (a 7S tab without them), so nothing to add to.
      this.renderer?.addNote();
      return;
    }
    const first = this.canvases.currentFrames[0];
    if (first) this.addNoteToFrame(first.id);
  }

  /**
   * Where this user's new note on `canvasId` goes: on a private canvas this participant's private
   * document (issue 10; the server refuses their new notes on the board there), else the board.
   */
  noteConnection(canvasId: string | undefined): BoardConnection | null {
    const canvas = this.canvases.all.find((c) => c.id === canvasId);
    return (canvas && this.brainstorm.connectionOn(canvas)) ?? this.connection;
  }

  /** Adds a note to a region of a canvas (the current one by default) at its first free slot. */
  addNoteToFrame(frameId: string, canvasId = this.canvases.current?.id): void {
    const conn = this.connection;
    const canvas = this.canvases.all.find((c) => c.id === canvasId);
    const layout = canvas && canvasKind(canvas.kind)?.layout;
    if (!this.canAdd || !conn || !this.session || !canvas || !layout) return;
    const frame = layout.frames.find((f) => f.id === frameId) ?? layout.frames[0];
    if (!frame) return;
    const target = this.noteConnection(canvas.id) ?? conn;
    const { x, y } = freeSlot(target.doc, layout, frame.id, canvas.id);
    const id = createNote(target.doc, { canvas: canvas.id, frame: frame.id, x, y, color: frame.defaultNoteColor, author: this.session.name }, target.origin);
    this.outlineFocus = { id, field: 'text' };
  }

  /** Following someone on another canvas brings that canvas into view (their renderer coordinates are its own). */
  private goToCanvasOf(clientId: number): void {
    const state = this.connection?.awareness.getStates().get(clientId) as { canvas?: unknown } | undefined;
    const canvas = state?.canvas;
    if (typeof canvas !== 'string' || canvas === this.canvases.current?.id) return;
    if (visibleCanvases(this.canvases.all).some((c) => c.id === canvas)) this.canvases.select(canvas);
  }

  tidyUp(): void {
    if (!this.readOnly) this.renderer?.tidyUp();
  }

  setColor(color: NoteColor): void {
    if (!this.readOnly) this.renderer?.setSelectedColor(color);
  }

  deleteSelected(): void {
    if (!this.readOnly) this.renderer?.deleteSelected();
  }

  duplicateSelected(): void {
    if (this.canAdd) this.renderer?.duplicateSelected();
  }

  undo(): void {
    if (!this.readOnly) this.connection?.undo();
  }

  redo(): void {
    if (!this.readOnly) this.connection?.redo();
  }

  zoomIn(): void {
    this.renderer?.zoomBy(1.25);
  }

  zoomOut(): void {
    this.renderer?.zoomBy(0.8);
  }

  zoomFit(): void {
    this.renderer?.zoomToFit();
  }

  /** Shows one frame (quadrant) filling the canvas: on a phone only one quadrant at a time is readable. */
  zoomToFrame(frameId: string): void {
    this.renderer?.zoomToFrame(frameId);
  }

  exportPng(): void {
    if (!this.renderer) return;
    // The renderer draws the current canvas only: its name goes into the file's.
    const canvas = this.canvases.current ? canvasTitle(this.canvases.current, i18n.current) : '';
    downloadDataUrl(this.renderer.toPNG(2), fileNameFor([this.title || t('app.name'), canvas].filter(Boolean).join(' - '), 'png'));
  }

  toggleCursors(): void {
    this.cursorsHidden = !this.cursorsHidden;
    this.renderer?.setCursorsHidden(this.cursorsHidden);
  }

  follow(clientId: number | null): void {
    const next = this.following === clientId ? null : clientId;
    this.following = next;
    if (next !== null) {
      this.view = 'canvas';
      this.goToCanvasOf(next);
    }
    this.renderer?.follow(next);
  }

  /** A facilitator's command over the session channel; the server answers (its errors come as toasts). */
  command(cmd: SessionCommand): void {
    void this.facilitation?.send(cmd);
  }

  /** The board at each phase change (facilitator), for the agenda dialog; [] when they cannot be read. */
  async phaseSnapshots(): Promise<PhaseSnapshotSummary[]> {
    if (!this.session) return [];
    try {
      return await listPhaseSnapshots(this.boardId, this.session.session);
    } catch (e) {
      const err = asApiError(e);
      toasts.show(`error.${err.code}`, { detail: err.message });
      return [];
    }
  }

  /** Restores a phase snapshot as a new board, remembered like one created here, and opens it in a new tab. */
  async restoreSnapshot(snapshotId: string): Promise<void> {
    if (!this.session) return;
    try {
      const res = await restorePhaseSnapshot(this.boardId, snapshotId, this.session.session);
      this.memory.rememberBoard({ id: res.id, title: res.title, facilitatorLink: res.links.facilitator, createdAt: Date.now(), links: res.links });
      toasts.notice('agenda.restored', { title: res.title });
      window.open(res.links.facilitator, '_blank', 'noopener');
    } catch (e) {
      const err = asApiError(e);
      toasts.show(`error.${err.code}`, { detail: err.message });
    }
  }

  /** "Everyone to me": the others come to the canvas in view and follow this user's view. */
  summonEveryone(): void {
    const canvas = this.canvases.current;
    if (!canvas || !this.connection) return;
    this.command({ type: 'summon', canvasId: canvas.id, clientId: this.connection.awareness.clientID });
  }

  /** The facilitator brought everyone to their view: go there and follow them until this user moves. */
  private summoned(s: Summon): void {
    this.view = 'canvas';
    if (visibleCanvases(this.canvases.all).some((c) => c.id === s.canvasId)) this.canvases.select(s.canvasId);
    if (s.clientId !== null && s.clientId !== this.connection?.awareness.clientID) {
      this.following = s.clientId;
      this.renderer?.follow(s.clientId);
    }
    toasts.notice('facilitation.summoned', { name: s.by });
  }

  setView(view: BoardView): void {
    this.view = view;
  }

  setLocale(locale: Locale): void {
    this.renderer?.setLocale(locale);
  }

  private teardown(): void {
    clearTimeout(this.renewTimer);
    for (const c of this.cleanups) c();
    this.cleanups = [];
    for (const c of this.docCleanups.splice(0)) c();
    this.renderer?.destroy();
    this.renderer = null;
    this.connection?.destroy();
    this.connection = null;
    this.facilitation?.destroy();
    this.facilitation = null;
    this.brainstorm.destroy();
    if (typeof window !== 'undefined') delete window.__board;
  }

  destroy(): void {
    this.destroyed = true;
    this.teardown();
    i18n.boardDefault = undefined;
  }
}

/** The participant id of a renewed session: the server's answer, else the one it gave before. */
function participantIdOf(res: SessionResponse, stored: StoredSession): { participantId?: string } {
  const fresh = (res as { participantId?: unknown }).participantId;
  const id = typeof fresh === 'string' ? fresh : stored.participantId;
  return id === undefined ? {} : { participantId: id };
}


