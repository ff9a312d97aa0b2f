// The refusals of `repeat`, `count` and `until`: `message` for the person who texted (no
// parameter names), `detail` for the builder.
import { type Failure, fail } from '../core/errors';
import { MAX_OFFSET_MINUTES } from './iso-date-time';
import {
  MAX_BYDAY,
  MAX_BYMONTHDAY,
  MAX_INTERVAL,
  MAX_OCCURRENCES,
  MAX_REPEAT_LENGTH,
  MAX_SPAN_DAYS,
} from './repeat-rule';

const SUPPORTED = `repeat takes daily, weekdays (Monday to Friday), weekly, monthly, or an RFC 5545 RRULE (with or without "RRULE:", at most ${MAX_REPEAT_LENGTH} characters) with FREQ=DAILY|WEEKLY|MONTHLY and optionally INTERVAL (1-${MAX_INTERVAL}), BYDAY (MO..SU, at most ${MAX_BYDAY}, each once; with MONTHLY also 1MO, -1FR), BYMONTHDAY (MONTHLY only: 1..31 or -1..-31, at most ${MAX_BYMONTHDAY}, each once), WKST, COUNT (1-${MAX_OCCURRENCES}) and UNTIL (a date or date-time). Give the start with the usual time parameters, not DTSTART.`;

/** A rule value quoted in a detail only when short: a phone number pasted by mistake never is. */
export const shown = (value: string): string => (value.length <= 6 ? `"${value}"` : 'a value');

export const unsupported = (what: string): Failure =>
  fail(
    'INVALID_REPEAT',
    "That schedule isn't supported: messages can be repeated daily, on weekdays, weekly or monthly.",
    'repeat',
    `${what} ${SUPPORTED}`,
  );

export const noEnd = (): Failure =>
  fail(
    'INVALID_REPEAT',
    'A repeating message needs an end: a number of times or a last date.',
    'repeat',
    `Give count (1-${MAX_OCCURRENCES}) or until (a date, at most ${MAX_SPAN_DAYS} days after the first message), as parameters or as COUNT/UNTIL in the RRULE.`,
  );

export const twoEnds = (): Failure =>
  fail(
    'INVALID_REPEAT',
    'A repeating message can end after a number of times or on a date, not both.',
    'repeat',
    'Give either count (or COUNT in the RRULE) or until (or UNTIL in the RRULE), not both.',
  );

export const endsDiffer = (): Failure =>
  fail(
    'INVALID_REPEAT',
    'The end of the series was given twice, differently.',
    'repeat',
    'count differs from the RRULE COUNT, or until from its UNTIL: give it once.',
  );

const named = (field: string, parameter: string, part: string) =>
  field === parameter ? parameter : part;

export const badCount = (field: string): Failure =>
  fail(
    'INVALID_REPEAT',
    `A message can be repeated from 1 to ${MAX_OCCURRENCES} times.`,
    field,
    `${named(field, 'count', 'COUNT')} must be a whole number from 1 to ${MAX_OCCURRENCES}.`,
  );

export const badUntil = (field: string): Failure =>
  fail(
    'INVALID_REPEAT',
    'The last date of the series could not be read.',
    field,
    `${named(field, 'until', 'UNTIL')} must be a date (2026-12-31 or 20261231) or a date-time (2026-12-31T18:00, local in timeZone; or with Z or an offset of at most ±${MAX_OFFSET_MINUTES / 60}:00).`,
  );

export const untilPassed = (field: string): Failure =>
  fail(
    'INVALID_REPEAT',
    'The last date of the series has already passed.',
    field,
    `${named(field, 'until', 'UNTIL')} is in the past; give a date from the first message up to ${MAX_SPAN_DAYS} days after it.`,
  );

export const untilTooFar = (field: string): Failure =>
  fail(
    'INVALID_REPEAT',
    'A repeating message can run for at most a year.',
    field,
    `${named(field, 'until', 'UNTIL')} is more than ${MAX_SPAN_DAYS} days after the first message's date.`,
  );

export const tooLong = (): Failure =>
  fail(
    'INVALID_REPEAT',
    "That schedule isn't supported: messages can be repeated daily, on weekdays, weekly or monthly.",
    'repeat',
    `repeat is longer than ${MAX_REPEAT_LENGTH} characters. ${SUPPORTED}`,
  );

export const noDate = (): Failure =>
  fail(
    'INVALID_REPEAT',
    'That series has no date between its start and its end.',
    'repeat',
    'No occurrence falls between the first time and until: check until, or the BYDAY/BYMONTHDAY days.',
  );

export const tooMany = (): Failure =>
  fail(
    'INVALID_REPEAT',
    `A message can be repeated at most ${MAX_OCCURRENCES} times.`,
    'repeat',
    `Up to until, this rule gives more than ${MAX_OCCURRENCES} occurrences: give an earlier until, or a count.`,
  );

export const countTooLong = (found: number, count: number): Failure =>
  fail(
    'INVALID_REPEAT',
    'A repeating message can run for at most a year.',
    'repeat',
    `Only ${found} of the ${count} occurrences fall within ${MAX_SPAN_DAYS} days of the first: give a smaller count.`,
  );

export const allQuiet = (): Failure =>
  fail(
    'INVALID_REPEAT',
    'Every date of that series falls on a quiet day, so nothing was scheduled.',
    'repeat',
    'Every occurrence of this rule falls on a quiet day (quietDays or QUIET_DAYS) and is skipped: change the days of the rule or the quiet days.',
  );
