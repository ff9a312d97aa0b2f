// Errors are plain values with a stable code until the edge (src/edge) turns them into HTTP.
// Lower layers say what happened as facts (`{ code: 'SEND_AT_TOO_SOON', facts: { minLead: 15 } }`);
// the edge writes the words from its catalog: `message` for the person who texted, in their
// language (a flow may send it as it is), `detail` for the builder, in English.
import type { Language } from './language';

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
  | 'REGISTRY_DISABLED'
  | 'INVALID_APPOINTMENT_AT'
  | 'INVALID_REMIND'
  | 'APPOINTMENT_NEEDS_TAG'
  | 'INVALID_MAX_PER_DAY'
  | 'MISSING_FROM'
  | 'INVALID_FROM';

export type ErrorCode =
  | InputErrorCode
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'IDEMPOTENCY_KEY_IN_USE'
  | 'REPLACE_IN_PROGRESS'
  | 'APPOINTMENT_EXISTS'
  | 'APPOINTMENT_TOO_FAR'
  | 'FREQUENCY_CAP'
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
  | 'INTERNAL_ERROR'
  | ConsoleErrorCode;

/** The console's own refusals (sign-in, session, its API). */
export type ConsoleErrorCode =
  | 'CONSOLE_OFF'
  | 'CONSOLE_SIGN_IN_FAILED'
  | 'CONSOLE_SIGN_IN_LOCKED'
  | 'CONSOLE_SIGNED_OUT'
  | 'CONSOLE_SESSION_EXPIRED'
  | 'CONSOLE_UNKNOWN_ACTION';

/** What the edge needs to word an error: numbers, names, which case (`variant`). Never words. */
export type Facts = Readonly<Record<string, string | number | undefined>>;

export interface AppError {
  code: ErrorCode;
  /** The parameter or variable concerned. */
  field?: string;
  /** What happened, for the edge's catalog to word (src/edge/messages). */
  facts?: Facts;
  /** The texter's language, when the layer that failed knew it (e.g. the language `when` was read in). */
  language?: Language;
  twilioCode?: number;
  moreInfo?: string;
  /** Extra fields a flow may branch on, e.g. the status of a message that can't be canceled. */
  status?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export type Failure = { ok: false; error: AppError };

/** A failure as facts: the edge words it (src/edge/messages). */
export const refuse = (code: ErrorCode, field?: string, facts?: Facts): Failure => {
  const error: AppError = { code };
  if (field !== undefined) error.field = field;
  if (facts !== undefined) error.facts = facts;
  return { ok: false, error };
};

/** Thrown only to carry an AppError out of a callback; the edge turns it back into a Result. */
export class AppFailure extends Error {
  constructor(readonly error: AppError) {
    super(error.code);
    this.name = 'AppFailure';
  }
}
