// Recipients: E.164 normalisation, and masking numbers for logs and error bodies.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskRecipient, redactNumbers } from '../src/core/mask';
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
    assert.ok(!spaced.ok && spaced.error.message.includes('%2B'));
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
