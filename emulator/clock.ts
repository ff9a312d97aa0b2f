// The emulator's clock: real time (or a clock a test supplies) plus an offset that only moves
// forward when asked, so a person or a test can watch a reminder due in a week go out now.

export type Instant = number | Date;

export class MovableClock {
  private offsetMs = 0;
  private readonly listeners = new Set<(now: number) => void>();

  /** `source` is the time the offset is added to: the real clock unless a test freezes it. */
  constructor(private readonly source: () => number = Date.now) {}

  now(): number {
    return this.source() + this.offsetMs;
  }

  /** How far ahead of its source the clock has been moved, in ms. */
  get offset(): number {
    return this.offsetMs;
  }

  /** Moves the clock forward by `ms` (never back: messages already sent stay sent). */
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('The clock only moves forward.');
    this.offsetMs += ms;
    return this.moved();
  }

  /** Puts the clock at `instant`, forward or back (tests only; the HTTP API refuses going back). */
  set(instant: Instant): number {
    const target = typeof instant === 'number' ? instant : instant.getTime();
    if (!Number.isFinite(target)) throw new RangeError('Not a valid instant.');
    this.offsetMs += target - this.now();
    return this.moved();
  }

  /** Called after every move, with the new time; returns a function that unsubscribes. */
  onMove(listener: (now: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private moved(): number {
    const now = this.now();
    for (const listener of this.listeners) listener(now);
    return now;
  }
}
