// Which weekday an instant falls on in a zone, and the next day that is not quiet. Read from the
// zone's wall clock (wall-clock.ts, offsets remembered), not with date-fns' tz() context, which
// builds a TZDate and asks ICU afresh on every call: a series over 42 zones asks thousands of times.
import { dayNumber, weekdayOf } from './civil-date';
import type { QuietDays, Weekday } from './quiet-days';
import type { TimeZone } from './time-zone';
import { instantOf, wallTimeAt } from './wall-clock';

/** The weekday the calendar of `zone` shows at `instant`, whatever the host's zone. */
export function weekdayIn(instant: number, zone: TimeZone): Weekday {
  const wall = wallTimeAt(instant, zone);
  return weekdayOf(dayNumber(wall.year, wall.month, wall.day));
}

export const isQuietDay = (instant: number, days: QuietDays, zone: TimeZone): boolean =>
  days.has(weekdayIn(instant, zone));

/**
 * `instant` itself when its day in `zone` is not quiet, else the start of the next day that is
 * not: its local midnight, or the first instant of that day when a DST change skips midnight.
 * Infinity when every weekday is quiet (only a hand-built set can be).
 */
export function endOfQuietDays(instant: number, days: QuietDays, zone: TimeZone): number {
  if (!isQuietDay(instant, days, zone)) return instant;
  const today = wallTimeAt(instant, zone);
  for (let ahead = 1; ahead <= 7; ahead++) {
    // Day overflow rolls over (wall-clock.ts), and instantOf resolves the wall time without
    // TZDate, whose wall-time constructor depends on the host's zone (date-fns/tz#40).
    const start = instantOf(
      { ...today, day: today.day + ahead, hour: 0, minute: 0, second: 0 },
      zone,
    );
    if (!isQuietDay(start, days, zone)) return start;
  }
  return Number.POSITIVE_INFINITY;
}

/** Days looked ahead for one that is quiet in none of the zones: two weeks, past any rule. */
const LOOK_AHEAD_DAYS = 14;

/**
 * `instant` itself when its day is quiet in none of `zones`, else the same wall-clock time in
 * `zone` on the next day that is quiet in none of them (a time in a DST gap moves forward by
 * it). Null when there is no such day within two weeks (every weekday quiet somewhere).
 */
export function sameTimeOffQuietDays(
  instant: number,
  days: QuietDays,
  zones: readonly TimeZone[],
  zone: TimeZone,
): number | null {
  const quiet = (at: number) => zones.some((z) => isQuietDay(at, days, z));
  if (!quiet(instant)) return instant;
  const wall = wallTimeAt(instant, zone);
  for (let ahead = 1; ahead <= LOOK_AHEAD_DAYS; ahead++) {
    const next = instantOf({ ...wall, day: wall.day + ahead }, zone);
    if (!quiet(next)) return next;
  }
  return null;
}
