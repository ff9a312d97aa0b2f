// computeSendTime with a fixed clock. Every expected instant below was worked out by hand from
// the zone's published rules (New York: EST -05:00 / EDT -04:00, DST 2026-03-08 02:00 to
// 2026-11-01 02:00; Sydney: AEST +10:00 / AEDT +11:00, DST ends 2026-04-05 03:00 and starts
// 2026-10-04 02:00; Kolkata +05:30, Kathmandu +05:45, St John's -03:30 in winter).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ErrorCode } from '../src/core/errors';
import type { QuietHours } from '../src/time/quiet-hours';
import {
  computeSendTime,
  type IfTooSoon,
  type SchedulingWindow,
  type SendTime,
  type SendTimeSpec,
  schedulingWindow,
} from '../src/time/send-time';

const NOW = '2026-12-01T12:00:00Z';
const TWILIO_WINDOW: SchedulingWindow = { minLeadMinutes: 15, maxLeadDays: 35 };
const NY = 'America/New_York';
const SYDNEY = 'Australia/Sydney';

const minutes = (n: number): SendTimeSpec => ({ kind: 'minutes', minutes: n });
const instant = (iso: string): SendTimeSpec => ({ kind: 'instant', instant: Date.parse(iso) });
const days = (n: number, milliseconds = 0): SendTimeSpec => ({
  kind: 'delay',
  delay: { days: n, milliseconds },
});
const hours = (n: number): SendTimeSpec => ({
  kind: 'delay',
  delay: { days: 0, milliseconds: n * 3_600_000 },
});
const local = (
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second = 0,
): SendTimeSpec => ({ kind: 'local', wall: { year, month, day, hour, minute, second } });
const at = (hour: number, minute: number): SendTimeSpec => ({
  kind: 'at',
  minuteOfDay: hour * 60 + minute,
});
const quiet = (startHour: number, endHour: number, endMinute = 0): QuietHours => ({
  start: startHour * 60,
  end: endHour * 60 + endMinute,
});

interface Case {
  name: string;
  now?: string;
  spec: SendTimeSpec;
  timeZone?: string;
  quietHours?: QuietHours;
  ifTooSoon?: IfTooSoon;
  window?: SchedulingWindow;
  /** Expected success: the SendAt sent to Twilio, and what is reported with it. */
  sendAt?: string;
  sendAtLocal?: string;
  adjusted?: SendTime['adjusted'];
  /** Expected failure. */
  error?: ErrorCode;
  field?: string;
}

function run(c: Case) {
  return computeSendTime(
    {
      spec: c.spec,
      zones: c.timeZone ? [c.timeZone] : [],
      quietHours: c.quietHours ?? null,
      quietDays: null,
      ifTooSoon: c.ifTooSoon ?? 'reject',
      locale: 'en-US',
    },
    c.window ?? TWILIO_WINDOW,
    Date.parse(c.now ?? NOW),
  );
}

function check(c: Case) {
  const result = run(c);
  if (c.error) {
    assert.equal(result.ok, false, `expected ${c.error}, got ${JSON.stringify(result)}`);
    if (!result.ok)
      assert.deepEqual(
        { code: result.error.code, field: result.error.field },
        {
          code: c.error,
          field: c.field,
        },
      );
    return;
  }
  assert.ok(c.sendAt, 'a success case names its sendAt');
  const expected: SendTime = { instant: Date.parse(c.sendAt), sendAt: c.sendAt };
  if (c.sendAtLocal) expected.sendAtLocal = c.sendAtLocal;
  if (c.timeZone) expected.timeZone = c.timeZone;
  if (c.adjusted) expected.adjusted = c.adjusted;
  assert.ok(result.ok, JSON.stringify(result));
  // The readable text is checked in local-text.test.ts; here only that it is there with a zone.
  const { sendAtText, ...rest } = result.value;
  assert.equal(typeof sendAtText, c.timeZone ? 'string' : 'undefined');
  assert.deepEqual(rest, expected);
}

function table(title: string, cases: Case[]) {
  describe(title, () => {
    for (const c of cases) it(c.name, () => check(c));
  });
}

describe('schedulingWindow', () => {
  it('is now + 15 min + 30 s safety margin to now + 35 days', () => {
    assert.deepEqual(schedulingWindow(Date.parse(NOW), TWILIO_WINDOW), {
      earliest: Date.parse('2026-12-01T12:15:30Z'),
      latest: Date.parse('2027-01-05T12:00:00Z'),
    });
  });
});

table('the scheduling window (now 2026-12-01T12:00:00Z)', [
  {
    name: 'exactly 15 minutes ahead is too soon',
    spec: minutes(15),
    error: 'SEND_AT_TOO_SOON',
    field: 'minutes',
  },
  {
    name: 'earliest - 1 s is too soon',
    spec: instant('2026-12-01T12:15:29Z'),
    error: 'SEND_AT_TOO_SOON',
    field: 'sendAt',
  },
  {
    name: 'earliest itself is accepted',
    spec: instant('2026-12-01T12:15:30Z'),
    sendAt: '2026-12-01T12:15:30Z',
  },
  {
    name: 'earliest + 1 s is accepted',
    spec: instant('2026-12-01T12:15:31Z'),
    sendAt: '2026-12-01T12:15:31Z',
  },
  {
    name: '16 minutes (the Flask minimum) is accepted',
    spec: minutes(16),
    sendAt: '2026-12-01T12:16:00Z',
  },
  {
    name: 'a time in the past is too soon',
    spec: instant('2026-11-30T12:00:00Z'),
    error: 'SEND_AT_TOO_SOON',
    field: 'sendAt',
  },
  {
    name: '35 days in minutes is accepted',
    spec: minutes(35 * 24 * 60),
    sendAt: '2027-01-05T12:00:00Z',
  },
  {
    name: '35 days from a clock with milliseconds, rounded up, is too late',
    now: '2026-12-01T12:00:00.250Z',
    spec: minutes(35 * 24 * 60),
    error: 'SEND_AT_TOO_LATE',
    field: 'minutes',
  },
  {
    name: 'the last whole second within 35 days of a clock with milliseconds is accepted',
    now: '2026-12-01T12:00:00.250Z',
    spec: instant('2027-01-05T12:00:00Z'),
    sendAt: '2027-01-05T12:00:00Z',
  },
  {
    name: '35 days as an instant is accepted',
    spec: instant('2027-01-05T12:00:00Z'),
    sendAt: '2027-01-05T12:00:00Z',
  },
  {
    name: '35 days + 1 s is too late',
    spec: instant('2027-01-05T12:00:01Z'),
    error: 'SEND_AT_TOO_LATE',
    field: 'sendAt',
  },
  {
    name: 'a 5-week delay (35 days) is accepted',
    spec: days(35),
    timeZone: NY,
    sendAt: '2027-01-05T12:00:00Z',
    sendAtLocal: '2027-01-05T07:00:00-05:00',
  },
  {
    name: 'a delay of 35 days + 1 s is too late',
    spec: days(35, 1000),
    timeZone: NY,
    error: 'SEND_AT_TOO_LATE',
    field: 'delay',
  },
  {
    name: 'an "at" always falls inside the window',
    spec: at(7, 16),
    timeZone: NY,
    sendAt: '2026-12-01T12:16:00Z',
    sendAtLocal: '2026-12-01T07:16:00-05:00',
  },
  {
    name: 'a configured minimum of 5 minutes: 5 minutes is too soon',
    window: { minLeadMinutes: 5, maxLeadDays: 7 },
    spec: minutes(5),
    error: 'SEND_AT_TOO_SOON',
    field: 'minutes',
  },
  {
    name: 'a configured minimum of 5 minutes: 6 minutes is accepted',
    window: { minLeadMinutes: 5, maxLeadDays: 7 },
    spec: minutes(6),
    sendAt: '2026-12-01T12:06:00Z',
  },
  {
    name: 'a configured maximum of 7 days: 7 days + 1 s is too late',
    window: { minLeadMinutes: 5, maxLeadDays: 7 },
    spec: instant('2026-12-08T12:00:01Z'),
    error: 'SEND_AT_TOO_LATE',
    field: 'sendAt',
  },
]);

table('ifTooSoon=earliest', [
  {
    name: '"in 5 minutes" is moved to the earliest allowed time',
    spec: minutes(5),
    ifTooSoon: 'earliest',
    sendAt: '2026-12-01T12:15:30Z',
    adjusted: 'earliest',
  },
  {
    name: 'a time in the past is moved too',
    spec: instant('2026-11-30T12:00:00Z'),
    ifTooSoon: 'earliest',
    sendAt: '2026-12-01T12:15:30Z',
    adjusted: 'earliest',
  },
  {
    name: 'the earliest time is rounded up to a whole second',
    now: '2026-12-01T12:00:00.250Z',
    spec: minutes(1),
    ifTooSoon: 'earliest',
    sendAt: '2026-12-01T12:15:31Z',
    adjusted: 'earliest',
  },
  {
    name: 'the local time of the moved time is reported',
    spec: minutes(1),
    ifTooSoon: 'earliest',
    timeZone: NY,
    sendAt: '2026-12-01T12:15:30Z',
    sendAtLocal: '2026-12-01T07:15:30-05:00',
    adjusted: 'earliest',
  },
  {
    name: 'a time that is not too soon is left alone',
    spec: minutes(60),
    ifTooSoon: 'earliest',
    sendAt: '2026-12-01T13:00:00Z',
  },
  {
    name: 'a time past the maximum is still an error',
    spec: instant('2027-01-06T12:00:00Z'),
    ifTooSoon: 'earliest',
    error: 'SEND_AT_TOO_LATE',
    field: 'sendAt',
  },
  {
    name: 'then quiet hours: the last move is reported',
    now: '2026-12-02T03:00:00Z',
    spec: minutes(5),
    ifTooSoon: 'earliest',
    timeZone: NY,
    quietHours: quiet(21, 8),
    sendAt: '2026-12-02T13:00:00Z',
    sendAtLocal: '2026-12-02T08:00:00-05:00',
    adjusted: 'quiet-hours',
  },
]);

table('DST gaps and overlaps (local sendAt)', [
  {
    name: 'New York 2026-03-08 02:30 does not exist: moved forward to 03:30 EDT',
    now: '2026-03-01T12:00:00Z',
    spec: local(2026, 3, 8, 2, 30),
    timeZone: NY,
    sendAt: '2026-03-08T07:30:00Z',
    sendAtLocal: '2026-03-08T03:30:00-04:00',
  },
  {
    name: 'New York 2026-03-08 01:59 is still EST',
    now: '2026-03-01T12:00:00Z',
    spec: local(2026, 3, 8, 1, 59),
    timeZone: NY,
    sendAt: '2026-03-08T06:59:00Z',
    sendAtLocal: '2026-03-08T01:59:00-05:00',
  },
  {
    name: 'New York 2026-03-08 03:00 is EDT',
    now: '2026-03-01T12:00:00Z',
    spec: local(2026, 3, 8, 3, 0),
    timeZone: NY,
    sendAt: '2026-03-08T07:00:00Z',
    sendAtLocal: '2026-03-08T03:00:00-04:00',
  },
  {
    name: 'New York 2026-11-01 01:30 happens twice: the earlier, EDT instant',
    now: '2026-10-25T12:00:00Z',
    spec: local(2026, 11, 1, 1, 30),
    timeZone: NY,
    sendAt: '2026-11-01T05:30:00Z',
    sendAtLocal: '2026-11-01T01:30:00-04:00',
  },
  {
    name: 'New York 2026-11-01 02:00 is EST',
    now: '2026-10-25T12:00:00Z',
    spec: local(2026, 11, 1, 2, 0),
    timeZone: NY,
    sendAt: '2026-11-01T07:00:00Z',
    sendAtLocal: '2026-11-01T02:00:00-05:00',
  },
  {
    name: 'Sydney 2026-10-04 02:30 does not exist: moved forward to 03:30 AEDT',
    now: '2026-09-28T00:00:00Z',
    spec: local(2026, 10, 4, 2, 30),
    timeZone: SYDNEY,
    sendAt: '2026-10-03T16:30:00Z',
    sendAtLocal: '2026-10-04T03:30:00+11:00',
  },
  {
    name: 'Sydney 2026-04-05 02:30 happens twice: the earlier, AEDT instant',
    now: '2026-03-30T00:00:00Z',
    spec: local(2026, 4, 5, 2, 30),
    timeZone: SYDNEY,
    sendAt: '2026-04-04T15:30:00Z',
    sendAtLocal: '2026-04-05T02:30:00+11:00',
  },
  {
    name: 'Sydney in July is AEST',
    now: '2026-06-20T00:00:00Z',
    spec: local(2026, 7, 1, 9, 0),
    timeZone: SYDNEY,
    sendAt: '2026-06-30T23:00:00Z',
    sendAtLocal: '2026-07-01T09:00:00+10:00',
  },
  {
    name: 'Sydney in December is AEDT',
    spec: local(2026, 12, 2, 9, 0),
    timeZone: SYDNEY,
    sendAt: '2026-12-01T22:00:00Z',
    sendAtLocal: '2026-12-02T09:00:00+11:00',
  },
  {
    name: 'a local time needs a zone',
    spec: local(2026, 12, 2, 9, 0),
    error: 'MISSING_TIME_ZONE',
    field: 'timeZone',
  },
]);

describe('DST handling does not depend on the host time zone', () => {
  const cases: Case[] = [
    {
      name: 'Sydney overlap',
      now: '2026-03-30T00:00:00Z',
      spec: local(2026, 4, 5, 2, 30),
      timeZone: SYDNEY,
      sendAt: '2026-04-04T15:30:00Z',
      sendAtLocal: '2026-04-05T02:30:00+11:00',
    },
    {
      name: 'New York overlap',
      now: '2026-10-25T12:00:00Z',
      spec: local(2026, 11, 1, 1, 30),
      timeZone: NY,
      sendAt: '2026-11-01T05:30:00Z',
      sendAtLocal: '2026-11-01T01:30:00-04:00',
    },
    {
      name: 'New York gap',
      now: '2026-03-01T12:00:00Z',
      spec: local(2026, 3, 8, 2, 30),
      timeZone: NY,
      sendAt: '2026-03-08T07:30:00Z',
      sendAtLocal: '2026-03-08T03:30:00-04:00',
    },
  ];
  for (const host of ['UTC', NY, SYDNEY, 'Asia/Kolkata']) {
    it(`on a host in ${host}`, () => {
      const saved = process.env.TZ;
      process.env.TZ = host;
      try {
        for (const c of cases) check(c);
      } finally {
        if (saved === undefined) delete process.env.TZ;
        else process.env.TZ = saved;
      }
    });
  }
});

table('half- and quarter-hour zones', [
  {
    name: 'Kolkata 09:00 is 03:30Z',
    spec: local(2026, 12, 2, 9, 0),
    timeZone: 'Asia/Kolkata',
    sendAt: '2026-12-02T03:30:00Z',
    sendAtLocal: '2026-12-02T09:00:00+05:30',
  },
  {
    name: 'Kathmandu 09:00 is 03:15Z',
    spec: local(2026, 12, 2, 9, 0),
    timeZone: 'Asia/Kathmandu',
    sendAt: '2026-12-02T03:15:00Z',
    sendAtLocal: '2026-12-02T09:00:00+05:45',
  },
  {
    name: 'minutes report the Kolkata wall time',
    spec: minutes(30),
    timeZone: 'Asia/Kolkata',
    sendAt: '2026-12-01T12:30:00Z',
    sendAtLocal: '2026-12-01T18:00:00+05:30',
  },
  {
    name: 'Kathmandu at 09:00 after 17:45 local is tomorrow',
    spec: at(9, 0),
    timeZone: 'Asia/Kathmandu',
    sendAt: '2026-12-02T03:15:00Z',
    sendAtLocal: '2026-12-02T09:00:00+05:45',
  },
  {
    name: 'Kathmandu at 18:00 is before the earliest 18:00:30: tomorrow',
    spec: at(18, 0),
    timeZone: 'Asia/Kathmandu',
    sendAt: '2026-12-02T12:15:00Z',
    sendAtLocal: '2026-12-02T18:00:00+05:45',
  },
  {
    name: 'Kathmandu at 18:01 is today',
    spec: at(18, 1),
    timeZone: 'Asia/Kathmandu',
    sendAt: '2026-12-01T12:16:00Z',
    sendAtLocal: '2026-12-01T18:01:00+05:45',
  },
  {
    name: 'Kolkata quiet hours 22:00-07:30 end at 07:30 IST',
    now: '2026-12-01T17:30:00Z',
    spec: minutes(30),
    timeZone: 'Asia/Kolkata',
    quietHours: quiet(22, 7, 30),
    sendAt: '2026-12-02T02:00:00Z',
    sendAtLocal: '2026-12-02T07:30:00+05:30',
    adjusted: 'quiet-hours',
  },
  {
    name: "St John's has a negative half-hour offset",
    spec: instant('2026-12-01T14:00:00Z'),
    timeZone: 'America/St_Johns',
    sendAt: '2026-12-01T14:00:00Z',
    sendAtLocal: '2026-12-01T10:30:00-03:30',
  },
]);

table('at HH:mm (now 07:00 EST, earliest 07:15:30 EST)', [
  {
    name: 'at 09:00 is today, reported as 2026-12-01T09:00:00-05:00',
    spec: at(9, 0),
    timeZone: NY,
    sendAt: '2026-12-01T14:00:00Z',
    sendAtLocal: '2026-12-01T09:00:00-05:00',
  },
  {
    name: 'at 07:16 is today',
    spec: at(7, 16),
    timeZone: NY,
    sendAt: '2026-12-01T12:16:00Z',
    sendAtLocal: '2026-12-01T07:16:00-05:00',
  },
  {
    name: 'at 07:15 is before the earliest time: tomorrow',
    spec: at(7, 15),
    timeZone: NY,
    sendAt: '2026-12-02T12:15:00Z',
    sendAtLocal: '2026-12-02T07:15:00-05:00',
  },
  {
    name: 'at 06:00 has passed: tomorrow',
    spec: at(6, 0),
    timeZone: NY,
    sendAt: '2026-12-02T11:00:00Z',
    sendAtLocal: '2026-12-02T06:00:00-05:00',
  },
  {
    name: 'at 00:30 at 23:50 is in 40 minutes, on the next date',
    now: '2026-12-01T04:50:00Z',
    spec: at(0, 30),
    timeZone: NY,
    sendAt: '2026-12-01T05:30:00Z',
    sendAtLocal: '2026-12-01T00:30:00-05:00',
  },
  {
    name: 'rolls into the next month',
    now: '2026-11-30T23:00:00Z',
    spec: at(8, 0),
    timeZone: NY,
    sendAt: '2026-12-01T13:00:00Z',
    sendAtLocal: '2026-12-01T08:00:00-05:00',
  },
  {
    name: 'rolls into the next year',
    now: '2026-12-31T23:00:00Z',
    spec: at(9, 0),
    timeZone: NY,
    sendAt: '2027-01-01T14:00:00Z',
    sendAtLocal: '2027-01-01T09:00:00-05:00',
  },
  {
    name: 'rolls across the spring change keeping 09:00',
    now: '2026-03-07T15:00:00Z',
    spec: at(9, 0),
    timeZone: NY,
    sendAt: '2026-03-08T13:00:00Z',
    sendAtLocal: '2026-03-08T09:00:00-04:00',
  },
  {
    name: 'at 02:30 on the spring-forward day is 03:30 EDT',
    now: '2026-03-08T05:00:00Z',
    spec: at(2, 30),
    timeZone: NY,
    sendAt: '2026-03-08T07:30:00Z',
    sendAtLocal: '2026-03-08T03:30:00-04:00',
  },
  {
    name: 'at 01:30 on the fall-back day, before the first 01:30: EDT',
    now: '2026-11-01T04:00:00Z',
    spec: at(1, 30),
    timeZone: NY,
    sendAt: '2026-11-01T05:30:00Z',
    sendAtLocal: '2026-11-01T01:30:00-04:00',
  },
  {
    name: 'at 01:30 on the fall-back day, after the first 01:30: the second one, EST',
    now: '2026-11-01T05:20:00Z',
    spec: at(1, 30),
    timeZone: NY,
    sendAt: '2026-11-01T06:30:00Z',
    sendAtLocal: '2026-11-01T01:30:00-05:00',
  },
  {
    name: 'at 22:00 inside quiet hours 21:00-08:00 goes to 08:00',
    spec: at(22, 0),
    timeZone: NY,
    quietHours: quiet(21, 8),
    sendAt: '2026-12-02T13:00:00Z',
    sendAtLocal: '2026-12-02T08:00:00-05:00',
    adjusted: 'quiet-hours',
  },
  { name: 'at needs a zone', spec: at(9, 0), error: 'MISSING_TIME_ZONE', field: 'timeZone' },
]);

table('delays: days keep the wall clock, hours do not', [
  {
    name: '1d across the spring change keeps 09:00',
    now: '2026-03-07T14:00:00Z',
    spec: days(1),
    timeZone: NY,
    sendAt: '2026-03-08T13:00:00Z',
    sendAtLocal: '2026-03-08T09:00:00-04:00',
  },
  {
    name: '24h across the spring change is 10:00',
    now: '2026-03-07T14:00:00Z',
    spec: hours(24),
    timeZone: NY,
    sendAt: '2026-03-08T14:00:00Z',
    sendAtLocal: '2026-03-08T10:00:00-04:00',
  },
  {
    name: '1d across the fall change keeps 09:00',
    now: '2026-10-31T13:00:00Z',
    spec: days(1),
    timeZone: NY,
    sendAt: '2026-11-01T14:00:00Z',
    sendAtLocal: '2026-11-01T09:00:00-05:00',
  },
  {
    name: '24h across the fall change is 08:00',
    now: '2026-10-31T13:00:00Z',
    spec: hours(24),
    timeZone: NY,
    sendAt: '2026-11-01T13:00:00Z',
    sendAtLocal: '2026-11-01T08:00:00-05:00',
  },
  {
    name: '1d 4h: a calendar day, then 4 exact hours',
    now: '2026-03-07T14:00:00Z',
    spec: days(1, 4 * 3_600_000),
    timeZone: NY,
    sendAt: '2026-03-08T17:00:00Z',
    sendAtLocal: '2026-03-08T13:00:00-04:00',
  },
  {
    name: '1w across the spring change keeps 09:00',
    now: '2026-03-03T14:00:00Z',
    spec: days(7),
    timeZone: NY,
    sendAt: '2026-03-10T13:00:00Z',
    sendAtLocal: '2026-03-10T09:00:00-04:00',
  },
  {
    name: '1d landing in the gap moves forward by it',
    now: '2026-03-07T07:30:00Z',
    spec: days(1),
    timeZone: NY,
    sendAt: '2026-03-08T07:30:00Z',
    sendAtLocal: '2026-03-08T03:30:00-04:00',
  },
  {
    name: '1d across the Sydney autumn change keeps 09:00',
    now: '2026-04-03T22:00:00Z',
    spec: days(1),
    timeZone: SYDNEY,
    sendAt: '2026-04-04T23:00:00Z',
    sendAtLocal: '2026-04-05T09:00:00+10:00',
  },
  {
    name: '1d landing on the repeated Sydney hour takes the earlier instant',
    now: '2026-04-03T15:30:00Z',
    spec: days(1),
    timeZone: SYDNEY,
    sendAt: '2026-04-04T15:30:00Z',
    sendAtLocal: '2026-04-05T02:30:00+11:00',
  },
  { name: '1d without a zone is a UTC day', spec: days(1), sendAt: '2026-12-02T12:00:00Z' },
  {
    name: 'a 1d delay keeps the milliseconds of now, then rounds up',
    now: '2026-12-01T12:00:00.400Z',
    spec: days(1),
    timeZone: NY,
    sendAt: '2026-12-02T12:00:01Z',
    sendAtLocal: '2026-12-02T07:00:01-05:00',
  },
  {
    name: 'a 20m delay keeps the milliseconds of now, then rounds up',
    now: '2026-12-01T12:00:00.400Z',
    spec: hours(1 / 3),
    sendAt: '2026-12-01T12:20:01Z',
  },
]);

table('quiet hours 21:00-08:00 in New York', [
  {
    name: '"in 5 minutes" at 22:00 is sent at 08:00',
    now: '2026-12-02T03:00:00Z',
    spec: minutes(5),
    timeZone: NY,
    quietHours: quiet(21, 8),
    sendAt: '2026-12-02T13:00:00Z',
    sendAtLocal: '2026-12-02T08:00:00-05:00',
    adjusted: 'quiet-hours',
  },
  {
    name: '06:00 (after midnight) is moved to 08:00 the same day',
    now: '2026-12-01T10:00:00Z',
    spec: minutes(60),
    timeZone: NY,
    quietHours: quiet(21, 8),
    sendAt: '2026-12-01T13:00:00Z',
    sendAtLocal: '2026-12-01T08:00:00-05:00',
    adjusted: 'quiet-hours',
  },
  {
    name: '08:00 itself is outside',
    spec: minutes(60),
    timeZone: NY,
    quietHours: quiet(21, 8),
    sendAt: '2026-12-01T13:00:00Z',
    sendAtLocal: '2026-12-01T08:00:00-05:00',
  },
  {
    name: '07:59:59 is moved to 08:00',
    spec: instant('2026-12-01T12:59:59Z'),
    timeZone: NY,
    quietHours: quiet(21, 8),
    sendAt: '2026-12-01T13:00:00Z',
    sendAtLocal: '2026-12-01T08:00:00-05:00',
    adjusted: 'quiet-hours',
  },
  {
    name: '20:59:59 is outside',
    spec: instant('2026-12-02T01:59:59Z'),
    timeZone: NY,
    quietHours: quiet(21, 8),
    sendAt: '2026-12-02T01:59:59Z',
    sendAtLocal: '2026-12-01T20:59:59-05:00',
  },
  {
    name: '21:00 itself is inside',
    spec: instant('2026-12-02T02:00:00Z'),
    timeZone: NY,
    quietHours: quiet(21, 8),
    sendAt: '2026-12-02T13:00:00Z',
    sendAtLocal: '2026-12-02T08:00:00-05:00',
    adjusted: 'quiet-hours',
  },
  {
    name: '20:59:59.5 rounds up to 21:00, inside: moved to 08:00',
    spec: instant('2026-12-02T01:59:59.500Z'),
    timeZone: NY,
    quietHours: quiet(21, 8),
    sendAt: '2026-12-02T13:00:00Z',
    sendAtLocal: '2026-12-02T08:00:00-05:00',
    adjusted: 'quiet-hours',
  },
  {
    name: 'a move past the maximum is an error, not a silent move',
    spec: instant('2027-01-05T11:59:00Z'),
    timeZone: NY,
    quietHours: quiet(21, 8),
    error: 'SEND_AT_TOO_LATE',
    field: 'sendAt',
  },
  {
    name: 'quiet hours need a zone',
    spec: minutes(60),
    quietHours: quiet(21, 8),
    error: 'MISSING_TIME_ZONE',
    field: 'timeZone',
  },
  {
    name: 'a period that does not wrap (12:00-14:00)',
    spec: instant('2026-12-01T17:30:00Z'),
    timeZone: NY,
    quietHours: quiet(12, 14),
    sendAt: '2026-12-01T19:00:00Z',
    sendAtLocal: '2026-12-01T14:00:00-05:00',
    adjusted: 'quiet-hours',
  },
]);

table('quiet hours across DST changes', [
  {
    name: 'ending at 01:30 on the fall-back night, inside the first 01:00-01:59 (EDT)',
    now: '2026-10-31T12:00:00Z',
    spec: instant('2026-11-01T05:15:00Z'),
    timeZone: NY,
    quietHours: quiet(0, 1, 30),
    sendAt: '2026-11-01T05:30:00Z',
    sendAtLocal: '2026-11-01T01:30:00-04:00',
    adjusted: 'quiet-hours',
  },
  {
    name: 'ending at 01:30 on the fall-back night, inside the second 01:00-01:59 (EST)',
    now: '2026-10-31T12:00:00Z',
    spec: instant('2026-11-01T06:15:00Z'),
    timeZone: NY,
    quietHours: quiet(0, 1, 30),
    sendAt: '2026-11-01T06:30:00Z',
    sendAtLocal: '2026-11-01T01:30:00-05:00',
    adjusted: 'quiet-hours',
  },
  {
    name: 'ending at 02:30, skipped by the spring change: over at 03:00 EDT',
    now: '2026-03-07T12:00:00Z',
    spec: instant('2026-03-08T06:45:00Z'),
    timeZone: NY,
    quietHours: quiet(22, 2, 30),
    sendAt: '2026-03-08T07:00:00Z',
    sendAtLocal: '2026-03-08T03:00:00-04:00',
    adjusted: 'quiet-hours',
  },
  {
    name: 'Sydney 21:00-08:00 across the spring change ends at 08:00 AEDT',
    now: '2026-10-01T00:00:00Z',
    spec: instant('2026-10-03T11:00:00Z'),
    timeZone: SYDNEY,
    quietHours: quiet(21, 8),
    sendAt: '2026-10-03T21:00:00Z',
    sendAtLocal: '2026-10-04T08:00:00+11:00',
    adjusted: 'quiet-hours',
  },
]);

table('leap day', [
  {
    name: 'a local 2028-02-29 09:00 is valid',
    now: '2028-02-01T12:00:00Z',
    spec: local(2028, 2, 29, 9, 0),
    timeZone: NY,
    sendAt: '2028-02-29T14:00:00Z',
    sendAtLocal: '2028-02-29T09:00:00-05:00',
  },
  {
    name: '1d from 2028-02-28 is 2028-02-29',
    now: '2028-02-28T14:00:00Z',
    spec: days(1),
    timeZone: NY,
    sendAt: '2028-02-29T14:00:00Z',
    sendAtLocal: '2028-02-29T09:00:00-05:00',
  },
  {
    name: 'at 09:00 on the evening of 2028-02-28 is 2028-02-29',
    now: '2028-02-28T20:00:00Z',
    spec: at(9, 0),
    timeZone: NY,
    sendAt: '2028-02-29T14:00:00Z',
    sendAtLocal: '2028-02-29T09:00:00-05:00',
  },
  {
    name: '1d from 2026-02-28 is 2026-03-01',
    now: '2026-02-28T14:00:00Z',
    spec: days(1),
    timeZone: NY,
    sendAt: '2026-03-01T14:00:00Z',
    sendAtLocal: '2026-03-01T09:00:00-05:00',
  },
]);

table('whole seconds and the reported format', [
  {
    name: '14:00:00.001Z is rounded up to 14:00:01Z',
    spec: instant('2026-12-01T14:00:00.001Z'),
    sendAt: '2026-12-01T14:00:01Z',
  },
  {
    name: '14:00:00.999Z is rounded up to 14:00:01Z',
    spec: instant('2026-12-01T14:00:00.999Z'),
    sendAt: '2026-12-01T14:00:01Z',
  },
  {
    name: 'a whole second is kept',
    spec: instant('2026-12-01T14:00:00Z'),
    sendAt: '2026-12-01T14:00:00Z',
  },
  {
    name: '16.001 minutes is rounded up to the next second',
    spec: minutes(16.001),
    sendAt: '2026-12-01T12:16:01Z',
  },
  {
    name: 'sendAtLocal for UTC is +00:00',
    spec: instant('2026-12-01T14:00:00Z'),
    timeZone: 'UTC',
    sendAt: '2026-12-01T14:00:00Z',
    sendAtLocal: '2026-12-01T14:00:00+00:00',
  },
  {
    name: 'sendAtLocal is 2026-12-01T09:00:00-05:00 in New York',
    spec: instant('2026-12-01T14:00:00Z'),
    timeZone: NY,
    sendAt: '2026-12-01T14:00:00Z',
    sendAtLocal: '2026-12-01T09:00:00-05:00',
  },
  {
    name: 'no zone, no sendAtLocal',
    spec: instant('2026-12-01T14:00:00Z'),
    sendAt: '2026-12-01T14:00:00Z',
  },
]);
