// wall-clock.ts remembers a zone's UTC offset per quarter hour, because one request asks ICU
// up to ten times (see the performance notes). A remembered offset must always be the one ICU
// gives: checked around every offset change of 2026-2027 in zones with unusual rules, and at
// random instants. Every instant is asked twice, so the second answer comes from memory.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type WallTime, wallTimeAt } from '../src/time/wall-clock';
import { icuWallTime } from './support/icu-wall-clock';

const ZONES = [
  'America/New_York',
  'Europe/London',
  'Australia/Sydney',
  'Australia/Lord_Howe', // a 30-minute DST shift
  'Pacific/Chatham', // +12:45 / +13:45
  'Asia/Kathmandu', // +05:45, no DST
  'America/St_Johns', // -03:30 / -02:30
  'Antarctica/Troll', // +00 / +02: a two-hour shift
  'Africa/Casablanca', // leaves and rejoins +01 around Ramadan
  'America/Santiago',
  'UTC',
];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const offsetOf = (instant: number, zone: string): number => {
  const w = icuWallTime(instant, zone);
  return (
    Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) -
    Math.floor(instant / 1000) * 1000
  );
};

/** The instants (to the second) at which `zone` changes offset in [from, to). */
function changes(zone: string, from: number, to: number): number[] {
  const found: number[] = [];
  let offset = offsetOf(from, zone);
  for (let t = from; t < to; t += HOUR) {
    const next = offsetOf(t + HOUR, zone);
    if (next === offset) continue;
    offset = next;
    let [lo, hi] = [t, t + HOUR]; // offset(lo) differs from offset(hi)
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (offsetOf(mid, zone) === offsetOf(lo, zone)) lo = mid;
      else hi = mid;
    }
    found.push(hi);
  }
  return found;
}

const askTwice = (instant: number, zone: string) => {
  const expected = icuWallTime(instant, zone);
  assert.deepEqual(wallTimeAt(instant, zone), expected, `${zone} at ${instant}`);
  assert.deepEqual(wallTimeAt(instant, zone), expected, `${zone} at ${instant}, remembered`);
};

describe('remembered UTC offsets', () => {
  const from = Date.UTC(2026, 0, 1);
  const to = Date.UTC(2028, 0, 1);

  for (const zone of ZONES) {
    it(`are ICU's around every offset change of 2026-2027 in ${zone}`, () => {
      const found = changes(zone, from, to);
      if (zone !== 'UTC' && zone !== 'Asia/Kathmandu') assert.ok(found.length >= 2, zone);
      for (const change of found) {
        // Every minute of the half hour either side, then the seconds around the change itself.
        for (let t = change - 30 * MINUTE; t <= change + 30 * MINUTE; t += MINUTE) {
          askTwice(t, zone);
          askTwice(t + 29_999, zone);
        }
        for (const delta of [-1001, -1000, -1, 0, 1, 999, 1000]) askTwice(change + delta, zone);
      }
    });
  }

  it("are ICU's around changes that are not on a quarter hour (Maldives 1960, Guam 1969)", () => {
    for (const [zone, year] of [
      ['Indian/Maldives', 1959], // +04:54 to +05:00 at 19:06 UTC
      ['Pacific/Guam', 1969], // +11:00 to +10:00 at 13:01 UTC
    ] as const) {
      const found = changes(zone, Date.UTC(year, 0, 1), Date.UTC(year + 1, 1, 1));
      const change = found.find((instant) => instant % (15 * MINUTE) !== 0);
      assert.ok(change !== undefined, zone);
      for (let t = change - 20 * MINUTE; t <= change + 20 * MINUTE; t += 1000) askTwice(t, zone);
    }
  });

  it("are ICU's at random instants, asked in random order", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom(...ZONES),
        (instant, zone) => askTwice(instant, zone),
      ),
      { numRuns: 3000 },
    );
  });
});
