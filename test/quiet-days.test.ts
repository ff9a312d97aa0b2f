// Quiet days: parsing `sat,sun`, reading the weekday of an instant in a zone, and where a time
// on a quiet day is moved to.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wordsFor } from '../src/edge/error-words';
import { endOfQuietDays, isQuietDay, weekdayIn } from '../src/time/quiet-day-calendar';
import { parseQuietDays, type QuietDays, type Weekday } from '../src/time/quiet-days';

const at = (iso: string): number => Date.parse(iso);
const iso = (instant: number): string => new Date(instant).toISOString();
const days = (...weekdays: Weekday[]): QuietDays => new Set(weekdays);

describe('parseQuietDays', () => {
  // biome-ignore format: one case per line reads as a table
  const cases: [string, number[]][] = [
    ['sun', [0]], ['sat,sun', [0, 6]], ['SAT, Sun', [0, 6]], [' mon ', [1]], ['fri,fri', [5]],
    ['mon,tue,wed,thu,fri,sat', [1, 2, 3, 4, 5, 6]],
  ];
  for (const [raw, expected] of cases) {
    it(`${JSON.stringify(raw)} is ${expected}`, () => {
      const result = parseQuietDays(raw);
      assert.ok(result.ok);
      assert.deepEqual([...(result.value ?? [])].sort(), expected);
    });
  }

  for (const off of ['off', 'OFF', 'none', ' None ']) {
    it(`${JSON.stringify(off)} is no quiet days`, () =>
      assert.deepEqual(parseQuietDays(off), { ok: true, value: null }));
  }

  for (const raw of [
    '',
    'sunday',
    'su',
    'sat;sun',
    'sat sun',
    'sat,',
    ',sun',
    '0',
    'dim',
    'sun,mon,tue,wed,thu,fri,sat',
  ]) {
    it(`rejects ${JSON.stringify(raw)}`, () => {
      const result = parseQuietDays(raw, 'QUIET_DAYS');
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.deepEqual(
        [result.error.code, result.error.field],
        ['INVALID_QUIET_DAYS', 'QUIET_DAYS'],
      );
      // The texter's message names no parameter; the builder's detail does.
      assert.doesNotMatch(wordsFor(result.error, 'en').message, /QUIET_DAYS|quietDays|=/);
      assert.match(wordsFor(result.error, 'en').detail ?? '', /QUIET_DAYS/);
    });
  }
});

describe('weekdayIn', () => {
  // Saturday 2026-12-05 22:00 UTC: Sunday in Auckland (+13), Saturday in Honolulu (-10).
  const instant = at('2026-12-05T22:00:00Z');
  it('reads the weekday on the zone’s own calendar, across the date line', () => {
    assert.equal(weekdayIn(instant, 'Pacific/Auckland'), 0);
    assert.equal(weekdayIn(instant, 'Pacific/Honolulu'), 6);
    assert.equal(weekdayIn(instant, 'UTC'), 6);
  });
  it('turns at the zone’s midnight, not the host’s', () => {
    assert.equal(weekdayIn(at('2026-12-06T04:59:59Z'), 'America/New_York'), 6);
    assert.equal(weekdayIn(at('2026-12-06T05:00:00Z'), 'America/New_York'), 0);
    assert.equal(weekdayIn(at('2026-12-05T18:29:59Z'), 'Asia/Kolkata'), 6);
    assert.equal(weekdayIn(at('2026-12-05T18:30:00Z'), 'Asia/Kolkata'), 0);
  });
});

describe('endOfQuietDays', () => {
  const SUNDAY = days(0);
  const WEEKEND = days(6, 0);
  // biome-ignore format: one case per line reads as a table
  const cases: [string, string, QuietDays, string, string][] = [
    ['a weekday is unchanged', '2026-12-02T15:00:00Z', WEEKEND, 'America/New_York', '2026-12-02T15:00:00Z'],
    ['Sunday 10:00 EST goes to Monday 00:00 EST', '2026-12-06T15:00:00Z', SUNDAY, 'America/New_York', '2026-12-07T05:00:00Z'],
    ['Saturday goes past Sunday too', '2026-12-05T15:00:00Z', WEEKEND, 'America/New_York', '2026-12-07T05:00:00Z'],
    ['the first second of Sunday moves, the last of Saturday not', '2026-12-06T05:00:00Z', SUNDAY, 'America/New_York', '2026-12-07T05:00:00Z'],
    ['Saturday 23:59:59 EST stays', '2026-12-06T04:59:59Z', SUNDAY, 'America/New_York', '2026-12-06T04:59:59Z'],
    ['Sunday in Kolkata ends at its midnight (+5:30)', '2026-12-06T06:00:00Z', SUNDAY, 'Asia/Kolkata', '2026-12-06T18:30:00Z'],
    ['a Sunday of 25 hours (US fall-back) ends at Monday 00:00 EST', '2026-11-01T12:00:00Z', SUNDAY, 'America/New_York', '2026-11-02T05:00:00Z'],
    ['a Sunday of 23 hours (US spring-forward) ends at Monday 00:00 EDT', '2026-03-08T12:00:00Z', SUNDAY, 'America/New_York', '2026-03-09T04:00:00Z'],
    // Santiago's clocks jump from 24:00 to 01:00 on 2026-09-06: Sunday starts at 01:00 -03.
    ['when midnight does not exist, the day starts when the clock jumps', '2026-09-05T15:00:00Z', days(6), 'America/Santiago', '2026-09-06T04:00:00Z'],
  ];
  for (const [name, from, quiet, zone, expected] of cases) {
    it(name, () => assert.equal(iso(endOfQuietDays(at(from), quiet, zone)), iso(at(expected))));
  }

  it('every day quiet (only a hand-built set) never ends', () => {
    assert.equal(
      endOfQuietDays(at('2026-12-02T15:00:00Z'), days(0, 1, 2, 3, 4, 5, 6), 'UTC'),
      Number.POSITIVE_INFINITY,
    );
  });

  it('isQuietDay agrees with the zone: Sunday in Auckland is Saturday in Honolulu', () => {
    const instant = at('2026-12-05T22:00:00Z');
    assert.equal(isQuietDay(instant, SUNDAY, 'Pacific/Auckland'), true);
    assert.equal(isQuietDay(instant, SUNDAY, 'Pacific/Honolulu'), false);
  });
});
