// Numbers masked for lists (src/core/mask.ts): the country calling code and the last digits, and
// never two different numbers that look the same.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { callingCodeOf, maskNumber, maskNumbers } from '../src/core/mask';

describe('callingCodeOf', () => {
  it('reads 1-, 2- and 3-digit codes', () => {
    assert.equal(callingCodeOf('12125550123'), '1');
    assert.equal(callingCodeOf('79161234567'), '7');
    assert.equal(callingCodeOf('447700900123'), '44');
    assert.equal(callingCodeOf('33612345678'), '33');
    assert.equal(callingCodeOf('353851234567'), '353');
    assert.equal(callingCodeOf('971501234567'), '971');
  });
});

describe('maskNumber', () => {
  it('shows the channel, the calling code and the last 4 digits', () => {
    assert.equal(maskNumber('+12125550123'), '+1 \u00b7\u00b7\u00b70123');
    assert.equal(maskNumber('+447700900123'), '+44 \u00b7\u00b7\u00b70123');
    assert.equal(maskNumber('whatsapp:+447700900123'), 'whatsapp:+44 \u00b7\u00b7\u00b70123');
  });

  it('shows a national number that short in full, without dots', () => {
    assert.equal(maskNumber('+3531234', 4), '+353 1234');
  });
});

describe('maskNumbers', () => {
  it('tells apart numbers that end alike in different countries', () => {
    const masks = maskNumbers(['+12125550123', '+447700900123']);
    assert.equal(masks.get('+12125550123'), '+1 \u00b7\u00b7\u00b70123');
    assert.equal(masks.get('+447700900123'), '+44 \u00b7\u00b7\u00b70123');
  });

  it('shows more digits where two numbers of one country end alike', () => {
    const masks = maskNumbers(['+12125550123', '+13105550123', '+13105559999']);
    assert.equal(masks.get('+12125550123'), '+1 \u00b7\u00b7\u00b725550123');
    assert.equal(masks.get('+13105550123'), '+1 \u00b7\u00b7\u00b705550123');
    assert.equal(masks.get('+13105559999'), '+1 \u00b7\u00b7\u00b79999');
  });

  it('tells apart SMS and WhatsApp to the same number', () => {
    const masks = maskNumbers(['+447700900123', 'whatsapp:+447700900123']);
    assert.notEqual(masks.get('+447700900123'), masks.get('whatsapp:+447700900123'));
  });

  it('never gives two different numbers the same mask (property)', () => {
    const number = fc
      .tuple(
        fc.constantFrom('', 'whatsapp:'),
        fc.constantFrom('1', '44', '353', '7', '33'),
        fc.stringMatching(/^[0-9]{4,11}$/),
      )
      .map(([channel, code, rest]) => `${channel}+${code}${rest}`);
    fc.assert(
      fc.property(fc.uniqueArray(number, { minLength: 2, maxLength: 12 }), (numbers) => {
        const masks = maskNumbers(numbers);
        const digitsOf = (n: string) => `${n.startsWith('whatsapp:')}${n.replace(/\D/g, '')}`;
        const distinct = new Set(numbers.map(digitsOf));
        const shown = new Set(numbers.map((n) => masks.get(n)));
        assert.equal(shown.size, distinct.size);
      }),
    );
  });
});
