// Calendar dates as day numbers (days since 1970-01-01): exact, and the host's zone never enters.
import { DAY } from '../core/units';

/** 0 = Sunday … 6 = Saturday, as Date#getUTCDay and date-fns count. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface CivilDate {
  year: number;
  /** 1 to 12 */
  month: number;
  day: number;
}

export const mod = (n: number, m: number): number => ((n % m) + m) % m;

export const dayNumber = (year: number, month: number, day: number): number =>
  Date.UTC(year, month - 1, day) / DAY;

export function civilDate(dayNo: number): CivilDate {
  const date = new Date(dayNo * DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** 1970-01-01 was a Thursday. */
export const weekdayOf = (dayNo: number): Weekday => mod(dayNo + 4, 7) as Weekday;

export const daysInMonth = (year: number, month: number): number =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();
