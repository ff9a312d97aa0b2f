// The time zones a phone number may be in, from Google libphonenumber's prefix map
// (recipient-zone-data.ts). Several when the prefix spans zones (+1 907: Adak and Anchorage;
// a toll-free or unknown +1 area code: all 42 zones of the North American plan): callers hold
// quiet hours in every one of them (fail closed).
import { tzOffset } from '@date-fns/tz/tzOffset';
import { PREFIXES_BY_ZONES, ZONE_NAMES } from './recipient-zone-data';
import type { TimeZone } from './time-zone';

/** libphonenumber's "no zone known" answer. */
const UNKNOWN = 'Etc/Unknown';

interface ZoneTable {
  /** Number prefix (country code first) → the zones it maps to, shared between prefixes. */
  byPrefix: Map<string, readonly TimeZone[]>;
  longestPrefix: number;
}

// Parsed on first use, not at load: a request without `timeZone=recipient` never pays for it.
// Immutable reference data once built.
let table: ZoneTable | undefined;

function zoneTable(): ZoneTable {
  if (table !== undefined) return table;
  const names = ZONE_NAMES.trim().split('\n');
  const byPrefix = new Map<string, readonly TimeZone[]>();
  let longestPrefix = 0;
  for (const line of PREFIXES_BY_ZONES.trim().split('\n')) {
    const [set = '', prefixes = ''] = line.split(':');
    const zones = set.split(',').map((index) => names[Number(index)] ?? UNKNOWN);
    const shared = Object.freeze(zones.includes(UNKNOWN) ? [] : zones);
    for (const prefix of prefixes.split(',')) {
      byPrefix.set(prefix, shared);
      longestPrefix = Math.max(longestPrefix, prefix.length);
    }
  }
  table = { byPrefix, longestPrefix };
  return table;
}

// Whether this runtime's ICU knows every zone of a set; at most one entry per set (317).
const usable = new WeakMap<readonly TimeZone[], boolean>();

function knownToIcu(zones: readonly TimeZone[]): boolean {
  let known = usable.get(zones);
  if (known === undefined) {
    // tzOffset keeps the ICU formatter it builds per zone, which the wall-clock reads of these
    // same zones reuse: the check costs nothing extra later (NaN: a zone ICU does not know).
    known = zones.every((zone) => !Number.isNaN(tzOffset(zone, new Date(0))));
    usable.set(zones, known);
  }
  return known;
}

const NUMBER = /^(?:whatsapp:)?\+([1-9]\d{5,14})$/i;

/**
 * The IANA zones of `recipient` (`+E164` or `whatsapp:+E164`), by the longest known prefix of
 * its digits, in current IANA names (Asia/Kolkata, not Asia/Calcutta). Empty when the number is
 * not E.164, no prefix is known, libphonenumber knows no zone, or this runtime cannot compute
 * the clock of one of the zones (a zone quiet hours cannot be checked in must not be dropped).
 */
export function zonesForNumber(recipient: string): TimeZone[] {
  const digits = NUMBER.exec(recipient.trim())?.[1];
  if (digits === undefined) return [];
  const { byPrefix, longestPrefix } = zoneTable();
  for (let length = Math.min(digits.length, longestPrefix); length > 0; length--) {
    const zones = byPrefix.get(digits.slice(0, length));
    if (zones !== undefined) return knownToIcu(zones) ? [...zones] : [];
  }
  return [];
}
