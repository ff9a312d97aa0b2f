// The send time as the recipient reads it, in their language and zone: `sendAtText`
// (`Thursday, December 3 at 8:00 AM EST`, `jeudi 3 décembre à 08:00 heure de l'Est nord-américain`).
import { BoundedCache } from '../core/bounded-cache';
import { ok, type Result, refuse } from '../core/errors';
import type { TimeZone } from './time-zone';

/** A canonical BCP 47 tag this runtime can format dates in: `en-US`, `fr-FR`. */
export type Locale = string;

const invalidLocale = (field: string) => refuse('INVALID_LOCALE', field);

/** Tags already read: ICU takes ~4 µs per tag, and every request with a locale asks. */
const known = new BoundedCache<string, Locale | null>(1000);

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
  const locale = known.getOr(tag, canonicalLocale);
  return locale === null ? invalidLocale(field) : ok(locale);
}

const OPTIONS: Intl.DateTimeFormatOptions = {
  weekday: 'long',
  month: 'long',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
};

/**
 * The zone's name, in the order tried: the short one where the locale has one people use (EST,
 * CET, JST, AEDT in en-AU), else the generic one (Australian Eastern Time, heure de l'Est de
 * l'Australie, Ostaustralische Zeit), else the long one. Each is skipped when ICU gives only an
 * offset (GMT+11, UTC−5), which a person does not recognise as their clock.
 */
const ZONE_STYLES = ['short', 'longGeneric', 'long'] as const;
type ZoneStyle = (typeof ZONE_STYLES)[number];
const OFFSET_ONLY = /^(?:GMT|UTC)[+\-\u2212]\d/;

/** A few formatters per locale and zone a service instance actually meets. */
const formatters = new BoundedCache<string, Intl.DateTimeFormat>(600);

const formatter = (zone: TimeZone, locale: Locale, style: ZoneStyle): Intl.DateTimeFormat =>
  formatters.getOr(
    `${locale} ${zone} ${style}`,
    () => new Intl.DateTimeFormat(locale, { ...OPTIONS, timeZone: zone, timeZoneName: style }),
  );

/**
 * Weekday, date, time and the zone's name at that instant (EST or EDT as the date falls), in
 * the words and order of `locale` (ICU supplies "at", "à", "um"). Narrow and no-break spaces,
 * which some ICU versions put before AM/PM, become plain spaces, and a typographic apostrophe a
 * plain one: in an SMS they would force the whole message out of the GSM-7 alphabet.
 */
export function formatSendAtText(instant: number, zone: TimeZone, locale: Locale): string {
  let parts: Intl.DateTimeFormatPart[] = [];
  for (const style of ZONE_STYLES) {
    parts = formatter(zone, locale, style).formatToParts(instant);
    const name = parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
    if (!OFFSET_ONLY.test(name)) break;
    if (style === 'long') parts = formatter(zone, locale, 'short').formatToParts(instant);
  }
  return parts
    .map((part) => part.value)
    .join('')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\u2019/g, "'");
}
