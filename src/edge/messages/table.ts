// The shape of a language's messages, and how an error's facts become its words. One table per
// language (en.ts, es.ts, …), each exhaustive over the error codes: the type checker refuses a
// language without a text for a code.
import type { AppError, ErrorCode, Facts } from '../../core/errors';
import type { Language } from '../../core/language';

/** A text, or one built from the error's facts. */
export type Text = string | ((facts: Facts, words: MessageTable) => string);

/** Several cases of one code, chosen by `facts.variant`; `default` when none matches. */
export interface Variants {
  readonly default: Text;
  readonly [variant: string]: Text;
}

/** What a language says about each parameter, when a message must name one ("the send time"). */
export interface LanguageWords {
  /** A parameter as the texter knows it: never its name. `request` is the fallback. */
  readonly nouns: Readonly<Record<string, string>> & { readonly request: string };
}

export interface MessageTable extends LanguageWords {
  readonly language: Language;
  /** Any code, variant `wrongKind` (or `wrongKindItem`): a value of the wrong kind (a list, NaN). */
  readonly unreadable: Text;
  /** Any code, variant `conflict`: a name and its alias with different values. */
  readonly conflicting: Text;
  readonly messages: { readonly [Code in ErrorCode]: Text | Variants };
}

function textOf(table: MessageTable, code: ErrorCode, variant: unknown): Text {
  if (variant === 'wrongKind' || variant === 'wrongKindItem') return table.unreadable;
  if (variant === 'conflict') return table.conflicting;
  const entry = table.messages[code];
  if (typeof entry !== 'object') return entry;
  return entry[String(variant ?? 'default')] ?? entry.default;
}

/** The texter's message for an error, in the table's language. */
export function messageFor(error: AppError, table: MessageTable): string {
  const facts = error.facts ?? {};
  const text = textOf(table, error.code, facts.variant);
  return typeof text === 'function' ? text({ field: error.field, ...facts }, table) : text;
}

/** "the send time": how the table's language names a parameter to the texter. */
export const nounIn = (words: LanguageWords, field: string | number | undefined): string =>
  words.nouns[String(field)] ?? words.nouns.request;

/** "15 minutes", "2 hours", "1 day": a lead time in `language`, in its largest whole unit. */
export function spanIn(language: Language, minutes: number): string {
  const [amount, unit] =
    minutes >= 1440 && minutes % 1440 === 0
      ? [minutes / 1440, 'day']
      : minutes >= 60 && minutes % 60 === 0
        ? [minutes / 60, 'hour']
        : [minutes, 'minute'];
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'long' }).format(
    amount,
  );
}

/** "5 Jan 2027, 09:00 (America/New_York)": an instant as a person reads it, in `zone`. */
export function momentIn(language: Language, instant: number, zone: string | undefined): string {
  const text = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: zone ?? 'UTC',
  }).format(instant);
  return `${text} (${zone ?? 'UTC'})`;
}

/** What the failed call was doing (`create`, `cancel`, `read`), for the texts that say so. */
/** What a failed Twilio call was doing, as the tables word it (a Sync write reads as a lookup). */
export const operationOf = (facts: Facts): 'create' | 'cancel' | 'read' =>
  facts.operation === 'create' || facts.operation === 'cancel' ? facts.operation : 'read';
