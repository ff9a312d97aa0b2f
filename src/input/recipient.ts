// Recipients: E.164 numbers, optionally on the WhatsApp channel, and how they appear in logs.
import { fail, ok, type Result } from '../core/errors';
import { type Event, readText } from './event-fields';

/** A normalised recipient: `+15551234567` or `whatsapp:+15551234567`. */
export type Recipient = string;

const E164 = /^\+[1-9]\d{5,14}$/;
// Separators people and spreadsheets put into numbers; Studio itself sends clean E.164.
const SEPARATORS = /[\s\-.()]/g;

export function parseRecipient(raw: string): Result<Recipient> {
  const match = /^whatsapp:(.*)$/i.exec(raw.trimEnd());
  const number = match ? (match[1] ?? '') : raw;
  const normalised = number.replace(SEPARATORS, '');
  if (E164.test(normalised)) return ok(match ? `whatsapp:${normalised}` : normalised);
  // The example is spaced so that the masking of numbers in answers leaves it readable.
  let message =
    'The recipient must be an E.164 number: + then the country code and number, such as +1 415 555 0100, or whatsapp:+1 415 555 0100.';
  // Not guessed back into a "+": a number must never be read as another country's.
  if (/^ \d/.test(number)) {
    message += ' A "+" sent unencoded in a form body arrives as a space: send it as %2B.';
  }
  return fail('INVALID_TO', message, 'to');
}

/** `to`, or its alias `number` (the Flask workaround's name). */
export function readRecipient(event: Event): Result<Recipient> {
  const raw = readText(event, ['to', 'number'], 'INVALID_TO');
  if (!raw.ok) return raw;
  if (raw.value === undefined) {
    return fail(
      'MISSING_TO',
      'Give the recipient in "to", for example {{contact.channel.address}}.',
      'to',
    );
  }
  return parseRecipient(raw.value);
}
