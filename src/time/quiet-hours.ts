// Quiet hours: a daily wall-clock period (`21:00-08:00`, may wrap midnight) when nothing is sent.
import { ok, type Result, refuse } from '../core/errors';
import { MINUTE } from '../core/units';
import type { TimeZone } from './time-zone';
import { instantsOf, wallTimeAt } from './wall-clock';

/** Minutes after local midnight, 0 to 1439. */
export type MinuteOfDay = number;

export interface QuietHours {
  start: MinuteOfDay;
  end: MinuteOfDay;
}

const HH_MM = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** `HH:mm` on a 24-hour clock; `9:30` is accepted as `09:30`. */
export function parseMinuteOfDay(raw: string): MinuteOfDay | null {
  const match = HH_MM.exec(raw.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** `HH:mm-HH:mm`; `off` or `none` turns a default off (null). */
export function parseQuietHours(raw: string, field = 'quietHours'): Result<QuietHours | null> {
  const text = raw.trim();
  if (/^(off|none)$/i.test(text)) return ok(null);
  const parts = text.split('-');
  const start = parts.length === 2 ? parseMinuteOfDay(parts[0] ?? '') : null;
  const end = parts.length === 2 ? parseMinuteOfDay(parts[1] ?? '') : null;
  if (start === null || end === null || start === end) {
    return refuse('INVALID_QUIET_HOURS', field);
  }
  return ok({ start, end });
}

const inPeriod = (minute: MinuteOfDay, { start, end }: QuietHours): boolean =>
  start < end ? minute >= start && minute < end : minute >= start || minute < end;

function isQuiet(instant: number, quiet: QuietHours, zone: TimeZone): boolean {
  const wall = wallTimeAt(instant, zone);
  return inPeriod(wall.hour * 60 + wall.minute, quiet);
}

/**
 * `instant` itself when it is outside quiet hours, else the first instant after it that is:
 * when the wall clock next shows the end of the period.
 */
export function endOfQuietHours(instant: number, quiet: QuietHours, zone: TimeZone): number {
  const wall = wallTimeAt(instant, zone);
  const minute = wall.hour * 60 + wall.minute;
  if (!inPeriod(minute, quiet)) return instant;
  // The period ends today unless it started today and ends after midnight.
  const day = minute >= quiet.start && quiet.start > quiet.end ? wall.day + 1 : wall.day;
  const ends = instantsOf(
    { ...wall, day, hour: Math.floor(quiet.end / 60), minute: quiet.end % 60, second: 0 },
    zone,
  );
  // In a fall-back hour the end's wall time can stand twice: the first one still ahead.
  let endsAt = ends.find((end) => end > instant) ?? ends[0];
  // A spring-forward gap can skip the end (02:30): the period is over when the clock jumps past
  // it, up to a gap's length before the moved-forward end.
  while (endsAt - MINUTE > instant && !isQuiet(endsAt - MINUTE, quiet, zone)) endsAt -= MINUTE;
  // When a gap swallowed the whole time between two quiet periods, the next one has begun:
  // go on to its end (the next day has no gap).
  return isQuiet(endsAt, quiet, zone) ? endOfQuietHours(endsAt, quiet, zone) : endsAt;
}
