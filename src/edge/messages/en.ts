// English: what the person who texted is told. Names no parameter, variable or code: a flow may
// send it as it is. The other languages follow this table's codes and variants.

import { WHEN_MESSAGES } from '../when-messages';
import { type MessageTable, momentIn, nounIn, operationOf as op, spanIn } from './table';

const NOTHING_DONE: Record<string, string> = {
  create: ' Nothing was sent.',
  cancel: ' Nothing was canceled.',
};
const MAYBE_DONE: Record<string, string> = {
  create: ' The message may have been scheduled all the same: please check before trying again.',
  cancel: ' The message may have been canceled all the same: please check before trying again.',
};
const CANNOT: Record<string, string> = {
  create: "Sorry, messages can't be scheduled right now.",
  cancel: "Sorry, messages can't be canceled right now.",
  read: "Sorry, messages can't be looked up right now.",
};
const REFUSED: Record<string, string> = {
  create: "Sorry, that message couldn't be scheduled.",
  cancel: "Sorry, that message couldn't be canceled.",
  read: "Sorry, those messages couldn't be looked up.",
};
/** Twilio refusals a person can understand and act on, by Twilio error code. */
const TWILIO_REFUSALS: Record<string, string> = {
  21211: "Sorry, that phone number isn't valid.",
  21610: 'Sorry, that number has unsubscribed from these messages (they replied STOP).',
  21612: "Sorry, messages can't be sent to that number.",
  21614: "Sorry, that number can't receive text messages.",
  35125: "Sorry, no more messages can be scheduled right now: the account's limit is reached.",
};
const HANDLED = 'Sorry, that request could not be handled.';

export const EN: MessageTable = {
  language: 'en',
  nouns: {
    request: 'the request',
    to: "the recipient's number",
    number: "the recipient's number",
    body: 'the message text',
    message: 'the message text',
    mediaUrl: 'the attachment link',
    contentSid: 'the message template',
    contentVariables: 'the message template',
    minutes: 'the send time',
    delay: 'the send time',
    sendAt: 'the send time',
    at: 'the send time',
    when: 'the send time',
    ifTooSoon: 'the send time',
    timeZone: 'the time zone',
    quietHours: 'the quiet hours',
    sid: 'the message to cancel',
  },
  unreadable: (f, w) => `Sorry, ${nounIn(w, f.field)} could not be read.`,
  conflicting: (f, w) => `Sorry, the request gave two different values for ${nounIn(w, f.field)}.`,
  messages: {
    NO_FIELDS: 'Sorry, the request was empty, so nothing was done.',
    MISSING_TO: { default: 'Sorry, no phone number was given to send to.', list: HANDLED },
    INVALID_TO:
      // The example is spaced so that the masking of numbers in answers leaves it readable.
      "Sorry, that phone number doesn't look right: write it with + and the country code, such as +1 415 555 0100.",
    CONFLICTING_TO: "Sorry, the request gave two different values for the recipient's number.",
    MISSING_CONTENT: 'Sorry, there was no message to send.',
    BODY_TOO_LONG: (f) => `Sorry, that message is too long: it can be at most ${f.max} characters.`,
    INVALID_BODY: 'Sorry, the message text could not be read.',
    CONFLICTING_BODY: 'Sorry, the request gave two different values for the message text.',
    INVALID_MEDIA_URL: "Sorry, an attachment link isn't a web address that can be sent.",
    TOO_MANY_MEDIA: (f) => `Sorry, a message can carry at most ${f.max} attachments.`,
    INVALID_CONTENT_SID: "Sorry, the message template isn't set up right, so nothing was sent.",
    INVALID_CONTENT_VARIABLES: {
      default: "Sorry, the message template's values could not be read, so nothing was sent.",
      withoutTemplate:
        "Sorry, the message template's values came without a template, so nothing was sent.",
    },
    CONFLICTING_CONTENT:
      'Sorry, the message was given both as a template and as text, so nothing was sent.',
    MISSING_SEND_TIME: 'Sorry, no time was given for sending the message.',
    CONFLICTING_SEND_TIME: 'Sorry, more than one send time was given, so nothing was scheduled.',
    INVALID_MINUTES: {
      default: 'Sorry, the wait must be a number of minutes above zero, such as 30.',
      zero: 'Sorry, the wait must be longer than zero minutes.',
    },
    INVALID_DELAY: {
      default: "Sorry, that length of time couldn't be read. Try something like 90m or 2h.",
      tooLong: 'Sorry, that is too far ahead to schedule.',
      zero: 'Sorry, the wait must be longer than zero.',
    },
    INVALID_SEND_AT: {
      default: "Sorry, that date and time couldn't be read.",
      noSuchDate: 'Sorry, that date does not exist.',
      noSuchTime: 'Sorry, that time of day does not exist.',
    },
    INVALID_AT: "Sorry, that time of day couldn't be read: use a 24-hour time such as 09:30.",
    INVALID_WHEN: { default: WHEN_MESSAGES.en.unreadable, ...WHEN_MESSAGES.en },
    MISSING_TIME_ZONE: "Sorry, the time zone for that time isn't known, so nothing was scheduled.",
    INVALID_TIME_ZONE: "Sorry, that time zone isn't known: use a name such as America/New_York.",
    UNKNOWN_RECIPIENT_TIME_ZONE:
      "Sorry, the time zone for that number isn't known, so nothing was scheduled.",
    INVALID_QUIET_HOURS: "Sorry, the quiet hours couldn't be read: they look like 21:00-08:00.",
    INVALID_QUIET_DAYS: {
      default: 'Quiet days must be weekday names such as sun or sat,sun, or "off".',
      everyDay: 'Quiet days cannot be every day of the week: nothing could ever be sent.',
    },
    INVALID_LOCALE: {
      default: 'The language must be a tag such as en-US, fr-FR or es-MX.',
      unreadableLanguage: "Sorry, I can't read times written in that language yet.",
    },
    INVALID_IF_TOO_SOON: "Sorry, messages can't be scheduled this way right now.",
    SEND_AT_TOO_SOON: {
      default: (f) =>
        `Sorry, that time is too soon: a message can be scheduled from ${spanIn('en', Number(f.minLead))} ahead.`,
      now: "Sorry, that time is too soon: a message can't be scheduled for right now.",
      past: 'Sorry, that time is in the past.',
    },
    SEND_AT_TOO_LATE: (f) =>
      `Sorry, that is too far ahead: the latest a message can be scheduled for is ${momentIn('en', Number(f.latest), f.zone === undefined ? undefined : String(f.zone))}.`,
    NO_ALLOWED_TIME: "Sorry, there's no time in the coming weeks when a message may be sent.",
    INVALID_SID: {
      default: "Sorry, that doesn't look like one of our messages, so nothing was canceled.",
      callback: HANDLED,
    },
    MISSING_SID: 'Sorry, no message was named to cancel, so nothing was canceled.',
    MISSING_TARGET: {
      default: 'Sorry, nothing was named to cancel, so nothing was canceled.',
      blank: 'Sorry, no message was named to cancel, so nothing was canceled.',
    },
    CONFLICTING_TARGET: {
      default: 'Sorry, it was unclear what to cancel, so nothing was canceled.',
      list: HANDLED,
    },
    INVALID_MESSAGING_SERVICE_SID: "Sorry, messages can't be scheduled right now.",
    INVALID_REPEAT: {
      default: "Sorry, that repeating message couldn't be set up.",
      unsupported:
        "That schedule isn't supported: messages can be repeated daily, on weekdays, weekly or monthly.",
      noEnd: 'A repeating message needs an end: a number of times or a last date.',
      bothEnds: 'A repeating message can end after a number of times or on a date, not both.',
      count: (f) => `A message can be repeated from 1 to ${f.max} times.`,
      until: 'The last date of the series could not be read.',
      untilPast: 'The last date of the series has already passed.',
      tooLong: 'A repeating message can run for at most a year.',
      endTwice: 'The end of the series was given twice, differently.',
      empty: 'That series has no date between its start and its end.',
      tooMany: (f) => `A message can be repeated at most ${f.max} times.`,
      untilTooFar: 'A repeating message can run for at most a year.',
      countTooLong: 'A repeating message can run for at most a year.',
      ruleTooLong:
        "That schedule isn't supported: messages can be repeated daily, on weekdays, weekly or monthly.",
      allQuiet: 'Every date of that series falls on a quiet day, so nothing was scheduled.',
    },
    INVALID_CURSOR: HANDLED,
    INVALID_IDEMPOTENCY_KEY: HANDLED,
    INVALID_TAG: 'That label cannot be used.',
    INVALID_SERIES: 'That label cannot be used.',
    INVALID_REPLACE: HANDLED,
    REPLACE_NEEDS_TAG: HANDLED,
    REGISTRY_DISABLED: HANDLED,
    INVALID_APPOINTMENT_AT: {
      default: "Sorry, the appointment's time couldn't be read.",
      past: 'Sorry, that appointment time has already passed.',
    },
    INVALID_REMIND: "Sorry, the reminder times couldn't be read.",
    APPOINTMENT_NEEDS_TAG: HANDLED,
    INVALID_MAX_PER_DAY: HANDLED,
    MISSING_FROM: HANDLED,
    INVALID_FROM: HANDLED,
    APPOINTMENT_EXISTS: 'That appointment is already booked. Nothing was changed.',
    APPOINTMENT_TOO_FAR:
      'Sorry, that appointment is too far ahead for its reminders to be scheduled yet. Nothing was sent.',
    FREQUENCY_CAP: (f) =>
      `Sorry, no more messages can be scheduled to that number on that day (at most ${f.max}). Nothing was sent.`,
    IDEMPOTENCY_KEY_REUSED: HANDLED,
    IDEMPOTENCY_KEY_IN_USE: 'That request is already being handled.',
    REGISTRY_UNAVAILABLE: {
      default: "Sorry, messages can't be scheduled right now. Nothing was sent.",
      list: "Sorry, the scheduled messages can't be looked up right now.",
      cancel: "Sorry, the scheduled messages can't be canceled right now.",
      status: 'Sorry, that could not be recorded right now.',
      reply: 'Sorry, your reply could not be recorded right now. Please send it again in a moment.',
      signIn: "Sorry, signing in isn't possible right now.",
      remindersLeft:
        "Sorry, messages can't be scheduled right now. Some reminders may still be scheduled: please check before trying again.",
    },
    REPLACE_IN_PROGRESS: 'That change is already being made. Please try again in a moment.',
    TIME_BUDGET_SPENT: (f) =>
      `Sorry, the messaging service is too slow right now.${NOTHING_DONE[op(f)] ?? ''}`,
    NOT_FOUND: "Sorry, that message couldn't be found, so nothing was canceled.",
    NOT_CANCELABLE: (f) => {
      const status = String(f.status);
      if (status === 'sent' || status === 'delivered' || status === 'read')
        return "Sorry, that message has already been sent, so it can't be canceled.";
      if (status === 'failed' || status === 'undelivered')
        return 'That message could not be sent anyway, so there is nothing to cancel.';
      return "Sorry, that message is already on its way, so it can't be canceled.";
    },
    TWILIO_REJECTED: (f) => TWILIO_REFUSALS[String(f.twilioCode)] ?? REFUSED[op(f)] ?? HANDLED,
    CONFIG_MESSAGING_SERVICE_MISSING:
      "Sorry, messages can't be scheduled right now. Nothing was sent.",
    CONFIG_INVALID:
      "Sorry, this can't be done right now: the service isn't set up correctly. Nothing was sent or canceled.",
    CONFIG_TWILIO_AUTH: {
      default: (f) => `${CANNOT[op(f)]}${NOTHING_DONE[op(f)] ?? ''}`,
      client: "Sorry, messages can't be handled right now. Nothing was sent.",
    },
    INTERNAL_ERROR: {
      default:
        'Sorry, something went wrong on our side. Please check whether it was done before trying again.',
      beforeTwilio: (f) => `Sorry, something went wrong on our side.${NOTHING_DONE[op(f)] ?? ''}`,
    },
    TWILIO_UNAVAILABLE: {
      default: (f) => `Sorry, the messaging service had a problem.${MAYBE_DONE[op(f)] ?? ''}`,
      unreachable: (f) =>
        `Sorry, the messaging service couldn't be reached.${MAYBE_DONE[op(f)] ?? ''}`,
    },
    TWILIO_RATE_LIMITED: 'Sorry, the messaging service is busy: please try again in a minute.',
    TWILIO_TIMEOUT: {
      default:
        'Sorry, that took too long. A message may have been scheduled or canceled all the same: please check before trying again.',
      twilio: (f) =>
        `Sorry, the messaging service didn't answer in time.${MAYBE_DONE[op(f)] ?? ''}`,
    },
    CONSOLE_OFF: 'There is nothing at this address.',
    CONSOLE_SIGN_IN_FAILED: 'That password is not right.',
    CONSOLE_SIGN_IN_LOCKED: (f) =>
      `Too many wrong passwords: try again in ${spanIn('en', Math.max(1, Math.ceil(Number(f.retryAfterSeconds) / 60)))}.`,
    CONSOLE_SIGNED_OUT: 'Please sign in.',
    CONSOLE_SESSION_EXPIRED: 'Your session has ended: please sign in again.',
    CONSOLE_UNKNOWN_ACTION: HANDLED,
  },
};
