// English, for the builder: which parameter or variable, and what to change. Read from an
// error's facts like the texter's messages (table.ts), in one language: the builder's.
import type { ErrorCode, Facts } from '../../core/errors';

type Detail = string | ((facts: Facts) => string);
type DetailEntry = Detail | { readonly default: Detail; readonly [variant: string]: Detail };

const name = (f: Facts) => String(f.field ?? 'the parameter');

/** The shared cases: a value of the wrong kind, and a name that disagrees with its alias. */
const SHARED: Readonly<Record<string, Detail>> = {
  unreadable: (f) =>
    `"${name(f)}" must be ${f.expected ?? 'a single text value, not a list or an object'}.`,
  conflict: (f) =>
    `"${name(f)}" and its alias "${f.alias}" were both given, with different values: give only one.`,
};

/** Details written so far as facts; a code without one keeps the detail its layer wrote. */
export const DETAILS: Partial<Readonly<Record<ErrorCode, DetailEntry>>> = {
  TWILIO_TIMEOUT: {
    default:
      'The service stopped waiting for Twilio at its time budget (8 s, before Studio gives up at 10 s).',
    twilio: (f) => `Twilio did not answer within the time budget. ${f.cause ?? ''}`.trim(),
  },
  CONFIG_TWILIO_AUTH: {
    default: (f) =>
      `Twilio refused the service's credentials (HTTP ${f.httpStatus}): check ACCOUNT_SID and AUTH_TOKEN (or the API key) of the service.`,
    client:
      'No Twilio client could be built from the service credentials: check ACCOUNT_SID and AUTH_TOKEN.',
  },
  INTERNAL_ERROR: {
    default: 'The service failed unexpectedly (a bug); the log line names the error.',
    beforeTwilio: (f) =>
      `The Twilio library threw ${f.thrown} before any request reached Twilio: a bug in the service. It is safe to retry.`,
  },
};

export function detailFor(code: ErrorCode, facts: Facts): string | undefined {
  const shared = SHARED[String(facts.variant)];
  const entry = shared ?? DETAILS[code];
  if (entry === undefined) return undefined;
  const detail =
    typeof entry === 'object'
      ? (entry[String(facts.variant ?? 'default')] ?? entry.default)
      : entry;
  return typeof detail === 'function' ? detail(facts) : detail;
}
