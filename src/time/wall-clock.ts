// Converting between instants (ms since epoch) and the wall clock of an IANA zone.
// The subpath, not the package index: the index also pulls in TZDate, which patches every
// Date.prototype method when it loads and would be bundled into every function.
import { tzOffset } from '@date-fns/tz/tzOffset';
import { BoundedCache } from '../core/bounded-cache';
import { DAY, MINUTE } from '../core/units';
import type { TimeZone } from './time-zone';

export interface WallTime {
  year: number;
  /** 1 to 12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Zones change offset at most once in days: a span this long holds at most one change. */
const SPAN = 6 * 60 * MINUTE;
/** Offsets by zone and span start. */
const remembered = new BoundedCache<string, number>(10_000);

const askIcu = (instant: number, zone: TimeZone): number => tzOffset(zone, new Date(instant));

/**
 * The zone's offset from UTC at `instant`, in minutes (-300 for EST). Asking ICU takes a few µs
 * and one request asks tens of times (a series over 42 candidate zones, thousands) about nearby
 * instants, so an answer is kept for its six hours (UTC) when the offset is the same at both
 * ends of them. Zones change offset at most once in days, so such a span holds no change; one
 * that does is asked afresh.
 */
function offsetAt(instant: number, zone: TimeZone): number {
  // A `delay` without a zone counts days in UTC: no need to wake ICU (~20 ms the first time).
  if (zone === 'UTC') return 0;
  const start = Math.floor(instant / SPAN) * SPAN;
  const key = `${zone} ${start}`;
  const known = remembered.get(key);
  if (known !== undefined) return known;
  const offset = askIcu(start, zone);
  // Also true for NaN (an unknown zone): never kept.
  if (offset !== askIcu(start + SPAN - 1, zone)) return askIcu(instant, zone);
  return remembered.set(key, offset);
}

/** The wall clock of a fixed UTC offset (minutes) at `instant`, read with UTC getters. */
export function wallAtOffset(instant: number, offsetMinutes: number): WallTime {
  const local = new Date(instant + offsetMinutes * MINUTE);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

/** The zone's offset from UTC at `instant`, in minutes (-300 for EST). */
export const offsetMinutesAt = (instant: number, zone: TimeZone): number => offsetAt(instant, zone);

export function wallTimeAt(instant: number, zone: TimeZone): WallTime {
  // The wall clock is the instant shifted by the offset, read with UTC getters: the host's own
  // zone never comes into it.
  return wallAtOffset(instant, offsetAt(instant, zone));
}

/**
 * Every instant the wall clock of `zone` shows `wall`, earliest first: two for a time in a
 * fall-back overlap, else one. A time in a DST gap never shows; it gets the one instant it
 * would have with the offset before the gap, i.e. it moves forward by the gap. Day overflow
 * rolls over (day 32 is the 1st of the next month), which callers use to step whole days.
 */
export function instantsOf(wall: WallTime, zone: TimeZone): [number, ...number[]] {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  // Only the offsets in force a day either side can apply: zones change offset at most once
  // in that span. (@date-fns/tz's TZDate constructor instead depends on the host's zone: on a
  // UTC host, such as Twilio's, it took the later instant of Sydney's overlap.)
  const before = offsetAt(asUtc - DAY, zone);
  const after = offsetAt(asUtc + DAY, zone);
  const shown = [...new Set([before, after])]
    .map((offset) => ({ offset, instant: asUtc - offset * MINUTE }))
    .filter(({ offset, instant }) => offsetAt(instant, zone) === offset)
    .map(({ instant }) => instant)
    .sort((a, b) => a - b);
  const [first, ...rest] = shown;
  return first === undefined ? [asUtc - before * MINUTE] : [first, ...rest];
}

/**
 * The instant the wall clock of `zone` shows `wall`. A time in a DST gap moves forward by the
 * gap; an ambiguous one (fall-back) takes the earlier instant.
 */
export const instantOf = (wall: WallTime, zone: TimeZone): number => instantsOf(wall, zone)[0];

/** True when the calendar date exists (no 30 February). */
export function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** ISO 8601 with the zone's offset at that instant: `2026-12-01T09:00:00-05:00`. */
export function formatLocal(instant: number, zone: TimeZone): string {
  const w = wallTimeAt(instant, zone);
  const offsetMinutes = Math.round(
    (Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) -
      Math.floor(instant / 1000) * 1000) /
      60000,
  );
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** `2026-12-01T14:00:00Z`: the form Twilio's SendAt takes (whole seconds, UTC). */
export function formatUtc(instant: number): string {
  return `${new Date(instant).toISOString().slice(0, 19)}Z`;
}
