// sendAtText: the local send time in the recipient's language, and locale parsing.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wordsFor } from '../src/edge/error-words';
import { formatSendAtText, parseLocale } from '../src/time/local-text';

const at = (iso: string): number => Date.parse(iso);

describe('parseLocale', () => {
  // biome-ignore format: one case per line reads as a table
  const cases: [string, string][] = [
    ['en-US', 'en-US'], ['en-us', 'en-US'], [' fr-FR ', 'fr-FR'], ['es-MX', 'es-MX'], ['de', 'de'],
    ['pt-BR', 'pt-BR'],
  ];
  for (const [raw, expected] of cases) {
    it(`${JSON.stringify(raw)} is ${expected}`, () =>
      assert.deepEqual(parseLocale(raw), { ok: true, value: expected }));
  }

  for (const raw of ['', 'en_US', 'english', 'zz', 'xx-XX', 'tlh', '12', 'en-US-']) {
    it(`rejects ${JSON.stringify(raw)}`, () => {
      const result = parseLocale(raw, 'DEFAULT_LOCALE');
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.deepEqual(
        [result.error.code, result.error.field],
        ['INVALID_LOCALE', 'DEFAULT_LOCALE'],
      );
      assert.doesNotMatch(wordsFor(result.error, 'en').message, /DEFAULT_LOCALE|locale|=/);
      assert.match(wordsFor(result.error, 'en').detail ?? '', /DEFAULT_LOCALE/);
    });
  }
});

describe('formatSendAtText', () => {
  // Thursday 2026-12-03 08:00 in New York (EST, -5).
  const winter = at('2026-12-03T13:00:00Z');
  // Thursday 2026-07-02 08:00 in New York (EDT, -4).
  const summer = at('2026-07-02T12:00:00Z');

  it('en-US reads like a person writes it', () => {
    assert.equal(
      formatSendAtText(winter, 'America/New_York', 'en-US'),
      'Thursday, December 3 at 8:00 AM EST',
    );
  });

  it('fr-FR: French words, order and 24-hour clock', () => {
    assert.equal(
      formatSendAtText(winter, 'America/New_York', 'fr-FR'),
      "jeudi 3 décembre à 08:00 heure de l'Est nord-américain",
    );
  });

  it('es-MX: Spanish words and order', () => {
    const text = formatSendAtText(winter, 'America/New_York', 'es-MX');
    assert.match(text, /^jueves, 3 de diciembre/);
    assert.match(text, /8:00/);
  });

  it('the zone name follows the date: EST in winter, EDT in summer', () => {
    assert.equal(
      formatSendAtText(summer, 'America/New_York', 'en-US'),
      'Thursday, July 2 at 8:00 AM EDT',
    );
    // French has no abbreviation: the generic name, the same all year.
    assert.match(
      formatSendAtText(summer, 'America/New_York', 'fr-FR'),
      /08:00 heure de l'Est nord-américain$/,
    );
  });

  it('across the change itself: the last EDT minute and the first EST one', () => {
    // 2026-11-01: 01:59 EDT, then the clock goes back to 01:00 EST.
    assert.match(
      formatSendAtText(at('2026-11-01T05:59:00Z'), 'America/New_York', 'en-US'),
      /1:59 AM EDT$/,
    );
    assert.match(
      formatSendAtText(at('2026-11-01T06:00:00Z'), 'America/New_York', 'en-US'),
      /1:00 AM EST$/,
    );
  });

  it('a half-hour zone and a different day than UTC', () => {
    // 2026-12-03 20:00 UTC is Friday 01:30 in Kolkata.
    assert.match(
      formatSendAtText(at('2026-12-03T20:00:00Z'), 'Asia/Kolkata', 'en-US'),
      /^Friday, December 4 at 1:30 AM India Standard Time$/,
    );
  });

  it('a zone name people recognise, never a bare offset, in every supported language', () => {
    assert.match(formatSendAtText(winter, 'Australia/Sydney', 'en-AU'), / AEDT$/);
    assert.match(
      formatSendAtText(winter, 'Australia/Sydney', 'en-US'),
      / Australian Eastern Time$/,
    );
    assert.match(formatSendAtText(summer, 'Europe/London', 'en-GB'), / BST$/);
    assert.match(formatSendAtText(winter, 'Europe/Paris', 'de-DE'), / MEZ$/);
    for (const locale of ['en-US', 'es-ES', 'fr-FR', 'de-DE', 'pt-BR', 'it-IT', 'nl-NL', 'ja-JP']) {
      for (const zone of ['Australia/Sydney', 'Europe/Berlin', 'Asia/Tokyo', 'America/Sao_Paulo']) {
        for (const instant of [winter, summer]) {
          const text = formatSendAtText(instant, zone, locale);
          assert.doesNotMatch(text, /(GMT|UTC)[+\-\u2212]\d/, `${locale} ${zone}: ${text}`);
          assert.doesNotMatch(text, /\u2019/, 'a typographic apostrophe is not GSM-7');
        }
      }
    }
  });

  it('has no narrow or no-break spaces (they would force an SMS out of GSM-7)', () => {
    for (const locale of ['en-US', 'fr-FR', 'es-MX', 'de-DE', 'en-IN']) {
      assert.doesNotMatch(formatSendAtText(winter, 'America/Chicago', locale), /[\u00a0\u202f]/);
    }
  });
});
