// Whether a phone number is valid, and whether libphonenumber ties its type to a place: the
// facts its PhoneNumberToTimeZonesMapper decides by. Read with libphonenumber-js's core and its
// "max" metadata (the only one that knows number types; formats left out), bundled into the
// recipient-numbers lazy part (a private asset, scripts/lazy-parts.json), not into the function.
// Loaded only by timeZone=recipient (recipient-zones.ts requires this module on first use), so no
// other request pays for it.
import { type MetadataJson, parsePhoneNumberFromString } from 'libphonenumber-js/core';
import { NUMBER_METADATA } from './number-metadata';

/** Parsed once, when this module is first required: immutable reference data. */
const METADATA = JSON.parse(NUMBER_METADATA) as MetadataJson;

export type NumberKind =
  | { valid: false }
  | {
      valid: true;
      /** `1`, `44`, `61` */
      callingCode: string;
      /** Fixed lines (and mobiles where they are tied to an area): the number's prefix decides. */
      geographic: boolean;
    };

/**
 * Countries whose mobile numbers libphonenumber treats as geographic (its GEO_MOBILE_COUNTRIES:
 * Mexico, Argentina, Brazil, Indonesia, China): there a mobile's prefix names its zones.
 */
const GEO_MOBILE = new Set(['52', '54', '55', '62', '86']);

/** `e164` is `+` and digits. Invalid: a wrong length or a range no type covers. */
export function numberKind(e164: string): NumberKind {
  const number = parsePhoneNumberFromString(e164, METADATA);
  if (number === undefined || !number.isValid()) return { valid: false };
  const type = number.getType();
  const callingCode = number.countryCallingCode;
  const geographic =
    type === 'FIXED_LINE' ||
    type === 'FIXED_LINE_OR_MOBILE' ||
    (type === 'MOBILE' && GEO_MOBILE.has(callingCode));
  return { valid: true, callingCode, geographic };
}
