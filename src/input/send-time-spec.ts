// When to send, as the request says it: exactly one of `minutes`, `delay`, `sendAt`, `at`,
// `when`, and what to do with a time that is too soon. Read here; computed in
// src/time/send-time.ts.
import { fail, ok, type Result } from '../core/errors';
import { parseDelay } from '../time/duration';
import { instantOfIso, MAX_OFFSET_MINUTES, parseIsoDateTime } from '../time/iso-date-time';
import { parseMinuteOfDay } from '../time/quiet-hours';
import type { IfTooSoon, SendTimeSpec } from '../time/send-time';
import { type Event, readText } from './event-fields';

const MAX_MINUTES = 60 * 24 * 3660;

function parseMinutes(raw: string): Result<SendTimeSpec> {
  const text = raw.trim();
  const minutes = /^(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
  if (!(minutes > 0 && minutes <= MAX_MINUTES)) {
    return fail(
      'INVALID_MINUTES',
      minutes === 0
        ? 'Sorry, the wait must be longer than zero minutes.'
        : 'Sorry, the wait must be a number of minutes above zero, such as 30.',
      'minutes',
      `minutes must be a positive number up to ${MAX_MINUTES}, such as 30 or 90.5.`,
    );
  }
  return ok({ kind: 'minutes', minutes });
}

/** ISO 8601 with an offset (an instant) or without one (a wall-clock time in the time zone). */
export function parseSendAt(raw: string): Result<SendTimeSpec> {
  const FORMAT = `sendAt must be an ISO 8601 date-time such as 2026-12-01T09:00 (in timeZone) or 2026-12-01T14:00:00Z, with an offset of at most ±${MAX_OFFSET_MINUTES / 60}:00.`;
  const read = parseIsoDateTime(raw);
  if (!read.ok && read.problem === 'date') {
    return fail(
      'INVALID_SEND_AT',
      'Sorry, that date does not exist.',
      'sendAt',
      `sendAt names ${read.date}, a day the calendar does not have. ${FORMAT}`,
    );
  }
  if (!read.ok && read.problem === 'time') {
    return fail(
      'INVALID_SEND_AT',
      'Sorry, that time of day does not exist.',
      'sendAt',
      `sendAt's time must be from 00:00:00 to 23:59:59. ${FORMAT}`,
    );
  }
  if (!read.ok || read.value.time === undefined) {
    return fail('INVALID_SEND_AT', "Sorry, that date and time couldn't be read.", 'sendAt', FORMAT);
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
  const minutes = readText(event, ['minutes'], 'INVALID_MINUTES');
  if (!minutes.ok) return minutes;
  const delay = readText(event, ['delay'], 'INVALID_DELAY');
  if (!delay.ok) return delay;
  const sendAt = readText(event, ['sendAt'], 'INVALID_SEND_AT');
  if (!sendAt.ok) return sendAt;
  const at = readText(event, ['at'], 'INVALID_AT');
  if (!at.ok) return at;
  const when = readText(event, ['when'], 'INVALID_WHEN');
  if (!when.ok) return when;

  const given = [minutes.value, delay.value, sendAt.value, at.value, when.value].filter(
    (v) => v !== undefined,
  ).length;
  if (given === 0) {
    return fail(
      'MISSING_SEND_TIME',
      'Sorry, no time was given for sending the message.',
      'minutes',
      'Say when to send: give one of minutes, delay, sendAt, at or when.',
    );
  }
  if (given > 1) {
    return fail(
      'CONFLICTING_SEND_TIME',
      'Sorry, more than one send time was given, so nothing was scheduled.',
      'minutes',
      'Give only one of minutes, delay, sendAt, at and when.',
    );
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
    return fail(
      'INVALID_AT',
      "Sorry, that time of day couldn't be read: use a 24-hour time such as 09:30.",
      'at',
      'at must be HH:mm on a 24-hour clock, such as 09:30 or 17:00.',
    );
  }
  return ok({ kind: 'at', minuteOfDay });
}

export function readIfTooSoon(event: Event): Result<IfTooSoon> {
  const raw = readText(event, ['ifTooSoon'], 'INVALID_IF_TOO_SOON');
  if (!raw.ok) return raw;
  const value = raw.value?.trim().toLowerCase() ?? 'reject';
  if (value !== 'reject' && value !== 'earliest') {
    return fail(
      'INVALID_IF_TOO_SOON',
      "Sorry, messages can't be scheduled this way right now.",
      'ifTooSoon',
      'ifTooSoon must be "reject" (the default) or "earliest".',
    );
  }
  return ok(value);
}
