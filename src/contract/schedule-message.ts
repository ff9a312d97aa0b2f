// /schedule-message, declared once: what a Run Function widget may send, and what it gets back.
import { declareEndpoint, type JsonSchema } from './declaration';
import { CANCEL_FAILURES } from './labels';

const TEXT: JsonSchema = { type: 'string' };
const NUMBER_OR_TEXT: JsonSchema = { type: ['number', 'string'] };
const LABEL: JsonSchema = { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,64}$' };
const FLAG: JsonSchema = { type: ['boolean', 'string'], enum: [true, false, 'true', 'false'] };

/** The send time's fields, in a single answer and in each occurrence of a series. */
export const SEND_TIME_FIELDS = {
  sendAt: { type: 'string', format: 'date-time', description: 'The SendAt given to Twilio (UTC).' },
  sendAtLocal: {
    type: 'string',
    description: 'The same instant on the wall clock of timeZone, with its offset.',
  },
  sendAtText: {
    type: 'string',
    description: 'The same instant as a person reads it, in the texter\u2019s language.',
  },
} as const satisfies Record<string, JsonSchema>;

const ZONE_FIELDS = {
  timeZone: { type: 'string', description: 'The zone sendAtLocal is in.' },
  timeZones: {
    type: 'array',
    items: { type: 'string' },
    description: 'Every zone the recipient may be in, when there are several.',
  },
} as const satisfies Record<string, JsonSchema>;

/** Occurrences of a series whose create failed, and whether they may exist all the same. */
const FAILED_OCCURRENCES: JsonSchema = {
  type: 'array',
  items: {
    type: 'object',
    required: ['at', 'code'],
    properties: {
      at: { type: 'string' },
      code: { type: 'string' },
      maybeScheduled: { const: true },
    },
  },
};

/** With replace: what was canceled, what was not, and whether nothing of the tag is left. */
const REPLACE_FIELDS = {
  replaced: {
    type: 'array',
    items: { type: 'string' },
    description: 'With replace: the earlier messages canceled.',
  },
  notReplaced: {
    ...CANCEL_FAILURES,
    description:
      'With replace: earlier messages that could not be canceled (still, or maybe, scheduled).',
  },
  complete: {
    type: 'boolean',
    description: 'With replace: true when no earlier message with the tag is left scheduled.',
  },
} as const satisfies Record<string, JsonSchema>;

/** What an appointment's reminders are skipped for. */
const SKIPPED: JsonSchema = {
  type: 'array',
  description: 'The reminders (or occurrences) not scheduled, and why.',
  items: {
    type: 'object',
    required: ['reason'],
    additionalProperties: false,
    properties: {
      offset: { type: 'string', description: 'The reminder\u2019s offset, as given.' },
      at: { type: 'string', description: 'A series occurrence\u2019s time (UTC).' },
      reason: {
        type: 'string',
        enum: [
          'past',
          'too-soon',
          'quiet-hours',
          'quiet-days',
          'frequency-cap',
          'not-before-appointment',
        ],
      },
    },
  },
};

/** An appointment: its time and state, as /schedule-message and /scheduled-messages answer it. */
export const APPOINTMENT_FIELD: JsonSchema = {
  type: 'object',
  required: ['tag', 'at', 'state'],
  additionalProperties: false,
  properties: {
    tag: LABEL,
    at: { type: 'string', format: 'date-time', description: 'The appointment (UTC).' },
    atLocal: { type: 'string', description: 'The same instant on the wall clock of timeZone.' },
    atText: {
      type: 'string',
      description: 'The same instant as a person reads it, in the texter\u2019s language.',
    },
    timeZone: { type: 'string' },
    state: { type: 'string', enum: ['booked', 'confirmed', 'declined'] },
  },
};

const APPOINTMENT_ANSWER: JsonSchema = {
  type: 'object',
  required: ['appointment', 'to', 'reminders', 'skipped', 'pending'],
  additionalProperties: false,
  properties: {
    appointment: APPOINTMENT_FIELD,
    to: { type: 'string' },
    reminders: {
      type: 'array',
      description: 'The reminders scheduled now (inside Twilio\u2019s 35-day window).',
      items: {
        type: 'object',
        required: ['sid', 'sendAt', 'offset'],
        additionalProperties: false,
        properties: {
          sid: { type: 'string' },
          ...SEND_TIME_FIELDS,
          offset: { type: 'string', description: 'The offset before the appointment, as given.' },
          registered: { const: false },
        },
      },
    },
    skipped: SKIPPED,
    pending: {
      type: 'integer',
      minimum: 0,
      description: 'Reminders past the window, armed when an earlier one is sent.',
    },
    series: {
      type: 'string',
      description: 'The plan that sends the reminders (list or cancel it by series).',
    },
    timeZone: { type: 'string' },
    timeZones: { type: 'array', items: { type: 'string' } },
    interpreted: { type: 'string' },
    failed: FAILED_OCCURRENCES,
    ...REPLACE_FIELDS,
  },
};

const SINGLE_ANSWER: JsonSchema = {
  type: 'object',
  required: ['sid', 'status', 'to', 'sendAt'],
  additionalProperties: false,
  properties: {
    sid: { type: 'string', pattern: '^(SM|MM)[0-9a-fA-F]{32}$' },
    status: {
      type: 'string',
      description: 'Twilio\u2019s status: scheduled (or, on a replay, what it is now).',
    },
    to: {
      type: 'string',
      description: 'The recipient, normalised (E.164, or whatsapp: and E.164).',
    },
    ...SEND_TIME_FIELDS,
    ...ZONE_FIELDS,
    interpreted: {
      type: 'string',
      description: 'With when: the part of the text read as the time.',
    },
    language: {
      type: 'string',
      enum: ['en', 'es', 'fr', 'de', 'pt', 'it', 'nl', 'ja'],
      description: 'With when: the language the words were read in.',
    },
    adjusted: {
      type: 'string',
      enum: ['quiet-hours', 'quiet-days', 'earliest'],
      description: 'Why the time differs from the one asked for.',
    },
    tag: LABEL,
    replayed: {
      const: true,
      description: 'The first answer for this idempotencyKey, given again.',
    },
    ...REPLACE_FIELDS,
    registered: {
      const: false,
      description: 'The message exists but the registry could not record it.',
    },
  },
};

const SERIES_ANSWER: JsonSchema = {
  type: 'object',
  required: ['series', 'to', 'occurrences', 'pending'],
  additionalProperties: false,
  properties: {
    series: { type: 'string', description: 'The series\u2019 label: list or cancel it by series.' },
    to: { type: 'string' },
    occurrences: {
      type: 'array',
      description: 'The occurrences scheduled now (inside Twilio\u2019s 35-day window).',
      items: {
        type: 'object',
        required: ['sid', 'sendAt'],
        additionalProperties: false,
        properties: {
          sid: { type: 'string' },
          ...SEND_TIME_FIELDS,
          registered: { const: false },
        },
      },
    },
    pending: { type: 'integer', minimum: 0, description: 'Occurrences to be scheduled later.' },
    skipped: {
      type: 'integer',
      minimum: 0,
      description: 'Occurrences of the rule that fall on a quiet day: not sent, still counted.',
    },
    ...ZONE_FIELDS,
    interpreted: { type: 'string' },
    language: { type: 'string', enum: ['en', 'es', 'fr', 'de', 'pt', 'it', 'nl', 'ja'] },
    tag: LABEL,
    failed: FAILED_OCCURRENCES,
    replayed: { const: true },
    capped: { ...SKIPPED, description: 'Occurrences the frequency cap left out.' },
    ...REPLACE_FIELDS,
  },
};

export const SCHEDULE_MESSAGE = declareEndpoint({
  path: '/schedule-message',
  calledBy: 'flow',
  summary: 'Schedule an SMS, MMS or WhatsApp message',
  description:
    'Works out the send time (a delay, a date-time, a time of day or words, in the recipient\u2019s zone, outside quiet hours and days) and schedules the message with Twilio Message Scheduling; optionally remembers it under a tag, replaces earlier ones, or repeats it.',
  parameters: {
    to: {
      names: ['to', 'number'],
      shape: 'text',
      invalid: 'INVALID_TO',
      conflict: 'CONFLICTING_TO',
      since: 1,
      description:
        'Required. The recipient: E.164 (+15551234567; spaces, dashes, dots and brackets are dropped) or whatsapp:+E164. Alias: number.',
      schema: { type: 'string', examples: ['+15551234567', 'whatsapp:+15551234567'] },
    },
    body: {
      names: ['body', 'message'],
      shape: 'textOnly',
      invalid: 'INVALID_BODY',
      conflict: 'CONFLICTING_BODY',
      since: 1,
      description: 'The text, 1 to 1600 characters. Alias: message.',
      schema: { type: 'string', maxLength: 1600 },
    },
    mediaUrl: {
      names: ['mediaUrl'],
      shape: 'list',
      invalid: 'INVALID_MEDIA_URL',
      since: 1,
      description:
        'Up to 10 absolute http(s) URLs of at most 8192 characters each: a list, a repeated key, or comma-separated.',
      schema: {
        type: ['array', 'string'],
        items: { type: 'string', format: 'uri', maxLength: 8192 },
      },
    },
    contentSid: {
      names: ['contentSid'],
      shape: 'text',
      invalid: 'INVALID_CONTENT_SID',
      since: 1,
      description: 'A Content template (HX + 32 hex), instead of body and mediaUrl.',
      schema: { type: 'string', pattern: '^HX[0-9a-fA-F]{32}$' },
    },
    contentVariables: {
      names: ['contentVariables'],
      shape: 'object',
      invalid: 'INVALID_CONTENT_VARIABLES',
      since: 1,
      description: 'The template\u2019s variables: a JSON object, or its JSON text.',
      schema: { type: ['object', 'string'] },
    },
    minutes: {
      names: ['minutes'],
      shape: 'text',
      invalid: 'INVALID_MINUTES',
      since: 1,
      description: 'Send this many minutes from now (a positive decimal number).',
      schema: NUMBER_OR_TEXT,
    },
    delay: {
      names: ['delay'],
      shape: 'text',
      invalid: 'INVALID_DELAY',
      since: 1,
      description:
        'Send after this long: ISO 8601 (PT90M, P1DT2H, P2W) or compact (90m, 2h, 1d 4h, 1w). Days and weeks keep the wall clock across DST.',
      schema: TEXT,
    },
    sendAt: {
      names: ['sendAt'],
      shape: 'text',
      invalid: 'INVALID_SEND_AT',
      since: 1,
      description:
        'An ISO 8601 date-time: with Z or an offset, that instant; without, that wall-clock time in timeZone.',
      schema: { type: 'string', examples: ['2026-12-01T09:00', '2026-12-01T14:00:00Z'] },
    },
    at: {
      names: ['at'],
      shape: 'text',
      invalid: 'INVALID_AT',
      since: 1,
      description: 'HH:mm (24 h): the next time the clock in timeZone shows it.',
      schema: { type: 'string', pattern: '^\\d{1,2}:\\d{2}$' },
    },
    when: {
      names: ['when'],
      shape: 'text',
      invalid: 'INVALID_WHEN',
      since: 2,
      description:
        'A time in words, read in timeZone and locale\u2019s language: tomorrow at 9am, in 2 hours, demain à 9h.',
      schema: TEXT,
    },
    timeZone: {
      names: ['timeZone'],
      shape: 'text',
      invalid: 'INVALID_TIME_ZONE',
      since: 1,
      description:
        'An IANA zone (America/New_York), or recipient: the zones of the recipient\u2019s number. Default: DEFAULT_TIME_ZONE.',
      schema: TEXT,
    },
    quietHours: {
      names: ['quietHours'],
      shape: 'text',
      invalid: 'INVALID_QUIET_HOURS',
      since: 1,
      description:
        'HH:mm-HH:mm in timeZone, may wrap midnight (21:00-08:00), or off. Default: QUIET_HOURS.',
      schema: TEXT,
    },
    quietDays: {
      names: ['quietDays'],
      shape: 'text',
      invalid: 'INVALID_QUIET_DAYS',
      since: 2,
      description:
        'Weekdays nothing is sent on, in timeZone (sun, sat,sun), or off. Default: QUIET_DAYS.',
      schema: TEXT,
    },
    ifTooSoon: {
      names: ['ifTooSoon'],
      shape: 'text',
      invalid: 'INVALID_IF_TOO_SOON',
      since: 1,
      description:
        'reject (default) or earliest: move a too-early time to the earliest allowed one.',
      schema: { type: 'string', enum: ['reject', 'earliest'] },
    },
    locale: {
      names: ['locale'],
      shape: 'text',
      invalid: 'INVALID_LOCALE',
      since: 2,
      description:
        'BCP 47 (en-US, fr-FR): the language of when and sendAtText. Default: DEFAULT_LOCALE.',
      schema: TEXT,
    },
    messagingServiceSid: {
      names: ['messagingServiceSid'],
      shape: 'text',
      invalid: 'INVALID_MESSAGING_SERVICE_SID',
      since: 1,
      description: 'Overrides MESSAGING_SERVICE_SID (MG + 32 hex).',
      schema: { type: 'string', pattern: '^MG[0-9a-fA-F]{32}$' },
    },
    idempotencyKey: {
      names: ['idempotencyKey'],
      shape: 'text',
      invalid: 'INVALID_IDEMPOTENCY_KEY',
      since: 2,
      description:
        '1 to 128 printable characters: the same key again answers the first answer and schedules nothing.',
      schema: { type: 'string', minLength: 1, maxLength: 128 },
    },
    tag: {
      names: ['tag'],
      shape: 'text',
      invalid: 'INVALID_TAG',
      since: 2,
      description: 'A label for the message (appt-123): list, cancel or replace by it.',
      schema: LABEL,
    },
    replace: {
      names: ['replace'],
      shape: 'text',
      invalid: 'INVALID_REPLACE',
      since: 2,
      description:
        'true: once scheduled, cancel the recipient\u2019s other scheduled messages with the same tag.',
      schema: FLAG,
    },
    repeat: {
      names: ['repeat'],
      shape: 'text',
      invalid: 'INVALID_REPEAT',
      since: 2,
      description: 'daily, weekdays, weekly, monthly, or an RFC 5545 RRULE; with count or until.',
      schema: TEXT,
    },
    count: {
      names: ['count'],
      shape: 'text',
      invalid: 'INVALID_REPEAT',
      since: 2,
      description: 'With repeat: how many times (1 to 100).',
      schema: NUMBER_OR_TEXT,
    },
    until: {
      names: ['until'],
      shape: 'text',
      invalid: 'INVALID_REPEAT',
      since: 2,
      description: 'With repeat: the last date (at most 366 days after the first message).',
      schema: TEXT,
    },
    appointmentAt: {
      names: ['appointmentAt'],
      shape: 'text',
      invalid: 'INVALID_APPOINTMENT_AT',
      since: 3,
      description:
        'An appointment: its time, read like sendAt (an instant, or a wall time in timeZone) or like when (words). Schedules one reminder per remind offset before it, under tag (required); a body may hold {{appointment}}.',
      schema: { type: 'string', examples: ['2026-12-08T14:00', 'next Tuesday at 2pm'] },
    },
    remind: {
      names: ['remind'],
      shape: 'text',
      invalid: 'INVALID_REMIND',
      since: 3,
      description:
        'With appointmentAt: the reminders, as offsets before it (24h,2h or P1D,PT2H; up to 10). Default: REMINDER_OFFSETS, else 24h,2h.',
      schema: TEXT,
    },
    maxPerDay: {
      names: ['maxPerDay'],
      shape: 'text',
      invalid: 'INVALID_MAX_PER_DAY',
      since: 3,
      description:
        'At most this many messages (1 to 100) to the recipient per local day, counting what is already scheduled; or off. Default: MAX_PER_DAY.',
      schema: NUMBER_OR_TEXT,
    },
  },
  rules: [
    'At least one of body, mediaUrl, contentSid.',
    'Exactly one of minutes, delay, sendAt, at, when, appointmentAt.',
    'appointmentAt needs tag, and takes no repeat or idempotencyKey (the tag books it once).',
    'A name and its alias with different values is a conflict, never a guess.',
    'An empty or white-space-only value counts as absent.',
  ],
  answer: { oneOf: [SINGLE_ANSWER, SERIES_ANSWER, APPOINTMENT_ANSWER] },
  errors: [
    'MISSING_TO',
    'INVALID_TO',
    'CONFLICTING_TO',
    'MISSING_CONTENT',
    'INVALID_BODY',
    'BODY_TOO_LONG',
    'CONFLICTING_BODY',
    'INVALID_MEDIA_URL',
    'TOO_MANY_MEDIA',
    'INVALID_CONTENT_SID',
    'INVALID_CONTENT_VARIABLES',
    'CONFLICTING_CONTENT',
    'MISSING_SEND_TIME',
    'CONFLICTING_SEND_TIME',
    'INVALID_MINUTES',
    'INVALID_DELAY',
    'INVALID_SEND_AT',
    'INVALID_AT',
    'INVALID_WHEN',
    'MISSING_TIME_ZONE',
    'INVALID_TIME_ZONE',
    'UNKNOWN_RECIPIENT_TIME_ZONE',
    'INVALID_QUIET_HOURS',
    'INVALID_QUIET_DAYS',
    'INVALID_LOCALE',
    'INVALID_IF_TOO_SOON',
    'SEND_AT_TOO_SOON',
    'SEND_AT_TOO_LATE',
    'NO_ALLOWED_TIME',
    'INVALID_MESSAGING_SERVICE_SID',
    'INVALID_IDEMPOTENCY_KEY',
    'INVALID_TAG',
    'INVALID_REPLACE',
    'REPLACE_NEEDS_TAG',
    'INVALID_REPEAT',
    'REGISTRY_DISABLED',
    'IDEMPOTENCY_KEY_REUSED',
    'IDEMPOTENCY_KEY_IN_USE',
    'REPLACE_IN_PROGRESS',
    'REGISTRY_UNAVAILABLE',
    'TIME_BUDGET_SPENT',
    'CONFIG_MESSAGING_SERVICE_MISSING',
    'TWILIO_REJECTED',
    'TWILIO_UNAVAILABLE',
    'TWILIO_RATE_LIMITED',
    'INVALID_APPOINTMENT_AT',
    'INVALID_REMIND',
    'APPOINTMENT_NEEDS_TAG',
    'INVALID_MAX_PER_DAY',
    'APPOINTMENT_EXISTS',
    'APPOINTMENT_TOO_FAR',
    'FREQUENCY_CAP',
  ],
});
