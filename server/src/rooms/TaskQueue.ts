// Runs a room's tasks one after another, in order: an update may only be applied after the ones
// before it are stored, and storage may be async (PostgreSQL later).
//
// Issue 6: the first version chained every task on a promise, so a long queue (400 sync requests
// from one viewer) ran as one unbroken chain of microtasks and no other board was served for 18-35 s.
// This queue runs a task synchronously when it can (the common case: an idle board and SQLite, which
// commits synchronously), waits only for tasks that return a promise, and gives the event loop back
// (setImmediate) once it has worked for a time slice, so one board cannot starve the others.
export type Task = () => void | Promise<void>;

/** Continuous work after which the queue yields: well under a frame, so other boards keep flowing. */
const DEFAULT_SLICE_MS = 5;

/**
 * Work done by every queue since the event loop last turned. All boards share one thread: a flood
 * of small frames arrives in one socket read, each frame finds its queue idle and runs at once, so
 * a slice per queue alone would let 200 of them (60 ms) run back to back.
 */
let turnWorkMs = 0;
let turnResetScheduled = false;

function addTurnWork(ms: number): void {
  turnWorkMs += ms;
  if (turnResetScheduled) return;
  turnResetScheduled = true;
  setImmediate(() => {
    turnWorkMs = 0;
    turnResetScheduled = false;
  });
}

export class TaskQueue {
  private tasks: Task[] = [];
  private head = 0;
  private busy = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly onError: (err: unknown) => void,
    private readonly sliceMs = DEFAULT_SLICE_MS,
  ) {}

  get idle(): boolean {
    return !this.busy;
  }

  /** Queues a task; when the queue is idle it runs now, before push returns (if it is synchronous). */
  push(task: Task): void {
    this.tasks.push(task);
    if (this.busy) return;
    if (turnWorkMs < this.sliceMs) return this.run();
    this.busy = true;
    setImmediate(() => this.run());
  }

  /** Settles once the queue is empty (every task pushed before and meanwhile has run). */
  drain(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private run(): void {
    this.busy = true;
    while (this.head < this.tasks.length) {
      const task = this.tasks[this.head];
      this.tasks[this.head++] = undefined as unknown as Task; // let it be collected
      const started = performance.now();
      let result: void | Promise<void> = undefined;
      try {
        result = task();
      } catch (err) {
        this.onError(err);
      }
      addTurnWork(performance.now() - started);
      if (result instanceof Promise) {
        result.catch(this.onError).then(() => this.run());
        return;
      }
      if (turnWorkMs >= this.sliceMs && this.head < this.tasks.length) {
        setImmediate(() => this.run());
        return;
      }
    }
    this.tasks = [];
    this.head = 0;
    this.busy = false;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
