// The service's environment variables, read once per request into a typed Config.
import { type AppError, fail, ok, type Result } from './errors';
import { parseQuietHours, type QuietHours } from './quiet-hours';
import type { SchedulingWindow } from './send-time';
import { parseTimeZone, type TimeZone } from './time-zone';

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

export interface Config {
  messagingServiceSid?: string;
  defaultTimeZone?: TimeZone;
  quietHours?: QuietHours;
  window: SchedulingWindow;
  /** Where Twilio API calls go instead of *.twilio.com: a loopback emulator, never anything else. */
  apiBaseUrl?: string;
  /** Things a person running the service should know, e.g. an ignored TWILIO_API_BASE_URL. */
  warnings: string[];
}

export const MESSAGING_SERVICE_SID = /^MG[0-9a-fA-F]{32}$/;
const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;
const AUTH_TOKEN = /^[0-9a-zA-Z]{32}$/;

const invalid = (name: string, expected: string): { ok: false; error: AppError } =>
  fail('CONFIG_INVALID', `The service is misconfigured: ${name} must be ${expected}.`, name);

const present = (value: string | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

function readNumber(
  env: Env,
  name: keyof Env,
  fallback: number,
  min: number,
  max: number,
): Result<number> {
  const raw = present(env[name]);
  if (raw === undefined) return ok(fallback);
  const value = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= min && value <= max)) return invalid(name, `a number from ${min} to ${max}`);
  return ok(value);
}

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

function isWebUrl(raw: string): boolean {
  try {
    const { protocol } = new URL(raw);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** Only a loopback address may replace Twilio, so credentials can't be sent anywhere else. */
export function isLoopbackUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.username || url.password) return false;
  return LOOPBACK_HOSTS.has(url.hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(url.hostname);
}

export function readConfig(env: Env): Result<Config> {
  const config: Config = { window: { minLeadMinutes: 15, maxLeadDays: 35 }, warnings: [] };

  // Only the shape is checked, and the value is never echoed: these are credentials.
  const accountSid = present(env.ACCOUNT_SID);
  if (accountSid !== undefined && !ACCOUNT_SID.test(accountSid))
    return invalid('ACCOUNT_SID', 'AC followed by 32 hex characters');
  const authToken = present(env.AUTH_TOKEN);
  if (authToken !== undefined && !AUTH_TOKEN.test(authToken))
    return invalid('AUTH_TOKEN', '32 letters and digits');

  const sid = present(env.MESSAGING_SERVICE_SID);
  if (sid !== undefined) {
    if (!MESSAGING_SERVICE_SID.test(sid))
      return invalid('MESSAGING_SERVICE_SID', 'MG followed by 32 hex characters');
    config.messagingServiceSid = sid;
  }

  const zone = present(env.DEFAULT_TIME_ZONE);
  if (zone !== undefined) {
    const parsed = parseTimeZone(zone, 'DEFAULT_TIME_ZONE');
    if (!parsed.ok)
      return invalid('DEFAULT_TIME_ZONE', 'an IANA time zone such as America/New_York');
    config.defaultTimeZone = parsed.value;
  }

  const quiet = present(env.QUIET_HOURS);
  if (quiet !== undefined) {
    const parsed = parseQuietHours(quiet, 'QUIET_HOURS');
    if (!parsed.ok) return invalid('QUIET_HOURS', 'HH:mm-HH:mm such as 21:00-08:00, or off');
    if (parsed.value) config.quietHours = parsed.value;
  }

  const maxLeadDays = readNumber(env, 'SCHEDULE_MAX_LEAD_DAYS', 35, 1, 35);
  if (!maxLeadDays.ok) return maxLeadDays;
  const minLeadMinutes = readNumber(env, 'SCHEDULE_MIN_LEAD_MINUTES', 15, 0, 24 * 60);
  if (!minLeadMinutes.ok) return minLeadMinutes;
  // An empty window would refuse every request as too soon or too late: say why instead.
  if (minLeadMinutes.value + 1 > maxLeadDays.value * 24 * 60)
    return invalid('SCHEDULE_MIN_LEAD_MINUTES', 'shorter than SCHEDULE_MAX_LEAD_DAYS');
  config.window = { minLeadMinutes: minLeadMinutes.value, maxLeadDays: maxLeadDays.value };

  const baseUrl = present(env.TWILIO_API_BASE_URL);
  if (baseUrl !== undefined) {
    // Garbage is a mistake to report; a real address elsewhere is refused as the SPEC says, so
    // that credentials only ever leave for Twilio or this machine.
    if (!isWebUrl(baseUrl)) return invalid('TWILIO_API_BASE_URL', 'an http(s) URL on loopback');
    if (isLoopbackUrl(baseUrl)) config.apiBaseUrl = baseUrl.replace(/\/+$/, '');
    else config.warnings.push('TWILIO_API_BASE_URL ignored: only loopback addresses are accepted.');
  }
  return ok(config);
}
