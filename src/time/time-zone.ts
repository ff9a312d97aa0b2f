// IANA time zone names, validated and canonicalised with the runtime's ICU data.
import { BoundedCache } from '../core/bounded-cache';
import { ok, type Result, refuse } from '../core/errors';

export type TimeZone = string;

const canonical = new BoundedCache<string, TimeZone | null>(1000);

/** `America/New_York` for `america/new_york`; null when ICU does not know the zone. */
const canonicalZone = (name: string): TimeZone | null =>
  canonical.getOr(name, () => {
    try {
      const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions()
        .timeZone;
      // ICU resolves links to its own, often retired, names (Asia/Kolkata to Asia/Calcutta):
      // keep the name given, taking ICU's spelling only when it is the same name.
      return resolved.toLowerCase() === name.toLowerCase() ? resolved : name;
    } catch {
      return null;
    }
  });

/**
 * Abbreviation-style names, which ICU accepts but which do not name a place: in the IANA
 * database EST, MST and HST are one offset all year (EST is UTC-5 even when New York is on
 * EDT), and ICU also reads PST or IST (India? Israel? Ireland?). A builder who writes one almost
 * always means a place's clock, so it is refused with the place's zone named, never kept and an
 * hour off half the year. Etc/GMT+5 and the like are accepted: they can only mean a fixed
 * offset, as IANA defines it (with the sign reversed: Etc/GMT+5 is UTC-5).
 */
const ABBREVIATION = /^[A-Z]{3,5}(?:\d{1,2}[A-Z]{3,4})?$/i;
/** tz's own short names for places (links to a city's zone): not abbreviations. */
const PLACE_NAMES = new Set([
  'CUBA',
  'EIRE',
  'IRAN',
  'PRC',
  'ROC',
  'ROK',
  'JAPAN',
  'EGYPT',
  'LIBYA',
]);
/** The zone to use instead, where the abbreviation says which clock was meant. */
const INSTEAD: Readonly<Record<string, TimeZone>> = {
  EST: 'America/New_York',
  EDT: 'America/New_York',
  EST5EDT: 'America/New_York',
  CST: 'America/Chicago',
  CDT: 'America/Chicago',
  CST6CDT: 'America/Chicago',
  MST: 'America/Denver (or America/Phoenix, which keeps MST all year)',
  MDT: 'America/Denver',
  MST7MDT: 'America/Denver',
  PST: 'America/Los_Angeles',
  PDT: 'America/Los_Angeles',
  PST8PDT: 'America/Los_Angeles',
  HST: 'Pacific/Honolulu',
  AKST: 'America/Anchorage',
  CET: 'Europe/Paris, Europe/Berlin or another Central European city',
  MET: 'Europe/Paris, Europe/Berlin or another Central European city',
  EET: 'Europe/Athens, Europe/Helsinki or another Eastern European city',
  WET: 'Europe/Lisbon',
};

/** Not a place's clock: an abbreviation other than UTC's own names (UTC, GMT, UCT, Zulu). */
function abbreviation(raw: string, zone: TimeZone): boolean {
  const name = raw.toUpperCase();
  if (!ABBREVIATION.test(raw) || PLACE_NAMES.has(name)) return false;
  return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone !== 'UTC';
}

export function parseTimeZone(raw: string, field = 'timeZone'): Result<TimeZone> {
  const nameLike = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(raw);
  const zone = nameLike ? canonicalZone(raw) : null;
  // Echoed back only without digits, so a stray phone number never is.
  const quoted = nameLike && !/\d/.test(raw) ? raw : undefined;
  if (zone === null) return refuse('INVALID_TIME_ZONE', field, { quoted });
  if (abbreviation(raw, zone)) {
    const instead =
      INSTEAD[raw.toUpperCase()] ?? 'the IANA name of the place, such as America/New_York';
    return refuse('INVALID_TIME_ZONE', field, { variant: 'abbreviation', quoted, instead });
  }
  return ok(zone);
}
