// When to send, as the request says it: exactly one of `minutes`, `delay`, `sendAt`, `at`,
// `when`, and what to do with a time that is too soon. Read here; computed in
// src/time/send-time.ts.

import { SCHEDULE_MESSAGE } from '../contract/schedule-message';
import { ok, type Result, refuse } from '../core/errors';
import { parseDelay } from '../time/duration';
import { instantOfIso, parseIsoDateTime } from '../time/iso-date-time';
import { parseMinuteOfDay } from '../time/quiet-hours';
import type { IfTooSoon, SendTimeSpec } from '../time/send-time';
import { type Event, readParameter } from './event-fields';

const PARAMETERS = SCHEDULE_MESSAGE.parameters;

const MAX_MINUTES = 60 * 24 * 3660;

function parseMinutes(raw: string): Result<SendTimeSpec> {
  const text = raw.trim();
  const minutes = /^(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
  if (!(minutes > 0 && minutes <= MAX_MINUTES)) {
    return refuse('INVALID_MINUTES', 'minutes', {
      variant: minutes === 0 ? 'zero' : 'default',
      max: MAX_MINUTES,
    });
  }
  return ok({ kind: 'minutes', minutes });
}

/** ISO 8601 with an offset (an instant) or without one (a wall-clock time in the time zone). */
export function parseSendAt(raw: string): Result<SendTimeSpec> {
  const read = parseIsoDateTime(raw);
  if (!read.ok && read.problem === 'date') {
    return refuse('INVALID_SEND_AT', 'sendAt', { variant: 'noSuchDate', date: read.date });
  }
  if (!read.ok && read.problem === 'time') {
    return refuse('INVALID_SEND_AT', 'sendAt', { variant: 'noSuchTime' });
  }
  if (!read.ok || read.value.time === undefined) {
    return refuse('INVALID_SEND_AT', 'sendAt');
  }
  const { time, offsetMinutes, ...date } = read.value;
  if (offsetMinutes !== undefined) {
    return ok({ kind: 'instant', instant: instantOfIso({ ...read.value, offsetMinutes }) });
  }
  // A wall time has whole seconds: round a fraction up here (second 60 rolls over).
  const second = time.second + (time.millisecond > 0 ? 1 : 0);
  return ok({ kind: 'local', wall: { ...date, hour: time.hour, minute: time.minute, second } });
}

export function readSendTimeSpec(event: Event): Result<SendTimeSpec> {
  const minutes = readParameter(event, PARAMETERS.minutes);
  if (!minutes.ok) return minutes;
  const delay = readParameter(event, PARAMETERS.delay);
  if (!delay.ok) return delay;
  const sendAt = readParameter(event, PARAMETERS.sendAt);
  if (!sendAt.ok) return sendAt;
  const at = readParameter(event, PARAMETERS.at);
  if (!at.ok) return at;
  const when = readParameter(event, PARAMETERS.when);
  if (!when.ok) return when;

  const given = [minutes.value, delay.value, sendAt.value, at.value, when.value].filter(
    (v) => v !== undefined,
  ).length;
  if (given === 0) {
    return refuse('MISSING_SEND_TIME', 'minutes');
  }
  if (given > 1) {
    return refuse('CONFLICTING_SEND_TIME', 'minutes');
  }
  if (minutes.value !== undefined) return parseMinutes(minutes.value);
  if (delay.value !== undefined) {
    const parsed = parseDelay(delay.value);
    return parsed.ok ? ok({ kind: 'delay', delay: parsed.value }) : parsed;
  }
  if (sendAt.value !== undefined) return parseSendAt(sendAt.value);
  // Read against the clock and the zone, in send-time.ts: here it is only text.
  if (when.value !== undefined) return ok({ kind: 'when', text: when.value.trim() });
  const minuteOfDay = parseMinuteOfDay(at.value ?? '');
  if (minuteOfDay === null) {
    return refuse('INVALID_AT', 'at');
  }
  return ok({ kind: 'at', minuteOfDay });
}

export function readIfTooSoon(event: Event): Result<IfTooSoon> {
  const raw = readParameter(event, PARAMETERS.ifTooSoon);
  if (!raw.ok) return raw;
  const value = raw.value?.trim().toLowerCase() ?? 'reject';
  if (value !== 'reject' && value !== 'earliest') {
    return refuse('INVALID_IF_TOO_SOON', 'ifTooSoon');
  }
  return ok(value);
}
