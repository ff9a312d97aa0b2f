// Errors are plain values with a stable code until the edge (src/edge) turns them into HTTP.
// `message` is for the person who texted (a flow may send it as it is); `detail` is for the
// builder: which parameter or variable, and how to fix it.

export type InputErrorCode =
  | 'NO_FIELDS'
  | 'MISSING_TO'
  | 'INVALID_TO'
  | 'CONFLICTING_TO'
  | 'MISSING_CONTENT'
  | 'BODY_TOO_LONG'
  | 'INVALID_BODY'
  | 'CONFLICTING_BODY'
  | 'INVALID_MEDIA_URL'
  | 'TOO_MANY_MEDIA'
  | 'INVALID_CONTENT_SID'
  | 'INVALID_CONTENT_VARIABLES'
  | 'CONFLICTING_CONTENT'
  | 'MISSING_SEND_TIME'
  | 'CONFLICTING_SEND_TIME'
  | 'INVALID_MINUTES'
  | 'INVALID_DELAY'
  | 'INVALID_SEND_AT'
  | 'INVALID_AT'
  | 'INVALID_WHEN'
  | 'MISSING_TIME_ZONE'
  | 'INVALID_TIME_ZONE'
  | 'INVALID_QUIET_HOURS'
  | 'INVALID_QUIET_DAYS'
  | 'INVALID_LOCALE'
  | 'UNKNOWN_RECIPIENT_TIME_ZONE'
  | 'NO_ALLOWED_TIME'
  | 'INVALID_IF_TOO_SOON'
  | 'SEND_AT_TOO_SOON'
  | 'SEND_AT_TOO_LATE'
  | 'INVALID_SID'
  | 'MISSING_SID'
  | 'CONFLICTING_TARGET'
  | 'MISSING_TARGET'
  | 'INVALID_MESSAGING_SERVICE_SID'
  | 'INVALID_REPEAT'
  | 'INVALID_IDEMPOTENCY_KEY'
  | 'INVALID_TAG'
  | 'INVALID_SERIES'
  | 'INVALID_CURSOR'
  | 'INVALID_REPLACE'
  | 'REPLACE_NEEDS_TAG'
  | 'REGISTRY_DISABLED';

export type ErrorCode =
  | InputErrorCode
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'IDEMPOTENCY_KEY_IN_USE'
  | 'REPLACE_IN_PROGRESS'
  | 'REGISTRY_UNAVAILABLE'
  | 'NOT_FOUND'
  | 'NOT_CANCELABLE'
  | 'TWILIO_REJECTED'
  | 'CONFIG_MESSAGING_SERVICE_MISSING'
  | 'CONFIG_INVALID'
  | 'CONFIG_TWILIO_AUTH'
  | 'TWILIO_UNAVAILABLE'
  | 'TWILIO_RATE_LIMITED'
  | 'TWILIO_TIMEOUT'
  | 'TIME_BUDGET_SPENT'
  | 'INTERNAL_ERROR';

export interface AppError {
  code: ErrorCode;
  /** For the person who texted: names no parameter, variable or code. */
  message: string;
  /** For the builder: which parameter or variable, and what to change. */
  detail?: string;
  field?: string;
  twilioCode?: number;
  moreInfo?: string;
  /** Extra fields a flow may branch on, e.g. the status of a message that can't be canceled. */
  status?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export type Failure = { ok: false; error: AppError };

export const fail = (
  code: ErrorCode,
  message: string,
  field?: string,
  detail?: string,
): Failure => {
  const error: AppError = { code, message };
  if (detail !== undefined) error.detail = detail;
  if (field !== undefined) error.field = field;
  return { ok: false, error };
};

/** Thrown only to carry an AppError out of a callback; the edge turns it back into a Result. */
export class AppFailure extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
    this.name = 'AppFailure';
  }
}
