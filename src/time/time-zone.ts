// IANA time zone names, validated and canonicalised with the runtime's ICU data.
import { fail, ok, type Result } from '../core/errors';

export type TimeZone = string;

const canonical = new Map<string, TimeZone | null>();

/** `America/New_York` for `america/new_york`; null when ICU does not know the zone. */
function canonicalZone(name: string): TimeZone | null {
  let zone = canonical.get(name);
  if (zone === undefined) {
    try {
      const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions()
        .timeZone;
      // ICU resolves links to its own, often retired, names (Asia/Kolkata to Asia/Calcutta):
      // keep the name given, taking ICU's spelling only when it is the same name.
      zone = resolved.toLowerCase() === name.toLowerCase() ? resolved : name;
    } catch {
      zone = null;
    }
    // Bounded: hostile input must not grow this cache without limit.
    if (canonical.size < 1000) canonical.set(name, zone);
  }
  return zone;
}

export function parseTimeZone(raw: string, field = 'timeZone'): Result<TimeZone> {
  const nameLike = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(raw);
  const zone = nameLike ? canonicalZone(raw) : null;
  if (zone === null) {
    // Echoed back only without digits, so a stray phone number never is.
    const what = nameLike && !/\d/.test(raw) ? `"${raw}" is not` : 'The value is not';
    return fail(
      'INVALID_TIME_ZONE',
      "Sorry, that time zone isn't known: use a name such as America/New_York.",
      field,
      `${what} an IANA time zone name (${field}), such as America/New_York or Europe/London.`,
    );
  }
  return ok(zone);
}
