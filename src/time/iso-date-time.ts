// The one reader of ISO 8601 dates and date-times in the project (`sendAt`, `until`, an RRULE's
// UNTIL): extended (2026-12-01T09:00:00-05:00) and basic (20261201T090000Z) forms. It returns
// facts, never words: each caller says what was wrong in its own terms.
import { MINUTE } from '../core/units';
import { isRealDate } from './wall-clock';

/**
 * The widest UTC offset accepted, in minutes: ±14:00, the widest any zone has used
 * (Pacific/Kiritimati, UTC+14). ISO 8601 sets no limit; a larger one is a typo.
 */
export const MAX_OFFSET_MINUTES = 14 * 60;

export interface IsoDateTime {
  year: number;
  /** 1 to 12 */
  month: number;
  day: number;
  /** Absent for a date alone. */
  time?: { hour: number; minute: number; second: number; millisecond: number };
  /** Minutes east of UTC, when the text gave `Z` or an offset: then the text is an instant. */
  offsetMinutes?: number;
}

/** Why a text is not a date-time: its form, a day the calendar lacks, a time or an offset. */
export type IsoProblem = 'form' | 'date' | 'time' | 'offset';

export type IsoReading =
  | { ok: true; value: IsoDateTime }
  /** `date`: the day as written (2027-02-30) when the calendar lacks it. */
  | { ok: false; problem: IsoProblem; date?: string };

// Date, then optionally T (or a space) and a time with optional seconds and fraction, then
// optionally Z or an offset. A form body decodes an unescaped "+" to a space: read as "+".
const FORM =
  /^(\d{4})(-?)(\d{2})\2(\d{2})(?:[T ](\d{2})(:?)(\d{2})(?:\6(\d{2})(?:[.,](\d{1,9}))?)?(?:(Z)|([+\- ])(\d{2})(?::?(\d{2}))?)?)?$/i;

export function parseIsoDateTime(text: string): IsoReading {
  const m = FORM.exec(text.trim());
  if (!m) return { ok: false, problem: 'form' };
  const year = Number(m[1]);
  const month = Number(m[3]);
  const day = Number(m[4]);
  if (!isRealDate(year, month, day)) {
    return { ok: false, problem: 'date', date: `${m[1]}-${m[3]}-${m[4]}` };
  }
  if (m[5] === undefined) return { ok: true, value: { year, month, day } };
  const time = {
    hour: Number(m[5]),
    minute: Number(m[7]),
    second: Number(m[8] ?? 0),
    millisecond: Math.floor(Number(`0.${m[9] ?? '0'}`) * 1000),
  };
  // A fraction finer than a millisecond still makes the time later than the whole one.
  if (m[9] !== undefined && time.millisecond === 0 && /[1-9]/.test(m[9])) time.millisecond = 1;
  if (time.hour > 23 || time.minute > 59 || time.second > 59) return { ok: false, problem: 'time' };
  const value: IsoDateTime = { year, month, day, time };
  if (m[10] !== undefined) value.offsetMinutes = 0;
  if (m[11] !== undefined) {
    const hours = Number(m[12]);
    const minutes = Number(m[13] ?? 0);
    const offset = hours * 60 + minutes;
    if (minutes > 59 || offset > MAX_OFFSET_MINUTES) return { ok: false, problem: 'offset' };
    value.offsetMinutes = (m[11] === '-' ? -1 : 1) * offset;
  }
  return { ok: true, value };
}

/** The instant an ISO date-time with an offset names, in ms since epoch. */
export function instantOfIso(value: IsoDateTime & { offsetMinutes: number }): number {
  const { hour = 0, minute = 0, second = 0, millisecond = 0 } = value.time ?? {};
  return (
    Date.UTC(value.year, value.month - 1, value.day, hour, minute, second, millisecond) -
    value.offsetMinutes * MINUTE
  );
}
