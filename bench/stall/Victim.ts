// The stall bench's side of the victim process (victimMain.ts).
import type { ChildProcess } from 'node:child_process';
import { benchPath, forkTs, stopChild, waitForMessage } from '../childProcess.ts';
import type { FromVictim, ToVictim, VictimStatus } from './messages.ts';

type Reply<T extends FromVictim['type']> = Extract<FromVictim, { type: T }>;

export class Victim {
  private constructor(private readonly child: ChildProcess) {}

  /** Starts the process, connects writer and reader to the board and starts editing. */
  static async start(start: Omit<Extract<ToVictim, { type: 'start' }>, 'type'>): Promise<Victim> {
    const child = forkTs(benchPath('./stall/victimMain.ts'));
    const victim = new Victim(child);
    try {
      await waitForMessage(child, (m): m is Reply<'ready'> => m?.type === 'ready', 30_000, 'victim start');
      await victim.request({ type: 'start', ...start }, 'started', 60_000);
    } catch (err) {
      await stopChild(child);
      throw err;
    }
    return victim;
  }

  /** The sequence number of the next edit. */
  async mark(): Promise<number> {
    return (await this.request({ type: 'mark' }, 'mark')).seq;
  }

  status(): Promise<VictimStatus> {
    return this.request({ type: 'status' }, 'status');
  }

  samples(from: number, to: number): Promise<Reply<'samples'>> {
    return this.request({ type: 'samples', from, to }, 'samples');
  }

  stop(): Promise<void> {
    return stopChild(this.child);
  }

  private async request<T extends FromVictim['type']>(m: ToVictim, reply: T, timeoutMs = 10_000): Promise<Reply<T>> {
    const got = waitForMessage(this.child, (r): r is Reply<T> | Reply<'error'> => r?.type === reply || r?.type === 'error', timeoutMs, `victim ${reply}`);
    this.child.send(m);
    const r = await got;
    if (r.type === 'error') throw new Error(`victim: ${(r as Reply<'error'>).message}`);
    return r as Reply<T>;
  }
}
