// The refusals of `repeat`, `count` and `until`, as facts: which case (`variant`), the rule's
// part at fault, the numbers. The edge words them (src/edge/messages).
import { type Failure, refuse } from '../core/errors';
import { MAX_OCCURRENCES } from './repeat-rule';

/** A rule value quoted in a detail only when short: a phone number pasted by mistake never is. */
export const shown = (value: string): string => (value.length <= 6 ? `"${value}"` : 'a value');

/** `count` or the RRULE's `COUNT` (likewise until/UNTIL): how the builder wrote the end. */
const part = (field: string, parameter: string) =>
  field === parameter ? parameter : parameter.toUpperCase();

/** `problem`: what in the rule is not supported, as the builder wrote it (`BYDAY names "MO" twice.`). */
export const unsupported = (problem: string): Failure =>
  refuse('INVALID_REPEAT', 'repeat', { variant: 'unsupported', problem });

export const noEnd = (): Failure => refuse('INVALID_REPEAT', 'repeat', { variant: 'noEnd' });

export const twoEnds = (): Failure => refuse('INVALID_REPEAT', 'repeat', { variant: 'bothEnds' });

export const endsDiffer = (): Failure =>
  refuse('INVALID_REPEAT', 'repeat', { variant: 'endTwice' });

export const badCount = (field: string): Failure =>
  refuse('INVALID_REPEAT', field, {
    variant: 'count',
    part: part(field, 'count'),
    max: MAX_OCCURRENCES,
  });

export const badUntil = (field: string): Failure =>
  refuse('INVALID_REPEAT', field, { variant: 'until', part: part(field, 'until') });

export const untilPassed = (field: string): Failure =>
  refuse('INVALID_REPEAT', field, { variant: 'untilPast', part: part(field, 'until') });

export const untilTooFar = (field: string): Failure =>
  refuse('INVALID_REPEAT', field, { variant: 'untilTooFar', part: part(field, 'until') });

export const tooLong = (): Failure =>
  refuse('INVALID_REPEAT', 'repeat', { variant: 'ruleTooLong' });

export const noDate = (): Failure => refuse('INVALID_REPEAT', 'repeat', { variant: 'empty' });

export const tooMany = (): Failure =>
  refuse('INVALID_REPEAT', 'repeat', { variant: 'tooMany', max: MAX_OCCURRENCES });

export const countTooLong = (found: number, count: number): Failure =>
  refuse('INVALID_REPEAT', 'repeat', { variant: 'countTooLong', found, count });

export const allQuiet = (): Failure => refuse('INVALID_REPEAT', 'repeat', { variant: 'allQuiet' });
