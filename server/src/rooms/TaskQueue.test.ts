import { describe, expect, it } from 'vitest';
import { TaskQueue } from './TaskQueue.ts';

describe('TaskQueue', () => {
  it('runs tasks in order, synchronously while they are synchronous and the queue was idle', () => {
    const q = new TaskQueue(() => {});
    const ran: number[] = [];
    q.push(() => void ran.push(1));
    q.push(() => void ran.push(2));
    expect(ran).toEqual([1, 2]);
  });

  it('waits for a task that returns a promise before the next one', async () => {
    const q = new TaskQueue(() => {});
    const ran: string[] = [];
    let release!: () => void;
    q.push(() => new Promise<void>((r) => (release = r)).then(() => void ran.push('slow')));
    q.push(() => void ran.push('next'));
    expect(ran).toEqual([]);
    release();
    await q.drain();
    expect(ran).toEqual(['slow', 'next']);
  });

  it('gives the event loop back during a long queue, so other boards are served (issue 6)', async () => {
    const q = new TaskQueue(() => {}, 5);
    let done = 0;
    let doneWhenTimerRan = -1;
    setTimeout(() => (doneWhenTimerRan = done), 0);
    // Hold the queue with a promise so the following work queues up, then 100 tasks of ~1 ms each.
    let release!: () => void;
    q.push(() => new Promise<void>((r) => (release = r)));
    for (let i = 0; i < 100; i++) {
      q.push(() => {
        const until = performance.now() + 1;
        while (performance.now() < until);
        done++;
      });
    }
    release();
    await q.drain();
    expect(done).toBe(100);
    expect(doneWhenTimerRan).toBeGreaterThanOrEqual(0);
    expect(doneWhenTimerRan).toBeLessThan(100);
  });

  it('shares one time slice between queues: a burst of frames for idle boards does not run back to back', async () => {
    const queues = [new TaskQueue(() => {}, 5), new TaskQueue(() => {}, 5)];
    let done = 0;
    // 100 frames of ~1 ms arriving in one socket read, each finding its board's queue idle.
    for (let i = 0; i < 100; i++) {
      queues[i % 2].push(() => {
        const until = performance.now() + 1;
        while (performance.now() < until);
        done++;
      });
    }
    const ranAtOnce = done;
    await Promise.all(queues.map((q) => q.drain()));
    expect(done).toBe(100);
    expect(ranAtOnce).toBeLessThan(20);
  });

  it('reports a failing task and goes on with the next', async () => {
    const errors: unknown[] = [];
    const q = new TaskQueue((err) => errors.push(err));
    const ran: number[] = [];
    q.push(() => {
      throw new Error('boom');
    });
    q.push(() => Promise.reject(new Error('async boom')));
    q.push(() => void ran.push(3));
    await q.drain();
    expect(errors).toHaveLength(2);
    expect(ran).toEqual([3]);
  });
});
