// One bounded worker pool: at most `concurrency` tasks at once, none started with less than
// `reserveMs` of the budget left. Items can be added while it runs (a scan feeding cancels);
// what was not started is handed back, so the caller can say so.
import { type Budget, remaining } from './budget';

export class BoundedPool<T> {
  private readonly waiting: T[] = [];
  private readonly running = new Set<Promise<void>>();
  private outOfTime = false;

  constructor(
    private readonly concurrency: number,
    private readonly budget: Budget & { reserveMs: number },
    private readonly task: (item: T) => Promise<void>,
  ) {}

  /** Adds items and starts what fits. */
  add(...items: T[]): void {
    this.waiting.push(...items);
    this.pump();
  }

  /** True once an item could not be started for lack of time: nothing more will start. */
  get stopped(): boolean {
    return this.outOfTime;
  }

  /** Waits until at most `max` items wait (or nothing runs, or time is up): read-ahead room. */
  async room(max: number): Promise<void> {
    while (this.waiting.length > max && this.running.size > 0 && !this.outOfTime) {
      await Promise.race(this.running);
    }
  }

  /** Runs to the end (or the budget); returns the items never started, in order. */
  async drain(): Promise<T[]> {
    while (this.running.size > 0) await Promise.all(this.running);
    return [...this.waiting];
  }

  private pump(): void {
    while (this.running.size < this.concurrency && this.waiting.length > 0 && !this.outOfTime) {
      if (remaining(this.budget) < this.budget.reserveMs) {
        this.outOfTime = true;
        return;
      }
      const item = this.waiting.shift() as T;
      const run: Promise<void> = this.task(item).finally(() => {
        this.running.delete(run);
        this.pump();
      });
      this.running.add(run);
    }
  }
}

/** Runs `task` over `items` in a bounded pool; returns the items never started. */
export async function runBounded<T>(
  items: readonly T[],
  concurrency: number,
  budget: Budget & { reserveMs: number },
  task: (item: T) => Promise<void>,
): Promise<{ notStarted: T[] }> {
  const pool = new BoundedPool(concurrency, budget, task);
  pool.add(...items);
  return { notStarted: await pool.drain() };
}
