// When to send: from what the flow asked for, the clock, the zone(s), quiet hours and days, and
// Twilio's scheduling window. Pure: the clock is an argument. A recipient whose zone is not
// certain has several candidate zones: a local time is the latest of its candidate instants, and
// quiet hours and days hold in every one of them (fail closed).

import { ok, type Result, refuse } from '../core/errors';
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
import type { WhenParse } from './when';

/** `when`'s reader and its word data: loaded by the first request that has a `when` (cold start). */
const words = () => require('./when') as typeof import('./when');

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

/** What needed a zone, for the builder's detail: a local sendAt, at, when, quiet hours… */
type ZoneNeed = 'localSendAt' | 'at' | 'when' | 'whenWall' | 'sendTime' | 'quietHours';
const needsZone = (need: ZoneNeed) => refuse('MISSING_TIME_ZONE', 'timeZone', { variant: need });

function tooSoon(requested: number, now: number, window: SchedulingWindow, field: string) {
  if (requested < now) return refuse('SEND_AT_TOO_SOON', field, { variant: 'past' });
  const lead = window.minLeadMinutes;
  return refuse('SEND_AT_TOO_SOON', field, {
    variant: lead === 0 ? 'now' : 'default',
    minLead: lead,
  });
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
        : needsZone('localSendAt');
    case 'at': {
      if (!zone) return needsZone('at');
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
      if (when === undefined) return needsZone('when');
      const read = words().resolveWhen(when, now, zone ?? 'UTC');
      if (!read.ok) return read;
      // A named day or clock time means nothing without the zone it is read in.
      if (!zone && read.value.wall !== undefined) return needsZone('whenWall');
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
    const parsed = words().parseWhen(
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
  if (latest === undefined) return needsZone('sendTime');
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

const noAllowedTime = (field: string) => refuse('NO_ALLOWED_TIME', field);

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
    if (first === undefined) return needsZone('quietHours');
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
  return refuse('SEND_AT_TOO_LATE', field, {
    latest,
    zone,
    maxLeadDays: window.maxLeadDays,
  });
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
