// Turning a /schedule-message `event` into a ScheduleRequest, or the first thing wrong with it.
// Each part is read by its own module; the service's defaults are applied here, in one place.
import { fail, ok, type Result } from '../core/errors';
import { isSid } from '../core/sid';
import { parseQuietHours, type QuietHours } from '../time/quiet-hours';
import type { SendTimeRequest } from '../time/send-time';
import { parseTimeZone, type TimeZone } from '../time/time-zone';
import type { RequestDefaults } from './config';
import { type MessageContent, readContent } from './content';
import { type Event, readText } from './event-fields';
import { type Recipient, readRecipient } from './recipient';
import { readIfTooSoon, readSendTimeSpec } from './send-time-spec';

export type { MessageContent } from './content';

export interface ScheduleRequest {
  to: Recipient;
  content: MessageContent;
  time: SendTimeRequest;
  /** The request's, else the service's; absent only when neither has one. */
  messagingServiceSid?: string;
}

/** What the request itself says about the zone, quiet hours and service; absent: not said. */
interface Given {
  timeZone?: TimeZone;
  /** null: the request turned quiet hours off (`off`). */
  quietHours?: QuietHours | null;
  messagingServiceSid?: string;
}

function readZone(event: Event): Result<TimeZone | undefined> {
  const text = readText(event, ['timeZone'], 'INVALID_TIME_ZONE');
  if (!text.ok) return text;
  if (text.value === undefined) return ok(undefined);
  return parseTimeZone(text.value.trim());
}

function readQuietHours(event: Event): Result<QuietHours | null | undefined> {
  const text = readText(event, ['quietHours'], 'INVALID_QUIET_HOURS');
  if (!text.ok) return text;
  if (text.value === undefined) return ok(undefined);
  return parseQuietHours(text.value);
}

function readMessagingService(event: Event): Result<string | undefined> {
  const text = readText(event, ['messagingServiceSid'], 'INVALID_MESSAGING_SERVICE_SID');
  if (!text.ok) return text;
  if (text.value === undefined) return ok(undefined);
  const sid = text.value.trim();
  if (!isSid('MG', sid)) {
    return fail(
      'INVALID_MESSAGING_SERVICE_SID',
      'messagingServiceSid must be MG followed by 32 hex characters.',
      'messagingServiceSid',
    );
  }
  return ok(sid);
}

/** The one place a request falls back to the service's configuration. */
function applyDefaults(given: Given, defaults: RequestDefaults) {
  const timeZone = given.timeZone ?? defaults.timeZone;
  const quietHours = given.quietHours === undefined ? defaults.quietHours : given.quietHours;
  const messagingServiceSid = given.messagingServiceSid ?? defaults.messagingServiceSid;
  return { timeZone, quietHours, messagingServiceSid };
}

export function parseScheduleRequest(
  event: Event,
  defaults: RequestDefaults,
): Result<ScheduleRequest> {
  const to = readRecipient(event);
  if (!to.ok) return to;
  const content = readContent(event);
  if (!content.ok) return content;
  const spec = readSendTimeSpec(event);
  if (!spec.ok) return spec;
  const timeZone = readZone(event);
  if (!timeZone.ok) return timeZone;
  const quietHours = readQuietHours(event);
  if (!quietHours.ok) return quietHours;
  const ifTooSoon = readIfTooSoon(event);
  if (!ifTooSoon.ok) return ifTooSoon;
  const service = readMessagingService(event);
  if (!service.ok) return service;

  const given: Given = {};
  if (timeZone.value !== undefined) given.timeZone = timeZone.value;
  if (quietHours.value !== undefined) given.quietHours = quietHours.value;
  if (service.value !== undefined) given.messagingServiceSid = service.value;
  const resolved = applyDefaults(given, defaults);

  const request: ScheduleRequest = {
    to: to.value,
    content: content.value,
    time: {
      spec: spec.value,
      timeZone: resolved.timeZone,
      quietHours: resolved.quietHours,
      ifTooSoon: ifTooSoon.value,
    },
  };
  if (resolved.messagingServiceSid !== undefined)
    request.messagingServiceSid = resolved.messagingServiceSid;
  return ok(request);
}
