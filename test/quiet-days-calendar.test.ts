// Quiet days as a texter sees them: one message moves to the same local time on the next day
// that is not quiet (then quiet hours apply), and a series skips its quiet-day occurrences.
// Weekdays of December 2026: the 5th is a Saturday, the 6th a Sunday, the 7th a Monday.
// Must pass under any host TZ.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sameTimeOffQuietDays } from '../src/time/quiet-day-calendar';
import type { QuietDays, Weekday } from '../src/time/quiet-days';
import { computeSendTime, type SendTimeRequest } from '../src/time/send-time';
import { skipQuietDays } from '../src/time/series-quiet-days';
import { formatLocal } from '../src/time/wall-clock';

const NY = 'America/New_York';
const WINDOW = { minLeadMinutes: 15, maxLeadDays: 35 };
const days = (...weekdays: Weekday[]): QuietDays => new Set(weekdays);
const t = (iso: string) => Date.parse(iso);

function request(partial: Partial<SendTimeRequest>): SendTimeRequest {
  return {
    spec: {
      kind: 'local',
      wall: { year: 2026, month: 12, day: 6, hour: 10, minute: 0, second: 0 },
    },
    zones: [NY],
    quietHours: null,
    quietDays: days(0),
    ifTooSoon: 'reject',
    locale: 'en-US',
    ...partial,
  };
}

describe('one message on a quiet day', () => {
  it('Sunday 10:00 with quietDays=sun goes out Monday 10:00, adjusted "quiet-days"', () => {
    const time = computeSendTime(request({}), WINDOW, t('2026-12-04T12:00:00Z'));
    assert.ok(time.ok, JSON.stringify(time));
    assert.equal(time.value.sendAtLocal, '2026-12-07T10:00:00-05:00');
    assert.equal(time.value.adjusted, 'quiet-days');
  });

  it('Saturday 22:00 with sat,sun quiet and 21:00-08:00: Monday 22:00, then quiet hours: Tuesday 08:00', () => {
    const spec = {
      kind: 'local' as const,
      wall: { year: 2026, month: 12, day: 5, hour: 22, minute: 0, second: 0 },
    };
    const time = computeSendTime(
      request({ spec, quietDays: days(6, 0), quietHours: { start: 21 * 60, end: 8 * 60 } }),
      WINDOW,
      t('2026-12-04T12:00:00Z'),
    );
    assert.ok(time.ok, JSON.stringify(time));
    assert.equal(time.value.sendAtLocal, '2026-12-08T08:00:00-05:00');
    assert.equal(time.value.adjusted, 'quiet-days');
  });

  it('an allowed day is not moved, and quiet hours alone still say "quiet-hours"', () => {
    const monday = {
      kind: 'local' as const,
      wall: { year: 2026, month: 12, day: 7, hour: 22, minute: 0, second: 0 },
    };
    const time = computeSendTime(
      request({ spec: monday, quietHours: { start: 21 * 60, end: 8 * 60 } }),
      WINDOW,
      t('2026-12-04T12:00:00Z'),
    );
    assert.ok(time.ok);
    assert.equal(time.value.sendAtLocal, '2026-12-08T08:00:00-05:00');
    assert.equal(time.value.adjusted, 'quiet-hours');
  });

  it('the same time lands in a DST gap: forward by the gap; no allowed day in two weeks: null', () => {
    // Saturday 2027-03-13 02:30 with sat quiet: Sunday 02:30 does not exist in New York.
    const moved = sameTimeOffQuietDays(t('2027-03-13T07:30:00Z'), days(6), [NY], NY);
    assert.equal(formatLocal(moved ?? 0, NY), '2027-03-14T03:30:00-04:00');
    // Only Saturday is allowed, but Saturday 10:00 in New York is Sunday in Kiritimati (UTC+14):
    // the two zones together never leave a day.
    const allButSaturday = days(0, 1, 2, 3, 4, 5);
    const zones = [NY, 'Pacific/Kiritimati'];
    assert.equal(sameTimeOffQuietDays(t('2026-12-06T15:00:00Z'), allButSaturday, zones, NY), null);
  });
});

describe('a series skips its quiet-day occurrences', () => {
  const at9 = (day: number) => t(`2026-12-${String(day).padStart(2, '0')}T14:00:00Z`);
  const week = [4, 5, 6, 7, 8, 9, 10].map(at9); // Friday to Thursday, 09:00 New York

  it('sat,sun: Saturday and Sunday skipped, the others kept as they are', () => {
    const { kept, skipped } = skipQuietDays(week, { quietDays: days(6, 0), quietHours: null }, [
      NY,
    ]);
    assert.equal(skipped, 2);
    assert.deepEqual(kept, [4, 7, 8, 9, 10].map(at9));
  });

  it('one quiet hours would push onto a quiet day is skipped too (never two on Monday)', () => {
    const fridayLate = t('2026-12-05T04:00:00Z'); // Friday 23:00 New York
    const rules = { quietDays: days(6, 0), quietHours: { start: 21 * 60, end: 8 * 60 } };
    assert.deepEqual(skipQuietDays([fridayLate], rules, [NY]), { kept: [], skipped: 1 });
  });

  it('without quiet days nothing is skipped', () => {
    assert.deepEqual(skipQuietDays(week, { quietDays: null, quietHours: null }, [NY]), {
      kept: week,
      skipped: 0,
    });
  });
});
