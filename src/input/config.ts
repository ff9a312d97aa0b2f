// The service's environment variables, read once per request into a typed Config. Every default
// the service has is here: the window's ends, and what a request falls back to when it does not
// say (applied to each request in one place, `applyDefaults` in schedule-request.ts).
import { type AppError, fail, ok, type Result } from '../core/errors';
import { isSid } from '../core/sid';
import { nonBlank } from '../core/text';
import { isLoopbackUrl, isWebUrl } from '../core/web-url';
import { parseQuietHours, type QuietHours } from '../time/quiet-hours';
import type { SchedulingWindow } from '../time/send-time';
import { parseTimeZone, type TimeZone } from '../time/time-zone';

export interface Env {
  MESSAGING_SERVICE_SID?: string;
  DEFAULT_TIME_ZONE?: string;
  QUIET_HOURS?: string;
  SCHEDULE_MIN_LEAD_MINUTES?: string;
  SCHEDULE_MAX_LEAD_DAYS?: string;
  TWILIO_API_BASE_URL?: string;
  /** Read by context.getTwilioClient(); checked here so that a bad value is named, not thrown. */
  ACCOUNT_SID?: string;
  AUTH_TOKEN?: string;
}

/** What a request gets for what it does not give. */
export interface RequestDefaults {
  messagingServiceSid?: string;
  timeZone?: TimeZone;
  /** null: no quiet hours unless the request gives some. */
  quietHours: QuietHours | null;
}

export interface Config {
  defaults: RequestDefaults;
  window: SchedulingWindow;
  /** Where Twilio API calls go instead of *.twilio.com: a loopback emulator, never anything else. */
  apiBaseUrl?: string;
  /** Things a person running the service should know, e.g. an ignored TWILIO_API_BASE_URL. */
  warnings: string[];
}

/** Twilio's own window: from 15 minutes to 35 days ahead. */
export const DEFAULT_WINDOW: Readonly<SchedulingWindow> = { minLeadMinutes: 15, maxLeadDays: 35 };

const AUTH_TOKEN = /^[0-9a-zA-Z]{32}$/;

const invalid = (name: string, expected: string): { ok: false; error: AppError } =>
  fail('CONFIG_INVALID', `The service is misconfigured: ${name} must be ${expected}.`, name);

function readNumber(
  env: Env,
  name: keyof Env,
  fallback: number,
  min: number,
  max: number,
): Result<number> {
  const raw = nonBlank(env[name]);
  if (raw === undefined) return ok(fallback);
  const value = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= min && value <= max)) return invalid(name, `a number from ${min} to ${max}`);
  return ok(value);
}

export function readConfig(env: Env): Result<Config> {
  const config: Config = { defaults: { quietHours: null }, window: DEFAULT_WINDOW, warnings: [] };

  // Only the shape is checked, and the value is never echoed: these are credentials.
  const accountSid = nonBlank(env.ACCOUNT_SID);
  if (accountSid !== undefined && !isSid('AC', accountSid))
    return invalid('ACCOUNT_SID', 'AC followed by 32 hex characters');
  const authToken = nonBlank(env.AUTH_TOKEN);
  if (authToken !== undefined && !AUTH_TOKEN.test(authToken))
    return invalid('AUTH_TOKEN', '32 letters and digits');

  const sid = nonBlank(env.MESSAGING_SERVICE_SID);
  if (sid !== undefined) {
    if (!isSid('MG', sid))
      return invalid('MESSAGING_SERVICE_SID', 'MG followed by 32 hex characters');
    config.defaults.messagingServiceSid = sid;
  }

  const zone = nonBlank(env.DEFAULT_TIME_ZONE);
  if (zone !== undefined) {
    const parsed = parseTimeZone(zone, 'DEFAULT_TIME_ZONE');
    if (!parsed.ok)
      return invalid('DEFAULT_TIME_ZONE', 'an IANA time zone such as America/New_York');
    config.defaults.timeZone = parsed.value;
  }

  const quiet = nonBlank(env.QUIET_HOURS);
  if (quiet !== undefined) {
    const parsed = parseQuietHours(quiet, 'QUIET_HOURS');
    if (!parsed.ok) return invalid('QUIET_HOURS', 'HH:mm-HH:mm such as 21:00-08:00, or off');
    config.defaults.quietHours = parsed.value;
  }

  const maxLeadDays = readNumber(
    env,
    'SCHEDULE_MAX_LEAD_DAYS',
    DEFAULT_WINDOW.maxLeadDays,
    1,
    DEFAULT_WINDOW.maxLeadDays,
  );
  if (!maxLeadDays.ok) return maxLeadDays;
  const minLeadMinutes = readNumber(
    env,
    'SCHEDULE_MIN_LEAD_MINUTES',
    DEFAULT_WINDOW.minLeadMinutes,
    0,
    24 * 60,
  );
  if (!minLeadMinutes.ok) return minLeadMinutes;
  // An empty window would refuse every request as too soon or too late: say why instead.
  if (minLeadMinutes.value + 1 > maxLeadDays.value * 24 * 60)
    return invalid('SCHEDULE_MIN_LEAD_MINUTES', 'shorter than SCHEDULE_MAX_LEAD_DAYS');
  config.window = { minLeadMinutes: minLeadMinutes.value, maxLeadDays: maxLeadDays.value };

  const baseUrl = nonBlank(env.TWILIO_API_BASE_URL);
  if (baseUrl !== undefined) {
    // Garbage is a mistake to report; a real address elsewhere is refused as the SPEC says, so
    // that credentials only ever leave for Twilio or this machine.
    if (!isWebUrl(baseUrl)) return invalid('TWILIO_API_BASE_URL', 'an http(s) URL on loopback');
    if (isLoopbackUrl(baseUrl)) config.apiBaseUrl = baseUrl.replace(/\/+$/, '');
    else config.warnings.push('TWILIO_API_BASE_URL ignored: only loopback addresses are accepted.');
  }
  return ok(config);
}
