// What a failed Twilio call means for the flow: thrown errors become AppError values. Only what
// may have reached Twilio (a network failure, a timeout, a 5xx, a garbled answer) may say that
// the message may have been scheduled; anything thrown on our side means nothing was sent.
import { type AppError, AppFailure } from '../core/errors';
import { redactNumbers } from '../core/mask';
import { TransportError } from './transport';

/** The fields of twilio-node's RestException that we read (duck-typed: no import of twilio). */
interface RestExceptionLike {
  status: number;
  code?: number;
  message?: string;
  moreInfo?: string;
}

/** What the failed call was doing: it decides what a person is told may have happened. */
export type TwilioOperation = 'create' | 'cancel' | 'read' | 'record';

/** Twilio's error code on a thrown error (RestException's `code`), if any. */
export const twilioCodeOf = (error: unknown): number | undefined =>
  typeof error === 'object' && error !== null ? (error as { code?: number }).code : undefined;

/** The HTTP status on a thrown error (RestException's `status`), if any. */
export const httpStatusOf = (error: unknown): number | undefined =>
  typeof error === 'object' && error !== null ? (error as { status?: number }).status : undefined;

/**
 * Codes after which Twilio may have acted all the same (it failed or did not answer): a create
 * may exist, a cancel may have happened. Never retried blindly.
 */
export const isOutcomeUnknown = (code: string): boolean =>
  code === 'TWILIO_UNAVAILABLE' || code === 'TWILIO_TIMEOUT';

const isRestException = (error: unknown): error is RestExceptionLike =>
  typeof error === 'object' &&
  error !== null &&
  typeof (error as RestExceptionLike).status === 'number';

/** Twilio's message with any phone number masked; it can quote the `To` it refused. */
const twilioMessage = (error: RestExceptionLike): string =>
  // Cut before masking too, so that an outsized message costs little to scan.
  redactNumbers((error.message || `Twilio answered HTTP ${error.status}.`).slice(0, 2000)).slice(
    0,
    500,
  );

/** A create or cancel that may have reached Twilio must say so: a blind retry could send twice. */
const MAYBE: Record<TwilioOperation, string> = {
  create: ' The message may have been scheduled all the same: please check before trying again.',
  cancel: ' The message may have been canceled all the same: please check before trying again.',
  read: '',
  record: '',
};
const NOTHING_DONE: Record<TwilioOperation, string> = {
  create: ' Nothing was sent.',
  cancel: ' Nothing was canceled.',
  read: '',
  record: '',
};
const CANNOT: Record<TwilioOperation, string> = {
  create: "Sorry, messages can't be scheduled right now.",
  cancel: "Sorry, messages can't be canceled right now.",
  read: "Sorry, messages can't be looked up right now.",
  record: "Sorry, that can't be recorded right now.",
};
const REFUSED: Record<TwilioOperation, string> = {
  create: "Sorry, that message couldn't be scheduled.",
  cancel: "Sorry, that message couldn't be canceled.",
  read: "Sorry, those messages couldn't be looked up.",
  record: "Sorry, that couldn't be recorded.",
};
/** Twilio refusals a person can understand and act on, by Twilio error code. */
const REFUSAL_TEXT: Readonly<Record<number, string>> = {
  21211: "Sorry, that phone number isn't valid.",
  21610: 'Sorry, that number has unsubscribed from these messages (they replied STOP).',
  21612: "Sorry, messages can't be sent to that number.",
  21614: "Sorry, that number can't receive text messages.",
  35125: "Sorry, no more messages can be scheduled right now: the account's limit is reached.",
};

export function twilioError(error: unknown, operation: TwilioOperation): AppError {
  // Raised on our side before any call (e.g. the client could not be built): already an answer.
  if (error instanceof AppFailure) return error.error;
  const maybe = MAYBE[operation];
  if (error instanceof TransportError) {
    // Never sent: the time budget was spent before (a 429 answered earlier was not acted on).
    if (error.kind === 'no-time') {
      return {
        code: 'TIME_BUDGET_SPENT',
        message: `Sorry, the messaging service is too slow right now.${NOTHING_DONE[operation]}`,
        detail: `The time budget ran out before this call to Twilio could start, so Twilio was not called. It is safe to retry.`,
      };
    }
    if (error.kind === 'timeout') {
      return {
        code: 'TWILIO_TIMEOUT',
        message: `Sorry, the messaging service didn't answer in time.${maybe}`,
        detail: `Twilio did not answer within the time budget. ${error.message}`,
      };
    }
    return {
      code: 'TWILIO_UNAVAILABLE',
      message: `Sorry, the messaging service couldn't be reached.${maybe}`,
      detail: `${error.message} Not retried: a create or cancel may have reached Twilio.`,
    };
  }
  if (!isRestException(error)) {
    // Thrown on our side, e.g. by twilio-node checking its arguments before any request: no
    // request left (a garbled answer is a TransportError), so nothing happened at Twilio.
    const name = error instanceof Error ? error.name : typeof error;
    return {
      code: 'INTERNAL_ERROR',
      message: `Sorry, something went wrong on our side.${NOTHING_DONE[operation]}`,
      detail: `The Twilio library threw ${name} before any request reached Twilio: a bug in the service. It is safe to retry.`,
    };
  }

  const details: Pick<AppError, 'twilioCode' | 'moreInfo'> = {};
  if (typeof error.code === 'number') details.twilioCode = error.code;
  if (typeof error.moreInfo === 'string') details.moreInfo = error.moreInfo.slice(0, 500);

  if (error.status === 401 || error.status === 403) {
    return {
      code: 'CONFIG_TWILIO_AUTH',
      message: `${CANNOT[operation]}${NOTHING_DONE[operation]}`,
      detail: `Twilio refused the service's credentials (HTTP ${error.status}): check ACCOUNT_SID and AUTH_TOKEN (or the API key) of the service.`,
      ...details,
    };
  }
  if (error.status === 429) {
    return {
      code: 'TWILIO_RATE_LIMITED',
      message: 'Sorry, the messaging service is busy: please try again in a minute.',
      detail: 'Twilio kept answering 429 (too many requests) after the bounded retries.',
      ...details,
    };
  }
  // A 5xx, or a 3xx (the transport follows no redirects): not Twilio's refusal, an outage.
  if (error.status >= 500 || error.status < 400) {
    return {
      code: 'TWILIO_UNAVAILABLE',
      message: `Sorry, the messaging service had a problem.${maybe}`,
      detail: `Twilio answered HTTP ${error.status}. Not retried: a create or cancel may have happened.`,
      ...details,
    };
  }
  const known = details.twilioCode === undefined ? undefined : REFUSAL_TEXT[details.twilioCode];
  return {
    code: 'TWILIO_REJECTED',
    message: known ?? REFUSED[operation],
    detail: `Twilio refused the request (HTTP ${error.status}${details.twilioCode === undefined ? '' : `, error ${details.twilioCode}`}): ${twilioMessage(error)}`,
    ...details,
  };
}
