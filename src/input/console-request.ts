// The console's variables and what a console request carries: the action, the password, the
// session token (an `Authorization: Bearer` header, never a field, a URL or a cookie) and, on
// `npm start` only, the header the local front adds.
import { CONSOLE_API, CONSOLE_LOCAL_HEADER } from '../contract/console-api';
import { ok, type Result, refuse } from '../core/errors';
import { nonBlank } from '../core/text';
import { MINUTE } from '../core/units';
import { isLoopbackUrl } from '../core/web-url';
import { type Event, readText } from './event-fields';

export interface ConsoleEnv {
  /** Turns the console on, and is what sign-in asks for. */
  CONSOLE_PASSWORD?: string;
  /** The key sessions are signed with is made from this; unset: from AUTH_TOKEN. */
  CONSOLE_SECRET?: string;
  CONSOLE_SESSION_MINUTES?: string;
  /** Set by `npm start` for one run, never deployed: the local front's header must match it. */
  CONSOLE_LOCAL_KEY?: string;
  AUTH_TOKEN?: string;
  /** Set by the runtime: the service's domain (`127.0.0.1:3000` under npm start). */
  DOMAIN_NAME?: string;
}

export interface ConsoleSettings {
  /** Absent locally without a password: only the local key signs in. */
  password?: string;
  /** What the session key is made from (CONSOLE_SECRET, else AUTH_TOKEN). */
  secret?: string;
  sessionMs: number;
  localKey?: string;
}

export const DEFAULT_SESSION_MINUTES = 60;
const MAX_SESSION_MINUTES = 24 * 60;
export const MIN_PASSWORD_LENGTH = 12;
const MIN_SECRET_LENGTH = 32;

const configProblem = (name: string, problem: string) =>
  refuse('CONFIG_INVALID', name, { problems: `${name} ${problem}`, count: 1 });

/** The console's settings; undefined when it is off (no password, no local key). */
export function readConsoleSettings(env: ConsoleEnv): Result<ConsoleSettings | undefined> {
  const password = env.CONSOLE_PASSWORD ?? '';
  // The local key counts only where the service itself is on loopback: a deployed service
  // (*.twil.io) ignores it, even if it were set there by mistake.
  const local = isLoopbackUrl(`http://${env.DOMAIN_NAME ?? ''}/`);
  const localKey = local ? nonBlank(env.CONSOLE_LOCAL_KEY) : undefined;
  if (password === '' && localKey === undefined) return ok(undefined);
  if (localKey !== undefined && localKey.length < MIN_SECRET_LENGTH) {
    return configProblem('CONSOLE_LOCAL_KEY', `must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  const settings: ConsoleSettings = { sessionMs: DEFAULT_SESSION_MINUTES * MINUTE };
  if (localKey !== undefined) settings.localKey = localKey;
  const minutes = nonBlank(env.CONSOLE_SESSION_MINUTES);
  if (minutes !== undefined) {
    const value = /^\d+$/.test(minutes) ? Number(minutes) : Number.NaN;
    if (!(value >= 1 && value <= MAX_SESSION_MINUTES)) {
      return configProblem(
        'CONSOLE_SESSION_MINUTES',
        `must be a whole number from 1 to ${MAX_SESSION_MINUTES}`,
      );
    }
    settings.sessionMs = value * MINUTE;
  }
  if (password === '') return ok(settings);
  if (password.length < MIN_PASSWORD_LENGTH) {
    return configProblem('CONSOLE_PASSWORD', `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  settings.password = password;
  const secret = nonBlank(env.CONSOLE_SECRET);
  if (secret !== undefined && secret.length < MIN_SECRET_LENGTH) {
    return configProblem('CONSOLE_SECRET', `must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  const key = secret ?? nonBlank(env.AUTH_TOKEN);
  if (key === undefined) {
    return configProblem(
      'CONSOLE_SECRET',
      'must be set (at least 32 random characters) when the service has no AUTH_TOKEN',
    );
  }
  settings.secret = key;
  return ok(settings);
}

export type ConsoleAction = (typeof CONSOLE_API.parameters.action.schema.enum)[number];

/** The action asked for; `action` is required. */
export function parseConsoleAction(event: Event): Result<ConsoleAction> {
  const declared = CONSOLE_API.parameters.action;
  const raw = readText(event, declared.names, declared.invalid);
  if (!raw.ok) return raw;
  const actions: readonly string[] = declared.schema.enum;
  if (raw.value === undefined || !actions.includes(raw.value)) {
    return refuse(declared.invalid, declared.names[0], { actions: actions.join(', ') });
  }
  return ok(raw.value as ConsoleAction);
}

/** The password typed at sign-in, as it is (spaces count). */
export function passwordOf(event: Event): string {
  const value = event[CONSOLE_API.parameters.password.names[0]];
  return typeof value === 'string' ? value : '';
}

function headerOf(event: Event, name: string): string | undefined {
  const request = event.request as { headers?: Record<string, unknown> } | undefined;
  const value = request?.headers?.[name];
  return typeof value === 'string' ? value : undefined;
}

/** The session token of `Authorization: Bearer <token>`. */
export function bearerOf(event: Event): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headerOf(event, 'authorization') ?? '');
  return match?.[1];
}

/** The local front's header, when there is one. */
export const localHeaderOf = (event: Event): string | undefined =>
  headerOf(event, CONSOLE_LOCAL_HEADER);
