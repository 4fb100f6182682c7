// What one connection may cost the server per second, charged by work done rather than by message
// count (issue 6: 400 tiny sync requests from a viewer produced 648 MB of replies). A message costs
// one point plus one per 64 KiB it carries or makes the server send; the budget refills continuously.
//
// A token bucket of its own, not rate-limiter-flexible: it is checked synchronously on every frame
// (the async limiter put a promise on the hot path of every edit), and a per-connection budget never
// needs a shared store, even with several instances (the connection lives on one of them).
export const BYTES_PER_POINT = 64 * 1024;

export class ConnectionBudget {
  private points: number;
  private updatedAt: number;

  /**
   * @param perSecond points refilled per second
   * @param burst the most points that can be saved up (a reconnecting client's first burst)
   */
  constructor(
    private readonly perSecond: number,
    private readonly burst: number = perSecond,
    private readonly now: () => number = performance.now.bind(performance),
  ) {
    this.points = burst;
    this.updatedAt = this.now();
  }

  /** Takes the cost of a message of `bytes`; false when the budget is spent (the caller refuses). */
  take(bytes = 0): boolean {
    this.refill();
    this.points -= 1 + bytes / BYTES_PER_POINT;
    return this.points >= 0;
  }

  /** Charges work already done (bytes sent in reply): the next message pays for it. */
  charge(bytes: number): void {
    this.points -= bytes / BYTES_PER_POINT;
  }

  private refill(): void {
    const t = this.now();
    this.points = Math.min(this.burst, this.points + ((t - this.updatedAt) / 1000) * this.perSecond);
    this.updatedAt = t;
  }
}
