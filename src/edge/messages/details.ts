// English, for the builder: which parameter or variable, and what to change. Read from an
// error's facts like the texter's messages (table.ts), in one language: the builder's.
import type { ErrorCode, Facts } from '../../core/errors';
import { MAX_OFFSET_MINUTES } from '../../time/iso-date-time';
import {
  MAX_BYDAY,
  MAX_BYMONTHDAY,
  MAX_INTERVAL,
  MAX_OCCURRENCES,
  MAX_REPEAT_LENGTH,
  MAX_SPAN_DAYS,
} from '../../time/repeat-rule';
import { WHEN_DETAILS, type WhenRefusal } from '../when-messages';

type Detail = string | ((facts: Facts) => string);
type DetailEntry = Detail | { readonly default: Detail; readonly [variant: string]: Detail };

const name = (f: Facts) => String(f.field ?? 'the parameter');

/** The shared cases: a value of the wrong kind, and a name that disagrees with its alias. */
const SHARED: Readonly<Record<string, Detail>> = {
  wrongKind: (f) =>
    `"${name(f)}" must be ${f.expected ?? 'a single text value, not a list or an object'}.`,
  conflict: (f) =>
    `"${name(f)}" and its alias "${f.alias}" were both given, with different values: give only one.`,
};

/** Details written so far as facts; a code without one keeps the detail its layer wrote. */
/** A cancel target given but blank: it never falls back to another target. */
const BLANK_TARGET = (f: Facts) =>
  `"${name(f)}" was given but blank (a flow variable that was never set?). A blank "${name(f)}" never falls back to another target: fill it in, or leave the parameter out.`;

const DELAY_FORMAT =
  'delay must be an ISO 8601 duration (PT90M, P1DT2H, P2W) or compact (90m, 2h, 1d 4h, 1w).';

const IF_TOO_SOON_HINT =
  'Pick a later time, or pass ifTooSoon=earliest to move it to the earliest allowed time.';

/** What needed a zone (MISSING_TIME_ZONE's variant), as the builder's detail names it. */
const ZONE_NEEDS: Readonly<Record<string, string>> = {
  localSendAt: 'A sendAt without an offset',
  at: '"at"',
  when: '"when"',
  whenWall: '"when" with a day or a time',
  sendTime: 'The send time',
  quietHours: 'Quiet hours (from quietHours or QUIET_HOURS)',
};

const SEND_AT_FORMAT =
  'sendAt must be an ISO 8601 date-time such as 2026-12-01T09:00 (in timeZone) or 2026-12-01T14:00:00Z, with an offset of at most ±14:00.';
const E164 =
  'to must be an E.164 number (+, the country code, the number) or whatsapp: followed by one.';

const SUPPORTED = `repeat takes daily, weekdays (Monday to Friday), weekly, monthly, or an RFC 5545 RRULE (with or without "RRULE:", at most ${MAX_REPEAT_LENGTH} characters) with FREQ=DAILY|WEEKLY|MONTHLY and optionally INTERVAL (1-${MAX_INTERVAL}), BYDAY (MO..SU, at most ${MAX_BYDAY}, each once; with MONTHLY also 1MO, -1FR), BYMONTHDAY (MONTHLY only: 1..31 or -1..-31, at most ${MAX_BYMONTHDAY}, each once), WKST, COUNT (1-${MAX_OCCURRENCES}) and UNTIL (a date or date-time). Give the start with the usual time parameters, not DTSTART.`;

/** What the registry (Twilio Sync) could not do, by REGISTRY_UNAVAILABLE's `miss`. */
const REGISTRY_MISSES: Readonly<Record<string, string>> = {
  notReached: 'could not be reached, so Twilio was not called',
  seriesNotSaved: 'could not save the series, so Twilio was not called',
  seriesNotWritten: 'could not be written, so nothing was scheduled',
  remindersUndone: 'could not record every reminder, so the ones created were canceled',
  remindersLeft:
    'could not record every reminder, and some created could not be canceled (see /scheduled-messages)',
  listNotRead: 'could not be read',
  appointmentNotRead: 'could not be read (the appointment of this tag)',
  cancelNotRead: 'could not be read, so nothing was canceled',
  statusNotRecorded: 'could not be updated with this status (Twilio retries the callback)',
  replyNotRecorded: 'could not be read or written, so the reply was not recorded (send it again)',
  signInNotRead: 'could not be read to count sign-in attempts, so none is accepted',
  signInNotCounted: 'could not count this sign-in attempt, so it was not tried',
};

export const DETAILS: Partial<Readonly<Record<ErrorCode, DetailEntry>>> = {
  REGISTRY_UNAVAILABLE: (f) =>
    `The registry (Twilio Sync) ${REGISTRY_MISSES[String(f.miss)] ?? 'could not be used'}${f.cause === undefined ? '' : ` (${f.cause})`}. Try again shortly.`,
  INVALID_REPEAT: {
    default:
      'count and until end a series: give repeat (daily, weekdays, weekly, monthly or an RRULE) with them.',
    unsupported: (f) => `${f.problem} ${SUPPORTED}`,
    ruleTooLong: `repeat is longer than ${MAX_REPEAT_LENGTH} characters. ${SUPPORTED}`,
    noEnd: `Give count (1-${MAX_OCCURRENCES}) or until (a date, at most ${MAX_SPAN_DAYS} days after the first message), as parameters or as COUNT/UNTIL in the RRULE.`,
    bothEnds:
      'Give either count (or COUNT in the RRULE) or until (or UNTIL in the RRULE), not both.',
    endTwice: 'count differs from the RRULE COUNT, or until from its UNTIL: give it once.',
    count: (f) => `${f.part} must be a whole number from 1 to ${MAX_OCCURRENCES}.`,
    until: (f) =>
      `${f.part} must be a date (2026-12-31 or 20261231) or a date-time (2026-12-31T18:00, local in timeZone; or with Z or an offset of at most ±${MAX_OFFSET_MINUTES / 60}:00).`,
    untilPast: (f) =>
      `${f.part} is in the past; give a date from the first message up to ${MAX_SPAN_DAYS} days after it.`,
    untilTooFar: (f) =>
      `${f.part} is more than ${MAX_SPAN_DAYS} days after the first message's date.`,
    empty:
      'No occurrence falls between the first time and until: check until, or the BYDAY/BYMONTHDAY days.',
    tooMany: `Up to until, this rule gives more than ${MAX_OCCURRENCES} occurrences: give an earlier until, or a count.`,
    countTooLong: (f) =>
      `Only ${f.found} of the ${f.count} occurrences fall within ${MAX_SPAN_DAYS} days of the first: give a smaller count.`,
    allQuiet:
      'Every occurrence of this rule falls on a quiet day (quietDays or QUIET_DAYS) and is skipped: change the days of the rule or the quiet days.',
  },
  MISSING_TO: {
    default: 'Give the recipient in "to", for example {{contact.channel.address}}.',
    list: 'Give the recipient in "to" (or a tag or series to list by).',
  },
  INVALID_TO: {
    default: E164,
    unencodedPlus: `${E164} A "+" sent unencoded in a form body arrives as a space: send it as %2B.`,
    ambiguousTrunk: (f) =>
      `"(0)" after ${f.countryCode} is ambiguous: in this country the 0 is dialled from abroad too. Write the number without brackets.`,
  },
  BODY_TOO_LONG: (f) => `body has ${f.characters} characters; Twilio sends at most ${f.max}.`,
  TOO_MANY_MEDIA: (f) =>
    `mediaUrl lists ${f.count} URLs; Twilio takes at most ${f.max} per message.`,
  INVALID_MEDIA_URL: {
    default: 'Each mediaUrl must be an absolute http(s) URL that Twilio can fetch.',
    tooLong: (f) => `Each mediaUrl must be at most ${f.max} characters (one is longer).`,
  },
  INVALID_CONTENT_SID:
    'contentSid must be a Content template SID: HX followed by 32 hex characters.',
  CONFLICTING_CONTENT:
    'Give either a Content template (contentSid) or body/mediaUrl, not both: the template would win.',
  INVALID_CONTENT_VARIABLES: {
    default: 'contentVariables must be a JSON object such as {"1":"Ana"}.',
    withoutTemplate:
      'contentVariables only goes with a contentSid: add the template, or leave the variables out.',
  },
  MISSING_CONTENT: 'Give the message in "body", or a "mediaUrl", or a "contentSid".',
  INVALID_WHEN: (f) => {
    const reason = String(f.variant) as WhenRefusal;
    const detail = WHEN_DETAILS[reason] ?? WHEN_DETAILS.unreadable;
    return f.extra === undefined ? detail : `${detail} ${f.extra}`;
  },
  SEND_AT_TOO_SOON: {
    default: (f) =>
      `The send time must be at least ${f.minLead} minutes from now (SCHEDULE_MIN_LEAD_MINUTES; Twilio's minimum is 15). ${IF_TOO_SOON_HINT}`,
    past: `The send time asked for is before now. ${IF_TOO_SOON_HINT}`,
  },
  SEND_AT_TOO_LATE: (f) =>
    `The send time must be at most ${f.maxLeadDays} days from now (SCHEDULE_MAX_LEAD_DAYS; Twilio's maximum is 35).`,
  NO_ALLOWED_TIME:
    'Quiet hours and quiet days, which must hold in every zone the recipient may be in, leave no allowed time inside the scheduling window. Shorten them, or give an exact timeZone.',
  MISSING_TIME_ZONE: (f) =>
    `${ZONE_NEEDS[String(f.variant)] ?? 'The send time'} needs a time zone: give "timeZone" (e.g. America/New_York), or set DEFAULT_TIME_ZONE on the service.`,
  INVALID_DELAY: {
    default: DELAY_FORMAT,
    tooLong: 'delay is longer than any scheduling window (Twilio schedules up to 35 days ahead).',
    zero: `delay must be a positive duration (0m, PT0S and the like are none). ${DELAY_FORMAT}`,
  },
  INVALID_QUIET_DAYS: {
    default: (f) =>
      `${name(f)} takes English three-letter weekday names separated by commas (sun, mon, tue, wed, thu, fri, sat), or "off" to turn a default off.`,
    everyDay: (f) => `${name(f)} names all seven weekdays; leave at least one day to send on.`,
  },
  INVALID_QUIET_HOURS: (f) =>
    `${name(f)} must be HH:mm-HH:mm on a 24-hour clock, such as 21:00-08:00 (start and end different), or "off".`,
  INVALID_TIME_ZONE: {
    default: (f) =>
      `${f.quoted === undefined ? 'The value is not' : `"${f.quoted}" is not`} an IANA time zone name (${name(f)}), such as America/New_York or Europe/London.`,
    abbreviation: (f) =>
      `"${f.quoted}" (${name(f)}) is an abbreviation, not a place: it is read as one fixed offset or a guessed place (EST is UTC-5 all year, even while New York is on EDT). Use ${f.instead}.`,
  },
  MISSING_SEND_TIME: 'Say when to send: give one of minutes, delay, sendAt, at or when.',
  CONFLICTING_SEND_TIME: 'Give only one of minutes, delay, sendAt, at and when.',
  // Written with separators: the last masking of the edge takes a 7-digit run for a phone number.
  INVALID_MINUTES: (f) =>
    `minutes must be a positive number up to ${Number(f.max).toLocaleString('en-US')}, such as 30 or 90.5.`,
  INVALID_SEND_AT: {
    default: SEND_AT_FORMAT,
    noSuchDate: (f) =>
      `sendAt names ${f.date}, a day the calendar does not have. ${SEND_AT_FORMAT}`,
    noSuchTime: `sendAt's time must be from 00:00:00 to 23:59:59. ${SEND_AT_FORMAT}`,
  },
  INVALID_AT: 'at must be HH:mm on a 24-hour clock, such as 09:30 or 17:00.',
  INVALID_IF_TOO_SOON: 'ifTooSoon must be "reject" (the default) or "earliest".',
  UNKNOWN_RECIPIENT_TIME_ZONE:
    'timeZone=recipient found no zone for this number: give timeZone (e.g. America/New_York), or set DEFAULT_TIME_ZONE to a zone as the fallback.',
  CONFIG_INVALID: (f) =>
    `The service's environment variables need fixing${Number(f.count) > 1 ? ` (${f.count} problems)` : ''}: ${f.problems}.`,
  CONFIG_MESSAGING_SERVICE_MISSING:
    'No Messaging Service: set MESSAGING_SERVICE_SID on the service (or pass messagingServiceSid). Without one Twilio would send at once, so nothing was sent.',
  REGISTRY_DISABLED: {
    default:
      'idempotencyKey, tag, replace and repeat need the registry, which REGISTRY=off turns off.',
    cancel: 'Cancelling by tag or series needs the registry, which REGISTRY=off turns off.',
    list: 'Listing by tag or series needs the registry, which REGISTRY=off turns off.',
    console: 'The console lists what the registry recorded, which REGISTRY=off turns off.',
  },
  INVALID_TAG: (f) => `"${name(f)}" must be 1 to 64 letters, digits or _ . : - (such as appt-123).`,
  INVALID_SERIES: (f) =>
    `"${name(f)}" must be 1 to 64 letters, digits or _ . : - (such as appt-123).`,
  INVALID_IDEMPOTENCY_KEY:
    'idempotencyKey must be 1 to 128 characters of text (emoji welcome, no control characters), e.g. {{flow.sid}}-{{trigger.message.MessageSid}}.',
  INVALID_REPLACE: 'replace must be true or false.',
  REPLACE_NEEDS_TAG: 'replace=true cancels the earlier messages with the same tag: give a tag too.',
  INVALID_SID: {
    default: 'sid must be a message SID: SM or MM followed by 32 hex characters.',
  },
  MISSING_SID: {
    default: (f) => BLANK_TARGET(f),
  },
  MISSING_TARGET: {
    default: (f) =>
      `Give exactly one of ${f.targets}: "sid" cancels one message, "to" every scheduled message to that recipient, "tag" and "series" the scheduled messages with that label.`,
    blank: (f) => BLANK_TARGET(f),
  },
  INVALID_CURSOR:
    'cursor must be the value an earlier answer of /scheduled-messages gave, unchanged.',
  CONFLICTING_TARGET: {
    default: (f) =>
      `Give exactly one of ${f.targets}: "${f.first}" and "${f.second}" were both given.`,
    list: 'Give only one of to, tag and series.',
  },
  INVALID_LOCALE: {
    default: (f) =>
      `${name(f)} must be a BCP 47 language tag that the runtime can format dates in, such as en-US, fr-FR or es-MX.`,
    unreadableLanguage: (f) =>
      `locale must be a BCP 47 tag whose language chrono-node reads: ${f.languages} (en-US, fr-FR, es-MX...). Or give the time as sendAt or at instead of when.`,
  },
  INVALID_APPOINTMENT_AT: {
    default:
      'appointmentAt must be an ISO 8601 date-time (2026-12-08T14:00 in timeZone, or with Z or an offset) or a time in words in locale\u2019s language (next Tuesday at 2pm).',
    past: 'appointmentAt is in the past: give the appointment\u2019s future time.',
  },
  INVALID_REMIND: {
    default: (f) =>
      `${f.field ?? 'remind'} must be 1 to 10 durations before the appointment, comma-separated: compact (24h,2h, 1d, 90m) or ISO 8601 (P1D,PT2H).`,
    item: (f) =>
      `${f.field ?? 'remind'}: "${f.item}" is not a duration such as 24h, 2h, 1d or P1D.`,
    tooMany: (f) => `${f.field ?? 'remind'} lists more than ${f.max} reminders.`,
  },
  APPOINTMENT_NEEDS_TAG: {
    default:
      'appointmentAt needs tag: the appointment\u2019s id (appt-42), which replies, moves (replace=true) and listings find it by.',
    repeat:
      'appointmentAt and repeat cannot be combined: the reminders are the appointment\u2019s.',
    idempotencyKey:
      'appointmentAt takes no idempotencyKey: the tag already books an appointment once (a second booking of it answers 409 APPOINTMENT_EXISTS).',
    remindAlone: 'remind needs appointmentAt: the offsets are counted back from the appointment.',
  },
  INVALID_MAX_PER_DAY: (f) =>
    `${f.field ?? 'maxPerDay'} must be a whole number from 1 to 100 (messages per recipient per local day), or off.`,
  MISSING_FROM: 'Give the sender of the reply in "from", for example {{trigger.message.From}}.',
  INVALID_FROM: 'from must be one text value: the sender, {{trigger.message.From}}.',
  APPOINTMENT_EXISTS: {
    default:
      'An appointment with this tag is already booked for this recipient: give replace=true to move it (its reminders are re-planned). Nothing was sent.',
    otherRecipient:
      'An appointment with this tag is booked for another recipient: a tag names one appointment. Nothing was sent.',
  },
  APPOINTMENT_TOO_FAR: (f) =>
    `No reminder of this appointment falls inside Twilio's scheduling window (${f.maxLeadDays} days) yet, and a reminder past it is only armed when an earlier one is sent. Book it from ${f.bookFrom} on, or add an earlier reminder (remind=P30D,24h). Nothing was sent.`,
  FREQUENCY_CAP: (f) =>
    `The recipient already has ${f.max} messages scheduled on ${f.day} (MAX_PER_DAY or maxPerDay). Nothing was sent.`,
  IDEMPOTENCY_KEY_IN_USE: {
    default:
      'A request with this idempotencyKey is still in flight, or ended without a clear outcome: check /scheduled-messages before retrying with a new key.',
    outcomeUnknown:
      'The first request with this idempotencyKey ended without a clear answer from Twilio: the message may exist. Check /scheduled-messages before retrying with a new key.',
  },
  REPLACE_IN_PROGRESS:
    'Another replace for this recipient and tag is still running: nothing was sent. Try again after it has answered.',
  IDEMPOTENCY_KEY_REUSED:
    'This idempotencyKey was already used for a request with other parameters: use a new key for a new request.',
  INVALID_MESSAGING_SERVICE_SID:
    'messagingServiceSid must be a Messaging Service SID: MG followed by 32 hex characters.',
  NO_FIELDS:
    'The request has no named fields. Send form fields (as Studio does) or a JSON object such as {"to": "…", "body": "…", "minutes": 30}; a JSON array, text/plain or empty body has none.',
  TIME_BUDGET_SPENT:
    'The time budget ran out before this call to Twilio could start, so Twilio was not called. It is safe to retry.',
  TWILIO_RATE_LIMITED: 'Twilio kept answering 429 (too many requests) after the bounded retries.',
  TWILIO_UNAVAILABLE: {
    default: (f) =>
      `Twilio answered HTTP ${f.httpStatus}. Not retried: a create or cancel may have happened.`,
    unreachable: (f) => `${f.cause} Not retried: a create or cancel may have reached Twilio.`,
  },
  TWILIO_REJECTED: (f) =>
    `Twilio refused the request (HTTP ${f.httpStatus}${f.twilioCode === undefined ? '' : `, error ${f.twilioCode}`}): ${f.twilioMessage}`,
  NOT_FOUND: 'No message with that SID exists in this account (Twilio 20404).',
  NOT_CANCELABLE: (f) =>
    `Its status is ${f.status}: only a scheduled message can be canceled (Twilio 30409).`,
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
  CONSOLE_OFF: 'The console is off: set CONSOLE_PASSWORD on the service to turn it on.',
  CONSOLE_SIGN_IN_FAILED: (f) =>
    `Wrong password (${f.failures} of ${f.max} allowed within 15 minutes before sign-in is locked).`,
  CONSOLE_SIGN_IN_LOCKED: (f) =>
    `Sign-in is locked for the whole service after ${f.max} wrong passwords within 15 minutes; it opens again at ${f.until}.`,
  CONSOLE_SIGNED_OUT: {
    default: 'Send the token that sign-in gave as "Authorization: Bearer <token>".',
    invalid:
      'The token was not signed by this service (changed, cut short, or signed before the password or secret changed).',
  },
  CONSOLE_SESSION_EXPIRED: (f) =>
    `The session token expired at ${f.expiredAt}; a session lasts CONSOLE_SESSION_MINUTES minutes (60 unless set).`,
  CONSOLE_UNKNOWN_ACTION: (f) => `"action" must be one of ${f.actions}.`,
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
