// /console-api, declared once: what the console page asks of the service. Every action but
// `sign-in` needs a session: `Authorization: Bearer <token>` (the token sign-in gave). Listing
// and cancelling read and answer as /scheduled-messages and /cancel-message do, with numbers
// masked. The page itself is /console (HTML and its script, no parameters).
import { CANCEL_MESSAGE } from './cancel-message';
import { declareEndpoint, type JsonSchema } from './declaration';
import { CURSOR } from './labels';
import { APPOINTMENT_FIELD, SEND_TIME_FIELDS } from './schedule-message';
import { SCHEDULED_MESSAGES } from './scheduled-messages';

/** The header `npm start`'s front adds to the console's requests (never sent by a browser). */
export const CONSOLE_LOCAL_HEADER = 'x-console-local';

const MASKED = {
  type: 'string',
  description: 'The number masked: channel, country calling code, last digits (`+44 ···0123`).',
} as const satisfies JsonSchema;

const MESSAGE: JsonSchema = {
  type: 'object',
  required: ['sid', 'to', 'status', 'sendAt'],
  additionalProperties: false,
  properties: {
    sid: { type: 'string' },
    to: MASKED,
    status: { type: 'string' },
    ...SEND_TIME_FIELDS,
    timeZone: { type: 'string' },
    tag: { type: 'string' },
    series: { type: 'string' },
    body: { type: 'string', description: 'As Twilio holds it (absent when it was not read).' },
  },
};

const PLAN: JsonSchema = {
  type: 'object',
  required: ['series', 'to', 'planned', 'scheduled', 'pending', 'canceled'],
  additionalProperties: false,
  properties: {
    series: { type: 'string' },
    to: MASKED,
    tag: { type: 'string' },
    timeZone: { type: 'string' },
    body: { type: 'string' },
    planned: { type: 'integer', minimum: 0, description: 'Occurrences the rule gives.' },
    scheduled: {
      type: 'integer',
      minimum: 0,
      description: 'Occurrences created at Twilio so far (sent ones included).',
    },
    pending: {
      type: 'integer',
      minimum: 0,
      description: 'Occurrences not created yet: armed as earlier ones are sent.',
    },
    next: {
      type: 'string',
      format: 'date-time',
      description: 'The next occurrence to be sent (created already or pending).',
    },
    last: { type: 'string', format: 'date-time' },
    canceled: { type: 'boolean' },
  },
};

export const CONSOLE_API = declareEndpoint({
  path: '/console-api',
  calledBy: 'browser',
  summary: 'The console page\u2019s API: sign in, list, search and cancel',
  description:
    'Answers 404 (CONSOLE_OFF) unless CONSOLE_PASSWORD is set on the service. sign-in trades the password for a session token; every other action needs it as `Authorization: Bearer <token>`.',
  parameters: {
    action: {
      names: ['action'],
      shape: 'text',
      invalid: 'CONSOLE_UNKNOWN_ACTION',
      since: 3,
      description:
        'sign-in (password), session (is the token still good), upcoming (everything scheduled, or by to, tag or series), series (the plans), cancel (sid, tag, series or to).',
      schema: { type: 'string', enum: ['sign-in', 'session', 'upcoming', 'series', 'cancel'] },
    },
    password: {
      names: ['password'],
      shape: 'textOnly',
      invalid: 'CONSOLE_SIGN_IN_FAILED',
      since: 3,
      description: 'With sign-in: CONSOLE_PASSWORD.',
      schema: { type: 'string' },
    },
    ...CANCEL_MESSAGE.parameters,
    cursor: CURSOR,
  },
  rules: [
    'upcoming: none, or exactly one of to, tag, series.',
    'cancel: exactly one of sid, to, tag, series.',
  ],
  answer: {
    oneOf: [
      {
        type: 'object',
        description: 'sign-in and session.',
        required: ['session'],
        additionalProperties: false,
        properties: {
          session: {
            type: 'object',
            additionalProperties: false,
            properties: {
              token: { type: 'string', description: 'sign-in only.' },
              expiresAt: { type: 'string', format: 'date-time' },
              local: { const: true, description: 'npm start without a password.' },
            },
          },
        },
      },
      {
        type: 'object',
        description: 'upcoming.',
        required: ['messages', 'complete'],
        additionalProperties: false,
        properties: {
          messages: { type: 'array', items: MESSAGE },
          complete: { type: 'boolean' },
          stoppedBy: { type: 'string', enum: ['size-limit', 'time-budget'] },
          appointment: APPOINTMENT_FIELD,
        },
      },
      {
        type: 'object',
        description: 'series.',
        required: ['plans', 'complete'],
        additionalProperties: false,
        properties: { plans: { type: 'array', items: PLAN }, complete: { type: 'boolean' } },
      },
      { ...CANCEL_MESSAGE.answer, description: 'cancel.' },
    ],
  },
  errors: [
    'CONSOLE_OFF',
    'CONSOLE_SIGN_IN_FAILED',
    'CONSOLE_SIGN_IN_LOCKED',
    'CONSOLE_SIGNED_OUT',
    'CONSOLE_SESSION_EXPIRED',
    'CONSOLE_UNKNOWN_ACTION',
    ...new Set([...SCHEDULED_MESSAGES.errors, ...CANCEL_MESSAGE.errors]),
  ],
});
