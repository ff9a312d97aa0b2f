// A Result becomes an HTTP answer here, and only here: the status for each error code, the JSON
// body Studio parses, and the last masking of anything that looks like a phone number.
/// <reference types="@twilio-labs/serverless-runtime-types" />
import type { AppError, Result } from '../core/errors';
import type { Language } from '../core/language';
import { maskDigitRuns } from '../core/mask';
import { httpStatusFor } from './error-catalog';
import { wordsFor } from './error-words';

function errorBody(error: AppError, language: Language): Record<string, unknown> {
  const { code, field, twilioCode, moreInfo } = error;
  const { message, detail } = wordsFor(error, language);
  const body: Record<string, unknown> = { code, message: maskDigitRuns(message) };
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

/** `language`: the texter's, for an error's message (the detail stays in English). */
export function responseFor(result: Result<object>, language: Language = 'en'): HttpAnswer {
  const status = result.ok ? 200 : httpStatusFor(result.error.code);
  let body: Record<string, unknown>;
  if (result.ok) {
    body = { ok: true, ...result.value };
  } else {
    body = { ok: false, error: errorBody(result.error, language) };
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
