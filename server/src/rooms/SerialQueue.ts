// Runs async tasks one after another. A room's messages must be handled in arrival order even
// though storage is async: an update may only be applied after the ones before it are stored.
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly onError: (err: unknown) => void) {}

  /** Queues a task; the returned promise settles when it has run (it never rejects). */
  push(task: () => Promise<void> | void): Promise<void> {
    const run = this.tail.then(task).catch(this.onError);
    this.tail = run;
    return run;
  }

  /** Settles once every task queued so far has run. */
  drain(): Promise<void> {
    return this.tail;
  }
}
