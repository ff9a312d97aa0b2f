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

/**
 * A thrown error as facts: what the call was doing (`operation`: whether the texter is told that
 * nothing happened, or that it may have), and what Twilio or the connection said. The edge words
 * it (src/edge/messages).
 */
export function twilioError(error: unknown, operation: TwilioOperation): AppError {
  // Raised on our side before any call (e.g. the client could not be built): already an answer.
  if (error instanceof AppFailure) return error.error;
  if (error instanceof TransportError) {
    // Never sent: the time budget was spent before (a 429 answered earlier was not acted on).
    if (error.kind === 'no-time') return { code: 'TIME_BUDGET_SPENT', facts: { operation } };
    if (error.kind === 'timeout') {
      return {
        code: 'TWILIO_TIMEOUT',
        facts: { variant: 'twilio', operation, cause: error.message },
      };
    }
    return {
      code: 'TWILIO_UNAVAILABLE',
      facts: { variant: 'unreachable', operation, cause: error.message },
    };
  }
  if (!isRestException(error)) {
    // Thrown on our side, e.g. by twilio-node checking its arguments before any request: no
    // request left (a garbled answer is a TransportError), so nothing happened at Twilio.
    const thrown = error instanceof Error ? error.name : typeof error;
    return { code: 'INTERNAL_ERROR', facts: { variant: 'beforeTwilio', operation, thrown } };
  }

  const details: Pick<AppError, 'twilioCode' | 'moreInfo'> = {};
  if (typeof error.code === 'number') details.twilioCode = error.code;
  if (typeof error.moreInfo === 'string') details.moreInfo = error.moreInfo.slice(0, 500);
  const facts = { operation, httpStatus: error.status, twilioCode: details.twilioCode };

  if (error.status === 401 || error.status === 403) {
    return { code: 'CONFIG_TWILIO_AUTH', facts, ...details };
  }
  if (error.status === 429) return { code: 'TWILIO_RATE_LIMITED', facts, ...details };
  // A 5xx, or a 3xx (the transport follows no redirects): not Twilio's refusal, an outage.
  if (error.status >= 500 || error.status < 400) {
    return { code: 'TWILIO_UNAVAILABLE', facts, ...details };
  }
  return {
    code: 'TWILIO_REJECTED',
    facts: { ...facts, twilioMessage: twilioMessage(error) },
    ...details,
  };
}
