// An RFC 5545 RRULE body (`FREQ=WEEKLY;BYDAY=MO,WE`) read into a rule, without its end: COUNT
// and UNTIL come back as text, read with the `count` and `until` parameters (repeat-parse.ts).
// Every list is bounded before it is read, so no input costs more than a few microseconds.
import { ok, type Result } from '../core/errors';
import type { Weekday } from './civil-date';
import { shown, unsupported } from './repeat-errors';
import {
  type DaySpec,
  MAX_BYDAY,
  MAX_BYMONTHDAY,
  MAX_INTERVAL,
  type RepeatRule,
} from './repeat-rule';

export const WEEKDAYS: Readonly<Record<string, Weekday>> = {
  SU: 0,
  MO: 1,
  TU: 2,
  WE: 3,
  TH: 4,
  FR: 5,
  SA: 6,
};

export type RuleBody = Omit<RepeatRule, 'count' | 'until' | 'untilField'>;
export interface ParsedRRule {
  rule: RuleBody;
  count?: string;
  until?: string;
}

const KNOWN = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'WKST', 'COUNT', 'UNTIL']);

function parseByDay(value: string, freq: RepeatRule['freq']): Result<DaySpec[]> {
  const parts = value.split(',');
  if (parts.length > MAX_BYDAY) return unsupported(`BYDAY has more than ${MAX_BYDAY} days.`);
  const days: DaySpec[] = [];
  const seen = new Set<string>();
  for (const part of parts) {
    const match = /^([+-]?\d{1,2})?(SU|MO|TU|WE|TH|FR|SA)$/.exec(part);
    const weekday = match?.[2] === undefined ? undefined : WEEKDAYS[match[2]];
    if (!match || weekday === undefined) return unsupported(`BYDAY has ${shown(part)}.`);
    const nth = match[1] === undefined ? undefined : Number(match[1]);
    const key = `${nth ?? ''}${weekday}`;
    if (seen.has(key)) return unsupported(`BYDAY names ${shown(part)} twice.`);
    seen.add(key);
    if (nth === undefined) {
      days.push({ weekday });
      continue;
    }
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
  const parts = value.split(',');
  if (parts.length > MAX_BYMONTHDAY) {
    return unsupported(`BYMONTHDAY has more than ${MAX_BYMONTHDAY} days.`);
  }
  const days: number[] = [];
  for (const part of parts) {
    const day = /^[+-]?\d{1,2}$/.test(part) ? Number(part) : Number.NaN;
    if (!(Math.abs(day) >= 1 && Math.abs(day) <= 31)) {
      return unsupported(`BYMONTHDAY has ${shown(part)} (1..31 or -1..-31).`);
    }
    if (days.includes(day)) return unsupported(`BYMONTHDAY names ${shown(part)} twice.`);
    days.push(day);
  }
  return ok(days);
}

/** The rule parts of an RRULE body (the caller bounds its length). */
export function parseRRule(text: string): Result<ParsedRRule> {
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
  const unknown = [...parts.keys()].filter((name) => !KNOWN.has(name));
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

  const result: ParsedRRule = { rule: { freq, interval, byDay, byMonthDay, weekStart } };
  const count = parts.get('COUNT');
  const until = parts.get('UNTIL');
  if (count !== undefined) result.count = count;
  if (until !== undefined) result.until = until;
  return ok(result);
}
