// Property: for random recipients' numbers, instants and rules, the final send time is
// outside quiet hours and off quiet days in EVERY candidate zone, inside the window, and no
// earlier than asked; or it is one of the window's errors. Checked with Intl, independently of
// the code under test.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { QuietDays, Weekday } from '../src/time/quiet-days';
import { zonesForNumber } from '../src/time/recipient-zones';
import {
  computeSendTime,
  requestedTime,
  type SendTimeRequest,
  type SendTimeSpec,
  schedulingWindow,
} from '../src/time/send-time';

const WINDOW = { minLeadMinutes: 15, maxLeadDays: 35 };
/** Numbers with one zone, two (a US area code, Alaska), many (toll-free), half-hour and far zones. */
const NUMBERS = [
  '+12125550100', // New York
  '+13105550100', // Los Angeles
  '+19075550100', // Alaska: Adak and Anchorage
  '+18085550100', // Honolulu
  '+18005550100', // toll-free: 42 zones
  '+442079460958', // London
  '+912223456789', // Mumbai (Kolkata, +05:30)
  '+61291234567', // Sydney
  '+5511912345678', // São Paulo
  '+16045550100', // Vancouver
  '+6493091234', // Auckland
  'whatsapp:+12125550100',
];
const NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function wallIn(instant: number, zone: string): { weekday: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = NAMES.indexOf(get('weekday').toLowerCase().slice(0, 3));
  return { weekday, minute: Number(get('hour')) * 60 + Number(get('minute')) };
}

const quiet = (minute: number, start: number, end: number) =>
  start < end ? minute >= start && minute < end : minute >= start || minute < end;

describe('the recipient’s own clock (property)', () => {
  it('the final time is allowed in every candidate zone, inside the window, and no earlier than asked', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NUMBERS),
        fc.integer({
          min: Date.parse('2026-01-01T00:00:00Z'),
          max: Date.parse('2027-12-31T00:00:00Z'),
        }),
        fc.oneof(
          fc
            .integer({ min: 1, max: 60 * 24 * 40 })
            .map((m): SendTimeSpec => ({ kind: 'minutes', minutes: m })),
          fc
            .integer({ min: 0, max: 1439 })
            .map((m): SendTimeSpec => ({ kind: 'at', minuteOfDay: m })),
        ),
        fc.option(fc.tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 0, max: 1439 }))),
        fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 3 }),
        fc.constantFrom('reject', 'earliest') as fc.Arbitrary<'reject' | 'earliest'>,
        (number, now, spec, hours, days, ifTooSoon) => {
          const zones = zonesForNumber(number);
          assert.ok(zones.length > 0, number);
          const quietHours =
            hours && hours[0] !== hours[1] ? { start: hours[0], end: hours[1] } : null;
          const request: SendTimeRequest = {
            spec,
            zones,
            quietHours,
            quietDays: days.length > 0 ? (new Set(days as Weekday[]) as QuietDays) : null,
            ifTooSoon,
            locale: 'en-US',
          };
          const result = computeSendTime(request, WINDOW, now);
          if (!result.ok) {
            assert.ok(
              ['SEND_AT_TOO_SOON', 'SEND_AT_TOO_LATE', 'NO_ALLOWED_TIME'].includes(
                result.error.code,
              ),
              result.error.code,
            );
            return;
          }
          const { instant } = result.value;
          const { earliest, latest } = schedulingWindow(now, WINDOW);
          assert.ok(instant >= earliest && instant <= latest, 'inside the window');
          assert.equal(instant % 1000, 0, 'whole seconds');
          const asked = requestedTime(request, WINDOW, now);
          assert.ok(asked.ok);
          if (ifTooSoon === 'reject')
            assert.ok(instant >= asked.value.instant, 'no earlier than asked');
          for (const zone of zones) {
            const wall = wallIn(instant, zone);
            if (quietHours) assert.ok(!quiet(wall.minute, quietHours.start, quietHours.end), zone);
            assert.ok(!days.includes(wall.weekday), `${zone}: a quiet day`);
          }
          if (zones.length > 1) assert.deepEqual(result.value.timeZones, zones);
        },
      ),
      { numRuns: 300 },
    );
  });
});
