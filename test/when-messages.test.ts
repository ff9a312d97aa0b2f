// The texter-facing refusals of `when`: every language has a text for every reason, each text
// suggests its language's example, and each example is a phrase that reads right without a
// locale, in that language.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WHEN_DETAILS, WHEN_EXAMPLE, WHEN_MESSAGES } from '../src/edge/when-messages';
import { readWhen } from '../src/time/when';
import { WHEN_REFUSALS } from '../src/time/when-refusals';
import { TEXTER_LANGUAGES } from '../src/time/when-words';

/** Wednesday 2026-06-10 10:30 in New York. */
const NOW = Date.parse('2026-06-10T14:30:00Z');

describe('when refusals in the texter language', () => {
  it('has a text for every language and every reason, and nothing more', () => {
    assert.deepEqual(Object.keys(WHEN_MESSAGES).sort(), [...TEXTER_LANGUAGES].sort());
    for (const language of TEXTER_LANGUAGES) {
      assert.deepEqual(Object.keys(WHEN_MESSAGES[language]).sort(), [...WHEN_REFUSALS].sort());
      for (const reason of WHEN_REFUSALS) {
        const text = WHEN_MESSAGES[language][reason];
        assert.ok(text.trim().length > 10, `${language} ${reason}`);
        assert.ok(text.includes(WHEN_EXAMPLE[language]), `${language} ${reason}: ${text}`);
        // Names no parameter: a flow may send it to the texter as it is.
        assert.doesNotMatch(text, /\bwhen\b|=|locale/, `${language} ${reason}`);
      }
    }
  });

  it('has an English detail for every reason', () => {
    assert.deepEqual(Object.keys(WHEN_DETAILS).sort(), [...WHEN_REFUSALS].sort());
    for (const reason of WHEN_REFUSALS) assert.ok(WHEN_DETAILS[reason].length > 20);
  });

  for (const language of TEXTER_LANGUAGES) {
    it(`${language}: the suggested "${WHEN_EXAMPLE[language]}" reads as tomorrow 09:00, in ${language}`, () => {
      const read = readWhen(WHEN_EXAMPLE[language], { now: NOW, zone: 'America/New_York' });
      assert.ok(read.ok, WHEN_EXAMPLE[language]);
      assert.equal(read.value.instant, Date.parse('2026-06-11T13:00:00Z'));
      assert.equal(read.value.language, language);
    });
  }

  it('a refusal carries the reason and the language it was written in', () => {
    const cases: [string, string, string][] = [
      ['ayer a las 9', 'es', 'past'],
      ['bientôt', 'fr', 'vague'],
      ['später', 'de', 'vague'],
      ['mais tarde', 'pt', 'vague'],
      ['ieri', 'it', 'past'],
      ['gisteren', 'nl', 'past'],
      ['昨日', 'ja', 'past'],
      ['soon', 'en', 'vague'],
    ];
    for (const [text, language, reason] of cases) {
      const read = readWhen(text, { now: NOW, zone: 'America/New_York' });
      assert.equal(read.ok, false, text);
      if (read.ok) continue;
      assert.equal(read.error.language, language, text);
      assert.equal(read.error.facts?.variant, reason, text);
      assert.equal(read.error.code, 'INVALID_WHEN');
    }
  });
});
