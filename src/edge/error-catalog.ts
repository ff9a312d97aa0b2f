// Every error code, once: its HTTP status and when it happens (for the builder's docs and the
// OpenAPI document). Exhaustive by type: a new code without an entry does not compile, so no
// code can silently become a 400.
import type { ErrorCode } from '../core/errors';

export type ErrorStatus = 400 | 401 | 404 | 409 | 422 | 429 | 500 | 502 | 503 | 504;

export interface CatalogEntry {
  readonly status: ErrorStatus;
  /** When it happens, for the builder (docs, OpenAPI): never sent in an answer. */
  readonly when: string;
}

export const ERROR_CATALOG: { readonly [Code in ErrorCode]: CatalogEntry } = {
  NO_FIELDS: {
    status: 400,
    when: 'no named field at all: a JSON array, a text/plain or empty body',
  },
  MISSING_TO: { status: 400, when: 'no recipient' },
  INVALID_TO: { status: 400, when: 'the recipient is not E.164 or whatsapp:+E.164' },
  CONFLICTING_TO: { status: 400, when: '`to` and its alias `number` differ' },
  MISSING_CONTENT: { status: 400, when: 'no body, media or template' },
  BODY_TOO_LONG: { status: 400, when: 'a body over 1600 characters' },
  INVALID_BODY: { status: 400, when: 'a body that is not text' },
  CONFLICTING_BODY: { status: 400, when: '`body` and its alias `message` differ' },
  INVALID_MEDIA_URL: { status: 400, when: 'a media URL that is not absolute http(s)' },
  TOO_MANY_MEDIA: { status: 400, when: 'more than 10 media URLs' },
  INVALID_CONTENT_SID: { status: 400, when: 'a template SID that is not HX + 32 hex' },
  INVALID_CONTENT_VARIABLES: {
    status: 400,
    when: 'template variables that are not a JSON object, or come without a template',
  },
  CONFLICTING_CONTENT: { status: 400, when: 'a template together with body or media' },
  MISSING_SEND_TIME: { status: 400, when: 'none of `minutes`, `delay`, `sendAt`, `at`, `when`' },
  CONFLICTING_SEND_TIME: {
    status: 400,
    when: 'more than one of `minutes`, `delay`, `sendAt`, `at`, `when`',
  },
  INVALID_MINUTES: { status: 400, when: '`minutes` is not a positive number' },
  INVALID_DELAY: { status: 400, when: '`delay` is not a positive duration within reach' },
  INVALID_SEND_AT: { status: 400, when: '`sendAt` is not an ISO 8601 date-time that exists' },
  INVALID_AT: { status: 400, when: '`at` is not HH:mm on a 24-hour clock' },
  INVALID_WHEN: {
    status: 400,
    when: '`when` can\u2019t be read whole, is in the past, is vague, or is too long',
  },
  MISSING_TIME_ZONE: { status: 400, when: 'a local time or quiet rule without a zone' },
  INVALID_TIME_ZONE: { status: 400, when: 'a zone that is not an IANA zone name' },
  UNKNOWN_RECIPIENT_TIME_ZONE: {
    status: 400,
    when: '`timeZone=recipient` found no zone for the number and there is no `DEFAULT_TIME_ZONE`',
  },
  INVALID_QUIET_HOURS: { status: 400, when: 'quiet hours not `HH:mm-HH:mm` or `off`' },
  INVALID_QUIET_DAYS: { status: 400, when: 'quiet days not weekday names (or all seven)' },
  INVALID_LOCALE: { status: 400, when: 'a language that can\u2019t be read or formatted' },
  INVALID_IF_TOO_SOON: { status: 400, when: '`ifTooSoon` not `reject` or `earliest`' },
  SEND_AT_TOO_SOON: { status: 400, when: 'before the earliest allowed time (15 minutes ahead)' },
  SEND_AT_TOO_LATE: { status: 400, when: 'after the latest allowed time (35 days ahead)' },
  NO_ALLOWED_TIME: {
    status: 400,
    when: 'quiet hours and days leave no time to send in every candidate zone',
  },
  INVALID_SID: { status: 400, when: 'a message SID that is not SM or MM + 32 hex' },
  MISSING_SID: { status: 400, when: 'cancel: `sid` given but blank' },
  MISSING_TARGET: { status: 400, when: 'cancel: no target, or a blank `tag` or `series`' },
  CONFLICTING_TARGET: { status: 400, when: 'cancel or list: more than one target' },
  INVALID_MESSAGING_SERVICE_SID: {
    status: 400,
    when: '`messagingServiceSid` is not MG + 32 hex',
  },
  INVALID_REPEAT: {
    status: 400,
    when: '`repeat`, `count` or `until` unreadable, unsupported, too long, or with no end',
  },
  INVALID_CURSOR: {
    status: 400,
    when: 'list: a `cursor` this service did not give (or for another target)',
  },
  INVALID_IDEMPOTENCY_KEY: {
    status: 400,
    when: 'a key that is not 1\u2013128 printable characters',
  },
  INVALID_TAG: { status: 400, when: 'a tag that is not 1\u201364 of `A-Za-z0-9_.:-`' },
  INVALID_SERIES: { status: 400, when: 'a series that is not 1\u201364 of `A-Za-z0-9_.:-`' },
  INVALID_REPLACE: { status: 400, when: '`replace` not `true` or `false`' },
  REPLACE_NEEDS_TAG: { status: 400, when: '`replace` without `tag`' },
  REGISTRY_DISABLED: {
    status: 400,
    when: 'a feature of the registry (key, tag, replace, repeat, by tag or series) with `REGISTRY=off`',
  },
  INVALID_APPOINTMENT_AT: {
    status: 400,
    when: '`appointmentAt` is neither an ISO 8601 date-time nor a time in words, or is past',
  },
  INVALID_REMIND: {
    status: 400,
    when: '`remind` (or REMINDER_OFFSETS) is not a list of 1\u201310 durations (24h,2h or P1D)',
  },
  APPOINTMENT_NEEDS_TAG: {
    status: 400,
    when: '`appointmentAt` without `tag` (the appointment\u2019s id), or with `repeat`',
  },
  INVALID_MAX_PER_DAY: { status: 400, when: '`maxPerDay` is not a whole number from 1 to 100' },
  MISSING_FROM: { status: 400, when: '/reply without `from` (the sender of the reply)' },
  INVALID_FROM: { status: 400, when: '`from` is not a single text value (a list, an object)' },
  APPOINTMENT_EXISTS: {
    status: 409,
    when: 'an appointment with this tag exists: give replace=true to move it; nothing was sent',
  },
  APPOINTMENT_TOO_FAR: {
    status: 400,
    when: 'no reminder falls inside Twilio\u2019s 35-day window yet, so none could be armed later; book it closer to the date',
  },
  FREQUENCY_CAP: {
    status: 409,
    when: 'the recipient already has MAX_PER_DAY (or maxPerDay) messages on that local day: nothing was sent',
  },
  NOT_FOUND: { status: 404, when: 'cancel: no such message' },
  NOT_CANCELABLE: {
    status: 409,
    when: 'cancel: already sent, delivered or failed (`status` says which)',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 409,
    when: 'the key was used for a request with other parameters',
  },
  IDEMPOTENCY_KEY_IN_USE: {
    status: 409,
    when: 'the key\u2019s first request is still running, or ended with an unknown outcome',
  },
  REPLACE_IN_PROGRESS: {
    status: 409,
    when: 'another replace for this recipient and tag is still running: nothing was sent',
  },
  TWILIO_REJECTED: {
    status: 422,
    when: 'Twilio refused the request; `twilioCode` is Twilio\u2019s error code',
  },
  CONFIG_MESSAGING_SERVICE_MISSING: {
    status: 500,
    when: 'no Messaging Service configured: nothing was sent',
  },
  CONFIG_INVALID: {
    status: 500,
    when: 'an environment variable is invalid; `field` names the first, `detail` lists all',
  },
  CONFIG_TWILIO_AUTH: {
    status: 500,
    when: 'Twilio refused the service\u2019s credentials, or no client could be built from them',
  },
  INTERNAL_ERROR: { status: 500, when: 'a bug in the service (never a stack trace)' },
  TWILIO_UNAVAILABLE: {
    status: 502,
    when: 'Twilio failed (5xx) or the connection broke; not retried: the message may exist',
  },
  TWILIO_RATE_LIMITED: {
    status: 503,
    when: 'Twilio kept answering 429 after retries within the time budget',
  },
  REGISTRY_UNAVAILABLE: {
    status: 503,
    when: 'the registry (Sync) was needed and could not be reached; for a schedule, Twilio was not called',
  },
  TIME_BUDGET_SPENT: {
    status: 503,
    when: 'the time budget ran out before a call to Twilio could start: nothing was done, safe to retry',
  },
  TWILIO_TIMEOUT: {
    status: 504,
    when: 'Twilio did not answer within the time budget: the message may exist',
  },
  CONSOLE_OFF: { status: 404, when: 'console: `CONSOLE_PASSWORD` is not set on the service' },
  CONSOLE_SIGN_IN_FAILED: { status: 401, when: 'console: a wrong password' },
  CONSOLE_SIGN_IN_LOCKED: {
    status: 429,
    when: 'console: 5 wrong passwords within 15 minutes; sign-in is refused until the oldest is 15 minutes old',
  },
  CONSOLE_SIGNED_OUT: {
    status: 401,
    when: 'console: no session token, or one that was not signed by this service',
  },
  CONSOLE_SESSION_EXPIRED: { status: 401, when: 'console: the session token has expired' },
  CONSOLE_UNKNOWN_ACTION: {
    status: 400,
    when: 'console: an `action` the console API does not have',
  },
};

export const httpStatusFor = (code: ErrorCode): ErrorStatus => ERROR_CATALOG[code].status;
