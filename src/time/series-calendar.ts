// Which calendar days a rule picks: period k of the rule (k = 0 holds the start) and its days,
// as day numbers. Steps are taken on plain calendar dates, not with date-fns: its addDays and
// addMonths use the host's local getters, so on UTC-fielded dates they land a day off under
// TZ=America/Los_Angeles.
import { type CivilDate, dayNumber, daysInMonth, mod, weekdayOf } from './civil-date';
import type { RepeatRule } from './repeat-rule';

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
  // Neither: the start's day of the month. A month without it (the 31st in April, the 30th in
  // February) is skipped, as RFC 5545 §3.3.10 says of invalid dates.
  else days = [anchorDay];
  return [...new Set(days.filter(inMonth))].sort((a, b) => a - b);
}

/** Period k of the rule (k = 0 holds the start): the day it starts and the days it picks. */
export function period(
  rule: RepeatRule,
  start: CivilDate,
  startDay: number,
  k: number,
): { start: number; days: number[] } {
  switch (rule.freq) {
    case 'DAILY': {
      const day = startDay + k * rule.interval;
      const picked =
        rule.byDay.length === 0 || rule.byDay.some(({ weekday }) => weekday === weekdayOf(day));
      return { start: day, days: picked ? [day] : [] };
    }
    case 'WEEKLY': {
      const first = startDay - mod(weekdayOf(startDay) - rule.weekStart, 7) + k * 7 * rule.interval;
      const weekdays =
        rule.byDay.length > 0 ? rule.byDay.map(({ weekday }) => weekday) : [weekdayOf(startDay)];
      const offsets = [...new Set(weekdays.map((weekday) => mod(weekday - rule.weekStart, 7)))];
      return { start: first, days: offsets.sort((a, b) => a - b).map((offset) => first + offset) };
    }
    case 'MONTHLY': {
      const index = start.year * 12 + start.month - 1 + k * rule.interval;
      const year = Math.floor(index / 12);
      const month = mod(index, 12) + 1;
      const first = dayNumber(year, month, 1);
      return {
        start: first,
        days: monthDays(rule, year, month, start.day).map((day) => first + day - 1),
      };
    }
  }
}
