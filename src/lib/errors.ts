// Errors are plain values with a stable code until the edge (handler.ts) turns them into HTTP.

export type InputErrorCode =
  | 'MISSING_TO'
  | 'INVALID_TO'
  | 'MISSING_CONTENT'
  | 'BODY_TOO_LONG'
  | 'INVALID_BODY'
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
  | 'MISSING_TIME_ZONE'
  | 'INVALID_TIME_ZONE'
  | 'INVALID_QUIET_HOURS'
  | 'INVALID_IF_TOO_SOON'
  | 'SEND_AT_TOO_SOON'
  | 'SEND_AT_TOO_LATE'
  | 'INVALID_SID'
  | 'CONFLICTING_TARGET'
  | 'MISSING_TARGET'
  | 'INVALID_MESSAGING_SERVICE_SID';

export type ErrorCode =
  | InputErrorCode
  | 'NOT_FOUND'
  | 'NOT_CANCELABLE'
  | 'TWILIO_REJECTED'
  | 'CONFIG_MESSAGING_SERVICE_MISSING'
  | 'CONFIG_INVALID'
  | 'CONFIG_TWILIO_AUTH'
  | 'TWILIO_UNAVAILABLE'
  | 'TWILIO_RATE_LIMITED'
  | 'TWILIO_TIMEOUT'
  | 'INTERNAL_ERROR';

export interface AppError {
  code: ErrorCode;
  message: string;
  field?: string;
  twilioCode?: number;
  moreInfo?: string;
  /** Extra fields a flow may branch on, e.g. the status of a message that can't be canceled. */
  status?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = (
  code: ErrorCode,
  message: string,
  field?: string,
): { ok: false; error: AppError } => ({
  ok: false,
  error: field === undefined ? { code, message } : { code, message, field },
});

/** Thrown only to carry an AppError across an await boundary; caught in handler.ts. */
export class AppFailure extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
    this.name = 'AppFailure';
  }
}

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  NOT_FOUND: 404,
  NOT_CANCELABLE: 409,
  TWILIO_REJECTED: 422,
  CONFIG_MESSAGING_SERVICE_MISSING: 500,
  CONFIG_INVALID: 500,
  CONFIG_TWILIO_AUTH: 500,
  INTERNAL_ERROR: 500,
  TWILIO_UNAVAILABLE: 502,
  TWILIO_RATE_LIMITED: 503,
  TWILIO_TIMEOUT: 504,
};

/** Every code not listed above is bad input: 400. */
export const httpStatusFor = (code: ErrorCode): number => HTTP_STATUS[code] ?? 400;
