// When to send: from what the flow asked for, the clock, the zone, quiet hours and Twilio's
// scheduling window. Pure: the clock is an argument.

import { fail, ok, type Result } from '../core/errors';
import { DAY, MINUTE, SECOND } from '../core/units';
import type { Delay } from './duration';
import { endOfQuietHours, type MinuteOfDay, type QuietHours } from './quiet-hours';
import type { TimeZone } from './time-zone';
import {
  formatLocal,
  formatUtc,
  instantOf,
  instantsOf,
  type WallTime,
  wallTimeAt,
} from './wall-clock';

/** What the flow asked for: exactly one of `minutes`, `delay`, `sendAt`, `at`. */
export type SendTimeSpec =
  | { kind: 'minutes'; minutes: number }
  | { kind: 'delay'; delay: Delay }
  | { kind: 'instant'; instant: number }
  | { kind: 'local'; wall: WallTime }
  | { kind: 'at'; minuteOfDay: MinuteOfDay };

export type IfTooSoon = 'reject' | 'earliest';

export interface SendTimeRequest {
  spec: SendTimeSpec;
  timeZone?: TimeZone | undefined;
  quietHours?: QuietHours | null | undefined;
  ifTooSoon: IfTooSoon;
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
  timeZone?: TimeZone;
  /** Why the time differs from the one asked for, if it does. */
  adjusted?: 'quiet-hours' | 'earliest';
}

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
    `${what} needs a time zone: give "timeZone" (e.g. America/New_York), or set DEFAULT_TIME_ZONE on the service.`,
    'timeZone',
  );

/** The instant asked for, before the window and quiet hours are applied. */
function requestedInstant(
  spec: SendTimeSpec,
  zone: TimeZone | undefined,
  now: number,
  earliest: number,
): Result<number> {
  switch (spec.kind) {
    case 'minutes':
      return ok(now + spec.minutes * MINUTE);
    case 'delay': {
      // Days follow the calendar of the zone (09:00 stays 09:00 across DST); UTC without one.
      if (spec.delay.days === 0) return ok(now + spec.delay.milliseconds);
      const wall = wallTimeAt(now, zone ?? 'UTC');
      const shifted = instantOf({ ...wall, day: wall.day + spec.delay.days }, zone ?? 'UTC');
      // The wall clock has whole seconds: carry the clock's milliseconds over.
      return ok(shifted + (now % SECOND) + spec.delay.milliseconds);
    }
    case 'instant':
      return ok(spec.instant);
    case 'local':
      return zone ? ok(instantOf(spec.wall, zone)) : needsZone('A sendAt without an offset');
    case 'at': {
      if (!zone) return needsZone('"at"');
      const base = wallTimeAt(earliest, zone);
      const time = {
        hour: Math.floor(spec.minuteOfDay / 60),
        minute: spec.minuteOfDay % 60,
        second: 0,
      };
      // Today's (twice on a fall-back night, and the second may still be ahead) or tomorrow's.
      const tomorrow = instantsOf({ ...base, ...time, day: base.day + 1 }, zone);
      const candidates = [...instantsOf({ ...base, ...time }, zone), ...tomorrow];
      return ok(candidates.find((instant) => instant >= earliest) ?? tomorrow[0]);
    }
  }
}

export function computeSendTime(
  request: SendTimeRequest,
  window: SchedulingWindow,
  now: number,
): Result<SendTime> {
  const zone = request.timeZone;
  const { earliest, latest } = schedulingWindow(now, window);
  const requested = requestedInstant(request.spec, zone, now, earliest);
  if (!requested.ok) return requested;

  // Rounded up first, so the whole second sent is the one checked against quiet hours.
  let instant = ceilToSecond(requested.value);
  let adjusted: SendTime['adjusted'];
  if (instant < earliest && request.ifTooSoon === 'earliest') {
    instant = ceilToSecond(earliest);
    adjusted = 'earliest';
  }
  if (request.quietHours) {
    if (!zone) return needsZone('Quiet hours (from quietHours or QUIET_HOURS)');
    // The end of a quiet period is a whole minute: still a whole second.
    const after = endOfQuietHours(instant, request.quietHours, zone);
    if (after !== instant) {
      instant = after;
      adjusted = 'quiet-hours';
    }
  }

  if (instant < earliest) {
    return fail(
      'SEND_AT_TOO_SOON',
      `The send time must be at least ${window.minLeadMinutes} minutes from now (Twilio's minimum). ` +
        'Pick a later time, or pass ifTooSoon=earliest to send at the earliest allowed time.',
      sendTimeField(request.spec),
    );
  }
  if (instant > latest) {
    return fail(
      'SEND_AT_TOO_LATE',
      `The send time must be at most ${window.maxLeadDays} days from now (Twilio's maximum).`,
      sendTimeField(request.spec),
    );
  }

  const sendTime: SendTime = { instant, sendAt: formatUtc(instant) };
  if (zone) {
    sendTime.sendAtLocal = formatLocal(instant, zone);
    sendTime.timeZone = zone;
  }
  if (adjusted) sendTime.adjusted = adjusted;
  return ok(sendTime);
}

function sendTimeField(spec: SendTimeSpec): string {
  switch (spec.kind) {
    case 'minutes':
      return 'minutes';
    case 'delay':
      return 'delay';
    case 'at':
      return 'at';
    default:
      return 'sendAt';
  }
}
