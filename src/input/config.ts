// The service's environment variables, read once per request into a typed Config. Every default
// the service has is here: the window's ends, and what a request falls back to when it does not
// say (applied to each request in one place, `applyDefaults` in schedule-request.ts).
import { ok, type Result, refuse } from '../core/errors';
import { isSid } from '../core/sid';
import { nonBlank } from '../core/text';
import { isLoopbackUrl, isWebUrl } from '../core/web-url';
import { type Locale, parseLocale } from '../time/local-text';
import { parseQuietDays, type QuietDays } from '../time/quiet-days';
import { parseQuietHours, type QuietHours } from '../time/quiet-hours';
import { parseOffsets, type ReminderOffset } from '../time/reminders';
import type { SchedulingWindow } from '../time/send-time';
import { parseTimeZone, type TimeZone } from '../time/time-zone';
import { parseMaxPerDay } from './appointment-request';

export interface Env {
  MESSAGING_SERVICE_SID?: string;
  DEFAULT_TIME_ZONE?: string;
  QUIET_HOURS?: string;
  QUIET_DAYS?: string;
  DEFAULT_LOCALE?: string;
  SCHEDULE_MIN_LEAD_MINUTES?: string;
  SCHEDULE_MAX_LEAD_DAYS?: string;
  TWILIO_API_BASE_URL?: string;
  /** The Sync service of the registry (IS…); unset: the account's `default` service. */
  SYNC_SERVICE_SID?: string;
  /** `off` turns the registry off: version 1 behaviour, no Sync. */
  REGISTRY?: string;
  /** An appointment's reminders when a request gives no `remind`: `24h,2h`. */
  REMINDER_OFFSETS?: string;
  /** At most this many messages per recipient per local day (needs the registry). */
  MAX_PER_DAY?: string;
  /** Set by Twilio in every Function's context: the service's domain. */
  DOMAIN_NAME?: string;
  /** Read by context.getTwilioClient(); checked here so that a bad value is named, not thrown. */
  ACCOUNT_SID?: string;
  AUTH_TOKEN?: string;
}

/** What a request gets for what it does not give. */
export interface RequestDefaults {
  messagingServiceSid?: string;
  /** A zone, or `recipient`: the zones of the recipient's number. */
  timeZone?: ZoneChoice;
  /** null: no quiet hours unless the request gives some. */
  quietHours: QuietHours | null;
  /** null: no quiet days unless the request gives some. */
  quietDays: QuietDays | null;
  /** The language of `when` and `sendAtText`. */
  locale: Locale;
  /** An appointment's reminders, before it: REMINDER_OFFSETS, else 24h and 2h. */
  reminderOffsets?: ReminderOffset[];
  /** Messages per recipient per local day; null or absent: no cap. */
  maxPerDay?: number | null;
}

/** `timeZone` as a request or DEFAULT_TIME_ZONE gives it. */
export type ZoneChoice = TimeZone | 'recipient';

/** The language when neither the request nor DEFAULT_LOCALE gives one. */
export const DEFAULT_LOCALE: Locale = 'en-US';

/** The reminders when neither the request nor REMINDER_OFFSETS says: a day and two hours before. */
export const DEFAULT_REMINDER_OFFSETS = '24h,2h';
export const defaultOffsets = (): ReminderOffset[] => {
  const parsed = parseOffsets(DEFAULT_REMINDER_OFFSETS);
  if (!parsed.ok) throw new Error('DEFAULT_REMINDER_OFFSETS must parse');
  return parsed.value;
};

/** `recipient` (any case), or an IANA zone. */
export function parseZoneChoice(raw: string, field = 'timeZone'): Result<ZoneChoice> {
  return raw.trim().toLowerCase() === 'recipient'
    ? ok('recipient')
    : parseTimeZone(raw.trim(), field);
}

export interface Config {
  defaults: RequestDefaults;
  window: SchedulingWindow;
  /** Where Twilio API calls go instead of *.twilio.com: a loopback emulator, never anything else. */
  apiBaseUrl?: string;
  /** Things a person running the service should know, e.g. an ignored TWILIO_API_BASE_URL. */
  warnings: string[];
  /** The registry's Sync service (a SID or `default`); absent when REGISTRY=off. */
  registry?: { service: string };
  /** `https://DOMAIN_NAME/message-status`, where Twilio reports what became of a message. */
  statusCallbackUrl?: string;
  /** The account the service runs in: status callbacks of any other account are ignored. */
  accountSid?: string;
}

/** Twilio's own window: from 15 minutes to 35 days ahead. */
export const DEFAULT_WINDOW: Readonly<SchedulingWindow> = { minLeadMinutes: 15, maxLeadDays: 35 };

const AUTH_TOKEN = /^[0-9a-zA-Z]{32}$/;

/** One thing wrong with the environment, for the builder: the variable and what it must be. */
export interface ConfigProblem {
  name: string;
  problem: string;
}

export interface ConfigCheckOptions {
  /**
   * Before a deploy: a missing MESSAGING_SERVICE_SID is a problem (at run time a request may
   * give its own), and so is a loopback TWILIO_API_BASE_URL (the deployed service would send
   * its Twilio calls to itself).
   */
  forDeploy?: boolean;
}

function readNumber(
  env: Env,
  name: keyof Env,
  fallback: number,
  min: number,
  max: number,
  problems: ConfigProblem[],
): number {
  const raw = nonBlank(env[name]);
  if (raw === undefined) return fallback;
  const value = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  if (value >= min && value <= max) return value;
  problems.push({ name, problem: `must be a number from ${min} to ${max}` });
  return fallback;
}

/** The configuration, and every problem found on the way (the values are never echoed). */
function parseConfig(env: Env): { config: Config; problems: ConfigProblem[] } {
  const config: Config = {
    defaults: { quietHours: null, quietDays: null, locale: DEFAULT_LOCALE },
    window: DEFAULT_WINDOW,
    warnings: [],
  };
  const problems: ConfigProblem[] = [];
  const problem = (name: keyof Env, expected: string) =>
    problems.push({ name, problem: `must be ${expected}` });

  // Only the shape is checked, and the value is never echoed: these are credentials.
  const accountSid = nonBlank(env.ACCOUNT_SID);
  if (accountSid !== undefined && !isSid('AC', accountSid))
    problem('ACCOUNT_SID', 'AC followed by 32 hex characters');
  else if (accountSid !== undefined) config.accountSid = accountSid;
  const authToken = nonBlank(env.AUTH_TOKEN);
  if (authToken !== undefined && !AUTH_TOKEN.test(authToken))
    problem('AUTH_TOKEN', '32 letters and digits');

  const sid = nonBlank(env.MESSAGING_SERVICE_SID);
  if (sid !== undefined) {
    if (isSid('MG', sid)) config.defaults.messagingServiceSid = sid;
    else problem('MESSAGING_SERVICE_SID', 'MG followed by 32 hex characters');
  }

  const zone = nonBlank(env.DEFAULT_TIME_ZONE);
  if (zone !== undefined) {
    const parsed = parseZoneChoice(zone, 'DEFAULT_TIME_ZONE');
    if (parsed.ok) config.defaults.timeZone = parsed.value;
    else problem('DEFAULT_TIME_ZONE', 'an IANA time zone such as America/New_York, or recipient');
  }

  const quiet = nonBlank(env.QUIET_HOURS);
  if (quiet !== undefined) {
    const parsed = parseQuietHours(quiet, 'QUIET_HOURS');
    if (parsed.ok) config.defaults.quietHours = parsed.value;
    else problem('QUIET_HOURS', 'HH:mm-HH:mm such as 21:00-08:00, or off');
  }

  const days = nonBlank(env.QUIET_DAYS);
  if (days !== undefined) {
    const parsed = parseQuietDays(days, 'QUIET_DAYS');
    if (parsed.ok) config.defaults.quietDays = parsed.value;
    else problem('QUIET_DAYS', 'weekdays such as sun or sat,sun, or off');
  }

  const locale = nonBlank(env.DEFAULT_LOCALE);
  if (locale !== undefined) {
    const parsed = parseLocale(locale, 'DEFAULT_LOCALE');
    if (parsed.ok) config.defaults.locale = parsed.value;
    else problem('DEFAULT_LOCALE', 'a BCP 47 language tag such as en-US or fr-FR');
  }

  const offsets = nonBlank(env.REMINDER_OFFSETS);
  if (offsets !== undefined) {
    const parsed = parseOffsets(offsets, 'REMINDER_OFFSETS');
    if (parsed.ok) config.defaults.reminderOffsets = parsed.value;
    else problem('REMINDER_OFFSETS', '1 to 10 durations such as 24h,2h or P1D,PT2H');
  }

  const cap = nonBlank(env.MAX_PER_DAY);
  if (cap !== undefined) {
    const parsed = parseMaxPerDay(cap, 'MAX_PER_DAY');
    if (parsed.ok && parsed.value !== null) config.defaults.maxPerDay = parsed.value;
    else problem('MAX_PER_DAY', 'a whole number from 1 to 100, or off');
  }

  const before = problems.length;
  const maxLeadDays = readNumber(
    env,
    'SCHEDULE_MAX_LEAD_DAYS',
    DEFAULT_WINDOW.maxLeadDays,
    1,
    DEFAULT_WINDOW.maxLeadDays,
    problems,
  );
  const minLeadMinutes = readNumber(
    env,
    'SCHEDULE_MIN_LEAD_MINUTES',
    DEFAULT_WINDOW.minLeadMinutes,
    0,
    24 * 60,
    problems,
  );
  // An empty window would refuse every request as too soon or too late: say why instead.
  if (problems.length === before && minLeadMinutes + 1 > maxLeadDays * 24 * 60)
    problem('SCHEDULE_MIN_LEAD_MINUTES', 'shorter than SCHEDULE_MAX_LEAD_DAYS');
  config.window = { minLeadMinutes, maxLeadDays };

  const baseUrl = nonBlank(env.TWILIO_API_BASE_URL);
  if (baseUrl !== undefined) {
    // Garbage is a mistake to report; a real address elsewhere is refused (ignored, with a
    // warning), so that credentials only ever leave for Twilio or this machine.
    if (!isWebUrl(baseUrl)) problem('TWILIO_API_BASE_URL', 'an http(s) URL on loopback');
    else if (isLoopbackUrl(baseUrl)) config.apiBaseUrl = baseUrl.replace(/\/+$/, '');
    else config.warnings.push('TWILIO_API_BASE_URL ignored: only loopback addresses are accepted.');
  }
  // The registry (docs/registry.md): REGISTRY=off turns it off; else SYNC_SERVICE_SID or the
  // account's `default` Sync service.
  const registry = nonBlank(env.REGISTRY)?.toLowerCase();
  if (registry !== undefined && registry !== 'on' && registry !== 'off')
    problem('REGISTRY', 'on or off');
  if (registry !== 'off') {
    const service = nonBlank(env.SYNC_SERVICE_SID);
    if (service !== undefined && !isSid('IS', service))
      problem('SYNC_SERVICE_SID', 'IS followed by 32 hex characters');
    config.registry = { service: service ?? 'default' };
  } else if (config.defaults.maxPerDay !== undefined)
    // The cap counts what the registry holds: without it, it could not hold.
    problem(
      'MAX_PER_DAY',
      'off (or unset) while REGISTRY=off: the cap counts what the registry holds',
    );
  // Twilio sets it; a value that is not a host name (and port) is not used to build a URL.
  const domain = nonBlank(env.DOMAIN_NAME);
  if (domain !== undefined && /^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(domain))
    config.statusCallbackUrl = `https://${domain}/message-status`;
  return { config, problems };
}

/**
 * Every problem with the environment at once, in the order the variables are read: what
 * `npm run deploy` and `npm start` list before they start (scripts/check-config.ts).
 */
export function configProblems(env: Env, options: ConfigCheckOptions = {}): ConfigProblem[] {
  const { problems } = parseConfig(env);
  if (options.forDeploy) {
    if (nonBlank(env.MESSAGING_SERVICE_SID) === undefined) {
      problems.unshift({
        name: 'MESSAGING_SERVICE_SID',
        problem:
          'is not set: every request would fail (without it Twilio sends at once, so the service never calls it)',
      });
    }
    const baseUrl = nonBlank(env.TWILIO_API_BASE_URL);
    if (baseUrl !== undefined && isWebUrl(baseUrl) && isLoopbackUrl(baseUrl)) {
      problems.push({
        name: 'TWILIO_API_BASE_URL',
        problem: 'points at this machine (a local emulator): remove it from the .env you deploy',
      });
    }
  }
  return problems;
}

/** "A must be …; B must be …": every problem in one line, for a detail or a terminal. */
export const describeProblems = (problems: readonly ConfigProblem[]): string =>
  problems.map(({ name, problem }) => `${name} ${problem}`).join('; ');

export function readConfig(env: Env): Result<Config> {
  const { config, problems } = parseConfig(env);
  const [first] = problems;
  if (first === undefined) return ok(config);
  return refuse('CONFIG_INVALID', first.name, {
    count: problems.length,
    problems: describeProblems(problems),
  });
}
