// Recipients: E.164 normalisation, and masking numbers for logs and error bodies.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskRecipient, redactNumbers } from '../src/core/mask';
import { wordsFor } from '../src/edge/error-words';
import { parseRecipient } from '../src/input/recipient';

describe('parseRecipient', () => {
  it('strips spaces, dashes, dots and parentheses', () => {
    assert.deepEqual(parseRecipient(' +1 (555) 123-45.67 '), { ok: true, value: '+15551234567' });
  });

  it('keeps the WhatsApp channel, in lower case', () => {
    assert.deepEqual(parseRecipient('WHATSAPP:+44 7700 900123'), {
      ok: true,
      value: 'whatsapp:+447700900123',
    });
  });

  it('accepts 15 digits and refuses 16', () => {
    assert.equal(parseRecipient(`+1${'2'.repeat(14)}`).ok, true);
    assert.equal(parseRecipient(`+1${'2'.repeat(15)}`).ok, false);
  });

  it('never guesses a "+" for a number without one, and says how to send it', () => {
    // ` 15551234567` is what `curl -d to=+15551234567` delivers; ` 5551234567` would be Brazil.
    for (const raw of [' 15551234567', '15551234567', ' 5551234567']) {
      const result = parseRecipient(raw);
      assert.equal(result.ok, false, raw);
      if (!result.ok) assert.equal(result.error.code, 'INVALID_TO');
    }
    const spaced = parseRecipient(' 15551234567');
    assert.ok(!spaced.ok && wordsFor(spaced.error, 'en').detail?.includes('%2B'));
  });

  it('drops a bracketed national trunk "(0)" after the country code, as people write it', () => {
    const cases: [string, string][] = [
      ['+44 (0)20 7946 0958', '+442079460958'],
      ['+44(0)2079460958', '+442079460958'],
      ['+49 (0) 30 901820', '+4930901820'],
      ['whatsapp:+44 (0)7700 900123', 'whatsapp:+447700900123'],
    ];
    for (const [raw, expected] of cases) {
      assert.deepEqual(parseRecipient(raw), { ok: true, value: expected }, raw);
    }
  });

  it('refuses "(0)" where the 0 is part of the number (Italy), and never keeps it', () => {
    const result = parseRecipient('+39 (0)6 6982 0000');
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.error.code, 'INVALID_TO');
    // A "(0)" elsewhere than right after the country code is not a trunk: left to the E.164 rule.
    assert.deepEqual(parseRecipient('+1 (555) 123-4567'), { ok: true, value: '+15551234567' });
  });
});

describe('maskRecipient and redactNumbers', () => {
  it('keeps only the last 4 digits', () => {
    assert.equal(maskRecipient('+15551234567'), '***4567');
    assert.equal(maskRecipient('whatsapp:+15551234567'), 'whatsapp:***4567');
  });

  it('masks number-like runs in free text', () => {
    const text = redactNumbers("The 'To' number +1 555 123 4567 is not a valid phone number.");
    assert.ok(!text.includes('555 123'), text);
    assert.match(text, /\*\*\*4567/);
  });
});
