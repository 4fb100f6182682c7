// The board's session channel (issue 10): the socket.io connection that brings the facilitation
// state (agenda, current phase, timer, locks), "everyone to me" and lowered hands, and carries the
// facilitator's commands. The state is the server's; this class only mirrors it (the highest revision heard) and
// keeps a clock for the countdown, which every browser runs by itself: no tick is ever sent.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, CommandAck, HandLowered, ServerToClientEvents, Summon } from '$shared/protocol.ts';
import type { SessionState } from '$shared/facilitation/sessionState.ts';
import type { SessionCommand } from '$shared/facilitation/sessionCommands.ts';
import type { MyVotes } from '$shared/facilitation/dotVotes.ts';
import { toasts } from '../toast.svelte.ts';

type ChannelSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The countdown's redraw rate while a timer runs (a local timer: nothing goes over the network). */
const TICK_MS = 250;

export interface SessionChannelOptions {
  session: string;
  onSummon: (summon: Summon) => void;
  /** A facilitator lowered this user's raised hand (or everyone's). */
  onHandLowered: (lowered: HandLowered) => void;
  /** Origin of the server; defaults to this page's. */
  url?: string;
}

export class SessionChannel {
  state = $state<SessionState | null>(null);
  connected = $state(false);
  /** The server's clock as this browser sees it: `Date.now() + offset` (from `ping`), refreshed while a timer runs. */
  now = $state(Date.now());
  /** This user's own dots in the current voting phase, as the server has them. */
  mine = $state<MyVotes | null>(null);
  private offset = 0;
  private readonly socket: ChannelSocket;
  private ticker: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly opts: SessionChannelOptions) {
    this.socket = io(opts.url ?? '', { path: '/socket.io', auth: { session: opts.session }, transports: ['websocket', 'polling'] });
    this.socket.on('connect', () => {
      this.connected = true;
      this.syncClock();
    });
    this.socket.on('disconnect', () => (this.connected = false));
    this.socket.on('session:state', (s) => {
      if (this.state && s.revision < this.state.revision) return;
      this.state = s;
      this.updateTicker();
    });
    this.socket.on('session:summon', (s) => opts.onSummon(s));
    this.socket.on('hand:lowered', (l) => opts.onHandLowered(l));
    this.socket.on('vote:mine', (m) => (this.mine = m));
    this.socket.on('error', (e) => {
      // rate_limited / unauthorized end the socket; the board's own connection says why already.
      if (e.error === 'vote_limit') toasts.notice('error.vote_limit', {});
      else if (e.error === 'forbidden' || e.error === 'bad_request' || e.error === 'internal') toasts.show(`error.${e.error}`, { detail: e.message });
    });
  }

  /** Sends a facilitator's command; resolves with the server's answer (its `error` event shows a toast). */
  send(cmd: SessionCommand): Promise<CommandAck> {
    return new Promise((resolve) => this.socket.emit('session:command', cmd, resolve));
  }

  /** One dot more (+1) or less (-1) on a note; over the budget the server says no (a toast). */
  vote(noteId: string, delta: 1 | -1): Promise<CommandAck> {
    return new Promise((resolve) => this.socket.emit('vote:cast', { noteId, delta }, resolve));
  }

  /** A new session string (renewal): the next reconnect uses it. */
  setSession(session: string): void {
    this.socket.auth = { session };
  }

  destroy(): void {
    clearInterval(this.ticker);
    this.socket.close();
  }

  /** One round trip: the server's time at the midpoint gives the offset of this browser's clock. */
  private syncClock(): void {
    const sent = Date.now();
    this.socket.emit('ping', (serverTime) => {
      const received = Date.now();
      this.offset = serverTime - (sent + received) / 2;
      this.now = Date.now() + this.offset;
    });
  }

  private updateTicker(): void {
    this.now = Date.now() + this.offset;
    const running = this.state?.timer.state === 'running';
    if (running && !this.ticker) this.ticker = setInterval(() => (this.now = Date.now() + this.offset), TICK_MS);
    if (!running && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
  }
}
