// A Result becomes an HTTP answer here, and only here: the status for each error code, the JSON
// body Studio parses, and the last masking of anything that looks like a phone number.
/// <reference types="@twilio-labs/serverless-runtime-types" />
import type { AppError, ErrorCode, Result } from '../core/errors';
import { maskDigitRuns } from '../core/mask';

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  NOT_FOUND: 404,
  NOT_CANCELABLE: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  IDEMPOTENCY_KEY_IN_USE: 409,
  REPLACE_IN_PROGRESS: 409,
  TWILIO_REJECTED: 422,
  CONFIG_MESSAGING_SERVICE_MISSING: 500,
  CONFIG_INVALID: 500,
  CONFIG_TWILIO_AUTH: 500,
  INTERNAL_ERROR: 500,
  TWILIO_UNAVAILABLE: 502,
  TWILIO_RATE_LIMITED: 503,
  REGISTRY_UNAVAILABLE: 503,
  TWILIO_TIMEOUT: 504,
  TIME_BUDGET_SPENT: 503,
};

/** Every code not listed above is bad input: 400. */
export const httpStatusFor = (code: ErrorCode): number => HTTP_STATUS[code] ?? 400;

function errorBody(error: AppError): Record<string, unknown> {
  const { code, field, twilioCode, moreInfo, detail } = error;
  const body: Record<string, unknown> = { code, message: maskDigitRuns(error.message) };
  if (detail !== undefined) body.detail = maskDigitRuns(detail);
  if (field !== undefined) body.field = field;
  if (twilioCode !== undefined) body.twilioCode = twilioCode;
  if (moreInfo !== undefined) body.moreInfo = moreInfo;
  return body;
}

export interface HttpAnswer {
  status: number;
  body: Record<string, unknown>;
  /** The runtime's own Response object, as `callback` takes it. */
  toTwilio(): object;
}

export function responseFor(result: Result<object>): HttpAnswer {
  const status = result.ok ? 200 : httpStatusFor(result.error.code);
  let body: Record<string, unknown>;
  if (result.ok) {
    body = { ok: true, ...result.value };
  } else {
    body = { ok: false, error: errorBody(result.error) };
    if (result.error.status !== undefined) body.status = result.error.status;
  }
  return {
    status,
    body,
    toTwilio() {
      const response = new Twilio.Response();
      response.setStatusCode(status);
      response.appendHeader('Content-Type', 'application/json');
      response.setBody(body);
      return response;
    },
  };
}
