// Turning a /schedule-message `event` into a ScheduleRequest, or the first thing wrong with it.
import type { Config } from './config';
import { MESSAGING_SERVICE_SID } from './config';
import { parseDelay } from './duration';
import { fail, ok, type Result } from './errors';
import { type Event, readList, readText } from './event-fields';
import { parseMinuteOfDay, parseQuietHours } from './quiet-hours';
import { type Recipient, readRecipient } from './recipient';
import type { IfTooSoon, SendTimeRequest, SendTimeSpec } from './send-time';
import { parseTimeZone } from './time-zone';
import { isRealDate } from './wall-clock';

export interface MessageContent {
  body?: string;
  mediaUrls: string[];
  contentSid?: string;
  /** A JSON object, serialised, as Twilio's ContentVariables takes it. */
  contentVariables?: string;
}

export interface ScheduleRequest {
  to: Recipient;
  content: MessageContent;
  time: SendTimeRequest;
  /** From the request; the handler falls back to the configured one. */
  messagingServiceSid?: string;
}

export const MAX_BODY_CHARACTERS = 1600;
export const MAX_MEDIA = 10;
const CONTENT_SID = /^HX[0-9a-fA-F]{32}$/;

function readContent(event: Event): Result<MessageContent> {
  const body = readText(event, ['body', 'message'], 'INVALID_BODY');
  if (!body.ok) return body;
  const media = readList(event, 'mediaUrl', 'INVALID_MEDIA_URL');
  if (!media.ok) return media;
  const contentSid = readText(event, ['contentSid'], 'INVALID_CONTENT_SID');
  if (!contentSid.ok) return contentSid;

  const content: MessageContent = { mediaUrls: media.value };
  if (body.value !== undefined) {
    // Twilio counts characters, not UTF-16 units: an emoji is one.
    if ([...body.value].length > MAX_BODY_CHARACTERS) {
      return fail(
        'BODY_TOO_LONG',
        `The message body is longer than ${MAX_BODY_CHARACTERS} characters.`,
        'body',
      );
    }
    content.body = body.value;
  }
  if (media.value.length > MAX_MEDIA) {
    return fail(
      'TOO_MANY_MEDIA',
      `At most ${MAX_MEDIA} media URLs can be sent in one message.`,
      'mediaUrl',
    );
  }
  for (const url of media.value) {
    if (!isWebUrl(url)) {
      return fail(
        'INVALID_MEDIA_URL',
        'Each mediaUrl must be an absolute http(s) URL.',
        'mediaUrl',
      );
    }
  }

  const variables = event.contentVariables;
  // Like every other parameter, a blank value counts as absent.
  const hasVariables =
    variables !== undefined &&
    variables !== null &&
    !(typeof variables === 'string' && variables.trim() === '');
  if (contentSid.value !== undefined) {
    if (!CONTENT_SID.test(contentSid.value.trim())) {
      return fail(
        'INVALID_CONTENT_SID',
        'contentSid must be HX followed by 32 hex characters.',
        'contentSid',
      );
    }
    if (content.body !== undefined || content.mediaUrls.length > 0) {
      return fail(
        'CONFLICTING_CONTENT',
        'Give either a Content template (contentSid) or body/mediaUrl, not both: the template would win.',
        'contentSid',
      );
    }
    content.contentSid = contentSid.value.trim();
    if (hasVariables) {
      const serialised = contentVariablesJson(variables);
      if (serialised === undefined) {
        return fail(
          'INVALID_CONTENT_VARIABLES',
          'contentVariables must be a JSON object such as {"1":"Ana"}.',
          'contentVariables',
        );
      }
      content.contentVariables = serialised;
    }
  } else if (hasVariables) {
    return fail(
      'INVALID_CONTENT_VARIABLES',
      'contentVariables only goes with a contentSid.',
      'contentVariables',
    );
  }

  if (
    content.body === undefined &&
    content.mediaUrls.length === 0 &&
    content.contentSid === undefined
  ) {
    return fail(
      'MISSING_CONTENT',
      'Give the message in "body", or a "mediaUrl", or a "contentSid".',
      'body',
    );
  }
  return ok(content);
}

function isWebUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function contentVariablesJson(value: unknown): string | undefined {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  const isObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  return isObject ? JSON.stringify(parsed) : undefined;
}

const MAX_MINUTES = 60 * 24 * 3660;

function parseMinutes(raw: string): Result<SendTimeSpec> {
  const text = raw.trim();
  const minutes = /^(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
  if (!(minutes > 0 && minutes <= MAX_MINUTES)) {
    return fail(
      'INVALID_MINUTES',
      'minutes must be a positive number, such as 30 or 90.5.',
      'minutes',
    );
  }
  return ok({ kind: 'minutes', minutes });
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+\- ])(\d{2}):?(\d{2}))?$/i;

/** ISO 8601 with an offset (an instant) or without one (a wall-clock time in the time zone). */
export function parseSendAt(raw: string): Result<SendTimeSpec> {
  const bad = fail(
    'INVALID_SEND_AT',
    'sendAt must be an ISO 8601 date-time such as 2026-12-01T09:00 (in timeZone) or 2026-12-01T14:00:00Z.',
    'sendAt',
  );
  const m = DATE_TIME.exec(raw.trim());
  if (!m) return bad;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) =>
    Number(m[i] ?? 0),
  ) as [number, number, number, number, number, number];
  const ms = Number(`0.${m[7] ?? '0'}`) * 1000;
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return bad;
  const wall = { year, month, day, hour, minute, second };
  if (m[8] === undefined && m[9] === undefined) {
    // A wall time has whole seconds: round a fraction up here (second 60 rolls over).
    return ok({ kind: 'local', wall: { ...wall, second: second + (ms > 0 ? 1 : 0) } });
  }

  let offsetMinutes = 0;
  if (m[9] !== undefined) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 14 || om > 59) return bad;
    // A form body decodes an unescaped "+" to a space; read it as the "+" it was.
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const instant =
    Date.UTC(year, month - 1, day, hour, minute, second) + ms - offsetMinutes * 60_000;
  return ok({ kind: 'instant', instant });
}

function readSendTimeSpec(event: Event): Result<SendTimeSpec> {
  const minutes = readText(event, ['minutes'], 'INVALID_MINUTES');
  if (!minutes.ok) return minutes;
  const delay = readText(event, ['delay'], 'INVALID_DELAY');
  if (!delay.ok) return delay;
  const sendAt = readText(event, ['sendAt'], 'INVALID_SEND_AT');
  if (!sendAt.ok) return sendAt;
  const at = readText(event, ['at'], 'INVALID_AT');
  if (!at.ok) return at;

  const given = [minutes.value, delay.value, sendAt.value, at.value].filter(
    (v) => v !== undefined,
  ).length;
  if (given === 0) {
    return fail(
      'MISSING_SEND_TIME',
      'Say when to send: give one of minutes, delay, sendAt or at.',
      'minutes',
    );
  }
  if (given > 1) {
    return fail(
      'CONFLICTING_SEND_TIME',
      'Give only one of minutes, delay, sendAt and at.',
      'minutes',
    );
  }
  if (minutes.value !== undefined) return parseMinutes(minutes.value);
  if (delay.value !== undefined) {
    const parsed = parseDelay(delay.value);
    return parsed.ok ? ok({ kind: 'delay', delay: parsed.value }) : parsed;
  }
  if (sendAt.value !== undefined) return parseSendAt(sendAt.value);
  const minuteOfDay = parseMinuteOfDay(at.value ?? '');
  if (minuteOfDay === null)
    return fail('INVALID_AT', '"at" must be a 24-hour time such as 09:30.', 'at');
  return ok({ kind: 'at', minuteOfDay });
}

function readIfTooSoon(event: Event): Result<IfTooSoon> {
  const raw = readText(event, ['ifTooSoon'], 'INVALID_IF_TOO_SOON');
  if (!raw.ok) return raw;
  const value = raw.value?.trim().toLowerCase() ?? 'reject';
  if (value !== 'reject' && value !== 'earliest') {
    return fail('INVALID_IF_TOO_SOON', 'ifTooSoon must be "reject" or "earliest".', 'ifTooSoon');
  }
  return ok(value);
}

function readTime(event: Event, config: Config): Result<SendTimeRequest> {
  const spec = readSendTimeSpec(event);
  if (!spec.ok) return spec;

  const zoneText = readText(event, ['timeZone'], 'INVALID_TIME_ZONE');
  if (!zoneText.ok) return zoneText;
  let timeZone = config.defaultTimeZone;
  if (zoneText.value !== undefined) {
    const zone = parseTimeZone(zoneText.value.trim());
    if (!zone.ok) return zone;
    timeZone = zone.value;
  }

  const quietText = readText(event, ['quietHours'], 'INVALID_QUIET_HOURS');
  if (!quietText.ok) return quietText;
  let quietHours = config.quietHours ?? null;
  if (quietText.value !== undefined) {
    const quiet = parseQuietHours(quietText.value);
    if (!quiet.ok) return quiet;
    quietHours = quiet.value;
  }

  const ifTooSoon = readIfTooSoon(event);
  if (!ifTooSoon.ok) return ifTooSoon;
  return ok({ spec: spec.value, timeZone, quietHours, ifTooSoon: ifTooSoon.value });
}

export function parseScheduleRequest(event: Event, config: Config): Result<ScheduleRequest> {
  const to = readRecipient(event);
  if (!to.ok) return to;
  const content = readContent(event);
  if (!content.ok) return content;
  const time = readTime(event, config);
  if (!time.ok) return time;

  const request: ScheduleRequest = { to: to.value, content: content.value, time: time.value };
  const service = readText(event, ['messagingServiceSid'], 'INVALID_MESSAGING_SERVICE_SID');
  if (!service.ok) return service;
  if (service.value !== undefined) {
    const sid = service.value.trim();
    if (!MESSAGING_SERVICE_SID.test(sid)) {
      return fail(
        'INVALID_MESSAGING_SERVICE_SID',
        'messagingServiceSid must be MG followed by 32 hex characters.',
        'messagingServiceSid',
      );
    }
    request.messagingServiceSid = sid;
  }
  return ok(request);
}
