// The series expander held against an independent implementation: the `rrule` package, read
// through the wall clock as the README defines a series. rrule expands the rule in floating wall
// time (its "UTC" dates are wall times); each wall time is then placed in the zone by this file's
// own reading of Intl (a time in a DST gap moves forward by the gap, one in an overlap takes the
// earlier instant); a first occurrence more than 366 days after the start is none, and the series
// ends 366 days after its first occurrence's date.
// Zones with DST in both hemispheres, a 30-minute DST (Lord Howe), a 45-minute offset (Chatham),
// and starts placed on DST change days, gaps and overlaps included. Seeded and bounded.
// Must pass under any host TZ.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type Options, RRule, Weekday as RRuleWeekday } from 'rrule';
import { DAY, MINUTE } from '../src/core/units';
import type { DaySpec, RepeatRule } from '../src/time/repeat-rule';
import { occurrences } from '../src/time/series-expand';
import { icuWallTime } from './support/icu-wall-clock';

const ZONES = [
  'America/New_York',
  'Europe/London',
  'Australia/Sydney',
  'America/Santiago',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
];

/** The wall clock of `zone` at `instant`, as Intl shows it: fields read as a UTC date. */
function shownAt(instant: number, zone: string): number {
  const w = icuWallTime(instant, zone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** The instant `wall` (a UTC-fielded wall time) shows in `zone`: gap forward, overlap earlier. */
function placed(wall: number, zone: string): number {
  const offsets = [wall - DAY, wall + DAY].map((near) => shownAt(near, zone) - near);
  const shows = offsets
    .map((offset) => wall - offset)
    .filter((instant) => shownAt(instant, zone) === wall)
    .sort((a, b) => a - b);
  // No instant shows it: a gap. The offset before the change puts it as far past as the gap.
  return shows[0] ?? wall - (offsets[0] ?? 0);
}

/**
 * The zone's offset changes, 2026-2028, each as its day (UTC-fielded midnight) and the wall
 * minute of the day it happens at: starts are placed around them, in gaps and overlaps.
 */
function changes(zone: string): { day: number; minute: number }[] {
  const found: { day: number; minute: number }[] = [];
  const offset = (instant: number) => shownAt(instant, zone) - instant;
  for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2029, 0, 1); t += DAY) {
    if (offset(t + DAY) === offset(t)) continue;
    let [low, high] = [t, t + DAY];
    while (high - low > MINUTE) {
      const middle = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
      if (offset(middle) === offset(t)) low = middle;
      else high = middle;
    }
    const wall = shownAt(low, zone);
    found.push({ day: wall - (wall % DAY), minute: Math.round((wall % DAY) / MINUTE) + 1 });
  }
  return found;
}
const CHANGES = new Map(ZONES.map((zone) => [zone, changes(zone)]));

const RRULE_DAYS = [RRule.SU, RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR, RRule.SA];

const ruleCase = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    change: fc.nat(),
    dayShift: fc.oneof(fc.constant(0), fc.integer({ min: -3, max: 3 })),
    // Around the minute the clock changes at (in a gap or an overlap), or any other.
    near: fc.oneof(fc.integer({ min: -75, max: 75 }), fc.constant(undefined)),
    minute: fc.integer({ min: 0, max: 1439 }),
    freq: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY') as fc.Arbitrary<RepeatRule['freq']>,
    interval: fc.integer({ min: 1, max: 3 }),
    weekdays: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 3 }),
    nth: fc.option(fc.constantFrom(1, 2, -1), { nil: undefined }),
    monthDays: fc.uniqueArray(fc.constantFrom(1, 15, 28, 29, 30, 31, -1), { maxLength: 2 }),
    weekStart: fc.integer({ min: 0, max: 6 }),
    count: fc.integer({ min: 1, max: 40 }),
  })
  .map((c) => {
    const all = CHANGES.get(c.zone) ?? [];
    const change = all[c.change % all.length] ?? { day: 0, minute: 0 };
    const day = change.day + c.dayShift * DAY;
    const minute =
      c.near === undefined ? c.minute : Math.min(1439, Math.max(0, change.minute + c.near));
    const byDay: DaySpec[] = c.weekdays.map((weekday) =>
      c.freq === 'MONTHLY' && c.nth !== undefined
        ? { weekday: weekday as DaySpec['weekday'], nth: c.nth }
        : { weekday: weekday as DaySpec['weekday'] },
    );
    const rule: RepeatRule = {
      freq: c.freq,
      interval: c.interval,
      byDay,
      byMonthDay: c.freq === 'MONTHLY' ? c.monthDays : [],
      weekStart: c.weekStart as RepeatRule['weekStart'],
      count: c.count,
    };
    return { zone: c.zone, wall: day + minute * MINUTE, rule };
  });

/** What rrule says, read through the wall clock of the zone. */
function oracle(wall: number, rule: RepeatRule, zone: string): number[] {
  const options: Partial<Options> = {
    freq: { DAILY: RRule.DAILY, WEEKLY: RRule.WEEKLY, MONTHLY: RRule.MONTHLY }[rule.freq],
    interval: rule.interval,
    count: rule.count ?? null,
    dtstart: new Date(wall),
    // Past both 366-day bounds: a rare rule (a Sunday the 30th) then stops looking.
    until: new Date(wall + 2 * 367 * DAY),
    wkst: RRULE_DAYS[rule.weekStart] ?? null,
  };
  if (rule.byDay.length > 0) {
    options.byweekday = rule.byDay.map(({ weekday, nth }) =>
      nth === undefined
        ? (RRULE_DAYS[weekday] as RRuleWeekday)
        : new RRuleWeekday(weekday === 0 ? 6 : weekday - 1, nth),
    );
  }
  if (rule.byMonthDay.length > 0) options.bymonthday = rule.byMonthDay;
  const walls = new RRule(options).all().map((date) => date.getTime());
  const firstDay = Math.floor((walls[0] ?? 0) / DAY);
  // The README's bounds: the first occurrence within 366 days of the start, the last within
  // 366 days of the first.
  if (firstDay > Math.floor(wall / DAY) + 366) return [];
  return walls.filter((w) => Math.floor(w / DAY) <= firstDay + 366).map((w) => placed(w, zone));
}

describe('series expansion against rrule read through the wall clock (property)', () => {
  it('the same instants for daily, weekly and monthly rules starting on DST change days', () => {
    let rules = 0;
    let inGap = 0;
    fc.assert(
      fc.property(ruleCase, ({ zone, wall, rule }) => {
        rules++;
        const first = placed(wall, zone);
        if (shownAt(first, zone) !== wall) inGap++;
        const d = new Date(wall);
        const asked = {
          year: d.getUTCFullYear(),
          month: d.getUTCMonth() + 1,
          day: d.getUTCDate(),
          hour: d.getUTCHours(),
          minute: d.getUTCMinutes(),
          second: 0,
        };
        const ours = occurrences(first, rule, zone, asked);
        const theirs = oracle(wall, rule, zone);
        const iso = (list: number[]) => list.map((instant) => new Date(instant).toISOString());
        assert.deepEqual(
          iso(ours),
          iso(theirs),
          `${zone} ${d.toISOString()} ${JSON.stringify(rule)}`,
        );
      }),
      { seed: 20261204, numRuns: 150 },
    );
    console.log(`${rules} rules compared, ${inGap} starting in a DST gap`);
  });
});
