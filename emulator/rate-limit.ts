// Sync's write limit per object: about `perSecond` writes a second, bursts averaged over a
// window (20/s over 10 s per Twilio's "Sync limits"), i.e. at most perSecond × window writes in
// any window. Measured on real time, not the emulator's movable clock: a clock moved a day
// forward must not make a burst legal.

export interface RateLimitOptions {
  perSecond: number;
  windowSeconds: number;
  now?: () => number;
}

export class WindowRateLimit {
  private readonly writes = new Map<string, number[]>();
  private readonly now: () => number;

  constructor(private readonly options: RateLimitOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  /** Counts one write to `object`; returns 0 when allowed, else ms until one would be. */
  take(object: string): number {
    const now = this.now();
    const windowMs = this.options.windowSeconds * 1000;
    const allowed = Math.max(1, Math.floor(this.options.perSecond * this.options.windowSeconds));
    const times = this.writes.get(object) ?? [];
    let expired = 0;
    while (expired < times.length && (times[expired] ?? 0) <= now - windowMs) expired++;
    if (expired > 0) times.splice(0, expired);
    if (times.length >= allowed) return Math.max(1, (times[0] ?? now) + windowMs - now);
    times.push(now);
    this.writes.set(object, times);
    return 0;
  }

  forget(object: string): void {
    this.writes.delete(object);
  }
}
