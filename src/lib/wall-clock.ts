// Converting between instants (ms since epoch) and the wall clock of an IANA zone.
import { TZDate } from '@date-fns/tz';
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

export function wallTimeAt(instant: number, zone: TimeZone): WallTime {
  const local = new TZDate(instant, zone);
  return {
    year: local.getFullYear(),
    month: local.getMonth() + 1,
    day: local.getDate(),
    hour: local.getHours(),
    minute: local.getMinutes(),
    second: local.getSeconds(),
  };
}

/**
 * The instant the wall clock of `zone` shows `wall`. A time in a DST gap moves forward by the
 * gap; an ambiguous one (fall-back) takes the earlier instant. Day overflow rolls over
 * (day 32 is the 1st of the next month), which callers use to step whole days.
 */
export function instantOf(wall: WallTime, zone: TimeZone): number {
  return new TZDate(
    wall.year,
    wall.month - 1,
    wall.day,
    wall.hour,
    wall.minute,
    wall.second,
    zone,
  ).getTime();
}

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
