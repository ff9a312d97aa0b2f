// What a /schedule-message request says about an appointment: `appointmentAt` (read like
// `sendAt`, else like `when`), `remind` (offsets before it) and the frequency cap `maxPerDay`.
// Read here; the reminder times are computed in src/time/reminders.ts.
import { SCHEDULE_MESSAGE } from '../contract/schedule-message';
import { ok, type Result, refuse } from '../core/errors';
import { parseOffsets, type ReminderOffset } from '../time/reminders';
import type { SendTimeSpec } from '../time/send-time';
import { type Event, readParameter } from './event-fields';
import { parseSendAt } from './send-time-spec';

const PARAMETERS = SCHEDULE_MESSAGE.parameters;

export interface AppointmentInput {
  /** The appointment's time, as a send time is given: an instant, a wall time, or words. */
  spec: SendTimeSpec;
  /** Absent: the service's REMINDER_OFFSETS. */
  offsets?: ReminderOffset[];
}

/** A date first (`2026-12-08…`) is a date-time, read like sendAt; anything else is words. */
const LOOKS_LIKE_DATE = /^\s*\d{4}-\d{2}-\d{2}/;

export function readAppointment(event: Event): Result<AppointmentInput | undefined> {
  const at = readParameter(event, PARAMETERS.appointmentAt);
  if (!at.ok) return at;
  const remind = readParameter(event, PARAMETERS.remind);
  if (!remind.ok) return remind;
  if (at.value === undefined) {
    // Offsets without an appointment would be dropped: say so instead.
    return remind.value === undefined
      ? ok(undefined)
      : refuse('APPOINTMENT_NEEDS_TAG', 'remind', { variant: 'remindAlone' });
  }
  let spec: SendTimeSpec;
  if (LOOKS_LIKE_DATE.test(at.value)) {
    const read = parseSendAt(at.value);
    if (!read.ok) return refuse('INVALID_APPOINTMENT_AT', 'appointmentAt', read.error.facts);
    spec = read.value;
  } else spec = { kind: 'when', text: at.value.trim() };
  const input: AppointmentInput = { spec };
  if (remind.value !== undefined) {
    const offsets = parseOffsets(remind.value);
    if (!offsets.ok) return offsets;
    input.offsets = offsets.value;
  }
  return ok(input);
}

/** The largest cap accepted: a higher one is no cap a person would notice. */
export const MAX_PER_DAY_LIMIT = 100;

/** `3`, or `off` (null: no cap). */
export function parseMaxPerDay(raw: string, field = 'maxPerDay'): Result<number | null> {
  const text = raw.trim().toLowerCase();
  if (text === 'off') return ok(null);
  const value = /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= 1 && value <= MAX_PER_DAY_LIMIT)) return refuse('INVALID_MAX_PER_DAY', field);
  return ok(value);
}

/** undefined: the request does not say (the service's MAX_PER_DAY applies). */
export function readMaxPerDay(event: Event): Result<number | null | undefined> {
  const raw = readParameter(event, PARAMETERS.maxPerDay);
  if (!raw.ok) return raw;
  return raw.value === undefined ? ok(undefined) : parseMaxPerDay(raw.value);
}
