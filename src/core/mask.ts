// Phone numbers never leave in full: logs and error bodies show the last 4 digits only.

/** `***4567`, or `whatsapp:***4567`: the channel and the last 4 digits. */
export function maskRecipient(recipient: string): string {
  const channel = recipient.startsWith('whatsapp:') ? 'whatsapp:' : '';
  const digits = recipient.replace(/\D/g, '');
  return `${channel}***${digits.slice(-4)}`;
}

// Any run of 5+ digits (optionally with separators) that could be a phone number.
const NUMBER_LIKE = /\+?\d[\d\s\-.()]{3,}\d/g;

/** Masks number-like runs in free text, such as an error message from Twilio. */
export function redactNumbers(text: string): string {
  return text.replace(NUMBER_LIKE, (run) => maskRecipient(run));
}

/**
 * The last guard before a message leaves: a run of 7 or more digits may be a phone number quoted
 * back from the request and is masked like one. Dates and codes are shorter.
 */
export const maskDigitRuns = (text: string): string =>
  text.replace(/\+?\d{7,}/g, (run) => maskRecipient(run));

// ITU-T E.164 country calling codes form a prefix-free set: 1 and 7 are one digit, these are
// two, and every other code is three (e.g. 353 Ireland, 971 UAE).
const ONE_DIGIT_CODES = new Set(['1', '7']);
const TWO_DIGIT_CODES = new Set(
  (
    '20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 ' +
    '65 66 81 82 84 86 90 91 92 93 94 95 98'
  ).split(' '),
);

/** The country calling code at the start of an E.164 number's digits (`44` for `447700900123`). */
export function callingCodeOf(digits: string): string {
  if (ONE_DIGIT_CODES.has(digits.slice(0, 1))) return digits.slice(0, 1);
  if (TWO_DIGIT_CODES.has(digits.slice(0, 2))) return digits.slice(0, 2);
  return digits.slice(0, 3);
}

const HIDDEN = '\u00b7\u00b7\u00b7';

/**
 * `+44 ···0123`: the channel, the country calling code and the last `shown` digits of the
 * national number (all of it, without dots, when it is that short).
 */
export function maskNumber(recipient: string, shown = 4): string {
  const channel = recipient.startsWith('whatsapp:') ? 'whatsapp:' : '';
  const digits = recipient.replace(/\D/g, '');
  const code = callingCodeOf(digits);
  const national = digits.slice(code.length);
  const tail = national.length <= shown ? national : `${HIDDEN}${national.slice(-shown)}`;
  return `${channel}+${code} ${tail}`;
}

/**
 * Masks for a list of numbers in which no two different numbers look the same: each shows 4
 * digits, or more where another number of the same channel and country ends the same way.
 */
export function maskNumbers(recipients: Iterable<string>): Map<string, string> {
  const groups = new Map<string, string[]>();
  for (const recipient of new Set(recipients)) {
    const digits = recipient.replace(/\D/g, '');
    const channel = recipient.startsWith('whatsapp:') ? 'wa' : '';
    const group = `${channel}+${callingCodeOf(digits)}`;
    groups.set(group, [...(groups.get(group) ?? []), recipient]);
  }
  const masks = new Map<string, string>();
  for (const members of groups.values()) {
    const nationals = members.map((r) => {
      const digits = r.replace(/\D/g, '');
      return digits.slice(callingCodeOf(digits).length);
    });
    members.forEach((recipient, i) => {
      const own = nationals[i] ?? '';
      let shown = 4;
      // Two spellings of one number (`+1 212…` and `+1212…`) have the same digits: one mask.
      const others = nationals.filter((n) => n !== own);
      while (shown < own.length && others.some((n) => n.endsWith(own.slice(-shown)))) shown++;
      masks.set(recipient, maskNumber(recipient, shown));
    });
  }
  return masks;
}
