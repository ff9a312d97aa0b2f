// /scheduled-messages, declared once: what is still waiting to be sent, by recipient, tag or series.
import { declareEndpoint } from './declaration';
import { CURSOR, RECIPIENT, SCAN_FIELDS, SERIES, TAG } from './labels';
import { APPOINTMENT_FIELD, SEND_TIME_FIELDS } from './schedule-message';

export const SCHEDULED_MESSAGES = declareEndpoint({
  path: '/scheduled-messages',
  calledBy: 'flow',
  summary: 'List the upcoming scheduled messages of a recipient, tag or series',
  description:
    'With the registry: its records, upcoming only, by send time (source: registry). Without it: by recipient only, from Twilio\u2019s own list, which has no send times (source: twilio).',
  parameters: { to: RECIPIENT, tag: TAG, series: SERIES, cursor: CURSOR },
  rules: ['Exactly one of to, tag, series.'],
  answer: {
    type: 'object',
    required: ['source', 'messages', 'complete'],
    additionalProperties: false,
    properties: {
      source: { type: 'string', enum: ['registry', 'twilio'] },
      messages: {
        type: 'array',
        items: {
          type: 'object',
          required: ['sid', 'to', 'status'],
          additionalProperties: false,
          properties: {
            sid: { type: 'string' },
            to: { type: 'string' },
            status: { type: 'string' },
            ...SEND_TIME_FIELDS,
            timeZone: { type: 'string' },
            tag: { type: 'string' },
            series: { type: 'string' },
            dateCreated: { type: ['string', 'null'] },
            body: { type: 'string' },
          },
        },
      },
      ...SCAN_FIELDS,
      appointment: APPOINTMENT_FIELD,
      cursor: { type: 'string', description: 'Cut short: pass it back as `cursor` to go on.' },
    },
  },
  errors: [
    'MISSING_TO',
    'INVALID_TO',
    'CONFLICTING_TO',
    'INVALID_TAG',
    'INVALID_SERIES',
    'CONFLICTING_TARGET',
    'INVALID_CURSOR',
    'REGISTRY_DISABLED',
    'REGISTRY_UNAVAILABLE',
    'TWILIO_REJECTED',
    'TWILIO_UNAVAILABLE',
    'TWILIO_RATE_LIMITED',
    'TIME_BUDGET_SPENT',
  ],
});
