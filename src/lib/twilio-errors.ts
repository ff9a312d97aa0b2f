// What a failed Twilio call means for the flow: thrown errors become AppError values.
import type { AppError } from './errors';
import { redactNumbers } from './recipient';
import { TransportError } from './twilio-transport';

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
  redactNumbers(error.message || `Twilio answered HTTP ${error.status}.`).slice(0, 500);

export function twilioError(error: unknown, operation: 'create' | 'read'): AppError {
  if (error instanceof TransportError) {
    if (error.kind === 'timeout') {
      return {
        code: 'TWILIO_TIMEOUT',
        message:
          operation === 'create'
            ? 'Twilio did not answer in time. The message may have been scheduled: check before retrying.'
            : 'Twilio did not answer in time.',
      };
    }
    return {
      code: 'TWILIO_UNAVAILABLE',
      message:
        operation === 'create'
          ? 'The connection to Twilio failed. The message may have been scheduled: check before retrying.'
          : 'The connection to Twilio failed.',
    };
  }
  if (!isRestException(error)) {
    // twilio-node parses a 2xx body as JSON; anything else here is a garbled answer.
    return { code: 'TWILIO_UNAVAILABLE', message: 'Twilio sent an answer that could not be read.' };
  }

  const details: Pick<AppError, 'twilioCode' | 'moreInfo'> = {};
  if (typeof error.code === 'number') details.twilioCode = error.code;
  if (typeof error.moreInfo === 'string') details.moreInfo = error.moreInfo;

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
  if (error.status >= 500) {
    return {
      code: 'TWILIO_UNAVAILABLE',
      message:
        operation === 'create'
          ? `Twilio failed (HTTP ${error.status}). The message may have been scheduled: check before retrying.`
          : `Twilio failed (HTTP ${error.status}).`,
      ...details,
    };
  }
  return {
    code: 'TWILIO_REJECTED',
    message: `Twilio refused the request: ${twilioMessage(error)}`,
    ...details,
  };
}
