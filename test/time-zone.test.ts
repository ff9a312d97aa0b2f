// parseTimeZone: IANA names checked against the runtime's ICU data.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wordsFor } from '../src/edge/error-words';
import { parseTimeZone } from '../src/time/time-zone';

describe('parseTimeZone', () => {
  // biome-ignore format: one case per line reads as a table
  const valid: [string, string][] = [
    ['America/New_York', 'America/New_York'],
    ['america/new_york', 'America/New_York'],
    ['UTC', 'UTC'],
    ['Australia/Sydney', 'Australia/Sydney'],
    ['America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
    // ICU's own names for these are the retired Asia/Calcutta, Asia/Katmandu, Europe/Kiev.
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['Asia/Kathmandu', 'Asia/Kathmandu'],
    ['Europe/Kyiv', 'Europe/Kyiv'],
    ['Etc/GMT+5', 'Etc/GMT+5'],
  ];
  for (const [raw, zone] of valid) {
    it(`${raw} is ${zone}`, () => assert.deepEqual(parseTimeZone(raw), { ok: true, value: zone }));
  }

  for (const [raw, instead] of [
    ['EST', 'America/New_York'],
    ['est', 'America/New_York'],
    ['MST', 'America/Denver'],
    ['HST', 'Pacific/Honolulu'],
    ['EST5EDT', 'America/New_York'],
    ['PST8PDT', 'America/Los_Angeles'],
    ['CET', 'Europe/Paris'],
    ['IST', 'the IANA name of the place'],
  ]) {
    it(`refuses the abbreviation ${raw}, naming ${instead}`, () => {
      const result = parseTimeZone(raw ?? '');
      assert.equal(result.ok, false);
      if (!result.ok) {
        assert.equal(result.error.code, 'INVALID_TIME_ZONE');
        const words = wordsFor(result.error, 'en');
        assert.match(words.detail ?? '', new RegExp(`Use ${instead}`));
        assert.doesNotMatch(words.message, /timeZone|=/);
      }
    });
  }

  it("keeps UTC's own names and tz's place links (Japan, PRC, US/Eastern)", () => {
    for (const raw of ['UTC', 'GMT', 'Zulu', 'Japan', 'PRC', 'US/Eastern', 'NZ']) {
      assert.deepEqual(parseTimeZone(raw), { ok: true, value: raw });
    }
  });

  for (const raw of [
    'Mars/Olympus_Mons',
    'New York',
    'EST-ish',
    '+05:30',
    '+15551234567',
    '',
    'America/',
  ]) {
    it(`rejects ${JSON.stringify(raw)}`, () => {
      const result = parseTimeZone(raw, 'DEFAULT_TIME_ZONE');
      assert.equal(result.ok, false);
      if (!result.ok) {
        assert.deepEqual(
          [result.error.code, result.error.field],
          ['INVALID_TIME_ZONE', 'DEFAULT_TIME_ZONE'],
        );
        if (raw.startsWith('+'))
          assert.ok(!JSON.stringify(result.error).includes(raw), 'a number is not echoed');
      }
    });
  }

  it('does not echo a name-shaped value that holds digits (a number pasted into timeZone)', () => {
    const result = parseTimeZone('Tel+15557310042');
    assert.equal(result.ok, false);
    if (!result.ok) assert.doesNotMatch(JSON.stringify(result.error), /5557310042/);
  });

  it('echoes a name-shaped value to say what was wrong', () => {
    const result = parseTimeZone('Mars/Olympus');
    assert.equal(result.ok, false);
    if (!result.ok)
      assert.match(
        wordsFor(result.error, 'en').detail ?? '',
        /"Mars\/Olympus" is not an IANA time zone/,
      );
  });
});
