// The frequency cap: at most N messages per recipient per local day. Pure: the messages already
// scheduled (their send instants) and the candidates are arguments; days are the recipient's
// calendar days in `zone`.
import type { TimeZone } from './time-zone';
import { wallTimeAt } from './wall-clock';

/** `2026-12-05`: the calendar day of `instant` in `zone`. */
export function localDay(instant: number, zone: TimeZone): string {
  const { year, month, day } = wallTimeAt(instant, zone);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Which candidates fit under the cap, in the order given (earlier candidates are kept first):
 * true for one that fits. `existing` counts against every day it falls on.
 */
export function fitsUnderCap(
  candidates: readonly number[],
  existing: readonly number[],
  zone: TimeZone,
  maxPerDay: number,
): boolean[] {
  const counts = new Map<string, number>();
  for (const instant of existing) {
    const day = localDay(instant, zone);
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  return candidates.map((instant) => {
    const day = localDay(instant, zone);
    const count = counts.get(day) ?? 0;
    if (count >= maxPerDay) return false;
    counts.set(day, count + 1);
    return true;
  });
}
