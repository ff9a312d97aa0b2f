// /reply, declared once: what the flow sends for an incoming message, and what it gets back.
import { declareEndpoint } from './declaration';
import { APPOINTMENT_FIELD } from './schedule-message';

export const REPLY = declareEndpoint({
  path: '/reply',
  calledBy: 'flow',
  summary: 'Answer a reply to an appointment reminder',
  description:
    'Finds the sender\u2019s soonest upcoming appointment, reads the text as confirm, decline, reschedule or opt-out (in en, es, fr, de, pt, it, nl, ja), records the appointment\u2019s state, cancels its reminders on decline (everything for the sender on an opt-out word), and gives the text to send back. No upcoming appointment: action none, so the flow goes on with its other paths.',
  parameters: {
    from: {
      names: ['from'],
      shape: 'text',
      invalid: 'INVALID_FROM',
      since: 3,
      description: 'Required. The sender of the reply: {{trigger.message.From}}.',
      schema: { type: 'string', examples: ['+15551234567', 'whatsapp:+15551234567'] },
    },
    text: {
      names: ['text'],
      shape: 'text',
      invalid: 'INVALID_BODY',
      since: 3,
      description: 'The reply\u2019s text: {{trigger.message.Body}}.',
      schema: { type: 'string' },
    },
    locale: {
      names: ['locale'],
      shape: 'text',
      invalid: 'INVALID_LOCALE',
      since: 3,
      description:
        'BCP 47: the language of the answer. Default: the appointment\u2019s, else the reply word\u2019s, else DEFAULT_LOCALE.',
      schema: { type: 'string' },
    },
  },
  rules: [
    'STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT (Twilio\u2019s opt-out words) are always an opt-out, never a decline: everything scheduled for the sender is canceled.',
    'YES is Twilio\u2019s opt-in word and a confirm here.',
  ],
  answer: {
    type: 'object',
    required: ['action', 'message'],
    additionalProperties: false,
    properties: {
      action: {
        type: 'string',
        enum: ['confirm', 'decline', 'reschedule', 'opt-out', 'help', 'none'],
        description:
          'What the reply did; none: the sender has no upcoming appointment (and the text is no opt-out word).',
      },
      state: { type: 'string', enum: ['booked', 'confirmed', 'declined'] },
      tag: { type: 'string' },
      at: { type: 'string', format: 'date-time' },
      atText: { type: 'string' },
      appointment: APPOINTMENT_FIELD,
      message: {
        type: 'string',
        description:
          'The text to send back, in the texter\u2019s language (empty after an opt-out: Twilio answers those itself).',
      },
      language: { type: 'string', description: 'The language of message.' },
      canceled: {
        type: 'array',
        items: { type: 'string' },
        description: 'Messages canceled by this reply.',
      },
      complete: {
        type: 'boolean',
        description: 'After a decline or opt-out: true when nothing is left scheduled.',
      },
    },
  },
  errors: [
    'MISSING_FROM',
    'INVALID_FROM',
    'INVALID_BODY',
    'INVALID_LOCALE',
    'REGISTRY_DISABLED',
    'REGISTRY_UNAVAILABLE',
    'TIME_BUDGET_SPENT',
    'TWILIO_UNAVAILABLE',
    'TWILIO_RATE_LIMITED',
  ],
});
