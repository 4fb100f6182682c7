// Rate limiting for presence: cursors, live drags and viewports go out a few dozen times a second at most.

/** Creates a throttled caller: runs at most every `ms`, always delivering the latest arguments last. */
export function throttle<A extends unknown[]>(fn: (...args: A) => void, ms: number, now: () => number = () => Date.now()) {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: A | undefined;
  const run = () => {
    timer = undefined;
    last = now();
    const args = pending!;
    pending = undefined;
    fn(...args);
  };
  const call = (...args: A) => {
    pending = args;
    if (timer !== undefined) return;
    const wait = last + ms - now();
    if (wait <= 0) run();
    else timer = setTimeout(run, wait);
  };
  /** Drops a pending call (e.g. a drag position queued after the drop). */
  call.cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    pending = undefined;
  };
  /** Runs a pending call now. */
  call.flush = () => {
    if (timer !== undefined) {
      clearTimeout(timer);
      run();
    }
  };
  return call;
}
