// Reading `repeat` (a word or an RRULE) with its end, `count` or `until`, against the clock and
// the zone of the send time.
import { ok, type Result } from '../core/errors';
import { nonBlank } from '../core/text';
import { civilDate, dayNumber, type Weekday } from './civil-date';
import { instantOfIso, parseIsoDateTime } from './iso-date-time';
import {
  badCount,
  badUntil,
  endsDiffer,
  noEnd,
  tooLong,
  twoEnds,
  unsupported,
  untilPassed,
} from './repeat-errors';
import {
  MAX_OCCURRENCES,
  MAX_REPEAT_LENGTH,
  type RepeatInput,
  type RepeatRule,
} from './repeat-rule';
import { type ParsedRRule, parseRRule } from './rrule-parse';
import type { TimeZone } from './time-zone';
import { instantOf } from './wall-clock';

export interface RepeatContext {
  now: number;
  zone: TimeZone;
}

const MONDAY_TO_FRIDAY: Weekday[] = [1, 2, 3, 4, 5];

function parseCount(raw: string, field: string): Result<number> {
  if (!/^\d{1,3}$/.test(raw)) return badCount(field);
  const count = Number(raw);
  return count >= 1 && count <= MAX_OCCURRENCES ? ok(count) : badCount(field);
}

/**
 * The last instant a series may have, inclusive. A date means its whole day in `zone`; a
 * date-time without an offset is a wall time in `zone`. Not past; how far ahead it may be is
 * measured from the first message, once the rule is expanded (series-expand.ts).
 */
function parseUntil(raw: string, field: string, { now, zone }: RepeatContext): Result<number> {
  const read = parseIsoDateTime(raw);
  if (!read.ok) return badUntil(field);
  const { time, offsetMinutes, ...date } = read.value;
  let until: number;
  if (time === undefined) {
    // The whole day: up to the instant before the next day starts in the zone.
    const next = civilDate(dayNumber(date.year, date.month, date.day) + 1);
    until = instantOf({ ...next, hour: 0, minute: 0, second: 0 }, zone) - 1;
  } else if (offsetMinutes === undefined) {
    until = instantOf({ ...date, hour: time.hour, minute: time.minute, second: time.second }, zone);
  } else {
    until = instantOfIso({ ...read.value, offsetMinutes });
  }
  return until < now ? untilPassed(field) : ok(until);
}

function ruleOf(text: string): Result<ParsedRRule> {
  const base = { interval: 1, byDay: [], byMonthDay: [], weekStart: 1 as Weekday };
  switch (text.toLowerCase()) {
    case 'daily':
      return ok({ rule: { ...base, freq: 'DAILY' } });
    case 'weekdays':
      return ok({
        rule: { ...base, freq: 'WEEKLY', byDay: MONDAY_TO_FRIDAY.map((weekday) => ({ weekday })) },
      });
    case 'weekly':
      return ok({ rule: { ...base, freq: 'WEEKLY' } });
    case 'monthly':
      return ok({ rule: { ...base, freq: 'MONTHLY' } });
    default:
      if (!/^(RRULE:)?[A-Z]+=/i.test(text)) {
        return unsupported(text === '' ? 'repeat is empty.' : 'repeat is not a known value.');
      }
      return parseRRule(text);
  }
}

/**
 * Reads `repeat` (`daily`, `weekdays`, `weekly`, `monthly` or an RRULE) with its end: `count` or
 * `until`, as parameters or as COUNT/UNTIL in the RRULE; exactly one kind of end. The same value
 * given both ways is accepted; different values are an error, never a guess.
 */
export function parseRepeat(input: RepeatInput, context: RepeatContext): Result<RepeatRule> {
  // Bounded before anything else reads it: input cost stays flat whatever is sent.
  if (input.repeat.length > MAX_REPEAT_LENGTH) return tooLong();
  const parsed = ruleOf(input.repeat.trim());
  if (!parsed.ok) return parsed;
  const { rule } = parsed.value;

  const counts: number[] = [];
  const untils: { until: number; field: 'until' | 'repeat' }[] = [];
  for (const [raw, field] of [
    [nonBlank(input.count), 'count'],
    [parsed.value.count, 'repeat'],
  ] as const) {
    if (raw === undefined) continue;
    const count = parseCount(raw, field);
    if (!count.ok) return count;
    counts.push(count.value);
  }
  for (const [raw, field] of [
    [nonBlank(input.until), 'until'],
    [parsed.value.until, 'repeat'],
  ] as const) {
    if (raw === undefined) continue;
    const until = parseUntil(raw, field, context);
    if (!until.ok) return until;
    untils.push({ until: until.value, field });
  }

  if (counts.length > 0 && untils.length > 0) return twoEnds();
  if (new Set(counts).size > 1 || new Set(untils.map(({ until }) => until)).size > 1) {
    return endsDiffer();
  }
  const [count] = counts;
  const [until] = untils;
  if (count !== undefined) return ok({ ...rule, count });
  if (until !== undefined) return ok({ ...rule, until: until.until, untilField: until.field });
  return noEnd();
}
