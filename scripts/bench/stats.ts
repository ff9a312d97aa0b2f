// The statistics the bench reports: nearest-rank percentiles and medians, and a seeded
// bootstrap interval for a difference of medians (the same interval on every run).

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

/** Nearest-rank percentile, p in [0, 1]. */
export function percentile(values: number[], p: number): number {
  const s = sorted(values);
  if (s.length === 0) return Number.NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] as number;
}

export const median = (values: number[]) => percentile(values, 0.5);

/** A small seeded generator, so that the bootstrap below gives the same interval every time. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 95% bootstrap interval of median(a) - median(b). */
export function medianDifferenceInterval(a: number[], b: number[]): [number, number] {
  const random = seeded(20261126);
  const resample = (values: number[]) =>
    values.map(() => values[Math.floor(random() * values.length)] as number);
  const differences: number[] = [];
  for (let i = 0; i < 2_000; i++) differences.push(median(resample(a)) - median(resample(b)));
  return [percentile(differences, 0.025), percentile(differences, 0.975)];
}
