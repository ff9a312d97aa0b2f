// The send time as the recipient reads it, in their language and zone: `sendAtText`
// (`Thursday, December 3 at 8:00 AM EST`, `jeudi 3 décembre à 08:00 UTC−5`).
import { fail, ok, type Result } from '../core/errors';
import type { TimeZone } from './time-zone';

/** A canonical BCP 47 tag this runtime can format dates in: `en-US`, `fr-FR`. */
export type Locale = string;

const invalidLocale = (field: string) =>
  fail(
    'INVALID_LOCALE',
    'The language must be a tag such as en-US, fr-FR or es-MX.',
    field,
    `${field} must be a BCP 47 language tag that the runtime can format dates in, such as en-US, fr-FR or es-MX.`,
  );

/** Tags already read: ICU takes ~4 µs per tag, and every request with a locale asks. */
const known = new Map<string, Locale | null>();

function canonicalLocale(tag: string): Locale | null {
  let canonical: string | undefined;
  try {
    [canonical] = Intl.getCanonicalLocales(tag);
  } catch {
    return null;
  }
  if (canonical === undefined) return null;
  // `lookup` matches on the language (en-ZZ falls back to en) and refuses a language ICU lacks.
  const [supported] = Intl.DateTimeFormat.supportedLocalesOf([canonical], {
    localeMatcher: 'lookup',
  });
  return supported === undefined ? null : canonical;
}

/** `en-us` reads as `en-US`; a tag ICU cannot format dates in is refused, not silently English. */
export function parseLocale(raw: string, field = 'locale'): Result<Locale> {
  const tag = raw.trim();
  let locale = known.get(tag);
  if (locale === undefined) {
    locale = canonicalLocale(tag);
    // Bounded: hostile input must not grow this without limit.
    if (known.size < 1000) known.set(tag, locale);
  }
  return locale === null ? invalidLocale(field) : ok(locale);
}

const OPTIONS: Intl.DateTimeFormatOptions = {
  weekday: 'long',
  month: 'long',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
};

/** Bounded: one formatter per locale and zone a service instance actually meets. */
const MAX_FORMATTERS = 200;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: TimeZone, locale: Locale): Intl.DateTimeFormat {
  const key = `${locale} ${zone}`;
  let format = formatters.get(key);
  if (format === undefined) {
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    format = new Intl.DateTimeFormat(locale, { ...OPTIONS, timeZone: zone });
    formatters.set(key, format);
  }
  return format;
}

/**
 * Weekday, date, time and the zone's short name at that instant (EST or EDT as the date
 * falls), in the words and order of `locale` (ICU supplies "at", "à", "um"). Narrow and
 * no-break spaces, which some ICU versions put before AM/PM, become plain spaces: in an SMS
 * they would force the whole message out of the GSM-7 alphabet.
 */
export function formatSendAtText(instant: number, zone: TimeZone, locale: Locale): string {
  return formatter(zone, locale)
    .format(instant)
    .replace(/[\u00a0\u202f]/g, ' ');
}
