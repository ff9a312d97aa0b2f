// /message-status, declared once: Twilio's status callback (Twilio calls it, not a flow).
import { declareEndpoint } from './declaration';

export const MESSAGE_STATUS = declareEndpoint({
  path: '/message-status',
  calledBy: 'twilio',
  summary: 'Twilio\u2019s status callback: record what became of a message, arm a series',
  description:
    'Every message this service creates names it as its StatusCallback. It moves the record forward and schedules a series\u2019 next occurrences when one has gone out. Unknown messages are ignored.',
  parameters: {
    MessageSid: {
      names: ['MessageSid', 'SmsSid'],
      shape: 'text',
      since: 2,
      description: 'The message (SM or MM + 32 hex); anything else is ignored, never refused.',
      schema: { type: 'string' },
    },
    MessageStatus: {
      names: ['MessageStatus', 'SmsStatus'],
      shape: 'text',
      since: 2,
      description:
        'What became of it: sent, delivered, failed, undelivered, canceled, \u2026 Every status Twilio sends is answered 2xx; one that does not move the record forward is ignored.',
      schema: { type: 'string' },
    },
    AccountSid: {
      names: ['AccountSid'],
      shape: 'text',
      since: 2,
      description: 'The account the message belongs to: a callback for another account is ignored.',
      schema: { type: 'string' },
    },
    series: {
      names: ['series'],
      shape: 'text',
      since: 3,
      description:
        'Set by this service in the StatusCallback URL\u2019s query for a series\u2019 messages: the series to arm.',
      schema: { type: 'string', pattern: '^SR[0-9a-f]{32}$' },
    },
    To: {
      names: ['To'],
      ignored: true,
      shape: 'text',
      since: 2,
      description: 'The recipient (not read: the record knows it).',
      schema: { type: 'string' },
    },
    From: {
      names: ['From'],
      ignored: true,
      shape: 'text',
      since: 2,
      description: 'The sender (not read).',
      schema: { type: 'string' },
    },
    ErrorCode: {
      names: ['ErrorCode'],
      ignored: true,
      shape: 'text',
      since: 2,
      description: 'Twilio\u2019s error code for a failed message (not read).',
      schema: { type: 'string' },
    },
  },
  answer: {
    type: 'object',
    required: ['recorded'],
    additionalProperties: false,
    properties: {
      recorded: { type: 'boolean' },
      armed: { type: 'integer', minimum: 0 },
      ignored: {
        type: 'string',
        enum: ['registry-off', 'unknown-sid', 'not-a-message', 'other-account', 'unknown-status'],
      },
    },
  },
  errors: ['REGISTRY_UNAVAILABLE'],
});
