// Version 1's contract, written down by hand as the tests' oracle: its /schedule-message
// parameters and its 400 codes. (The service's own lists are derived from src/contract/.)
import type { InputErrorCode } from '../../src/core/errors';

export { SCHEDULE_PARAMETERS } from '../../scripts/flow/endpoint-parameters';

/** The 400 codes of /schedule-message in version 1's error table. */
export const V1_SCHEDULE_INPUT_CODES = [
  'MISSING_TO',
  'INVALID_TO',
  'MISSING_CONTENT',
  'BODY_TOO_LONG',
  'INVALID_MEDIA_URL',
  'TOO_MANY_MEDIA',
  'INVALID_CONTENT_SID',
  'MISSING_SEND_TIME',
  'CONFLICTING_SEND_TIME',
  'INVALID_MINUTES',
  'INVALID_DELAY',
  'INVALID_SEND_AT',
  'INVALID_AT',
  'MISSING_TIME_ZONE',
  'INVALID_TIME_ZONE',
  'INVALID_QUIET_HOURS',
  'SEND_AT_TOO_SOON',
  'SEND_AT_TOO_LATE',
  'INVALID_MESSAGING_SERVICE_SID',
] as const satisfies readonly InputErrorCode[];

/** Every 400 code an answer may carry: version 1's, and the ones added since (docs/errors.md). */
export const INPUT_CODES: ReadonlySet<string> = new Set<InputErrorCode>([
  ...V1_SCHEDULE_INPUT_CODES,
  'INVALID_SID',
  'INVALID_BODY',
  'INVALID_CONTENT_VARIABLES',
  'CONFLICTING_CONTENT',
  'INVALID_IF_TOO_SOON',
  'CONFLICTING_TARGET',
  'MISSING_TARGET',
  // A blank sid on cancel, conflicting aliases, a request with no fields.
  'MISSING_SID',
  'CONFLICTING_TO',
  'CONFLICTING_BODY',
  'NO_FIELDS',
]);
