// `repeat`: parsing the rule and expanding it into instants. Every expected instant was worked out
// by hand from the zones' published rules: New York EST -05:00 / EDT -04:00, DST 2026-03-08 02:00
// to 2026-11-01 02:00; Sydney AEDT +11:00 until 2026-04-05 03:00, then AEST +10:00. Weekdays of
// 2026: Jan 1 is a Thursday, Mar 1 a Sunday, Aug 1 a Saturday, Nov 1 a Sunday.
// Must pass under any host TZ (run with TZ=UTC, Australia/Sydney, America/Los_Angeles).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Result } from '../src/core/errors';
import { wordsFor } from '../src/edge/error-words';
import { parseRepeat } from '../src/time/repeat-parse';
import { MAX_OCCURRENCES, type RepeatInput, type RepeatRule } from '../src/time/repeat-rule';
import { expandSeries, occurrences } from '../src/time/series-expand';
import { formatLocal, instantOf } from '../src/time/wall-clock';

const NY = 'America/New_York';
const SYDNEY = 'Australia/Sydney';
const NOW = Date.parse('2026-03-01T12:00:00Z');

const t = (iso: string): number => Date.parse(iso);
const iso = (instants: number[]): string[] =>
  instants.map((instant) => new Date(instant).toISOString().replace('.000Z', 'Z'));

function rule(input: RepeatInput | string, zone = NY, now = NOW): RepeatRule {
  const parsed = parseRepeat(typeof input === 'string' ? { repeat: input } : input, { now, zone });
  if (!parsed.ok) assert.fail(`expected a rule, got ${JSON.stringify(parsed.error)}`);
  return parsed.value;
}

function series(input: RepeatInput | string, first: string, zone = NY, now = NOW): string[] {
  return iso(occurrences(t(first), rule(input, zone, now), zone));
}

function refused(result: Result<unknown>, field = 'repeat') {
  assert.equal(result.ok, false, 'expected INVALID_REPEAT');
  if (result.ok) return;
  assert.equal(result.error.code, 'INVALID_REPEAT');
  assert.equal(result.error.field, field);
  // For the person who texted: no parameter names, no "=".
  assert.doesNotMatch(
    wordsFor(result.error, 'en').message,
    /=|\b(repeat|count|until|rrule|freq|byday)\b/i,
  );
  const words = wordsFor(result.error, 'en');
  assert.ok(words.detail, 'a detail for the builder');
  // The error as the builder reads it: code, field and the edge's words.
  return { ...result.error, ...words };
}

describe('occurrences keep the wall clock across DST', () => {
  it('daily 08:00 New York across 2026-03-08: 08:00 local each day, one hour earlier in UTC', () => {
    const found = series({ repeat: 'daily', count: '6' }, '2026-03-05T13:00:00Z');
    assert.deepEqual(found, [
      '2026-03-05T13:00:00Z',
      '2026-03-06T13:00:00Z',
      '2026-03-07T13:00:00Z',
      '2026-03-08T12:00:00Z',
      '2026-03-09T12:00:00Z',
      '2026-03-10T12:00:00Z',
    ]);
    for (const instant of found) assert.match(formatLocal(t(instant), NY), /T08:00:00-0[45]:00$/);
  });

  it('daily 08:00 Sydney across 2026-04-05 (DST ends): one hour later in UTC', () => {
    assert.deepEqual(series({ repeat: 'daily', count: '4' }, '2026-04-02T21:00:00Z', SYDNEY), [
      '2026-04-02T21:00:00Z',
      '2026-04-03T21:00:00Z',
      '2026-04-04T22:00:00Z',
      '2026-04-05T22:00:00Z',
    ]);
  });

  it('weekly for 10 weeks from Monday 08:00 New York, across 2026-11-01 (DST ends)', () => {
    const now = t('2026-10-01T12:00:00Z');
    assert.deepEqual(series({ repeat: 'weekly', count: '10' }, '2026-10-12T12:00:00Z', NY, now), [
      '2026-10-12T12:00:00Z',
      '2026-10-19T12:00:00Z',
      '2026-10-26T12:00:00Z',
      '2026-11-02T13:00:00Z',
      '2026-11-09T13:00:00Z',
      '2026-11-16T13:00:00Z',
      '2026-11-23T13:00:00Z',
      '2026-11-30T13:00:00Z',
      '2026-12-07T13:00:00Z',
      '2026-12-14T13:00:00Z',
    ]);
  });

  it('a wall time in the DST gap moves forward on that day only (daily 02:30 across 2026-03-08)', () => {
    const found = series({ repeat: 'daily', count: '4' }, '2026-03-06T07:30:00Z');
    assert.deepEqual(found, [
      '2026-03-06T07:30:00Z',
      '2026-03-07T07:30:00Z',
      '2026-03-08T07:30:00Z',
      '2026-03-09T06:30:00Z',
    ]);
    assert.deepEqual(
      found.map((instant) => formatLocal(t(instant), NY).slice(11)),
      ['02:30:00-05:00', '02:30:00-05:00', '03:30:00-04:00', '02:30:00-04:00'],
    );
  });

  it('a wall time in the fall-back overlap takes the earlier instant; a first in it is kept', () => {
    const now = t('2026-10-01T12:00:00Z');
    // 01:30 daily from Oct 31 (EDT): Nov 1 01:30 happens twice, the EDT one is taken.
    assert.deepEqual(series({ repeat: 'daily', count: '3' }, '2026-10-31T05:30:00Z', NY, now), [
      '2026-10-31T05:30:00Z',
      '2026-11-01T05:30:00Z',
      '2026-11-02T06:30:00Z',
    ]);
    // The caller's first is the second 01:30 (EST): it stays the first, unchanged.
    assert.deepEqual(series({ repeat: 'daily', count: '2' }, '2026-11-01T06:30:00Z', NY, now), [
      '2026-11-01T06:30:00Z',
      '2026-11-02T06:30:00Z',
    ]);
  });
});

describe('weekly rules', () => {
  it('BYDAY=MO,WE with COUNT=6 from a Monday', () => {
    assert.deepEqual(series('FREQ=WEEKLY;BYDAY=MO,WE;COUNT=6', '2026-03-02T13:00:00Z'), [
      '2026-03-02T13:00:00Z',
      '2026-03-04T13:00:00Z',
      '2026-03-09T12:00:00Z',
      '2026-03-11T12:00:00Z',
      '2026-03-16T12:00:00Z',
      '2026-03-18T12:00:00Z',
    ]);
  });

  it('a first not on a BYDAY day is not an occurrence: the series starts on the next listed day', () => {
    // Friday 2026-03-06 08:00: the first Monday/Wednesday after it is Monday 03-09.
    assert.deepEqual(series('RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=3', '2026-03-06T13:00:00Z'), [
      '2026-03-09T12:00:00Z',
      '2026-03-11T12:00:00Z',
      '2026-03-16T12:00:00Z',
    ]);
  });

  it('weekdays: Monday to Friday, Saturday and Sunday skipped', () => {
    assert.deepEqual(series({ repeat: 'weekdays', count: '5' }, '2026-03-06T13:00:00Z'), [
      '2026-03-06T13:00:00Z',
      '2026-03-09T12:00:00Z',
      '2026-03-10T12:00:00Z',
      '2026-03-11T12:00:00Z',
      '2026-03-12T12:00:00Z',
    ]);
    // Started on a Saturday: the first message goes on Monday.
    assert.deepEqual(series({ repeat: 'weekdays', count: '2' }, '2026-03-07T13:00:00Z'), [
      '2026-03-09T12:00:00Z',
      '2026-03-10T12:00:00Z',
    ]);
  });

  it('INTERVAL=2: every other week on MO,WE, every other day', () => {
    assert.deepEqual(series('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=4', '2026-03-04T13:00:00Z'), [
      '2026-03-04T13:00:00Z',
      '2026-03-16T12:00:00Z',
      '2026-03-18T12:00:00Z',
      '2026-03-30T12:00:00Z',
    ]);
    assert.deepEqual(series('FREQ=DAILY;INTERVAL=2;COUNT=4', '2026-03-05T13:00:00Z'), [
      '2026-03-05T13:00:00Z',
      '2026-03-07T13:00:00Z',
      '2026-03-09T12:00:00Z',
      '2026-03-11T12:00:00Z',
    ]);
  });

  it('WKST decides which weeks INTERVAL=2 skips (the RFC 5545 example, in 2026)', () => {
    const now = t('2026-07-01T12:00:00Z');
    const first = '2026-08-04T13:00:00Z'; // Tuesday 09:00 EDT
    const days = (wkst: string) =>
      series(`FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=${wkst}`, first, NY, now).map(
        (instant) => instant.slice(5, 10),
      );
    assert.deepEqual(days('MO'), ['08-04', '08-09', '08-18', '08-23']);
    assert.deepEqual(days('SU'), ['08-04', '08-16', '08-18', '08-30']);
  });

  it('DAILY with BYDAY keeps only those weekdays', () => {
    assert.deepEqual(series('FREQ=DAILY;BYDAY=SA,SU;COUNT=3', '2026-03-05T13:00:00Z'), [
      '2026-03-07T13:00:00Z',
      '2026-03-08T12:00:00Z',
      '2026-03-14T12:00:00Z',
    ]);
  });
});

describe('monthly rules', () => {
  it('on the 31st: months without a 31st are skipped (RFC 5545), not moved', () => {
    assert.deepEqual(series('FREQ=MONTHLY;COUNT=6', '2026-01-31T14:00:00Z'), [
      '2026-01-31T14:00:00Z',
      '2026-03-31T13:00:00Z',
      '2026-05-31T13:00:00Z',
      '2026-07-31T13:00:00Z',
      '2026-08-31T13:00:00Z',
      '2026-10-31T13:00:00Z',
    ]);
  });

  it('BYMONTHDAY=-1: the last day of every month', () => {
    assert.deepEqual(series('FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=4', '2026-01-31T14:00:00Z'), [
      '2026-01-31T14:00:00Z',
      '2026-02-28T14:00:00Z',
      '2026-03-31T13:00:00Z',
      '2026-04-30T13:00:00Z',
    ]);
  });

  it('BYMONTHDAY=1 (rent on the 1st), started mid-month: the first message is on the 1st', () => {
    assert.deepEqual(series('FREQ=MONTHLY;BYMONTHDAY=1;COUNT=4', '2026-01-15T14:00:00Z'), [
      '2026-02-01T14:00:00Z',
      '2026-03-01T14:00:00Z',
      '2026-04-01T13:00:00Z',
      '2026-05-01T13:00:00Z',
    ]);
  });

  it('BYDAY=-1FR (last Friday) and 1MO (first Monday)', () => {
    assert.deepEqual(series('FREQ=MONTHLY;BYDAY=-1FR;COUNT=3', '2026-01-01T14:00:00Z'), [
      '2026-01-30T14:00:00Z',
      '2026-02-27T14:00:00Z',
      '2026-03-27T13:00:00Z',
    ]);
    assert.deepEqual(series('FREQ=MONTHLY;BYDAY=1MO;COUNT=3', '2026-01-01T14:00:00Z'), [
      '2026-01-05T14:00:00Z',
      '2026-02-02T14:00:00Z',
      '2026-03-02T14:00:00Z',
    ]);
  });

  it('BYDAY with BYMONTHDAY: BYDAY limits the days (Friday the 13th)', () => {
    // 2026: Friday the 13th in February, March and November.
    const now = t('2026-01-01T12:00:00Z');
    assert.deepEqual(
      series('FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13;COUNT=3', '2026-01-01T14:00:00Z', NY, now),
      ['2026-02-13T14:00:00Z', '2026-03-13T13:00:00Z', '2026-11-13T14:00:00Z'],
    );
  });
});

describe('the end of a series', () => {
  const first = '2026-03-05T13:00:00Z'; // Thursday 08:00 EST

  it('until is inclusive: a date includes its whole day, a date-time its own instant', () => {
    const days = (input: RepeatInput) => series(input, first).map((i) => i.slice(5, 10));
    assert.deepEqual(days({ repeat: 'daily', until: '2026-03-08' }), [
      '03-05',
      '03-06',
      '03-07',
      '03-08',
    ]);
    assert.deepEqual(days({ repeat: 'daily', until: '2026-03-08T08:00' }), [
      '03-05',
      '03-06',
      '03-07',
      '03-08',
    ]);
    assert.deepEqual(days({ repeat: 'FREQ=DAILY;UNTIL=20260308T120000Z' }), [
      '03-05',
      '03-06',
      '03-07',
      '03-08',
    ]);
    assert.deepEqual(days({ repeat: 'FREQ=DAILY;UNTIL=20260308T115959Z' }), [
      '03-05',
      '03-06',
      '03-07',
    ]);
    assert.deepEqual(days({ repeat: 'FREQ=DAILY;UNTIL=20260307' }), ['03-05', '03-06', '03-07']);
  });

  it('the same end given as a parameter and in the RRULE is accepted', () => {
    assert.equal(rule({ repeat: 'FREQ=DAILY;COUNT=5', count: '5' }).count, 5);
    assert.equal(
      rule({ repeat: 'FREQ=DAILY;UNTIL=20260310', until: '2026-03-10' }).until,
      t('2026-03-11T04:00:00Z') - 1,
    );
  });

  it('at most 100 occurrences; expandSeries refuses an until that allows more', () => {
    const daily = rule({ repeat: 'daily', until: '2026-12-31' });
    const found = occurrences(t(first), daily, NY);
    assert.equal(found.length, MAX_OCCURRENCES);
    refused(expandSeries(t(first), daily, NY));
    const exact = expandSeries(t(first), rule({ repeat: 'daily', count: '100' }), NY);
    assert.ok(exact.ok && exact.value.length === 100);
  });

  it('expandSeries refuses a COUNT that does not fit in 366 days, accepts one that does', () => {
    const monthly = (count: string) =>
      expandSeries(t('2026-01-15T14:00:00Z'), rule({ repeat: 'FREQ=MONTHLY', count }), NY);
    const thirteen = monthly('13');
    assert.ok(thirteen.ok);
    assert.equal(iso(thirteen.value).at(-1), '2027-01-15T14:00:00Z');
    refused(monthly('14'));
  });

  it('expandSeries refuses a series with no occurrence before until', () => {
    const rent = rule({ repeat: 'FREQ=MONTHLY;BYMONTHDAY=1', until: '2026-03-20' });
    refused(expandSeries(t('2026-03-05T13:00:00Z'), rent, NY));
  });
});

describe('parseRepeat refuses what it does not support', () => {
  const parse = (input: RepeatInput, now = NOW) => parseRepeat(input, { now, zone: NY });

  it('count over 100 or not a whole number', () => {
    refused(parse({ repeat: 'daily', count: '101' }), 'count');
    refused(parse({ repeat: 'daily', count: '0' }), 'count');
    refused(parse({ repeat: 'daily', count: '2.5' }), 'count');
    refused(parse({ repeat: 'FREQ=DAILY;COUNT=500' }));
    assert.equal(rule({ repeat: 'daily', count: '100' }).count, 100);
  });

  it('until in the past or unreadable (parse); more than 366 days after the first message (expand)', () => {
    refused(parse({ repeat: 'daily', until: '2026-02-28' }), 'until');
    refused(parse({ repeat: 'daily', until: '2026-02-30' }), 'until');
    refused(parse({ repeat: 'daily', until: 'next year' }), 'until');
    refused(parse({ repeat: 'daily', until: '2027-03-02T12:00:00+18:00' }), 'until');
    // The first message is Thursday 2026-03-05 08:00 New York: up to 2027-03-06, 366 days on.
    const first = t('2026-03-05T13:00:00Z');
    const weekly = (until: string) => expandSeries(first, rule({ repeat: 'weekly', until }), NY);
    assert.ok(weekly('2027-03-06').ok);
    assert.ok(weekly('2027-03-06T23:59:59-05:00').ok);
    refused(weekly('2027-03-07'), 'until');
    refused(weekly('2027-03-07T05:00:00Z'), 'until');
    refused(expandSeries(first, rule('FREQ=WEEKLY;UNTIL=20280101'), NY));
  });

  it('the 366 days count from the first message, not from the start asked for', () => {
    // Asked for 2027-01-01 09:00; the first message is on January 31, the 13th 365 days later.
    const now = t('2026-12-20T12:00:00Z');
    const lastDays = rule({ repeat: 'FREQ=MONTHLY;BYMONTHDAY=-1', count: '13' }, NY, now);
    const found = expandSeries(t('2027-01-01T14:00:00Z'), lastDays, NY);
    assert.ok(found.ok, JSON.stringify(found));
    assert.equal(found.value.length, 13);
    assert.equal(formatLocal(found.value[0] ?? 0, NY), '2027-01-31T09:00:00-05:00');
    assert.equal(formatLocal(found.value[12] ?? 0, NY), '2028-01-31T09:00:00-05:00');
    // until the same day works too, 366 days after the first message's date.
    const untilRule = rule({ repeat: 'FREQ=MONTHLY;BYMONTHDAY=-1', until: '2028-01-31' }, NY, now);
    assert.ok(expandSeries(t('2027-01-01T14:00:00Z'), untilRule, NY).ok);
  });

  it('no end, or two ends', () => {
    refused(parse({ repeat: 'daily' }));
    refused(parse({ repeat: 'weekly', count: ' ', until: '' }));
    refused(parse({ repeat: 'daily', count: '5', until: '2026-04-01' }));
    refused(parse({ repeat: 'FREQ=DAILY;COUNT=5;UNTIL=20260401' }));
    refused(parse({ repeat: 'FREQ=DAILY;COUNT=5', until: '2026-04-01' }));
    refused(parse({ repeat: 'FREQ=DAILY;COUNT=5', count: '6' }));
    refused(parse({ repeat: 'FREQ=DAILY;UNTIL=20260401', until: '2026-04-02' }));
  });

  it('frequencies, parts and values outside what is supported, with a detail that says what is', () => {
    for (const repeat of [
      'hourly',
      'FREQ=HOURLY;COUNT=3',
      'FREQ=MINUTELY;COUNT=3',
      'FREQ=SECONDLY;COUNT=3',
      'FREQ=YEARLY;COUNT=3',
      'FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-1;COUNT=3',
      'FREQ=MONTHLY;BYMONTH=1;COUNT=3',
      'FREQ=WEEKLY;BYMONTHDAY=1;COUNT=3',
      'FREQ=WEEKLY;BYDAY=1MO;COUNT=3',
      'FREQ=MONTHLY;BYDAY=6MO;COUNT=3',
      'FREQ=MONTHLY;BYMONTHDAY=32;COUNT=3',
      'FREQ=MONTHLY;BYMONTHDAY=0;COUNT=3',
      'FREQ=DAILY;BYDAY=XX;COUNT=3',
      'FREQ=DAILY;INTERVAL=0;COUNT=3',
      'FREQ=DAILY;FREQ=WEEKLY;COUNT=3',
      'INTERVAL=2;COUNT=3',
      'DTSTART:20260301T080000Z\nRRULE:FREQ=DAILY;COUNT=3',
      '',
    ]) {
      const error = refused(parse({ repeat }));
      assert.match(
        error ? (wordsFor(error, 'en').detail ?? '') : '',
        /FREQ=DAILY\|WEEKLY\|MONTHLY/,
        repeat,
      );
    }
  });

  it('a phone number pasted into the rule is not echoed in the detail', () => {
    const error = refused(parse({ repeat: 'FREQ=DAILY;BYDAY=+15551234567;COUNT=3' }));
    assert.doesNotMatch(error ? (wordsFor(error, 'en').detail ?? '') : '', /5551234567/);
  });

  it('reads the named forms and RRULE parts case-insensitively', () => {
    assert.deepEqual(rule({ repeat: 'Weekdays', count: '3' }), {
      freq: 'WEEKLY',
      interval: 1,
      byDay: [1, 2, 3, 4, 5].map((weekday) => ({ weekday })),
      byMonthDay: [],
      weekStart: 1,
      count: 3,
    });
    assert.deepEqual(rule('rrule:freq=monthly;byday=-1fr;bymonthday=-1,15;interval=2;count=4'), {
      freq: 'MONTHLY',
      interval: 2,
      byDay: [{ weekday: 5, nth: -1 }],
      byMonthDay: [-1, 15],
      weekStart: 1,
      count: 4,
    });
  });
});

describe('a series that starts in a DST gap moves that occurrence only', () => {
  it('New York 2027-03-14 02:30 daily x3: 03:30 on the 14th, then 02:30 on the 15th and 16th', () => {
    const asked = { year: 2027, month: 3, day: 14, hour: 2, minute: 30, second: 0 };
    const first = instantOf(asked, NY);
    const now = t('2027-03-01T12:00:00Z');
    const found = occurrences(first, rule({ repeat: 'daily', count: '3' }, NY, now), NY, asked);
    assert.deepEqual(
      found.map((instant) => formatLocal(instant, NY)),
      ['2027-03-14T03:30:00-04:00', '2027-03-15T02:30:00-04:00', '2027-03-16T02:30:00-04:00'],
    );
  });

  it('an overlap takes the earlier instant on every later day that has one', () => {
    // 2026-11-01 01:30 happens twice in New York; weekly, so the next ones are plain days.
    const asked = { year: 2026, month: 10, day: 25, hour: 1, minute: 30, second: 0 };
    const now = t('2026-10-01T12:00:00Z');
    const daily = rule({ repeat: 'daily', count: '9' }, NY, now);
    const found = occurrences(instantOf(asked, NY), daily, NY, asked);
    assert.equal(formatLocal(found[7] ?? 0, NY), '2026-11-01T01:30:00-04:00');
    assert.equal(formatLocal(found[8] ?? 0, NY), '2026-11-02T01:30:00-05:00');
  });
});

describe('monthly, and the input-cost limits', () => {
  it('repeat=monthly is the first day of the month each month (RFC 5545 skips a missing day)', () => {
    assert.deepEqual(rule({ repeat: 'monthly', count: '3' }), rule('FREQ=MONTHLY;COUNT=3'));
    assert.deepEqual(series({ repeat: 'MONTHLY', count: '3' }, '2026-03-05T14:00:00Z'), [
      '2026-03-05T14:00:00Z',
      '2026-04-05T13:00:00Z',
      '2026-05-05T13:00:00Z',
    ]);
  });

  it('refuses a repeat over 256 characters, over 7 BYDAY or 31 BYMONTHDAY, and duplicates', () => {
    const parse = (repeat: string) => parseRepeat({ repeat, count: '3' }, { now: NOW, zone: NY });
    const long = `FREQ=WEEKLY;BYDAY=MO${';WKST=MO'.repeat(40)}`;
    assert.ok(long.length > 256);
    assert.match(refused(parse(long))?.detail ?? '', /longer than 256 characters/);
    assert.match(
      refused(parse('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU,MO'))?.detail ?? '',
      /more than 7/,
    );
    assert.match(refused(parse('FREQ=WEEKLY;BYDAY=MO,MO'))?.detail ?? '', /twice/);
    assert.match(refused(parse('FREQ=MONTHLY;BYDAY=1MO,+1MO'))?.detail ?? '', /twice/);
    assert.ok(parse('FREQ=MONTHLY;BYDAY=1MO,-1MO,2MO').ok);
    const days = Array.from({ length: 31 }, (_, i) => i + 1).join(',');
    assert.ok(parse(`FREQ=MONTHLY;BYMONTHDAY=${days}`).ok);
    assert.match(
      refused(parse(`FREQ=MONTHLY;BYMONTHDAY=${days},-1`))?.detail ?? '',
      /more than 31/,
    );
    assert.match(refused(parse('FREQ=MONTHLY;BYMONTHDAY=15,15'))?.detail ?? '', /twice/);
  });
});
