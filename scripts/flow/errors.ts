// Errors deploy:flow stops with: one readable sentence each, never a credential.

/** A failure the CLI prints as it is (no stack trace) and exits 1 with. */
export class DeployFlowError extends Error {
  override name = 'DeployFlowError';
}

interface TwilioErrorLike {
  status?: number;
  code?: number;
  message?: string;
  moreInfo?: string;
  details?: unknown;
  /** RFC 9457 problem details, as newer Twilio APIs answer. */
  title?: string;
  detail?: string;
  errors?: unknown;
}

const asTwilioError = (error: unknown): TwilioErrorLike =>
  typeof error === 'object' && error !== null ? (error as TwilioErrorLike) : {};

export function isNotFound(error: unknown): boolean {
  const { status, code } = asTwilioError(error);
  return status === 404 || code === 20404;
}

/** `doing` failed: what Twilio said, with a hint for the usual causes. */
export function describeTwilioError(doing: string, error: unknown): DeployFlowError {
  if (error instanceof DeployFlowError) return error;
  const { status, code, moreInfo, title, detail } = asTwilioError(error);
  const message = asTwilioError(error).message || detail || title;
  const details = asTwilioError(error).details ?? asTwilioError(error).errors;
  if (status === undefined) {
    const reason = error instanceof Error ? error.message : String(error);
    return new DeployFlowError(`${doing} failed: could not reach Twilio (${reason}).`);
  }
  const parts = [`${doing} failed: Twilio answered ${status}`];
  if (code !== undefined) parts.push(` (error ${code})`);
  parts.push(`: ${message ?? 'no message'}`);
  if (details !== undefined && details !== null) parts.push(` ${JSON.stringify(details)}`);
  if (status === 401 || code === 20003) {
    parts.push(
      '. Check the credentials: TWILIO_ACCOUNT_SID with TWILIO_API_KEY/TWILIO_API_SECRET, ' +
        'or ACCOUNT_SID/AUTH_TOKEN in .env, all of the same account.',
    );
  }
  if (moreInfo) parts.push(` See ${moreInfo}`);
  return new DeployFlowError(parts.join(''));
}

/**
 * What the CLI prints for a failure: a DeployFlowError (a mistake in the input, the flow or the
 * account, FlowFillError included) as its message alone; anything else is a bug in deploy:flow,
 * and only then is the stack useful.
 */
export function failureText(error: unknown): string {
  if (error instanceof DeployFlowError) return `deploy:flow: ${error.message}`;
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return `deploy:flow: unexpected failure (a bug in deploy:flow, not in your flow):\n${detail}`;
}
