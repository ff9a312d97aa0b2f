// The pure parts of appointments: reminder offsets and times (skipped with their reason, never
// moved), the frequency cap per local day, the reading of a reply in eight languages, and the
// two environment variables. The clock and the zones are arguments.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readConfig } from '../src/input/config';
import { OPT_OUT_WORDS, readReply } from '../src/input/reply-words';
import { fitsUnderCap, localDay } from '../src/time/day-cap';
import { parseOffsets, planReminders, reminderInstant } from '../src/time/reminders';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WINDOW = { minLeadMinutes: 15, maxLeadDays: 35 };
const NY = 'America/New_York';
const MADRID = 'Europe/Madrid';

const offsets = (text: string) => {
  const parsed = parseOffsets(text);
  assert.ok(parsed.ok, text);
  return parsed.value;
};

describe('remind: offsets before the appointment', () => {
  it('reads compact and ISO 8601 offsets, once each, the earliest reminder first', () => {
    assert.deepEqual(
      offsets('2h, 24h,P1D ,PT2H,90m').map((o) => o.text),
      ['24h', 'P1D', '2h', '90m'],
    );
    // 24h and P1D differ: a day keeps the wall clock, 24 hours do not (DST).
    assert.deepEqual(
      offsets('P1D,1d').map((o) => o.text),
      ['P1D'],
    );
  });

  it('refuses an empty list, an unreadable offset and more than ten', () => {
    for (const bad of ['', ' , ', 'soon', '24h,tomorrow', '0m']) {
      const parsed = parseOffsets(bad);
      assert.ok(!parsed.ok, bad);
      assert.equal(parsed.error.code, 'INVALID_REMIND');
    }
    const many = parseOffsets(Array.from({ length: 11 }, (_, i) => `${i + 1}h`).join(','));
    assert.ok(!many.ok);
    assert.equal(many.error.facts?.variant, 'tooMany');
  });

  it('a day before keeps the wall clock across a DST change; 24 hours are exact', () => {
    // Monday 2 November 2026, 09:00 in New York: the clocks went back on Sunday 1 November.
    const appointment = Date.parse('2026-11-02T14:00:00Z');
    const [day, hours] = [offsets('P1D')[0], offsets('24h')[0]];
    assert.ok(day && hours);
    assert.equal(
      new Date(reminderInstant(appointment, day.delay, NY)).toISOString(),
      '2026-11-01T14:00:00.000Z',
    );
    assert.equal(reminderInstant(appointment, hours.delay, NY), appointment - 24 * HOUR);
  });
});

describe('planReminders: one per offset; past, too soon or quiet ones skipped with the reason', () => {
  const now = Date.parse('2026-12-04T12:00:00Z');
  const rules = (zone: string, quiet = false) => ({
    zone,
    zones: [zone],
    quietHours: quiet ? { start: 21 * 60, end: 8 * 60 } : null,
    quietDays: null,
  });

  it('books 24h and 2h before a 14:00 appointment three days out, in time order', () => {
    const at = Date.parse('2026-12-07T19:00:00Z');
    const plan = planReminders(at, offsets('2h,24h'), rules(NY), WINDOW, now);
    assert.deepEqual(
      plan.planned.map((p) => [p.offset, new Date(p.instant).toISOString(), p.later]),
      [
        ['24h', '2026-12-06T19:00:00.000Z', false],
        ['2h', '2026-12-07T17:00:00.000Z', false],
      ],
    );
    assert.deepEqual(plan.skipped, []);
  });

  it('skips the past, the too soon (inside the minimum lead) and the quiet ones, never moves them', () => {
    // The appointment is at 09:00 tomorrow in Madrid; quiet hours 21:00-08:00.
    const at = Date.parse('2026-12-05T08:00:00Z');
    const plan = planReminders(
      at,
      offsets('P2D,18h,12h,19h50m,30m'),
      rules(MADRID, true),
      WINDOW,
      now,
    );
    assert.deepEqual(plan.skipped, [
      { offset: 'P2D', reason: 'past' },
      { offset: '19h50m', reason: 'too-soon' },
      { offset: '12h', reason: 'quiet-hours' },
    ]);
    assert.deepEqual(
      plan.planned.map((p) => p.offset),
      ['18h', '30m'],
    );
  });

  it('marks reminders past the 35-day window as armed later', () => {
    const at = now + 50 * DAY;
    const plan = planReminders(at, offsets('P30D,24h'), rules(NY), WINDOW, now);
    assert.deepEqual(
      plan.planned.map((p) => [p.offset, p.later]),
      [
        ['P30D', false],
        ['24h', true],
      ],
    );
  });
});

describe('the frequency cap counts per local day', () => {
  it('a day is the recipient’s calendar day, not UTC’s', () => {
    const late = Date.parse('2026-12-05T03:30:00Z');
    assert.equal(localDay(late, NY), '2026-12-04');
    assert.equal(localDay(late, MADRID), '2026-12-05');
  });

  it('keeps candidates in order until the day is full, counting what is scheduled', () => {
    const existing = [Date.parse('2026-12-06T15:00:00Z')];
    const candidates = [
      Date.parse('2026-12-06T14:00:00Z'),
      Date.parse('2026-12-06T20:00:00Z'),
      Date.parse('2026-12-07T14:00:00Z'),
    ];
    assert.deepEqual(fitsUnderCap(candidates, existing, NY, 2), [true, false, true]);
    assert.deepEqual(fitsUnderCap(candidates, existing, NY, 1), [false, false, true]);
  });
});

describe('a reply, in eight languages', () => {
  const cases: [string, string, string | undefined][] = [
    ['C', 'confirm', undefined],
    ['y', 'confirm', undefined],
    ['Yes!', 'confirm', 'en'],
    ['Sí', 'confirm', 'es'],
    ['si', 'confirm', undefined],
    ['OUI', 'confirm', 'fr'],
    ['ja', 'confirm', undefined],
    ['Sim', 'confirm', 'pt'],
    ['sì', 'confirm', 'it'],
    ['はい', 'confirm', 'ja'],
    ['1', 'confirm', undefined],
    ['N', 'decline', undefined],
    ['no', 'decline', undefined],
    ['Non', 'decline', 'fr'],
    ['NEIN', 'decline', 'de'],
    ['não', 'decline', 'pt'],
    ['nao', 'decline', 'pt'],
    ['Nee', 'decline', 'nl'],
    ['いいえ', 'decline', 'ja'],
    ['x', 'decline', undefined],
    ['2', 'decline', undefined],
    ['R', 'reschedule', undefined],
    ['verschieben', 'reschedule', 'de'],
    ['Yes, see you then', 'confirm', 'en'],
    ['No puedo ir', 'decline', undefined],
    ['What time was it again?', 'none', undefined],
    ['', 'none', undefined],
  ];
  for (const [text, intent, language] of cases) {
    it(`"${text}" is ${intent}${language ? ` (${language})` : ''}`, () => {
      const reading = readReply(text);
      assert.equal(reading.intent, intent);
      assert.equal(reading.language, language);
    });
  }

  it('Twilio’s opt-out words are always an opt-out, never a decline, whatever the case', () => {
    for (const word of OPT_OUT_WORDS) {
      for (const text of [word, word.toLowerCase(), ` ${word}. `])
        assert.equal(readReply(text).intent, 'opt-out', text);
    }
    // As the first word of a longer text, Twilio does not opt the sender out: nor is it a decline.
    assert.equal(readReply('Cancel my appointment').intent, 'none');
    assert.equal(readReply('STOP it').intent, 'none');
  });
});

describe('REMINDER_OFFSETS and MAX_PER_DAY', () => {
  it('are read, and a bad value is named', () => {
    const config = readConfig({ REMINDER_OFFSETS: 'P2D,3h', MAX_PER_DAY: '3' });
    assert.ok(config.ok);
    assert.deepEqual(
      config.value.defaults.reminderOffsets?.map((o) => o.text),
      ['P2D', '3h'],
    );
    assert.equal(config.value.defaults.maxPerDay, 3);
    for (const [env, name] of [
      [{ REMINDER_OFFSETS: 'soon' }, 'REMINDER_OFFSETS'],
      [{ MAX_PER_DAY: '0' }, 'MAX_PER_DAY'],
      [{ MAX_PER_DAY: '2', REGISTRY: 'off' }, 'MAX_PER_DAY'],
    ] as const) {
      const bad = readConfig(env);
      assert.ok(!bad.ok);
      assert.equal(bad.error.code, 'CONFIG_INVALID');
      assert.equal(bad.error.field, name);
    }
  });
});
