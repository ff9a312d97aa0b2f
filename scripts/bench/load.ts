// A bounded load generator for the end-to-end figures: workers send until a count or a time
// limit is reached, and every latency is kept.
import { performance } from 'node:perf_hooks';

export interface LoadFigures {
  requests: number;
  errors: number;
  perSecond: number;
  latencies: number[];
}

/**
 * `concurrency` workers send requests until `count` have started or `maxMs` has passed.
 * `between` runs every 256 answers (the emulator's store is emptied there).
 */
export async function drive(
  send: () => Promise<boolean>,
  concurrency: number,
  count: number,
  maxMs: number,
  between: () => void,
): Promise<LoadFigures> {
  const latencies: number[] = [];
  let started = 0;
  let errors = 0;
  const t0 = performance.now();
  const until = t0 + maxMs;
  const worker = async () => {
    while (started < count && performance.now() < until) {
      started++;
      const t = performance.now();
      let good = false;
      try {
        good = await send();
      } catch {
        good = false;
      }
      latencies.push(performance.now() - t);
      if (!good) errors++;
      if (latencies.length % 256 === 0) between();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = performance.now() - t0;
  return {
    requests: latencies.length,
    errors,
    perSecond: (latencies.length / elapsed) * 1000,
    latencies,
  };
}

export function merge(runs: LoadFigures[]): LoadFigures {
  const latencies = runs.flatMap((r) => r.latencies);
  const seconds = runs.reduce((sum, r) => sum + r.requests / r.perSecond, 0);
  return {
    requests: latencies.length,
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    perSecond: latencies.length / seconds,
    latencies,
  };
}
