// Turning a /schedule-message `event` into a ScheduleRequest, or the first thing wrong with it.
// Each part is read by its own module; the service's defaults are applied here, in one place.

import { SCHEDULE_MESSAGE } from '../contract/schedule-message';
import { ok, type Result, refuse } from '../core/errors';
import { isSid } from '../core/sid';
import { type Locale, parseLocale } from '../time/local-text';
import { parseQuietDays, type QuietDays } from '../time/quiet-days';
import { parseQuietHours, type QuietHours } from '../time/quiet-hours';
import { zonesForNumber } from '../time/recipient-zones';
import type { RepeatInput } from '../time/repeat-rule';
import type { SendTimeRequest } from '../time/send-time';
import type { TimeZone } from '../time/time-zone';
import { parseZoneChoice, type RequestDefaults, type ZoneChoice } from './config';
import { type MessageContent, readContent } from './content';
import { type Event, readParameter } from './event-fields';

const PARAMETERS = SCHEDULE_MESSAGE.parameters;

import type { ReminderOffset } from '../time/reminders';
import { readAppointment, readMaxPerDay } from './appointment-request';
import { type Recipient, readRecipient } from './recipient';
import { type RegistryOptions, readRegistryOptions } from './registry-options';
import { readRepeat } from './repeat-request';
import { readIfTooSoon, readSendTimeSpec } from './send-time-spec';

export type { MessageContent } from './content';

export interface ScheduleRequest {
  to: Recipient;
  content: MessageContent;
  time: SendTimeRequest;
  /** The request's, else the service's; absent only when neither has one. */
  messagingServiceSid?: string;
  /** Idempotency key, tag and replace: what the registry is asked to do. */
  registry: RegistryOptions;
  /** A recurring series: the rule as given, parsed once the zone is known. */
  repeat?: RepeatInput;
  /** An appointment: `time.spec` is its time; its reminders are the messages sent. */
  appointment?: { offsets?: ReminderOffset[]; locale?: Locale };
  /** At most this many messages per recipient per local day; null: no cap (off). */
  maxPerDay?: number | null;
}

/** What the request itself says about zone, quiet rules, language and service; absent: not said. */
interface Given {
  timeZone?: ZoneChoice;
  /** null: the request turned quiet hours off (`off`). */
  quietHours?: QuietHours | null;
  quietDays?: QuietDays | null;
  locale?: Locale;
  messagingServiceSid?: string;
}

function readZone(event: Event): Result<ZoneChoice | undefined> {
  const text = readParameter(event, PARAMETERS.timeZone);
  if (!text.ok) return text;
  if (text.value === undefined) return ok(undefined);
  return parseZoneChoice(text.value);
}

function readQuietDays(event: Event): Result<QuietDays | null | undefined> {
  const text = readParameter(event, PARAMETERS.quietDays);
  if (!text.ok) return text;
  if (text.value === undefined) return ok(undefined);
  return parseQuietDays(text.value);
}

function readLocale(event: Event): Result<Locale | undefined> {
  const text = readParameter(event, PARAMETERS.locale);
  if (!text.ok) return text;
  if (text.value === undefined) return ok(undefined);
  return parseLocale(text.value);
}

/**
 * The zones a request's time is read in: the one given, or with `recipient` those of the
 * number. No zone for the number: DEFAULT_TIME_ZONE if it is a zone, else an error (never a guess).
 */
function zonesOf(
  choice: ZoneChoice | undefined,
  to: Recipient,
  fallback: ZoneChoice | undefined,
): Result<TimeZone[]> {
  if (choice === undefined) return ok([]);
  if (choice !== 'recipient') return ok([choice]);
  const zones = zonesForNumber(to);
  if (zones.length > 0) return ok(zones);
  if (fallback !== undefined && fallback !== 'recipient') return ok([fallback]);
  return refuse('UNKNOWN_RECIPIENT_TIME_ZONE', 'timeZone');
}

function readQuietHours(event: Event): Result<QuietHours | null | undefined> {
  const text = readParameter(event, PARAMETERS.quietHours);
  if (!text.ok) return text;
  if (text.value === undefined) return ok(undefined);
  return parseQuietHours(text.value);
}

function readMessagingService(event: Event): Result<string | undefined> {
  const text = readParameter(event, PARAMETERS.messagingServiceSid);
  if (!text.ok) return text;
  if (text.value === undefined) return ok(undefined);
  const sid = text.value.trim();
  if (!isSid('MG', sid)) {
    return refuse('INVALID_MESSAGING_SERVICE_SID', 'messagingServiceSid');
  }
  return ok(sid);
}

/** The one place a request falls back to the service's configuration. */
function applyDefaults(given: Given, defaults: RequestDefaults, to: Recipient) {
  const zones = zonesOf(given.timeZone ?? defaults.timeZone, to, defaults.timeZone);
  if (!zones.ok) return zones;
  return ok({
    zones: zones.value,
    quietHours: given.quietHours === undefined ? defaults.quietHours : given.quietHours,
    quietDays: given.quietDays === undefined ? defaults.quietDays : given.quietDays,
    locale: given.locale ?? defaults.locale,
    messagingServiceSid: given.messagingServiceSid ?? defaults.messagingServiceSid,
  });
}

export function parseScheduleRequest(
  event: Event,
  defaults: RequestDefaults,
): Result<ScheduleRequest> {
  const to = readRecipient(event);
  if (!to.ok) return to;
  const content = readContent(event);
  if (!content.ok) return content;
  const appointment = readAppointment(event);
  if (!appointment.ok) return appointment;
  let spec = readSendTimeSpec(event);
  if (appointment.value !== undefined) {
    // The appointment's time is the one time given: the reminders are worked out from it.
    if (spec.ok) return refuse('CONFLICTING_SEND_TIME', 'appointmentAt');
    if (spec.error.code !== 'MISSING_SEND_TIME') return spec;
    spec = ok(appointment.value.spec);
  }
  if (!spec.ok) return spec;
  const timeZone = readZone(event);
  if (!timeZone.ok) return timeZone;
  const quietHours = readQuietHours(event);
  if (!quietHours.ok) return quietHours;
  const quietDays = readQuietDays(event);
  if (!quietDays.ok) return quietDays;
  const locale = readLocale(event);
  if (!locale.ok) return locale;
  const ifTooSoon = readIfTooSoon(event);
  if (!ifTooSoon.ok) return ifTooSoon;
  const service = readMessagingService(event);
  if (!service.ok) return service;
  const registry = readRegistryOptions(event);
  if (!registry.ok) return registry;
  const repeat = readRepeat(event);
  if (!repeat.ok) return repeat;
  const maxPerDay = readMaxPerDay(event);
  if (!maxPerDay.ok) return maxPerDay;
  if (appointment.value !== undefined) {
    if (registry.value.tag === undefined) return refuse('APPOINTMENT_NEEDS_TAG', 'tag');
    if (repeat.value !== undefined)
      return refuse('APPOINTMENT_NEEDS_TAG', 'repeat', { variant: 'repeat' });
    if (registry.value.idempotencyKey !== undefined)
      return refuse('APPOINTMENT_NEEDS_TAG', 'idempotencyKey', { variant: 'idempotencyKey' });
  }

  const given: Given = {};
  if (timeZone.value !== undefined) given.timeZone = timeZone.value;
  if (quietHours.value !== undefined) given.quietHours = quietHours.value;
  if (quietDays.value !== undefined) given.quietDays = quietDays.value;
  if (locale.value !== undefined) given.locale = locale.value;
  if (service.value !== undefined) given.messagingServiceSid = service.value;
  const defaulted = applyDefaults(given, defaults, to.value);
  if (!defaulted.ok) return defaulted;
  const resolved = defaulted.value;

  const request: ScheduleRequest = {
    to: to.value,
    content: content.value,
    time: {
      spec: spec.value,
      zones: resolved.zones,
      quietHours: resolved.quietHours,
      quietDays: resolved.quietDays,
      ifTooSoon: ifTooSoon.value,
      locale: resolved.locale,
    },
    registry: registry.value,
  };
  // Only a locale the flow gave says which language `when` is in (else every one is tried).
  if (given.locale !== undefined) request.time.whenLocale = given.locale;
  if (resolved.messagingServiceSid !== undefined)
    request.messagingServiceSid = resolved.messagingServiceSid;
  if (repeat.value !== undefined) request.repeat = repeat.value;
  if (appointment.value !== undefined) {
    request.appointment = {};
    if (appointment.value.offsets !== undefined)
      request.appointment.offsets = appointment.value.offsets;
    // Kept only when given: a reply's own language then wins over the service's default.
    if (locale.value !== undefined) request.appointment.locale = locale.value;
  }
  const cap = maxPerDay.value === undefined ? defaults.maxPerDay : maxPerDay.value;
  if (cap !== undefined) request.maxPerDay = cap;
  return ok(request);
}
