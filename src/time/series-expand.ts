// Expanding a rule into the instants to send at, in the wall clock of a zone. Pure: the zone and
// the start are arguments. Quiet hours, quiet days and Twilio's window are applied by the caller,
// to each occurrence on its own, so one moved by quiet hours never shifts the ones after it.
//
// Our own expander rather than a library. `rrule` (jkbrzt/rrule) returns "UTC" dates meant to be
// read as local ones (its README says so) and its TZID results depend on the host's zone; issues
// #295, #358, #474 and #617 there (wrong instants around DST or with TZID) were open when checked.
// `rrule-temporal` computes in Temporal.ZonedDateTime, but Node 20/22 have no Temporal, so every
// bundle would carry a Temporal polyfill for the three frequencies we support. The tests hold
// this expander against `rrule` read through the wall clock (test/series-oracle.test.ts).
// Each occurrence's wall time is resolved with instantOf, never with TZDate (date-fns/tz #40).
import { ok, type Result } from '../core/errors';
import { civilDate, dayNumber } from './civil-date';
import { countTooLong, noDate, tooMany, untilTooFar } from './repeat-errors';
import { MAX_OCCURRENCES, MAX_SPAN_DAYS, type RepeatRule } from './repeat-rule';
import { period } from './series-calendar';
import type { TimeZone } from './time-zone';
import { instantOf, type WallTime, wallTimeAt } from './wall-clock';

interface Found {
  instants: number[];
  /** The first occurrence's date, as a day number: the 366 days count from it. */
  firstDay?: number;
}

function expand(
  first: number,
  rule: RepeatRule,
  zone: TimeZone,
  limit: number,
  asked: WallTime,
): Found {
  const startDay = dayNumber(asked.year, asked.month, asked.day);
  const start = civilDate(startDay);
  const max = Math.min(limit, rule.count ?? limit);
  const found: Found = { instants: [] };
  // Until the first occurrence is found, how far to look for it; then its date + 366 days.
  let lastDay = startDay + MAX_SPAN_DAYS;
  for (let k = 0; ; k++) {
    const { start: periodStart, days } = period(rule, start, startDay, k);
    if (periodStart > lastDay) return found;
    for (const day of days) {
      // The start counts only where it matches the rule (weekdays from a Saturday begin on
      // Monday), as rrule.js and python-dateutil do; RFC 5545 leaves an unmatched start undefined.
      if (day < startDay) continue;
      if (day > lastDay) return found;
      // The start's own day is `first` itself: in a fall-back overlap its wall time has two
      // instants, and the caller's is the one meant. Every other day takes the wall time asked
      // for (02:30 even when the start, in a DST gap, was sent at 03:30).
      const instant =
        day === startDay
          ? first
          : instantOf(
              { ...civilDate(day), hour: asked.hour, minute: asked.minute, second: asked.second },
              zone,
            );
      if (rule.until !== undefined && instant > rule.until) return found;
      if (found.firstDay === undefined) {
        found.firstDay = day;
        lastDay = day + MAX_SPAN_DAYS;
      }
      found.instants.push(instant);
      if (found.instants.length >= max) return found;
    }
  }
}

/**
 * Every occurrence of `rule` from `first` (the instant the other parameters gave), earliest first:
 * at most 100, none more than 366 days after the first occurrence's date, none past `until`. The
 * first is included and counts toward COUNT when it matches the rule. `asked` is the wall time
 * asked for in `zone` (default: the one `first` shows); each occurrence is at that wall time on
 * its own date, so a time in a DST gap moves forward by the gap on that day only, and one in an
 * overlap takes the earlier instant (RFC 5545 §3.3.10 reads such times as §3.3.5 does).
 */
export const occurrences = (
  first: number,
  rule: RepeatRule,
  zone: TimeZone,
  asked: WallTime = wallTimeAt(first, zone),
): number[] => expand(first, rule, zone, MAX_OCCURRENCES, asked).instants;

/**
 * `occurrences`, or INVALID_REPEAT when the rule as given cannot be kept: none fall between the
 * start and `until`, `until` is more than 366 days after the first occurrence's date or allows
 * more than 100, or COUNT does not fit in 366 days.
 */
export function expandSeries(
  first: number,
  rule: RepeatRule,
  zone: TimeZone,
  asked: WallTime = wallTimeAt(first, zone),
): Result<number[]> {
  const found = expand(first, rule, zone, MAX_OCCURRENCES + 1, asked);
  if (found.firstDay === undefined) return noDate();
  if (rule.until !== undefined) {
    const last = wallTimeAt(rule.until, zone);
    if (dayNumber(last.year, last.month, last.day) > found.firstDay + MAX_SPAN_DAYS) {
      return untilTooFar(rule.untilField ?? 'until');
    }
  }
  if (found.instants.length > MAX_OCCURRENCES) return tooMany();
  if (rule.count !== undefined && found.instants.length < rule.count) {
    return countTooLong(found.instants.length, rule.count);
  }
  return ok(found.instants);
}
