// Recurring messages (`repeat`): reading the rule, and expanding it into the instants to send at.
// Pure: the clock and the zone are arguments. Quiet hours, quiet days and Twilio's window are
// not applied here: the caller applies them to each occurrence on its own, so an occurrence moved
// by quiet hours never shifts the ones after it.
//
// Our own expander rather than a library. `rrule` (jkbrzt/rrule) returns "UTC" dates meant to be
// read as local ones (its README says so) and its TZID results depend on the host's zone; issues
// #295, #358, #474 and #617 there (wrong instants around DST or with TZID) were open when checked.
// `rrule-temporal` computes in Temporal.ZonedDateTime, but Node 20/22 have no Temporal, so every
// bundle would carry a Temporal polyfill for the three frequencies we support. Steps are taken on
// plain calendar dates (day numbers), not with date-fns: its addDays/addMonths use the host's
// local getters, so on UTC-fielded dates they land a day off under TZ=America/Los_Angeles.
// Each occurrence's wall time is resolved with instantOf, never with TZDate (date-fns/tz #40).
import { type Failure, fail, ok, type Result } from '../core/errors';
import { nonBlank } from '../core/text';
import { DAY, MINUTE } from '../core/units';
import type { TimeZone } from './time-zone';
import { instantOf, isRealDate, wallTimeAt } from './wall-clock';

/** 0 = Sunday … 6 = Saturday, as Date#getUTCDay counts. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

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
}

export const MAX_OCCURRENCES = 100;
/** A series lasts at most this many days from its first occurrence's date. */
export const MAX_SPAN_DAYS = 366;
const MAX_INTERVAL = 366;
/**
 * `until` is checked against now + 366 days as an instant, so its local date can fall a day past
 * the first's date + 366 (an offset change across midnight): with `until`, it is the bound.
 */
const UNTIL_SLACK_DAYS = 2;

const WEEKDAYS: Record<string, Weekday> = { SU: 0, MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6 };
const MONDAY_TO_FRIDAY: Weekday[] = [1, 2, 3, 4, 5];

// ---------------------------------------------------------------------------------------------
// Errors: `message` for the person who texted, `detail` for the builder.

const SUPPORTED =
  'repeat takes daily, weekdays (Monday to Friday), weekly, or an RFC 5545 RRULE (with or without "RRULE:") with FREQ=DAILY|WEEKLY|MONTHLY and optionally INTERVAL (1-366), BYDAY (MO..SU; with MONTHLY also 1MO, -1FR), BYMONTHDAY (MONTHLY only: 1..31 or -1..-31), WKST, COUNT (1-100) and UNTIL (a date or date-time). Give the start with the usual time parameters, not DTSTART.';

/** A rule value quoted in a detail only when short: a phone number pasted by mistake never is. */
const shown = (value: string): string => (value.length <= 6 ? `"${value}"` : 'a value');

const unsupported = (what: string): Failure =>
  fail(
    'INVALID_REPEAT',
    "That schedule isn't supported: messages can be repeated daily, on weekdays, weekly or monthly.",
    'repeat',
    `${what} ${SUPPORTED}`,
  );

const noEnd = (): Failure =>
  fail(
    'INVALID_REPEAT',
    'A repeating message needs an end: a number of times or a last date.',
    'repeat',
    'Give count (1-100) or until (a date, at most 366 days ahead), as parameters or as COUNT/UNTIL in the RRULE.',
  );

const twoEnds = (detail: string): Failure =>
  fail(
    'INVALID_REPEAT',
    'A repeating message can end after a number of times or on a date, not both.',
    'repeat',
    detail,
  );

const badCount = (field: string): Failure =>
  fail(
    'INVALID_REPEAT',
    `A message can be repeated from 1 to ${MAX_OCCURRENCES} times.`,
    field,
    `${field === 'count' ? 'count' : 'COUNT'} must be a whole number from 1 to ${MAX_OCCURRENCES}.`,
  );

const badUntil = (field: string): Failure =>
  fail(
    'INVALID_REPEAT',
    'The last date of the series could not be read.',
    field,
    `${field === 'until' ? 'until' : 'UNTIL'} must be a date (2026-12-31 or 20261231) or a date-time (2026-12-31T18:00, local in timeZone; or with Z or an offset).`,
  );

// ---------------------------------------------------------------------------------------------
// Calendar dates as day numbers (days since 1970-01-01): exact, and the host's zone never enters.

interface CivilDate {
  year: number;
  /** 1 to 12 */
  month: number;
  day: number;
}

const mod = (n: number, m: number): number => ((n % m) + m) % m;
const dayNumber = (year: number, month: number, day: number): number =>
  Date.UTC(year, month - 1, day) / DAY;
function civilDate(dayNo: number): CivilDate {
  const date = new Date(dayNo * DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}
/** 1970-01-01 was a Thursday. */
const weekdayOf = (dayNo: number): Weekday => mod(dayNo + 4, 7) as Weekday;
const daysInMonth = (year: number, month: number): number =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();

// ---------------------------------------------------------------------------------------------
// Reading `repeat`, `count` and `until`.

export interface RepeatInput {
  repeat: string;
  count?: string | undefined;
  until?: string | undefined;
}

export interface RepeatContext {
  now: number;
  zone: TimeZone;
}

function parseCount(raw: string, field: string): Result<number> {
  if (!/^\d{1,3}$/.test(raw)) return badCount(field);
  const count = Number(raw);
  return count >= 1 && count <= MAX_OCCURRENCES ? ok(count) : badCount(field);
}

const UNTIL_FORM =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2}))?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * The last instant a series may have, inclusive. A date means its whole day in `zone`; a
 * date-time without an offset is a wall time in `zone`. At most 366 days ahead, not past.
 */
function parseUntil(raw: string, field: string, { now, zone }: RepeatContext): Result<number> {
  const match = UNTIL_FORM.exec(raw);
  if (!match) return badUntil(field);
  const [, y, mo, d, h, mi, s, offset] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (!isRealDate(year, month, day)) return badUntil(field);
  const latest = now + MAX_SPAN_DAYS * DAY;
  let until: number;
  let tooFar: boolean;
  if (h === undefined) {
    // The whole day: up to the instant before the next day starts in the zone.
    const next = civilDate(dayNumber(year, month, day) + 1);
    until = instantOf({ ...next, hour: 0, minute: 0, second: 0 }, zone) - 1;
    const lastDate = wallTimeAt(latest, zone);
    tooFar = dayNumber(year, month, day) > dayNumber(lastDate.year, lastDate.month, lastDate.day);
  } else {
    const wall = { year, month, day, hour: Number(h), minute: Number(mi), second: Number(s ?? 0) };
    if (wall.hour > 23 || wall.minute > 59 || wall.second > 59) return badUntil(field);
    if (offset === undefined) {
      until = instantOf(wall, zone);
    } else {
      const asUtc = Date.UTC(year, month - 1, day, wall.hour, wall.minute, wall.second);
      const parts = /^([+-])(\d{2}):?(\d{2})?$/.exec(offset);
      const hours = Number(parts?.[2] ?? 0);
      const minutes = Number(parts?.[3] ?? 0);
      if (hours > 18 || minutes > 59) return badUntil(field);
      const offsetMinutes = (parts?.[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
      until = asUtc - offsetMinutes * MINUTE;
    }
    tooFar = until > latest;
  }
  if (until < now) {
    return fail(
      'INVALID_REPEAT',
      'The last date of the series has already passed.',
      field,
      `${field === 'until' ? 'until' : 'UNTIL'} is in the past; give a date from today up to ${MAX_SPAN_DAYS} days ahead.`,
    );
  }
  if (tooFar) {
    return fail(
      'INVALID_REPEAT',
      'A repeating message can run for at most a year.',
      field,
      `${field === 'until' ? 'until' : 'UNTIL'} is more than ${MAX_SPAN_DAYS} days ahead.`,
    );
  }
  return ok(until);
}

function parseByDay(value: string, freq: RepeatRule['freq']): Result<DaySpec[]> {
  const days: DaySpec[] = [];
  for (const part of value.split(',')) {
    const match = /^([+-]?\d{1,2})?(SU|MO|TU|WE|TH|FR|SA)$/.exec(part);
    const weekday = match?.[2] === undefined ? undefined : WEEKDAYS[match[2]];
    if (!match || weekday === undefined) return unsupported(`BYDAY has ${shown(part)}.`);
    if (match[1] === undefined) {
      days.push({ weekday });
      continue;
    }
    const nth = Number(match[1]);
    if (freq !== 'MONTHLY') {
      return unsupported(
        `BYDAY ${shown(part)}: a numbered weekday (1MO, -1FR) needs FREQ=MONTHLY.`,
      );
    }
    if (nth === 0 || Math.abs(nth) > 5) {
      return unsupported(`BYDAY ${shown(part)}: the number is 1 to 5 or -1 to -5.`);
    }
    days.push({ weekday, nth });
  }
  return ok(days);
}

function parseByMonthDay(value: string): Result<number[]> {
  const days: number[] = [];
  for (const part of value.split(',')) {
    const day = /^[+-]?\d{1,2}$/.test(part) ? Number(part) : Number.NaN;
    if (!(Math.abs(day) >= 1 && Math.abs(day) <= 31)) {
      return unsupported(`BYMONTHDAY has ${shown(part)} (1..31 or -1..-31).`);
    }
    days.push(day);
  }
  return ok(days);
}

/** The rule parts of an RRULE body, without COUNT and UNTIL (returned as text). */
function parseRRule(
  text: string,
): Result<{ rule: Omit<RepeatRule, 'count' | 'until'>; count?: string; until?: string }> {
  const body = text.replace(/^RRULE:/i, '').replace(/;$/, '');
  if (/[\r\n]/.test(body)) return unsupported('repeat holds more than one line.');
  const parts = new Map<string, string>();
  for (const part of body.split(';')) {
    const match = /^([A-Za-z-]+)=(.+)$/.exec(part.trim());
    if (!match?.[1] || !match[2]) return unsupported(`${shown(part)} is not a NAME=VALUE part.`);
    const name = match[1].toUpperCase();
    if (parts.has(name)) return unsupported(`${name} is given twice.`);
    parts.set(name, match[2].trim().toUpperCase());
  }
  const known = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'WKST', 'COUNT', 'UNTIL']);
  const unknown = [...parts.keys()].filter((name) => !known.has(name));
  if (unknown.length > 0) {
    return unsupported(
      `${unknown.map(shown).join(', ')}: not supported (${unknown.length > 1 ? 'parts' : 'part'}).`,
    );
  }

  const freq = parts.get('FREQ');
  if (freq === undefined) return unsupported('The RRULE has no FREQ.');
  if (freq !== 'DAILY' && freq !== 'WEEKLY' && freq !== 'MONTHLY') {
    return unsupported(`FREQ=${shown(freq)} is not supported.`);
  }

  let interval = 1;
  const intervalText = parts.get('INTERVAL');
  if (intervalText !== undefined) {
    interval = /^\d{1,3}$/.test(intervalText) ? Number(intervalText) : 0;
    if (interval < 1 || interval > MAX_INTERVAL) {
      return unsupported(`INTERVAL is not a whole number from 1 to ${MAX_INTERVAL}.`);
    }
  }

  let byDay: DaySpec[] = [];
  const byDayText = parts.get('BYDAY');
  if (byDayText !== undefined) {
    const parsed = parseByDay(byDayText, freq);
    if (!parsed.ok) return parsed;
    byDay = parsed.value;
  }

  let byMonthDay: number[] = [];
  const byMonthDayText = parts.get('BYMONTHDAY');
  if (byMonthDayText !== undefined) {
    if (freq !== 'MONTHLY') return unsupported('BYMONTHDAY needs FREQ=MONTHLY.');
    const parsed = parseByMonthDay(byMonthDayText);
    if (!parsed.ok) return parsed;
    byMonthDay = parsed.value;
  }

  let weekStart: Weekday = 1;
  const weekStartText = parts.get('WKST');
  if (weekStartText !== undefined) {
    const day = WEEKDAYS[weekStartText];
    if (day === undefined) return unsupported('WKST is not one of MO..SU.');
    weekStart = day;
  }

  const result: { rule: Omit<RepeatRule, 'count' | 'until'>; count?: string; until?: string } = {
    rule: { freq, interval, byDay, byMonthDay, weekStart },
  };
  const count = parts.get('COUNT');
  const until = parts.get('UNTIL');
  if (count !== undefined) result.count = count;
  if (until !== undefined) result.until = until;
  return ok(result);
}

/**
 * Reads `repeat` (`daily`, `weekdays`, `weekly` or an RRULE) with its end: `count` or `until`,
 * as parameters or as COUNT/UNTIL in the RRULE; exactly one kind of end. The same value given
 * both ways is accepted; different values are an error, never a guess.
 */
export function parseRepeat(input: RepeatInput, context: RepeatContext): Result<RepeatRule> {
  const text = input.repeat.trim();
  let parsed: { rule: Omit<RepeatRule, 'count' | 'until'>; count?: string; until?: string };
  const base = { interval: 1, byDay: [], byMonthDay: [], weekStart: 1 as Weekday };
  switch (text.toLowerCase()) {
    case 'daily':
      parsed = { rule: { ...base, freq: 'DAILY' } };
      break;
    case 'weekdays':
      parsed = {
        rule: { ...base, freq: 'WEEKLY', byDay: MONDAY_TO_FRIDAY.map((weekday) => ({ weekday })) },
      };
      break;
    case 'weekly':
      parsed = { rule: { ...base, freq: 'WEEKLY' } };
      break;
    default: {
      if (!/^(RRULE:)?[A-Z]+=/i.test(text)) {
        return unsupported(text === '' ? 'repeat is empty.' : 'repeat is not a known value.');
      }
      const rrule = parseRRule(text);
      if (!rrule.ok) return rrule;
      parsed = rrule.value;
    }
  }

  const countParam = nonBlank(input.count);
  const untilParam = nonBlank(input.until);
  const counts: number[] = [];
  const untils: number[] = [];
  for (const [raw, field] of [
    [countParam, 'count'],
    [parsed.count, 'repeat'],
  ] as const) {
    if (raw === undefined) continue;
    const count = parseCount(raw, field);
    if (!count.ok) return count;
    counts.push(count.value);
  }
  for (const [raw, field] of [
    [untilParam, 'until'],
    [parsed.until, 'repeat'],
  ] as const) {
    if (raw === undefined) continue;
    const until = parseUntil(raw, field, context);
    if (!until.ok) return until;
    untils.push(until.value);
  }

  if (counts.length > 0 && untils.length > 0) {
    return twoEnds(
      'Give either count (or COUNT in the RRULE) or until (or UNTIL in the RRULE), not both.',
    );
  }
  if (new Set(counts).size > 1 || new Set(untils).size > 1) {
    return fail(
      'INVALID_REPEAT',
      'The end of the series was given twice, differently.',
      'repeat',
      'count differs from the RRULE COUNT, or until from its UNTIL: give it once.',
    );
  }
  const [count] = counts;
  const [until] = untils;
  if (count !== undefined) return ok({ ...parsed.rule, count });
  if (until !== undefined) return ok({ ...parsed.rule, until });
  return noEnd();
}

// ---------------------------------------------------------------------------------------------
// Expanding a rule.

/** The days of a month a MONTHLY rule picks, ascending. */
function monthDays(rule: RepeatRule, year: number, month: number, anchorDay: number): number[] {
  const length = daysInMonth(year, month);
  const inMonth = (day: number) => day >= 1 && day <= length;
  const fromMonthDay = rule.byMonthDay.map((day) => (day > 0 ? day : length + 1 + day));
  const fromByDay: number[] = [];
  for (const { weekday, nth } of rule.byDay) {
    const firstOfMonth = weekdayOf(dayNumber(year, month, 1));
    const all: number[] = [];
    for (let day = 1 + mod(weekday - firstOfMonth, 7); day <= length; day += 7) all.push(day);
    if (nth === undefined) fromByDay.push(...all);
    else {
      const picked = nth > 0 ? all[nth - 1] : all[all.length + nth];
      if (picked !== undefined) fromByDay.push(picked);
    }
  }
  let days: number[];
  if (rule.byMonthDay.length > 0 && rule.byDay.length > 0) {
    // RFC 5545: with both, BYDAY limits BYMONTHDAY (Friday the 13th).
    days = fromMonthDay.filter((day) => fromByDay.includes(day));
  } else if (rule.byMonthDay.length > 0) days = fromMonthDay;
  else if (rule.byDay.length > 0) days = fromByDay;
  // Neither: the first occurrence's day of the month. A month without it (the 31st in April,
  // the 30th in February) is skipped, as RFC 5545 §3.3.10 says of invalid dates.
  else days = [anchorDay];
  return [...new Set(days.filter(inMonth))].sort((a, b) => a - b);
}

/** Period k of the rule (k = 0 holds the first): the day it starts and the days it picks. */
function period(
  rule: RepeatRule,
  first: CivilDate,
  firstDay: number,
  k: number,
): { start: number; days: number[] } {
  switch (rule.freq) {
    case 'DAILY': {
      const day = firstDay + k * rule.interval;
      const picked =
        rule.byDay.length === 0 || rule.byDay.some(({ weekday }) => weekday === weekdayOf(day));
      return { start: day, days: picked ? [day] : [] };
    }
    case 'WEEKLY': {
      const start = firstDay - mod(weekdayOf(firstDay) - rule.weekStart, 7) + k * 7 * rule.interval;
      const weekdays =
        rule.byDay.length > 0 ? rule.byDay.map(({ weekday }) => weekday) : [weekdayOf(firstDay)];
      const offsets = [...new Set(weekdays.map((weekday) => mod(weekday - rule.weekStart, 7)))];
      return { start, days: offsets.sort((a, b) => a - b).map((offset) => start + offset) };
    }
    case 'MONTHLY': {
      const index = first.year * 12 + first.month - 1 + k * rule.interval;
      const year = Math.floor(index / 12);
      const month = mod(index, 12) + 1;
      const start = dayNumber(year, month, 1);
      return {
        start,
        days: monthDays(rule, year, month, first.day).map((day) => start + day - 1),
      };
    }
  }
}

/**
 * Occurrences from `first` on, at most `limit`. Each keeps the first's wall-clock time in
 * `zone`, found from its calendar date (never by adding 24 h), so 08:00 stays 08:00 across DST.
 */
function expand(first: number, rule: RepeatRule, zone: TimeZone, limit: number): number[] {
  const wall = wallTimeAt(first, zone);
  const firstDay = dayNumber(wall.year, wall.month, wall.day);
  const lastDay = firstDay + MAX_SPAN_DAYS + (rule.until === undefined ? 0 : UNTIL_SLACK_DAYS);
  const max = Math.min(limit, rule.count ?? limit);
  const found: number[] = [];
  for (let k = 0; ; k++) {
    const { start, days } = period(rule, wall, firstDay, k);
    if (start > lastDay) return found;
    for (const day of days) {
      // The start counts only where it matches the rule (weekdays from a Saturday begin on
      // Monday), as rrule.js and python-dateutil do; RFC 5545 leaves an unmatched start undefined.
      if (day < firstDay) continue;
      if (day > lastDay) return found;
      // The first's own day is `first` itself: in a fall-back overlap its wall time has two
      // instants, and the caller's is the one meant.
      const instant =
        day === firstDay
          ? first
          : instantOf(
              { ...civilDate(day), hour: wall.hour, minute: wall.minute, second: wall.second },
              zone,
            );
      if (rule.until !== undefined && instant > rule.until) return found;
      found.push(instant);
      if (found.length >= max) return found;
    }
  }
}

/**
 * Every occurrence of `rule` from `first` (the instant the other parameters gave), earliest first:
 * at most 100, none more than 366 days after the first's date, none past `until`. The first is
 * included and counts toward COUNT when it matches the rule. A wall time in a DST gap moves
 * forward by the gap on that day only; one in an overlap takes the earlier instant (RFC 5545
 * §3.3.10 reads such times as §3.3.5 does). `expandSeries` says when this cut anything short.
 */
export const occurrences = (first: number, rule: RepeatRule, zone: TimeZone): number[] =>
  expand(first, rule, zone, MAX_OCCURRENCES);

/**
 * `occurrences`, or INVALID_REPEAT when the rule as given cannot be kept: none fall between the
 * first and `until`, `until` allows more than 100, or COUNT does not fit in 366 days.
 */
export function expandSeries(first: number, rule: RepeatRule, zone: TimeZone): Result<number[]> {
  const found = expand(first, rule, zone, MAX_OCCURRENCES + 1);
  if (found.length === 0) {
    return fail(
      'INVALID_REPEAT',
      'That series has no date between its start and its end.',
      'repeat',
      'No occurrence falls between the first time and until: check until, or the BYDAY/BYMONTHDAY days.',
    );
  }
  if (found.length > MAX_OCCURRENCES) {
    return fail(
      'INVALID_REPEAT',
      `A message can be repeated at most ${MAX_OCCURRENCES} times.`,
      'repeat',
      `Up to until, this rule gives more than ${MAX_OCCURRENCES} occurrences: give an earlier until, or a count.`,
    );
  }
  if (rule.count !== undefined && found.length < rule.count) {
    return fail(
      'INVALID_REPEAT',
      'A repeating message can run for at most a year.',
      'repeat',
      `Only ${found.length} of the ${rule.count} occurrences fall within ${MAX_SPAN_DAYS} days of the first: give a smaller count.`,
    );
  }
  return ok(found);
}
