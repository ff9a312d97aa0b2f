// Whether a phone number is valid, and whether libphonenumber ties its type to a place: the
// facts its PhoneNumberToTimeZonesMapper decides by. Read with libphonenumber-js and its "max"
// metadata (the only one that knows number types), bundled into the function. Loaded only by
// timeZone=recipient (recipient-zones.ts requires this module on first use), so no other
// request pays for parsing it.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

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
  const number = parsePhoneNumberFromString(e164);
  if (number === undefined || !number.isValid()) return { valid: false };
  const type = number.getType();
  const callingCode = number.countryCallingCode;
  const geographic =
    type === 'FIXED_LINE' ||
    type === 'FIXED_LINE_OR_MOBILE' ||
    (type === 'MOBILE' && GEO_MOBILE.has(callingCode));
  return { valid: true, callingCode, geographic };
}
