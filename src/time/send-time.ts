// When to send: from what the flow asked for, the clock, the zone(s), quiet hours and days, and
// Twilio's scheduling window. Pure: the clock is an argument. A recipient whose zone is not
// certain has several candidate zones: a local time is the latest of its candidate instants, and
// quiet hours and days hold in every one of them (fail closed).

import { fail, ok, type Result } from '../core/errors';
import { DAY, MINUTE, SECOND } from '../core/units';
import { firstAllowedInstant } from './allowed-time';
import { civilDate, dayNumber } from './civil-date';
import type { Delay } from './duration';
import { formatSendAtText, type Locale } from './local-text';
import { sameTimeOffQuietDays } from './quiet-day-calendar';
import type { QuietDays } from './quiet-days';
import type { MinuteOfDay, QuietHours } from './quiet-hours';
import type { TimeZone } from './time-zone';
import {
  formatLocal,
  formatUtc,
  instantOf,
  instantsOf,
  type WallTime,
  wallTimeAt,
} from './wall-clock';
import { parseWhen, resolveWhen, type WhenParse } from './when';

/** What the flow asked for: exactly one of `minutes`, `delay`, `sendAt`, `at`, `when`. */
export type SendTimeSpec =
  | { kind: 'minutes'; minutes: number }
  | { kind: 'delay'; delay: Delay }
  | { kind: 'instant'; instant: number }
  | { kind: 'local'; wall: WallTime }
  | { kind: 'at'; minuteOfDay: MinuteOfDay }
  | { kind: 'when'; text: string };

export type IfTooSoon = 'reject' | 'earliest';

export interface SendTimeRequest {
  spec: SendTimeSpec;
  /** The zones the recipient may be in: none known, one, or several candidates. */
  zones: readonly TimeZone[];
  quietHours: QuietHours | null;
  quietDays: QuietDays | null;
  ifTooSoon: IfTooSoon;
  /** The language of `when` and of `sendAtText`. */
  locale: Locale;
  /** The locale the flow gave, if any: `when` is read in its language only, else in every one. */
  whenLocale?: Locale;
}

/** Twilio accepts SendAt from 15 minutes to 35 days ahead; both ends are configurable. */
export interface SchedulingWindow {
  minLeadMinutes: number;
  maxLeadDays: number;
}

export interface SendTime {
  /** ms since epoch, whole seconds: exactly what is sent to Twilio. */
  instant: number;
  /** `2026-12-01T14:00:00Z`, the SendAt sent to Twilio. */
  sendAt: string;
  /** The same instant on the wall clock of `timeZone`, when a zone is known. */
  sendAtLocal?: string;
  /** The same instant as a person reads it, in `locale`: `Thursday, December 3 at 8:00 AM EST`. */
  sendAtText?: string;
  timeZone?: TimeZone;
  /** Every candidate zone, when the recipient's zone is one of several. */
  timeZones?: TimeZone[];
  /** With `when`: the part of the text read as the time. */
  interpreted?: string;
  /** With `when`: the language it was read in (`fr`). */
  language?: string;
  /** Why the time differs from the one asked for, if it does. */
  adjusted?: 'quiet-hours' | 'quiet-days' | 'earliest';
}

/** The time asked for, before the window and quiet rules: what a series repeats. */
export interface RequestedTime {
  /** ms since epoch, not rounded. */
  instant: number;
  /** The zone the local time was read in (the latest candidate's), if any. */
  zone?: TimeZone;
  /**
   * The wall time asked for in `zone`, when the request named one. It may not exist (02:30 on a
   * spring-forward night, sent at 03:30): a series keeps it on every other day.
   */
  wall?: WallTime;
  interpreted?: string;
  language?: string;
}

const WEEK = 7 * DAY;

/** Twilio measures the window from when it receives the request, a little after `now`. */
export const SAFETY_MARGIN_MS = 30_000;

const ceilToSecond = (instant: number): number => Math.ceil(instant / SECOND) * SECOND;

export function schedulingWindow(now: number, window: SchedulingWindow) {
  return {
    earliest: now + window.minLeadMinutes * MINUTE + SAFETY_MARGIN_MS,
    // Not rounded up: a whole second past it would be past Twilio's maximum.
    latest: now + window.maxLeadDays * DAY,
  };
}

const needsZone = (what: string) =>
  fail(
    'MISSING_TIME_ZONE',
    "Sorry, the time zone for that time isn't known, so nothing was scheduled.",
    'timeZone',
    `${what} needs a time zone: give "timeZone" (e.g. America/New_York), or set DEFAULT_TIME_ZONE on the service.`,
  );

/** "15 minutes", "1 hour", "2 days": a lead time as a person says it. */
function spanText(minutes: number): string {
  const [amount, unit] =
    minutes >= 1440 && minutes % 1440 === 0
      ? [minutes / 1440, 'day']
      : minutes >= 60 && minutes % 60 === 0
        ? [minutes / 60, 'hour']
        : [minutes, 'minute'];
  return `${amount} ${unit}${amount === 1 ? '' : 's'}`;
}

/** Bounded: one per zone a service instance meets (a series may ask 100 times). */
const humanFormats = new Map<TimeZone, Intl.DateTimeFormat>();

/** "5 Jan 2027, 09:00 (America/New_York)": an instant as a person reads it, in `zone`. */
export function humanTime(instant: number, zone: TimeZone | undefined): string {
  const name = zone ?? 'UTC';
  let format = humanFormats.get(name);
  if (format === undefined) {
    if (humanFormats.size >= 200) humanFormats.clear();
    format = new Intl.DateTimeFormat('en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: name,
    });
    humanFormats.set(name, format);
  }
  return `${format.format(instant)} (${name})`;
}

const IF_TOO_SOON_HINT =
  'Pick a later time, or pass ifTooSoon=earliest to move it to the earliest allowed time.';

function tooSoon(requested: number, now: number, window: SchedulingWindow, field: string) {
  if (requested < now) {
    return fail(
      'SEND_AT_TOO_SOON',
      'Sorry, that time is in the past.',
      field,
      `The send time asked for is before now. ${IF_TOO_SOON_HINT}`,
    );
  }
  const lead = window.minLeadMinutes;
  return fail(
    'SEND_AT_TOO_SOON',
    lead === 0
      ? "Sorry, that time is too soon: a message can't be scheduled for right now."
      : `Sorry, that time is too soon: a message can be scheduled from ${spanText(lead)} ahead.`,
    field,
    `The send time must be at least ${lead} minutes from now (SCHEDULE_MIN_LEAD_MINUTES; Twilio's minimum is 15). ${IF_TOO_SOON_HINT}`,
  );
}

type Reading = {
  instant: number;
  interpreted?: string;
  language?: string;
  local: boolean;
  wall?: WallTime;
};

/** The instant asked for in one zone (or none), before the window and quiet rules. */
function readIn(
  spec: SendTimeSpec,
  zone: TimeZone | undefined,
  now: number,
  earliest: number,
  when: WhenParse | undefined,
): Result<Reading> {
  switch (spec.kind) {
    case 'minutes':
      return ok({ instant: now + spec.minutes * MINUTE, local: false });
    case 'delay': {
      // Days follow the calendar of the zone (09:00 stays 09:00 across DST); UTC without one.
      if (spec.delay.days === 0)
        return ok({ instant: now + spec.delay.milliseconds, local: false });
      const today = wallTimeAt(now, zone ?? 'UTC');
      const wall = {
        ...today,
        ...civilDate(dayNumber(today.year, today.month, today.day) + spec.delay.days),
      };
      const shifted = instantOf(wall, zone ?? 'UTC');
      // The wall clock has whole seconds: carry the clock's milliseconds over.
      const instant = shifted + (now % SECOND) + spec.delay.milliseconds;
      // With hours or minutes too, the wall time is the instant's own.
      return ok({ instant, local: true, ...(spec.delay.milliseconds === 0 ? { wall } : {}) });
    }
    case 'instant':
      return ok({ instant: spec.instant, local: false });
    case 'local':
      return zone
        ? ok({ instant: instantOf(spec.wall, zone), local: true, wall: spec.wall })
        : needsZone('A sendAt without an offset');
    case 'at': {
      if (!zone) return needsZone('"at"');
      const base = wallTimeAt(earliest, zone);
      const time = {
        hour: Math.floor(spec.minuteOfDay / 60),
        minute: spec.minuteOfDay % 60,
        second: 0,
      };
      // Today's (twice on a fall-back night, and the second may still be ahead) or tomorrow's.
      const today = { ...base, ...time };
      const tomorrow = {
        ...civilDate(dayNumber(base.year, base.month, base.day) + 1),
        ...time,
      };
      const found = instantsOf(today, zone).find((instant) => instant >= earliest);
      if (found !== undefined) return ok({ instant: found, local: true, wall: today });
      const next = instantsOf(tomorrow, zone);
      return ok({
        instant: next.find((instant) => instant >= earliest) ?? next[0],
        local: true,
        wall: tomorrow,
      });
    }
    case 'when': {
      // Read once for every zone (in requestedTime); only the placing is per zone.
      if (when === undefined) return needsZone('"when"');
      const read = resolveWhen(when, now, zone ?? 'UTC');
      if (!read.ok) return read;
      // A named day or clock time means nothing without the zone it is read in.
      if (!zone && read.value.wall !== undefined) return needsZone('"when" with a day or a time');
      const reading: Reading = {
        instant: read.value.instant,
        interpreted: read.value.interpreted,
        language: read.value.language,
        local: read.value.wall !== undefined,
      };
      if (read.value.wall !== undefined) reading.wall = read.value.wall;
      return ok(reading);
    }
  }
}

/**
 * The time asked for. With several candidate zones a local time is read in each, and the latest
 * instant is taken (so that it is no earlier than asked anywhere); its zone is the one shown.
 */
export function requestedTime(
  request: SendTimeRequest,
  window: SchedulingWindow,
  now: number,
): Result<RequestedTime> {
  const { earliest } = schedulingWindow(now, window);
  const zones: (TimeZone | undefined)[] =
    request.zones.length > 0 ? [...request.zones] : [undefined];
  let when: WhenParse | undefined;
  if (request.spec.kind === 'when') {
    const options = { now, zone: zones[0] ?? 'UTC' };
    const parsed = parseWhen(
      request.spec.text,
      request.whenLocale === undefined ? options : { ...options, locale: request.whenLocale },
    );
    if (!parsed.ok) return parsed;
    when = parsed.value;
  }
  let latest: { reading: Reading; zone: TimeZone | undefined } | undefined;
  for (const zone of zones) {
    const reading = readIn(request.spec, zone, now, earliest, when);
    if (!reading.ok) return reading;
    if (latest === undefined || reading.value.instant > latest.reading.instant)
      latest = { reading: reading.value, zone };
    // An exact instant is the same in every zone: one reading is enough.
    if (!reading.value.local) break;
  }
  if (latest === undefined) return needsZone('The send time');
  const requested: RequestedTime = { instant: latest.reading.instant };
  const shownZone = latest.zone ?? request.zones[0];
  if (shownZone !== undefined) requested.zone = shownZone;
  if (latest.reading.wall !== undefined && latest.zone !== undefined) {
    requested.wall = latest.reading.wall;
  }
  if (latest.reading.interpreted !== undefined) requested.interpreted = latest.reading.interpreted;
  if (latest.reading.language !== undefined) requested.language = latest.reading.language;
  return ok(requested);
}

const noAllowedTime = (field: string) =>
  fail(
    'NO_ALLOWED_TIME',
    "Sorry, there's no time in the coming weeks when a message may be sent.",
    field,
    'Quiet hours and quiet days, which must hold in every zone the recipient may be in, leave no allowed time inside the scheduling window. Shorten them, or give an exact timeZone.',
  );

/**
 * From a requested instant to the one sent: moved to the earliest allowed time if asked, out of
 * quiet hours and days in every zone, rounded up to a whole second, and checked against the
 * window. Each occurrence of a series goes through here on its own.
 */
export function finalTime(
  requested: RequestedTime,
  request: SendTimeRequest,
  window: SchedulingWindow,
  now: number,
): Result<SendTime> {
  const { earliest, latest } = schedulingWindow(now, window);
  const field = sendTimeField(request.spec);
  // Rounded up first, so the whole second sent is the one checked against quiet rules.
  let instant = ceilToSecond(requested.instant);
  let adjusted: SendTime['adjusted'];
  if (instant < earliest && request.ifTooSoon === 'earliest') {
    instant = ceilToSecond(earliest);
    adjusted = 'earliest';
  }
  if (request.quietHours !== null || request.quietDays !== null) {
    const [first, ...others] = request.zones;
    if (first === undefined) return needsZone('Quiet hours (from quietHours or QUIET_HOURS)');
    const zones: [TimeZone, ...TimeZone[]] = [first, ...others];
    const rules = { quietHours: request.quietHours, quietDays: request.quietDays };
    // A quiet day first: the same local time on the next day that is not quiet anywhere.
    if (request.quietDays !== null) {
      const moved = sameTimeOffQuietDays(
        instant,
        request.quietDays,
        zones,
        requested.zone ?? first,
      );
      if (moved === null) return noAllowedTime(field);
      if (moved !== instant) {
        instant = moved;
        adjusted = 'quiet-days';
      }
    }
    // Then quiet hours. Quiet ends on a wall-clock minute or midnight: still a whole second.
    // Looked for a week past the window (or the time asked for): an allowed time past the window
    // is "too late", none at all (every candidate zone quiet all the time) "no allowed time".
    const limit = Math.max(instant, latest) + WEEK;
    const allowed = firstAllowedInstant(instant, rules, zones, limit);
    if (allowed === null) return noAllowedTime(field);
    if (allowed !== instant) {
      instant = allowed;
      if (adjusted !== 'quiet-days') adjusted = 'quiet-hours';
    }
  }

  if (instant < earliest) return tooSoon(requested.instant, now, window, field);
  if (instant > latest) return tooLate(latest, requested.zone, window, field);

  const sendTime: SendTime = { instant, sendAt: formatUtc(instant) };
  const zone = requested.zone;
  if (zone) {
    sendTime.sendAtLocal = formatLocal(instant, zone);
    // In the texter's language: the locale given, else the one `when` was read in.
    const locale = request.whenLocale ?? requested.language ?? request.locale;
    sendTime.sendAtText = formatSendAtText(instant, zone, locale);
    sendTime.timeZone = zone;
  }
  if (request.zones.length > 1) sendTime.timeZones = [...request.zones];
  if (requested.interpreted !== undefined) sendTime.interpreted = requested.interpreted;
  if (requested.language !== undefined) sendTime.language = requested.language;
  if (adjusted) sendTime.adjusted = adjusted;
  return ok(sendTime);
}

export function computeSendTime(
  request: SendTimeRequest,
  window: SchedulingWindow,
  now: number,
): Result<SendTime> {
  const requested = requestedTime(request, window, now);
  if (!requested.ok) return requested;
  return finalTime(requested.value, request, window, now);
}

function tooLate(
  latest: number,
  zone: TimeZone | undefined,
  window: SchedulingWindow,
  field: string,
) {
  return fail(
    'SEND_AT_TOO_LATE',
    `Sorry, that is too far ahead: the latest a message can be scheduled for is ${humanTime(latest, zone)}.`,
    field,
    `The send time must be at most ${window.maxLeadDays} days from now (SCHEDULE_MAX_LEAD_DAYS; Twilio's maximum is 35).`,
  );
}

function sendTimeField(spec: SendTimeSpec): string {
  switch (spec.kind) {
    case 'minutes':
      return 'minutes';
    case 'delay':
      return 'delay';
    case 'at':
      return 'at';
    case 'when':
      return 'when';
    default:
      return 'sendAt';
  }
}
