// The time zones a phone number may be in, as Google libphonenumber's PhoneNumberToTimeZonesMapper
// answers, or more (never fewer: a missing zone is a quiet hour that fails open). A fixed line
// (or a mobile where mobiles are tied to an area) has the zones of its longest known prefix
// (+1 907: Adak and Anchorage); any other type (mobiles in most countries, toll-free, VoIP,
// premium, pager...) may be anywhere in its country: every zone of the calling code. A number
// libphonenumber's metadata says is not valid has none. Callers hold quiet hours in every zone.
import { tzOffset } from '@date-fns/tz/tzOffset';
import type { NumberKind } from './number-kind';
import type { TimeZone } from './time-zone';

/** libphonenumber's "no zone known" answer. */
const UNKNOWN = 'Etc/Unknown';

interface ZoneTable {
  /** Number prefix (country code first) → the zones it maps to, shared between prefixes. */
  byPrefix: Map<string, readonly TimeZone[]>;
  longestPrefix: number;
  /** Calling code → every zone of its prefixes, filled as codes are met. */
  byCallingCode: Map<string, readonly TimeZone[]>;
  /** Zone → its rank in ZONE_NAMES (the most common first), to order a union. */
  rank: Map<TimeZone, number>;
}

// Parsed on first use, not at load: a request without `timeZone=recipient` never pays for it.
// Immutable reference data once built.
let table: ZoneTable | undefined;

function zoneTable(): ZoneTable {
  if (table !== undefined) return table;
  // Required here, not imported: the data stays out of the function's load (cold start).
  const { PREFIXES_BY_ZONES, ZONE_NAMES } =
    require('./recipient-zone-data') as typeof import('./recipient-zone-data');
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
  const rank = new Map(names.map((zone, index) => [zone, index]));
  table = { byPrefix, longestPrefix, byCallingCode: new Map(), rank };
  return table;
}

/** Every zone any prefix of the calling code maps to, the most common first. */
function countryZones(t: ZoneTable, callingCode: string): readonly TimeZone[] {
  let zones = t.byCallingCode.get(callingCode);
  if (zones === undefined) {
    const all = new Set<TimeZone>();
    for (const [prefix, set] of t.byPrefix) {
      if (prefix.startsWith(callingCode)) for (const zone of set) all.add(zone);
    }
    zones = Object.freeze([...all].sort((a, b) => (t.rank.get(a) ?? 0) - (t.rank.get(b) ?? 0)));
    t.byCallingCode.set(callingCode, zones);
  }
  return zones;
}

function prefixZones(t: ZoneTable, digits: string): readonly TimeZone[] | undefined {
  for (let length = Math.min(digits.length, t.longestPrefix); length > 0; length--) {
    const zones = t.byPrefix.get(digits.slice(0, length));
    if (zones !== undefined) return zones;
  }
  return undefined;
}

// Whether this runtime's ICU knows every zone of a set; at most one entry per set.
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

// The validity data (~160 KB) is loaded on the first recipient lookup, not when the function
// loads. A module is evaluated once per instance: this is Node's module cache, not our state.
const kindOf = (e164: string): NumberKind =>
  (require('./number-kind') as typeof import('./number-kind')).numberKind(e164);

const NUMBER = /^(?:whatsapp:)?\+([1-9]\d{5,14})$/i;

/**
 * The IANA zones of `recipient` (`+E164` or `whatsapp:+E164`), in current IANA names
 * (Asia/Kolkata, not Asia/Calcutta), the most common first (Europe/London before
 * Europe/Guernsey). Empty when the number is not E.164 or not valid, libphonenumber knows no
 * zone for its country, or this runtime cannot compute the clock of one of the zones (a zone
 * quiet hours cannot be checked in must not be dropped). A fixed line whose prefix is not in
 * the map gets every zone of its country (fail closed).
 */
export function zonesForNumber(recipient: string): TimeZone[] {
  const digits = NUMBER.exec(recipient.trim())?.[1];
  if (digits === undefined) return [];
  const kind = kindOf(`+${digits}`);
  if (!kind.valid) return [];
  const t = zoneTable();
  const byPrefix = kind.geographic ? prefixZones(t, digits) : undefined;
  const zones =
    byPrefix !== undefined && byPrefix.length > 0 ? byPrefix : countryZones(t, kind.callingCode);
  return zones.length > 0 && knownToIcu(zones) ? [...zones] : [];
}
