// The one JSON line each invocation writes to the Functions log: what happened, never what was
// said. Codes, field names and a masked recipient only; no bodies, no full numbers, no credentials.

import type { Result } from '../core/errors';
import { maskRecipient } from '../core/mask';
import type { Event } from '../input/event-fields';

/** What the edge knows of an invocation's end, beyond its Result. */
export interface Outcome {
  result: Result<object>;
  warnings?: string[];
  /** The name of an unexpected error's type: never its message or stack, which may quote the event. */
  internalError?: string;
}

function recipientForLog(event: Event): string | undefined {
  for (const raw of [event.to, event.number]) {
    if (typeof raw === 'string' && raw.trim() !== '') return maskRecipient(raw);
  }
  return undefined;
}

export function logLine(
  endpoint: string,
  event: Event,
  outcome: Outcome,
  status: number,
  ms: number,
): string {
  const entry: Record<string, unknown> = { endpoint };
  if (outcome.warnings !== undefined) entry.warnings = outcome.warnings;
  if (outcome.internalError !== undefined) entry.internalError = outcome.internalError;
  entry.outcome = outcome.result.ok ? 'ok' : outcome.result.error.code;
  // A message that exists but could not be recorded is worth a look, so the line says so.
  if (outcome.result.ok && (outcome.result.value as { registered?: unknown }).registered === false)
    entry.registered = false;
  entry.status = status;
  entry.ms = ms;
  const to = recipientForLog(event);
  if (to !== undefined) entry.to = to;
  return JSON.stringify(entry);
}
