// Quiet hours: parsing `HH:mm-HH:mm`, and where a time inside a period is moved to.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { endOfQuietHours, parseMinuteOfDay, parseQuietHours } from '../src/time/quiet-hours';

describe('parseMinuteOfDay', () => {
  // biome-ignore format: one case per line reads as a table
  const cases: [string, number | null][] = [
    ['00:00', 0], ['09:30', 570], ['9:30', 570], ['23:59', 1439], [' 08:00 ', 480],
    ['24:00', null], ['12:60', null], [':30', null], ['930', null], ['9', null], ['9:5', null],
    ['09:30:00', null], ['9am', null], ['', null],
  ];
  for (const [raw, minute] of cases) {
    it(`${JSON.stringify(raw)} is ${minute}`, () => assert.equal(parseMinuteOfDay(raw), minute));
  }
});

describe('parseQuietHours', () => {
  it('reads a period that wraps midnight', () => {
    assert.deepEqual(parseQuietHours('21:00-08:00'), {
      ok: true,
      value: { start: 1260, end: 480 },
    });
  });

  it('reads one that does not, with spaces and one-digit hours', () => {
    assert.deepEqual(parseQuietHours(' 9:00 - 17:30 '), {
      ok: true,
      value: { start: 540, end: 1050 },
    });
  });

  for (const off of ['off', 'Off', 'none']) {
    it(`${off} is no quiet hours`, () =>
      assert.deepEqual(parseQuietHours(off), { ok: true, value: null }));
  }

  for (const raw of [
    '21:00',
    '21:00-21:00',
    '21:00-08:00-09:00',
    '25:00-08:00',
    '21:00 to 08:00',
    '9pm-8am',
    '',
  ]) {
    it(`rejects ${JSON.stringify(raw)}`, () => {
      const result = parseQuietHours(raw, 'QUIET_HOURS');
      assert.equal(result.ok, false);
      if (!result.ok)
        assert.deepEqual(
          [result.error.code, result.error.field],
          ['INVALID_QUIET_HOURS', 'QUIET_HOURS'],
        );
    });
  }
});

describe('endOfQuietHours', () => {
  const NIGHT = { start: 21 * 60, end: 8 * 60 };
  // biome-ignore format: one case per line reads as a table
  const cases: [string, string, string, string][] = [
    ['outside is unchanged', '2026-12-01T18:00:00Z', 'America/New_York', '2026-12-01T18:00:00Z'],
    ['23:00 EST goes to 08:00 EST the next day', '2026-12-02T04:00:00Z', 'America/New_York', '2026-12-02T13:00:00Z'],
    ['00:30 EST goes to 08:00 EST the same day', '2026-12-02T05:30:00Z', 'America/New_York', '2026-12-02T13:00:00Z'],
    ['21:00 IST goes to 08:00 IST', '2026-12-01T15:30:00Z', 'Asia/Kolkata', '2026-12-02T02:30:00Z'],
    ['a night across the spring change ends at 08:00 EDT', '2026-03-08T03:00:00Z', 'America/New_York', '2026-03-08T12:00:00Z'],
    ['a night across the fall change ends at 08:00 EST', '2026-11-01T02:00:00Z', 'America/New_York', '2026-11-01T13:00:00Z'],
    ['a Sydney night across the autumn change ends at 08:00 AEST', '2026-04-04T11:00:00Z', 'Australia/Sydney', '2026-04-04T22:00:00Z'],
  ];
  for (const [name, instant, zone, expected] of cases) {
    it(name, () => {
      assert.equal(
        new Date(endOfQuietHours(Date.parse(instant), NIGHT, zone)).toISOString(),
        new Date(expected).toISOString(),
      );
    });
  }

  it('goes on to the next day when a DST gap swallows the only minute outside quiet hours', () => {
    // Quiet 02:01-02:00: only 02:00-02:01 is free, and on 2026-03-29 Stockholm jumps from
    // 02:00 to 03:00, so that day has no free minute: the next one is 2026-03-30 02:00 CEST.
    const allButOneMinute = { start: 2 * 60 + 1, end: 2 * 60 };
    const noonBefore = Date.parse('2026-03-28T11:00:00Z');
    assert.equal(
      new Date(endOfQuietHours(noonBefore, allButOneMinute, 'Europe/Stockholm')).toISOString(),
      '2026-03-30T00:00:00.000Z',
    );
  });
});
