// The parameters each endpoint accepts (version 1 and 2; docs/endpoints.md describes them),
// written down once: deploy:flow checks a flow's Run Function widgets against them before it
// calls Twilio, and the tests check the flow and the code against them.

/** What /schedule-message accepted in version 1 (aliases included). */
export const SCHEDULE_PARAMETERS = [
  'to',
  'number',
  'body',
  'message',
  'mediaUrl',
  'contentSid',
  'contentVariables',
  'minutes',
  'delay',
  'sendAt',
  'at',
  'timeZone',
  'quietHours',
  'ifTooSoon',
  'messagingServiceSid',
] as const;

/** What version 2 adds to /schedule-message (the registry, `when`, quiet days, `repeat`). */
export const SCHEDULE_PARAMETERS_V2 = [
  'idempotencyKey',
  'tag',
  'replace',
  'when',
  'quietDays',
  'locale',
  'repeat',
  'count',
  'until',
] as const;

/**
 * The form fields of Twilio's status callback, which /message-status receives. Twilio calls it,
 * not a flow: a widget calling it is almost certainly a mistake, but not a wrong parameter.
 */
export const STATUS_CALLBACK_FIELDS = [
  'MessageSid',
  'MessageStatus',
  'To',
  'From',
  'ErrorCode',
  'AccountSid',
] as const;

/** The parameters each endpoint accepts, by path, version 2 included. */
export const ENDPOINT_PARAMETERS: Readonly<Record<string, readonly string[]>> = {
  '/schedule-message': [...SCHEDULE_PARAMETERS, ...SCHEDULE_PARAMETERS_V2],
  '/cancel-message': ['sid', 'to', 'number', 'tag', 'series'],
  '/scheduled-messages': ['to', 'tag', 'series'],
  '/message-status': STATUS_CALLBACK_FIELDS,
};
