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
