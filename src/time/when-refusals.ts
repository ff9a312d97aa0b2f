// Why a `when` is refused, as facts: a reason and the texter's language go on the error, so a
// catalog can word it in that language; the English `message` and `detail` are given here.
import { type Failure, fail } from '../core/errors';
import type { Language } from './when-words';

export type WhenRefusal =
  | 'unreadable'
  | 'past'
  | 'vague'
  | 'ambiguous'
  | 'too-long'
  | 'leftover-time-word'
  | 'recurring';

export const WHEN_REFUSALS: readonly WhenRefusal[] = [
  'unreadable',
  'past',
  'vague',
  'ambiguous',
  'too-long',
  'leftover-time-word',
  'recurring',
];

/** At most this many characters: bounds the work of reading it in every language. */
export const MAX_WHEN_LENGTH = 300;

/** For the texter, in English (the catalog has the other languages). */
export const WHEN_MESSAGE_EN: Record<WhenRefusal, string> = {
  unreadable: "I couldn't find a day or a time in that. Try 'tomorrow at 9am'.",
  past: "That time has already passed. Try a time to come, like 'tomorrow at 9am'.",
  vague: "Tell me a day or a time, like 'tomorrow at 9am'.",
  ambiguous: "I couldn't tell which time you meant. Try 'tomorrow at 9am'.",
  'too-long': "That's too long for me to read as a time. Try 'tomorrow at 9am'.",
  'leftover-time-word':
    "I couldn't read all of the time you wrote. Tell me a day and a time, like 'tomorrow at 9am'.",
  recurring: "I can set one time here. Tell me one day and time, like 'tomorrow at 9am'.",
};

/** For the builder, in English. */
export const WHEN_DETAIL: Record<WhenRefusal, string> = {
  unreadable:
    'when holds no date or time that can be read; e.g. "tomorrow at 9am", "in 2 hours", "next Monday 14:00", "Dec 24 noon". Or give sendAt or at instead.',
  past: 'when names a time in the past ("yesterday", "last Monday", "2 hours ago", or a time today already gone); nothing is scheduled.',
  vague:
    'when names no day or time ("soon", "later", "más tarde"); nothing is scheduled. Ask for a day or a time.',
  ambiguous:
    'when can be read as more than one time (in different languages, or with parts that disagree, e.g. "12 at night", "midnight" with a date, a range); give locale, or sendAt or at.',
  'too-long': `when is longer than ${MAX_WHEN_LENGTH} characters.`,
  'leftover-time-word':
    'when holds a time word outside the part that was read (a date, weekday, number or part of the day that would be ignored); rather than guess, nothing is scheduled. Use sendAt or at for this one.',
  recurring:
    'when asks for more than one time ("every Monday", "daily", "todos los lunes"); one message is scheduled per request. For a series, give repeat (with sendAt, at or a when naming the first one).',
};

export function refuseWhen(reason: WhenRefusal, language: Language, extra = ''): Failure {
  const failure = fail(
    'INVALID_WHEN',
    WHEN_MESSAGE_EN[reason],
    'when',
    extra === '' ? WHEN_DETAIL[reason] : `${WHEN_DETAIL[reason]} ${extra}`,
  );
  failure.error.language = language;
  failure.error.reason = reason;
  return failure;
}
