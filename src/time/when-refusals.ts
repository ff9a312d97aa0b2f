// Why a `when` is refused, as facts: a reason and the texter's language go on the error; the edge
// words it in that language (src/edge/when-messages.ts).
import { type Failure, refuse } from '../core/errors';
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

/** A refused `when`, as facts: why, and the texter's language (the edge words both). */
export function refuseWhen(reason: WhenRefusal, language: Language, extra = ''): Failure {
  const failure = refuse(
    'INVALID_WHEN',
    'when',
    extra === '' ? { variant: reason } : { variant: reason, extra },
  );
  failure.error.language = language;
  return failure;
}
