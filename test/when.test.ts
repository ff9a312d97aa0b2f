// readWhen: a time in words, with a frozen clock. Every expected instant was worked out by hand
// from the zone's rules (New York: EDT -04:00 until 2026-11-01 02:00, EST -05:00 from then and
// until 2026-03-08 02:00; Sydney: AEDT +11:00 until 2026-04-05 03:00, AEST +10:00 until
// 2026-10-04 02:00). Must pass under any host TZ (test/host-tz.test.ts re-runs it).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wordsFor } from '../src/edge/error-words';
import { readWhen, type WhenReading } from '../src/time/when';

// Before any reading: importing the module must not load chrono.
const chronoLoadedAtImport = Object.keys(require.cache).some((path) =>
  path.includes('chrono-node'),
);

const NY = 'America/New_York';
const SYDNEY = 'Australia/Sydney';
/** Wednesday 2026-06-10, 10:30 in New York (EDT). */
const NOW = '2026-06-10T14:30:00Z';

function read(text: string, locale = 'en-US', now = NOW, zone = NY): WhenReading {
  const result = readWhen(text, { now: Date.parse(now), zone, locale });
  assert.ok(result.ok, `${text}: ${result.ok ? '' : result.error.code}`);
  return result.value;
}

const iso = (instant: number) => new Date(instant).toISOString().replace('.000Z', 'Z');

/** [text, expected instant, expected `interpreted` when not the whole text] */
type Row = [string, string, string?];

function table(rows: Row[], locale: string, now = NOW, zone = NY) {
  for (const [text, expected, interpreted = text] of rows) {
    it(`${text} -> ${expected}`, () => {
      const reading = read(text, locale, now, zone);
      assert.equal(iso(reading.instant), expected);
      assert.equal(reading.interpreted, interpreted);
    });
  }
}

describe('readWhen, English, Wednesday 2026-06-10 10:30 in New York', () => {
  // biome-ignore format: one phrase per line reads as a table
  table([
    // Exact spans from now.
    ['in 2 hours', '2026-06-10T16:30:00Z'],
    ['in 90 minutes', '2026-06-10T16:00:00Z'],
    ['in 45 mins', '2026-06-10T15:15:00Z'],
    ['in an hour', '2026-06-10T15:30:00Z'],
    ['in 1 day and 2 hours', '2026-06-11T16:30:00Z'],
    // Calendar spans keep the clock time of now.
    ['in 3 days', '2026-06-13T14:30:00Z'],
    ['in a week', '2026-06-17T14:30:00Z'],
    ['in 2 weeks', '2026-06-24T14:30:00Z'],
    ['next week', '2026-06-17T14:30:00Z'],
    ['in a month', '2026-07-10T14:30:00Z'],
    ['the day after tomorrow', '2026-06-12T13:00:00Z'], // a day: 09:00
    // A date without a time: 09:00 local.
    ['tomorrow', '2026-06-11T13:00:00Z'],
    ['Friday', '2026-06-12T13:00:00Z'],
    ['on Friday', '2026-06-12T13:00:00Z'],
    ['next monday', '2026-06-15T13:00:00Z'],
    ['Wednesday', '2026-06-17T13:00:00Z'], // today's 09:00 has passed: next week's
    ['24 December', '2026-12-24T14:00:00Z'],
    ['June 1', '2027-06-01T13:00:00Z'], // passed this year
    ['this weekend', '2026-06-13T13:00:00Z'],
    // Dates with times, 12 h and 24 h.
    ['tomorrow at 9am', '2026-06-11T13:00:00Z'],
    ['tomorrow at 9', '2026-06-11T13:00:00Z'],
    ['at 7:30 tomorrow', '2026-06-11T11:30:00Z'],
    ['today at 5pm', '2026-06-10T21:00:00Z'],
    ['2pm today', '2026-06-10T18:00:00Z'],
    ['next Monday 14:00', '2026-06-15T18:00:00Z'],
    ['on Tuesday at 8', '2026-06-16T12:00:00Z'],
    ['this Wednesday 5pm', '2026-06-10T21:00:00Z'],
    ['next Friday at 6:30pm', '2026-06-19T22:30:00Z'],
    ['Dec 24 at noon', '2026-12-24T17:00:00Z'],
    ['December 24, 2026 9:30am', '2026-12-24T14:30:00Z'],
    ['2026-12-24 14:00', '2026-12-24T19:00:00Z'],
    ['July 4th at 10am', '2026-07-04T14:00:00Z'],
    ['12/24 at 9am', '2026-12-24T14:00:00Z'],
    // Parts of the day.
    ['tonight', '2026-06-11T00:00:00Z'], // 20:00
    ['this evening', '2026-06-10T23:00:00Z'], // 19:00
    ['this afternoon', '2026-06-10T19:00:00Z'],
    ['tomorrow morning', '2026-06-11T13:00:00Z'], // 09:00 (chrono: 06:00)
    ['tomorrow afternoon', '2026-06-11T19:00:00Z'],
    ['tomorrow night', '2026-06-12T00:00:00Z'],
    ['Monday morning', '2026-06-15T13:00:00Z'],
    ['noon', '2026-06-10T16:00:00Z'],
    ['at noon', '2026-06-10T16:00:00Z', 'noon'],
    ['midnight', '2026-06-11T04:00:00Z'],
    // A time alone: the next time the clock shows it.
    ['9am', '2026-06-11T13:00:00Z'],
    ['9:15 pm', '2026-06-11T01:15:00Z'],
    ['21:30', '2026-06-11T01:30:00Z'],
    ['at 8', '2026-06-11T12:00:00Z'],
    ['7 in the morning', '2026-06-11T11:00:00Z'],
    ['half past 3', '2026-06-11T07:30:00Z'], // 03:30, the next one
    // The text's own zone wins over New York.
    ['9am EST', '2026-06-11T14:00:00Z'], // today's 14:00Z has passed
    ['9am PST', '2026-06-10T17:00:00Z'],
    ['3pm UTC', '2026-06-10T15:00:00Z'],
    ['10:00 +01:00', '2026-06-11T09:00:00Z'],
    // Inside a sentence.
    ['remind me tomorrow at 9am to call mom', '2026-06-11T13:00:00Z', 'tomorrow at 9am'],
    ['call mom at 5pm on Friday please', '2026-06-12T21:00:00Z', 'at 5pm on Friday'],
    ['remind me to call mom in 2 hours', '2026-06-10T16:30:00Z', 'in 2 hours'],
  ], 'en-US');

  it('reports the wall time asked for, and none for exact spans or foreign zones', () => {
    assert.deepEqual(read('tomorrow at 9am').wall, {
      year: 2026,
      month: 6,
      day: 11,
      hour: 9,
      minute: 0,
      second: 0,
    });
    assert.equal(read('in 2 hours').wall, undefined);
    assert.equal(read('9am EST').wall, undefined);
  });

  it('reads "today" after 09:00 as now, never in the past', () => {
    const reading = read('today');
    assert.equal(iso(reading.instant), NOW);
    assert.equal(reading.wall, undefined);
  });

  it('at 22:30 in New York, "tomorrow at 9am" is 09:00 the next day', () => {
    const reading = read('tomorrow at 9am', 'en-US', '2026-06-11T02:30:00Z');
    assert.equal(iso(reading.instant), '2026-06-11T13:00:00Z');
    assert.equal(reading.interpreted, 'tomorrow at 9am');
  });

  it('reads slash dates month first in en-US, day first in en-GB and en-AU', () => {
    assert.equal(iso(read('12/11 at 9am', 'en-US').instant), '2026-12-11T14:00:00Z');
    assert.equal(iso(read('12/11 at 9am', 'en-GB').instant), '2026-11-12T14:00:00Z');
    assert.equal(iso(read('12/11 at 9am', 'en-AU').instant), '2026-11-12T14:00:00Z');
    assert.equal(iso(read('12/11 at 9am', 'en').instant), '2026-12-11T14:00:00Z');
  });

  it('reads in Sydney when the zone is Sydney', () => {
    // 2026-06-11 00:30 in Sydney (AEST +10).
    const reading = read('tomorrow at 9am', 'en-AU', NOW, SYDNEY);
    assert.equal(iso(reading.instant), '2026-06-11T23:00:00Z');
  });
});

describe('readWhen, other languages (New York, Wednesday 10:30)', () => {
  describe('French', () => {
    // biome-ignore format: table
    table([
      ['demain à 9h', '2026-06-11T13:00:00Z'],
      ['demain à 9h30', '2026-06-11T13:30:00Z'],
      ['dans 2 heures', '2026-06-10T16:30:00Z'],
      ['dans 30 minutes', '2026-06-10T15:00:00Z'],
      ['vendredi', '2026-06-12T13:00:00Z'],
      ['vendredi à 14h', '2026-06-12T18:00:00Z'],
      ['lundi prochain à 10h', '2026-06-15T14:00:00Z'],
      ['ce soir', '2026-06-10T23:00:00Z'], // 19:00 (chrono: 18:00)
      ['demain matin', '2026-06-11T13:00:00Z'], // 09:00 (chrono: 08:00)
      ['le 24 décembre à 18h', '2026-12-24T23:00:00Z', '24 décembre à 18h'],
      ["rappelle-moi demain à 9h d'appeler maman", '2026-06-11T13:00:00Z', 'demain à 9h'],
      ['dans 3 jours', '2026-06-13T14:30:00Z'],
    ], 'fr-FR');
  });
  describe('Spanish', () => {
    // biome-ignore format: table
    table([
      ['mañana a las 9', '2026-06-11T13:00:00Z'],
      ['mañana a las 9:30', '2026-06-11T13:30:00Z'],
      ['en 2 horas', '2026-06-10T16:30:00Z'],
      ['dentro de 30 minutos', '2026-06-10T15:00:00Z'],
      ['el viernes', '2026-06-12T13:00:00Z', 'viernes'],
      ['viernes a las 14:00', '2026-06-12T18:00:00Z'],
      ['el lunes a las 10', '2026-06-15T14:00:00Z', 'lunes a las 10'],
      ['esta noche', '2026-06-11T00:00:00Z'], // 20:00 (chrono: 22:00)
      ['mediodía', '2026-06-10T16:00:00Z'],
      ['24 de diciembre a las 18:00', '2026-12-24T23:00:00Z'],
      ['recuérdame mañana a las 9 llamar a mamá', '2026-06-11T13:00:00Z', 'mañana a las 9'],
      ['en 3 días', '2026-06-13T14:30:00Z'],
    ], 'es-MX');
  });
  describe('German', () => {
    // biome-ignore format: table
    table([
      ['morgen um 9 Uhr', '2026-06-11T13:00:00Z'],
      ['morgen um 9:30', '2026-06-11T13:30:00Z'],
      ['in 2 Stunden', '2026-06-10T16:30:00Z'],
      ['in 30 Minuten', '2026-06-10T15:00:00Z'],
      ['Freitag', '2026-06-12T13:00:00Z'],
      ['am Freitag um 14 Uhr', '2026-06-12T18:00:00Z'],
      ['nächsten Montag um 10 Uhr', '2026-06-15T14:00:00Z'],
      ['heute Abend', '2026-06-10T23:00:00Z'], // 19:00 (chrono: 18:00)
      ['Mittag', '2026-06-10T16:00:00Z'],
      ['24. Dezember um 18 Uhr', '2026-12-24T23:00:00Z'],
      ['übermorgen', '2026-06-12T13:00:00Z'],
      ['erinnere mich morgen um 9 Uhr an Mama', '2026-06-11T13:00:00Z', 'morgen um 9 Uhr'],
    ], 'de-DE');
  });
  describe('Portuguese', () => {
    // biome-ignore format: table
    table([
      ['amanhã às 9', '2026-06-11T13:00:00Z'],
      ['amanhã às 9:30', '2026-06-11T13:30:00Z'],
      ['sexta-feira', '2026-06-12T13:00:00Z'],
      ['segunda-feira às 10:00', '2026-06-15T14:00:00Z'],
      ['hoje à noite', '2026-06-11T00:00:00Z'], // 20:00 (chrono: 22:00)
      ['meio-dia', '2026-06-10T16:00:00Z'],
      ['24 de dezembro às 18:00', '2026-12-24T23:00:00Z'],
      ['me lembre amanhã às 9:00 de ligar para a mãe', '2026-06-11T13:00:00Z', 'amanhã às 9:00'],
    ], 'pt-BR');
  });
  describe('one phrase in each other language chrono reads', () => {
    // biome-ignore format: table
    const rows: [string, string, string][] = [
      ['it-IT', 'domani alle 9', '2026-06-11T13:00:00Z'],
      ['nl-NL', 'morgen om 9 uur', '2026-06-11T13:00:00Z'],
      ['nl', 'over 2 uur', '2026-06-10T16:30:00Z'],
      ['ja-JP', '明日の9時', '2026-06-11T13:00:00Z'],
      ['ru-RU', 'завтра в 9 утра', '2026-06-11T13:00:00Z'],
      ['uk-UA', 'завтра о 9', '2026-06-11T13:00:00Z'],
      ['zh-CN', '明天上午9点', '2026-06-11T13:00:00Z'],
      ['zh-TW', '2小时后', '2026-06-10T16:30:00Z'],
      ['fi-FI', 'huomenna klo 9', '2026-06-11T13:00:00Z'],
      ['vi-VN', 'ngày mai lúc 9 giờ', '2026-06-11T13:00:00Z'],
      ['id-ID', 'besok jam 9', '2026-06-11T13:00:00Z'],
      ['ar-EG', 'غدا الساعة 9', '2026-06-11T13:00:00Z'],
      ['sv-SE', 'på fredag', '2026-06-12T13:00:00Z'],
    ];
    for (const [locale, text, expected] of rows) {
      it(`${locale}: ${text} -> ${expected}`, () => {
        assert.equal(iso(read(text, locale).instant), expected);
      });
    }
    it('zh reads the zone\'s "tomorrow" late in the evening too (its parsers use the host clock)', () => {
      // 22:30 in New York is already tomorrow in UTC and in Sydney.
      const reading = read('明天上午9点', 'zh', '2026-06-11T02:30:00Z');
      assert.equal(iso(reading.instant), '2026-06-11T13:00:00Z');
    });
  });
});

describe('readWhen across DST changes', () => {
  // biome-ignore format: [zone, now, text, expected instant, expected local]
  const rows: [string, string, string, string, string][] = [
    // New York springs forward 2026-03-08 02:00 EST -> 03:00 EDT.
    [NY, '2026-03-08T03:30:00Z', 'tomorrow at 9am', '2026-03-08T13:00:00Z', '09:00 EDT, not 10:00'],
    [NY, '2026-03-08T03:30:00Z', 'tomorrow at 2:30am', '2026-03-08T07:30:00Z', 'in the gap: 03:30 EDT'],
    [NY, '2026-03-08T03:30:00Z', '2:30am', '2026-03-08T07:30:00Z', 'time alone in the gap'],
    [NY, '2026-03-08T06:30:00Z', 'in 2 hours', '2026-03-08T08:30:00Z', '01:30 EST + 2 h = 04:30 EDT'],
    [NY, '2026-03-06T15:00:00Z', 'in 3 days', '2026-03-09T14:00:00Z', '10:00 EST -> 10:00 EDT'],
    [NY, '2026-03-06T15:00:00Z', 'Monday at 9am', '2026-03-09T13:00:00Z', '09:00 EDT'],
    // New York falls back 2026-11-01 02:00 EDT -> 01:00 EST.
    [NY, '2026-11-01T02:30:00Z', 'tomorrow at 9am', '2026-11-01T14:00:00Z', '09:00 EST, not 08:00'],
    [NY, '2026-11-01T02:30:00Z', 'tomorrow at 1:30am', '2026-11-01T05:30:00Z', 'overlap: the earlier, EDT'],
    [NY, '2026-11-01T06:40:00Z', '1:50am', '2026-11-01T06:50:00Z', 'at 01:40 EST: the next 01:50 is EST'],
    [NY, '2026-11-01T05:40:00Z', '1:20am', '2026-11-01T06:20:00Z', 'at 01:40 EDT: 01:20 EST comes next'],
    // Sydney falls back 2026-04-05 03:00 AEDT -> 02:00 AEST.
    [SYDNEY, '2026-04-04T11:30:00Z', 'tomorrow at 9am', '2026-04-04T23:00:00Z', '09:00 AEST, not 08:00'],
    [SYDNEY, '2026-04-04T11:30:00Z', 'tomorrow at 2:30am', '2026-04-04T15:30:00Z', 'overlap: the earlier, AEDT'],
    // Sydney springs forward 2026-10-04 02:00 AEST -> 03:00 AEDT.
    [SYDNEY, '2026-10-03T12:30:00Z', 'tomorrow at 9am', '2026-10-03T22:00:00Z', '09:00 AEDT, not 10:00'],
    [SYDNEY, '2026-10-03T12:30:00Z', 'tomorrow at 2:30am', '2026-10-03T16:30:00Z', 'in the gap: 03:30 AEDT'],
    [SYDNEY, '2026-10-03T12:30:00Z', 'Sunday', '2026-10-03T22:00:00Z', 'a date alone: 09:00 AEDT'],
  ];
  for (const [zone, now, text, expected, why] of rows) {
    it(`${zone} at ${now}: ${text} -> ${expected} (${why})`, () => {
      assert.equal(iso(read(text, 'en-AU', now, zone).instant), expected);
    });
  }

  it('reports the wall time asked for in a gap, before it moves', () => {
    const reading = read('tomorrow at 2:30am', 'en-US', '2026-03-08T03:30:00Z');
    assert.deepEqual(reading.wall, {
      year: 2026,
      month: 3,
      day: 8,
      hour: 2,
      minute: 30,
      second: 0,
    });
  });
});

describe('readWhen refuses', () => {
  const refused = (text: string, locale = 'en-US') => {
    const result = readWhen(text, { now: Date.parse(NOW), zone: NY, locale });
    assert.equal(result.ok, false, text);
    return result.ok ? undefined : result.error;
  };

  // biome-ignore format: [text, reason]
  const refusals: [string, string][] = [
    ['soon', 'vague'], ['asap', 'vague'], ['ok thanks', 'unreadable'], ['', 'unreadable'],
    ['   ', 'unreadable'], ['whenever', 'vague'], ['yesterday at 9am', 'past'],
    ['last Monday', 'past'], ['tomorrow at midnight', 'ambiguous'], ['12 at night', 'ambiguous'],
    ['tomorrow at 9am or Friday', 'leftover-time-word'],
  ];
  for (const [text, reason] of refusals) {
    it(`${JSON.stringify(text)}: INVALID_WHEN, ${reason}, a message a person can act on`, () => {
      const error = refused(text);
      assert.equal(error?.code, 'INVALID_WHEN');
      assert.equal(error?.field, 'when');
      assert.equal(error?.facts?.variant, reason);
      assert.equal(error?.language, 'en');
      assert.match(error ? wordsFor(error, 'en').message : '', /tomorrow at 9am/);
      assert.doesNotMatch(error ? wordsFor(error, 'en').message : '', /when|=/);
      assert.ok(error && wordsFor(error, 'en').detail);
    });
  }

  // chrono alone read only a part of these; our parsers read them whole.
  // biome-ignore format: table
  const whole: [string, string, string][] = [
    ['day after tomorrow at 10', 'en-US', '2026-06-12T14:00:00Z'],
    ['15th at 3pm', 'en-US', '2026-06-15T19:00:00Z'],
    ['8 tonight', 'en-US', '2026-06-11T00:00:00Z'],
    ['après-demain', 'fr-FR', '2026-06-12T13:00:00Z'],
    ['pasado mañana', 'es-ES', '2026-06-12T13:00:00Z'],
    ['depois de amanhã', 'pt-BR', '2026-06-12T13:00:00Z'],
    ['amanhã às 9h', 'pt-BR', '2026-06-11T13:00:00Z'],
    ['sexta às 14h', 'pt-BR', '2026-06-12T18:00:00Z'],
    ['daqui a 2 horas', 'pt-BR', '2026-06-10T16:30:00Z'],
    ['dentro de 2 horas', 'pt-BR', '2026-06-10T16:30:00Z'],
  ];
  for (const [text, locale, expected] of whole) {
    it(`${locale} ${text} -> ${expected}, the whole phrase read`, () => {
      const reading = read(text, locale);
      assert.equal(iso(reading.instant), expected);
      assert.equal(reading.interpreted, text);
    });
  }

  it('a text longer than 300 characters, whose detail says the limit', () => {
    const error = refused(`tomorrow at 9am ${'x'.repeat(285)}`);
    assert.equal(error?.code, 'INVALID_WHEN');
    assert.equal(error?.facts?.variant, 'too-long');
    assert.match(error ? (wordsFor(error, 'en').detail ?? '') : '', /300 characters/);
    assert.ok(
      readWhen(`tomorrow at 9am ${'x'.repeat(284)}`, {
        now: Date.parse(NOW),
        zone: NY,
        locale: 'en-US',
      }).ok,
    );
  });

  for (const locale of ['ko-KR', 'pl', 'xx', 'not a locale!', '']) {
    it(`locale ${JSON.stringify(locale)}: INVALID_LOCALE naming the languages it reads`, () => {
      const error = refused('tomorrow at 9am', locale);
      assert.equal(error?.code, 'INVALID_LOCALE');
      assert.equal(error?.field, 'locale');
      assert.match(error ? (wordsFor(error, 'en').detail ?? '') : '', /\ben\b.*\bfr\b.*\bzh\b/);
      assert.doesNotMatch(error ? wordsFor(error, 'en').message : '', /locale|=/);
    });
  }
});

describe('loading chrono', () => {
  it('happens on first reading, not on import', () => {
    assert.equal(chronoLoadedAtImport, false);
    read('tomorrow at 9am');
    assert.ok(Object.keys(require.cache).some((path) => path.includes('chrono-node')));
  });

  it('loads the language asked for, never the package index (which loads every language)', () => {
    const loaded = Object.keys(require.cache).filter((p) => p.includes('chrono-node'));
    assert.ok(loaded.some((p) => /locales[/\\]en[/\\]index\.js$/.test(p)));
    assert.ok(!loaded.some((p) => /dist[/\\]cjs[/\\]index\.js$/.test(p)));
  });
});
