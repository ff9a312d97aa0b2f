// The parameters that name what to list or cancel, shared by /cancel-message and
// /scheduled-messages: a recipient, a tag, a series.
import type { JsonSchema, ParameterDeclaration } from './declaration';

export const LABEL_SCHEMA: JsonSchema = { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,64}$' };

export const RECIPIENT: ParameterDeclaration = {
  names: ['to', 'number'],
  shape: 'text',
  invalid: 'INVALID_TO',
  conflict: 'CONFLICTING_TO',
  since: 1,
  description: 'A recipient: E.164 or whatsapp:+E164. Alias: number.',
  schema: { type: 'string' },
};

export const TAG: ParameterDeclaration = {
  names: ['tag'],
  shape: 'text',
  invalid: 'INVALID_TAG',
  since: 2,
  description: 'The messages with this tag (registry).',
  schema: LABEL_SCHEMA,
};

export const SERIES: ParameterDeclaration = {
  names: ['series'],
  shape: 'text',
  invalid: 'INVALID_SERIES',
  since: 2,
  description: 'The messages of this series (registry).',
  schema: LABEL_SCHEMA,
};

/** Where a listing cut short by its size goes on: given back as `cursor`. */
export const CURSOR: ParameterDeclaration = {
  names: ['cursor'],
  shape: 'text',
  invalid: 'INVALID_CURSOR',
  since: 3,
  description:
    'The `cursor` of an earlier answer that was cut short: the listing goes on from there.',
  schema: { type: 'string' },
};

/** What a bounded scan or listing says about how far it got. */
export const SCAN_FIELDS = {
  scanned: { type: 'integer', minimum: 0, description: 'Messages read from Twilio\u2019s list.' },
  complete: {
    type: 'boolean',
    description: 'False when the scan stopped early (pages or time budget): call again.',
  },
  stoppedBy: {
    type: 'string',
    enum: ['page-limit', 'time-budget', 'twilio-error', 'size-limit', 'series'],
  },
} as const satisfies Record<string, JsonSchema>;

/** Messages that could not be canceled, with the reason, and whether they may be all the same. */
export const CANCEL_FAILURES: JsonSchema = {
  type: 'array',
  description: 'Messages that could not be canceled, with the reason.',
  items: {
    type: 'object',
    required: ['sid', 'code'],
    additionalProperties: false,
    properties: {
      sid: { type: 'string' },
      code: { type: 'string' },
      twilioCode: { type: 'integer' },
      maybeCanceled: { const: true },
    },
  },
};
