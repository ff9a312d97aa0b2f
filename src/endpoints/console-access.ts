// Who may use the console, per request: the local front's header on `npm start` (matched
// against the per-run key), or a session token signed by this service and not expired. Nothing
// but the token and the service's variables decides: there is no server-side session to keep.
import { checkSession, localKeyMatches, sessionKey } from '../core/console-session';
import { ok, type Result, refuse } from '../core/errors';
import { bearerOf, type ConsoleSettings, localHeaderOf } from '../input/console-request';
import type { Event } from '../input/event-fields';

export type Access = { kind: 'local' } | { kind: 'session'; expiresAt: number };

/** True when the request carries the local front's header with this run's key. */
export function isLocal(settings: ConsoleSettings, event: Event): boolean {
  const given = localHeaderOf(event);
  if (settings.localKey === undefined || given === undefined) return false;
  return localKeyMatches(Buffer.from(settings.localKey), given, settings.localKey);
}

/** The signing key; only with a password (and so a secret) set. */
export const keyOf = (settings: ConsoleSettings): Buffer | undefined =>
  settings.password !== undefined && settings.secret !== undefined
    ? sessionKey(settings.secret, settings.password)
    : undefined;

/**
 * Whether the request may use the console. Without a password, only the local front's header
 * counts, and everyone else finds nothing here (404), as on a service without the console.
 */
export function accessOf(settings: ConsoleSettings, event: Event, now: number): Result<Access> {
  if (isLocal(settings, event)) return ok({ kind: 'local' });
  const key = keyOf(settings);
  if (key === undefined) return refuse('CONSOLE_OFF');
  const token = bearerOf(event);
  if (token === undefined) return refuse('CONSOLE_SIGNED_OUT');
  const check = checkSession(key, token, now);
  if (check.kind === 'invalid')
    return refuse('CONSOLE_SIGNED_OUT', undefined, { variant: 'invalid' });
  if (check.kind === 'expired') {
    const expiredAt = new Date(check.expiresAt).toISOString();
    return refuse('CONSOLE_SESSION_EXPIRED', undefined, { expiredAt });
  }
  return ok({ kind: 'session', expiresAt: check.expiresAt });
}
