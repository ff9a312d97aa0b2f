// The first allowed instant across every candidate zone: quiet hours and quiet days must hold
// in each (fail closed), checked at the edges, across DST and the date line, and against a
// brute-force minute scan.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { firstAllowedInstant, type SendingRules } from '../src/time/allowed-time';
import type { QuietDays, Weekday } from '../src/time/quiet-days';
import type { QuietHours } from '../src/time/quiet-hours';
import { zonesForNumber } from '../src/time/recipient-zones';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const at = (iso: string): number => Date.parse(iso);
const iso = (instant: number | null): string | null =>
  instant === null ? null : new Date(instant).toISOString();

const NIGHT: QuietHours = { start: 21 * 60, end: 8 * 60 }; // TCPA: 8am to 9pm allowed
const hoursOnly: SendingRules = { quietHours: NIGHT, quietDays: null };
const FAR = at('2030-01-01T00:00:00Z');

describe('firstAllowedInstant: quiet hours in two zones one hour apart', () => {
  const zones = ['America/Chicago', 'America/New_York'] as const;
  // biome-ignore format: one case per line reads as a table
  const cases: [string, string, string][] = [
    ['19:59 CST (20:59 EST) is allowed in both', '2026-12-02T01:59:00Z', '2026-12-02T01:59:00Z'],
    ['20:00 CST is 21:00 EST: quiet in New York, so the next 08:00 CST', '2026-12-02T02:00:00Z', '2026-12-02T14:00:00Z'],
    ['08:00 EST is 07:00 CST: still quiet in Chicago', '2026-12-02T13:00:00Z', '2026-12-02T14:00:00Z'],
    ['one second before 08:00 CST', '2026-12-02T13:59:59Z', '2026-12-02T14:00:00Z'],
    ['08:00 CST is allowed in both', '2026-12-02T14:00:00Z', '2026-12-02T14:00:00Z'],
  ];
  for (const [name, from, expected] of cases) {
    it(name, () =>
      assert.equal(iso(firstAllowedInstant(at(from), hoursOnly, zones, FAR)), iso(at(expected))),
    );
  }
  it('the order of the zones does not matter', () => {
    const from = at('2026-12-02T02:00:00Z');
    assert.equal(
      firstAllowedInstant(from, hoursOnly, ['America/New_York', 'America/Chicago'], FAR),
      firstAllowedInstant(from, hoursOnly, zones, FAR),
    );
  });
});

describe('firstAllowedInstant: a DST night in one of two zones', () => {
  // Honolulu keeps -10; Anchorage goes from -9 to -8 at 02:00 on 2026-03-08.
  const zones = ['Pacific/Honolulu', 'America/Anchorage'] as const;
  // biome-ignore format: one case per line reads as a table
  const cases: [string, string, string][] = [
    ['before the change, 21:00 AKST (20:00 HST) is the first quiet minute', '2026-03-07T05:59:00Z', '2026-03-07T05:59:00Z'],
    ['across the change: 08:00 AKDT is 06:00 HST, so 08:00 HST', '2026-03-08T06:00:00Z', '2026-03-08T18:00:00Z'],
    ['after it, 21:00 AKDT is 19:00 HST: quiet from 05:00 UTC', '2026-03-09T04:59:00Z', '2026-03-09T04:59:00Z'],
    ['after it, 21:00 AKDT moves to 08:00 HST', '2026-03-09T05:00:00Z', '2026-03-09T18:00:00Z'],
  ];
  for (const [name, from, expected] of cases) {
    it(name, () =>
      assert.equal(iso(firstAllowedInstant(at(from), hoursOnly, zones, FAR)), iso(at(expected))),
    );
  }
});

describe('firstAllowedInstant: quiet days across the date line', () => {
  const sunday: SendingRules = { quietHours: null, quietDays: new Set<Weekday>([0]) };
  const zones = ['Pacific/Auckland', 'Pacific/Honolulu'] as const;
  it('Saturday in Honolulu is Sunday in Auckland: wait for Monday in both', () => {
    // Sat 12:00 HST = Sun 11:00 NZDT. Monday 00:00 NZDT is Sunday 01:00 HST: Monday 00:00 HST.
    const from = at('2026-12-05T22:00:00Z');
    assert.equal(iso(firstAllowedInstant(from, sunday, zones, FAR)), '2026-12-07T10:00:00.000Z');
  });
  it('Saturday morning in Auckland (Friday in Honolulu) is allowed in both', () => {
    const from = at('2026-12-04T20:00:00Z');
    assert.equal(firstAllowedInstant(from, sunday, zones, FAR), from);
  });
  it('quiet hours and days together: the end of a night can fall on a quiet day', () => {
    // Sat 22:00 EST is quiet; its end, Sunday 08:00, is a quiet day: Monday 08:00 EST.
    const rules: SendingRules = { quietHours: NIGHT, quietDays: new Set<Weekday>([0]) };
    const from = at('2026-12-06T03:00:00Z');
    assert.equal(
      iso(firstAllowedInstant(from, rules, ['America/New_York'], FAR)),
      '2026-12-07T13:00:00.000Z',
    );
  });
});

describe('firstAllowedInstant: the limit', () => {
  it('null when the first allowed instant is past the limit; the limit itself counts', () => {
    const from = at('2026-12-02T02:00:00Z'); // 21:00 EST
    const allowed = at('2026-12-02T13:00:00Z'); // 08:00 EST
    assert.equal(firstAllowedInstant(from, hoursOnly, ['America/New_York'], allowed - 1), null);
    assert.equal(firstAllowedInstant(from, hoursOnly, ['America/New_York'], allowed), allowed);
  });
  it('null when no instant is allowed in every zone', () => {
    // 09:00-18:00 in Kolkata is 03:30-12:30 UTC, in New York (EST) 14:00-23:00 UTC.
    const office: SendingRules = { quietHours: { start: 18 * 60, end: 9 * 60 }, quietDays: null };
    const from = at('2026-12-02T02:00:00Z');
    const zones = ['Asia/Kolkata', 'America/New_York'] as const;
    assert.equal(firstAllowedInstant(from, office, zones, from + 35 * DAY), null);
  });
  it('a toll-free number under 8am-9pm: the hours allowed from Guam to St. John’s', () => {
    const [first, ...rest] = zonesForNumber('+18005550123');
    assert.ok(first !== undefined && rest.length === 41);
    // In December 08:00 in Guam (+10) is 22:00 UTC, 21:00 in St. John's (-3:30) 00:30 UTC.
    const zones = [first, ...rest] as const;
    const from = at('2026-12-02T02:00:00Z');
    assert.equal(iso(firstAllowedInstant(from, hoursOnly, zones, FAR)), '2026-12-02T22:00:00.000Z');
    const late = at('2026-12-03T00:30:00Z');
    assert.equal(iso(firstAllowedInstant(late, hoursOnly, zones, FAR)), '2026-12-03T22:00:00.000Z');
  });
  it('no rules: from itself', () => {
    const from = at('2026-12-02T02:00:00.250Z');
    assert.equal(
      firstAllowedInstant(from, { quietHours: null, quietDays: null }, ['UTC'], FAR),
      from,
    );
  });
});

// --- Property: the result equals a brute-force scan, minute by minute -----------------------

// Zones with DST on both hemispheres, half- and quarter-hour offsets, a 30-minute DST (Lord
// Howe), midnight changes (Santiago, Havana) and both sides of the date line.
const ZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Adak',
  'America/St_Johns',
  'America/Santiago',
  'America/Havana',
  'Pacific/Honolulu',
  'Pacific/Auckland',
  'Pacific/Chatham',
  'Pacific/Guam',
  'Australia/Lord_Howe',
  'Australia/Sydney',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Europe/London',
  'UTC',
];

/** An oracle independent of the code under test: ICU's own wall clock and weekday. */
const parts = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
function localClock(instant: number, zone: string): { minute: number; weekday: number } {
  let format = parts.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
    });
    parts.set(zone, format);
  }
  const field = (type: string) => format.formatToParts(instant).find((p) => p.type === type)?.value;
  return {
    minute: Number(field('hour')) * 60 + Number(field('minute')),
    weekday: WEEKDAYS.indexOf(field('weekday') ?? ''),
  };
}

function allowedEverywhere(
  instant: number,
  rules: SendingRules,
  zones: readonly string[],
): boolean {
  return zones.every((zone) => {
    const { minute, weekday } = localClock(instant, zone);
    const q = rules.quietHours;
    const quietHour =
      q !== null &&
      (q.start < q.end ? minute >= q.start && minute < q.end : minute >= q.start || minute < q.end);
    return !quietHour && !(rules.quietDays?.has(weekday as Weekday) ?? false);
  });
}

/**
 * Allowedness only changes on whole UTC minutes (every offset here is whole minutes), so the
 * first allowed instant is `from` or the first whole minute after it that is allowed.
 */
function bruteForce(from: number, rules: SendingRules, zones: readonly string[], limit: number) {
  if (allowedEverywhere(from, rules, zones)) return from;
  for (let t = Math.floor(from / MINUTE) * MINUTE + MINUTE; t <= limit; t += MINUTE) {
    if (allowedEverywhere(t, rules, zones)) return t;
  }
  return null;
}

const quietHours = fc.option(
  fc
    .record({ start: fc.integer({ min: 0, max: 1439 }), end: fc.integer({ min: 0, max: 1439 }) })
    .filter(({ start, end }) => start !== end),
  { nil: null, freq: 4 },
);
const quietDays = fc.option(
  fc
    .uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 6 })
    .map((list) => new Set(list as Weekday[]) as QuietDays),
  { nil: null, freq: 3 },
);
// Around DST changes of both hemispheres, whole seconds and odd milliseconds alike.
const from = fc.oneof(
  fc.integer({ min: at('2026-01-01T00:00:00Z'), max: at('2027-01-01T00:00:00Z') }),
  fc
    .constantFrom('2026-03-08', '2026-04-05', '2026-09-06', '2026-09-27', '2026-11-01')
    .chain((day) =>
      fc.integer({ min: at(`${day}T00:00:00Z`) - DAY, max: at(`${day}T00:00:00Z`) + DAY }),
    ),
);
const zoneSet = fc.uniqueArray(fc.constantFrom(...ZONES), { minLength: 1, maxLength: 3 });
const HORIZON = 2 * DAY;

describe('firstAllowedInstant: property', () => {
  it('is the first instant at or after from that is allowed in every zone, or null', () => {
    fc.assert(
      fc.property(from, quietHours, quietDays, zoneSet, (start, hours, weekdays, zones) => {
        const rules: SendingRules = { quietHours: hours, quietDays: weekdays };
        const limit = start + HORIZON;
        const found = firstAllowedInstant(start, rules, zones as [string, ...string[]], limit);
        assert.equal(iso(found), iso(bruteForce(start, rules, zones, limit)));
        if (found !== null) {
          assert.ok(found >= start && allowedEverywhere(found, rules, zones));
          if (start % 1000 === 0) assert.equal(found % 1000, 0, 'whole seconds stay whole');
        }
      }),
      { numRuns: 150 },
    );
  });
});
