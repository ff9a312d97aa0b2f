// What a failed Twilio call means for the flow: thrown errors become AppError values.
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

/** A create that may have reached Twilio must say so: a blind retry could send twice. */
const MAYBE_SCHEDULED = ' The message may have been scheduled: check before retrying.';

export function twilioError(error: unknown, operation: 'create' | 'read'): AppError {
  // Raised on our side before any call (e.g. the client could not be built): already an answer.
  if (error instanceof AppFailure) return error.error;
  const maybe = operation === 'create' ? MAYBE_SCHEDULED : '';
  if (error instanceof TransportError) {
    if (error.kind === 'timeout') {
      return { code: 'TWILIO_TIMEOUT', message: `Twilio did not answer in time.${maybe}` };
    }
    return { code: 'TWILIO_UNAVAILABLE', message: `The connection to Twilio failed.${maybe}` };
  }
  if (!isRestException(error)) {
    // twilio-node parses a 2xx body as JSON; anything else here is a garbled answer, and a 2xx
    // means the create most likely happened.
    return {
      code: 'TWILIO_UNAVAILABLE',
      message: `Twilio sent an answer that could not be read.${maybe}`,
    };
  }

  const details: Pick<AppError, 'twilioCode' | 'moreInfo'> = {};
  if (typeof error.code === 'number') details.twilioCode = error.code;
  if (typeof error.moreInfo === 'string') details.moreInfo = error.moreInfo.slice(0, 500);

  if (error.status === 401 || error.status === 403) {
    return {
      code: 'CONFIG_TWILIO_AUTH',
      message:
        'Twilio refused the service credentials (check the account SID and auth token or API key).',
      ...details,
    };
  }
  if (error.status === 429) {
    return {
      code: 'TWILIO_RATE_LIMITED',
      message: 'Twilio is rate limiting requests; try again shortly.',
      ...details,
    };
  }
  // A 5xx, or a 3xx (the transport follows no redirects): not Twilio's refusal, an outage.
  if (error.status >= 500 || error.status < 400) {
    return {
      code: 'TWILIO_UNAVAILABLE',
      message: `Twilio failed (HTTP ${error.status}).${maybe}`,
      ...details,
    };
  }
  return {
    code: 'TWILIO_REJECTED',
    message: `Twilio refused the request: ${twilioMessage(error)}`,
    ...details,
  };
}
