// parseDelay: ISO 8601 and compact durations. Days are calendar days (applied on the wall
// clock by computeSendTime); hours, minutes and seconds are exact milliseconds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Delay, parseDelay } from '../src/time/duration';

const H = 3_600_000;
const M = 60_000;

describe('parseDelay', () => {
  // biome-ignore format: one case per line reads as a table
  const valid: [string, Delay][] = [
    ['PT90M', { days: 0, milliseconds: 90 * M }],
    ['P1DT2H', { days: 1, milliseconds: 2 * H }],
    ['P2W', { days: 14, milliseconds: 0 }],
    ['P1D', { days: 1, milliseconds: 0 }],
    ['PT24H', { days: 0, milliseconds: 24 * H }],
    ['PT1H30M', { days: 0, milliseconds: 90 * M }],
    ['PT45S', { days: 0, milliseconds: 45_000 }],
    ['pt90m', { days: 0, milliseconds: 90 * M }],
    ['90m', { days: 0, milliseconds: 90 * M }],
    ['2h', { days: 0, milliseconds: 2 * H }],
    ['1d 4h', { days: 1, milliseconds: 4 * H }],
    ['1d4h', { days: 1, milliseconds: 4 * H }],
    ['1w', { days: 7, milliseconds: 0 }],
    ['1w 2d', { days: 9, milliseconds: 0 }],
    ['2h 30m', { days: 0, milliseconds: 150 * M }],
    ['24h', { days: 0, milliseconds: 24 * H }],
    ['  90M  ', { days: 0, milliseconds: 90 * M }],
    ['1 d  4 h', { days: 1, milliseconds: 4 * H }],
  ];
  for (const [raw, delay] of valid) {
    it(`reads ${JSON.stringify(raw)}`, () => {
      assert.deepEqual(parseDelay(raw), { ok: true, value: delay });
    });
  }

  const invalid = [
    '',
    '90',
    'P',
    'PT',
    'P1DT',
    'PT0M',
    '0m',
    'P1M',
    'P1Y',
    '-5m',
    '5x',
    'm',
    '90 minutes',
    '1d 4h later',
    'in 2h',
    '2h,30m',
    'soon',
    '99999d',
    `${'9'.repeat(30)}m`,
  ];
  for (const raw of invalid) {
    it(`rejects ${JSON.stringify(raw)} as INVALID_DELAY`, () => {
      const result = parseDelay(raw);
      assert.equal(result.ok, false);
      if (!result.ok)
        assert.deepEqual([result.error.code, result.error.field], ['INVALID_DELAY', 'delay']);
    });
  }
});
