// Recipients: E.164 numbers, optionally on the WhatsApp channel, and how they appear in logs.

import { SCHEDULE_MESSAGE } from '../contract/schedule-message';
import { type Failure, fail, ok, type Result, refuse } from '../core/errors';
import { type Event, readParameter } from './event-fields';

/** A normalised recipient: `+15551234567` or `whatsapp:+15551234567`. */
export type Recipient = string;

const E164 = /^\+[1-9]\d{5,14}$/;
// Separators people and spreadsheets put into numbers; Studio itself sends clean E.164.
const SEPARATORS = /[\s\-.()]/g;
/**
 * `+44 (0)20 7946 0958`: the national trunk prefix people write in brackets after the country
 * code. Dialled from abroad it is left out, so it is dropped; kept, it makes another number.
 */
const BRACKETED_TRUNK = /^(\+\d{1,3})[\s.-]*\(0\)/;
/** Italy (and San Marino, Vatican City) dial the leading 0 from abroad: "(0)" is ambiguous there. */
const TRUNK_IS_PART_OF_NUMBER = new Set(['+39', '+378', '+379']);

/** Said as facts: the edge words it in the texter's language; the detail stays this layer's. */
const invalidTo = (detail: string): Failure => {
  const failure = refuse('INVALID_TO', 'to', {});
  failure.error.detail = detail;
  return failure;
};

export function parseRecipient(raw: string): Result<Recipient> {
  const match = /^whatsapp:(.*)$/i.exec(raw.trimEnd());
  let number = (match ? (match[1] ?? '') : raw).trimStart();
  const trunk = BRACKETED_TRUNK.exec(number);
  if (trunk) {
    const countryCode = trunk[1] ?? '';
    if (TRUNK_IS_PART_OF_NUMBER.has(countryCode)) {
      return invalidTo(
        `"(0)" after ${countryCode} is ambiguous: in this country the 0 is dialled from abroad too. Write the number without brackets.`,
      );
    }
    number = countryCode + number.slice(trunk[0].length);
  }
  const normalised = number.replace(SEPARATORS, '');
  if (E164.test(normalised)) return ok(match ? `whatsapp:${normalised}` : normalised);
  let detail =
    'to must be an E.164 number (+, the country code, the number) or whatsapp: followed by one.';
  // Not guessed back into a "+": a number must never be read as another country's.
  if (/^ \d/.test(match ? (match[1] ?? '') : raw)) {
    detail += ' A "+" sent unencoded in a form body arrives as a space: send it as %2B.';
  }
  return invalidTo(detail);
}

/** `to`, or its alias `number` (the Flask workaround's name). */
export function readRecipient(event: Event): Result<Recipient> {
  const raw = readParameter(event, SCHEDULE_MESSAGE.parameters.to);
  if (!raw.ok) return raw;
  if (raw.value === undefined) {
    return fail(
      'MISSING_TO',
      'Sorry, no phone number was given to send to.',
      'to',
      'Give the recipient in "to", for example {{contact.channel.address}}.',
    );
  }
  return parseRecipient(raw.value);
}

/** `to` (or `number`) when given, else undefined: for requests that may name a tag instead. */
export function readOptionalRecipient(event: Event): Result<Recipient | undefined> {
  const raw = readParameter(event, SCHEDULE_MESSAGE.parameters.to);
  if (!raw.ok) return raw;
  return raw.value === undefined ? ok(undefined) : parseRecipient(raw.value);
}
