// A parsed `repeat` and the limits every series keeps.
import type { Weekday } from './civil-date';

export interface DaySpec {
  weekday: Weekday;
  /** MONTHLY only: the nth such weekday of the month (1 = first, -1 = last). */
  nth?: number;
}

/** A parsed `repeat`: plain data, safe to store as JSON. */
export interface RepeatRule {
  freq: 'DAILY' | 'WEEKLY' | 'MONTHLY';
  interval: number;
  /** DAILY: only these weekdays. WEEKLY: these weekdays (none: the first's). MONTHLY: see nth. */
  byDay: DaySpec[];
  /** MONTHLY: days of the month, negative from the end (-1 = last day). */
  byMonthDay: number[];
  /** The first day of a week, for WEEKLY with INTERVAL > 1 (RFC 5545 WKST, default Monday). */
  weekStart: Weekday;
  /** The number of occurrences, the first included. Exactly one of count and until is set. */
  count?: number;
  /** The last instant an occurrence may have (inclusive), ms since epoch. */
  until?: number;
  /** Where `until` came from, for the refusal that names it. */
  untilField?: 'until' | 'repeat';
}

/** `repeat`, `count` and `until` as the request gives them, as text. */
export interface RepeatInput {
  repeat: string;
  count?: string | undefined;
  until?: string | undefined;
}

/** Occurrences of a rule, skipped ones included (COUNT counts them, as RFC 5545 does). */
export const MAX_OCCURRENCES = 100;
/** A series lasts at most this many days from its first occurrence's date. */
export const MAX_SPAN_DAYS = 366;
export const MAX_INTERVAL = 366;
/** Input cost: the longest `repeat`, and the most BYDAY and BYMONTHDAY entries. */
export const MAX_REPEAT_LENGTH = 256;
export const MAX_BYDAY = 7;
export const MAX_BYMONTHDAY = 31;
