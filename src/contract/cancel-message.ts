// /cancel-message, declared once: exactly one of a message SID, a recipient, a tag or a series.
import { declareEndpoint, type JsonSchema } from './declaration';
import { CANCEL_FAILURES, RECIPIENT, SCAN_FIELDS, SERIES, TAG } from './labels';

const SIDS: JsonSchema = { type: 'array', items: { type: 'string' } };

export const CANCEL_MESSAGE = declareEndpoint({
  path: '/cancel-message',
  calledBy: 'flow',
  summary: 'Cancel a scheduled message, or every scheduled message to a recipient, tag or series',
  description:
    'By sid: that message. By to: every scheduled message to the recipient (Twilio\u2019s list is scanned, so a STOP also cancels what this service did not schedule). By tag or series: the registry\u2019s scheduled messages with that label, and the series\u2019 later occurrences.',
  parameters: {
    sid: {
      names: ['sid'],
      shape: 'text',
      invalid: 'INVALID_SID',
      blankIs: 'MISSING_SID',
      since: 1,
      description:
        'A message SID (SM or MM + 32 hex). Given but blank is MISSING_SID, never a fall-through to another target.',
      schema: { type: 'string', pattern: '^(SM|MM)[0-9a-fA-F]{32}$' },
    },
    to: RECIPIENT,
    tag: { ...TAG, blankIs: 'MISSING_TARGET' },
    series: { ...SERIES, blankIs: 'MISSING_TARGET' },
  },
  rules: ['Exactly one of sid, to, tag, series.'],
  answer: {
    type: 'object',
    required: ['canceled'],
    additionalProperties: false,
    properties: {
      canceled: SIDS,
      alreadyCanceled: SIDS,
      failed: CANCEL_FAILURES,
      ...SCAN_FIELDS,
      seriesStopped: { const: true },
    },
  },
  errors: [
    'MISSING_SID',
    'INVALID_SID',
    'INVALID_TO',
    'CONFLICTING_TO',
    'INVALID_TAG',
    'INVALID_SERIES',
    'MISSING_TARGET',
    'CONFLICTING_TARGET',
    'REGISTRY_DISABLED',
    'REGISTRY_UNAVAILABLE',
    'NOT_FOUND',
    'NOT_CANCELABLE',
    'TWILIO_REJECTED',
    'TWILIO_UNAVAILABLE',
    'TWILIO_RATE_LIMITED',
    'TIME_BUDGET_SPENT',
  ],
});
