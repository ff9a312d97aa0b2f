// What to send: the body, media URLs, or a Content template with its variables.

import { SCHEDULE_MESSAGE } from '../contract/schedule-message';
import { ok, type Result, refuse } from '../core/errors';
import { isSid } from '../core/sid';
import { isBlank } from '../core/text';
import { isWebUrl } from '../core/web-url';
import { type Event, readList, readParameter } from './event-fields';

const { body: BODY, mediaUrl: MEDIA_URL, contentSid: CONTENT_SID } = SCHEDULE_MESSAGE.parameters;

export interface MessageContent {
  body?: string;
  mediaUrls: string[];
  contentSid?: string;
  /** A JSON object, serialised, as Twilio's ContentVariables takes it. */
  contentVariables?: string;
}

export const MAX_BODY_CHARACTERS = 1600;
export const MAX_MEDIA = 10;
export const MAX_MEDIA_URL_CHARACTERS = 8_192;

export function readContent(event: Event): Result<MessageContent> {
  // A JSON number is not a message: `body: 42` is a mistake to report, not the text "42".
  const body = readParameter(event, BODY);
  if (!body.ok) return body;
  const media = readList(event, MEDIA_URL);
  if (!media.ok) return media;
  const contentSid = readParameter(event, CONTENT_SID);
  if (!contentSid.ok) return contentSid;

  const content: MessageContent = { mediaUrls: media.value };
  if (body.value !== undefined) {
    // Twilio counts characters, not UTF-16 units: an emoji is one.
    const characters = [...body.value].length;
    if (characters > MAX_BODY_CHARACTERS) {
      return refuse('BODY_TOO_LONG', 'body', { characters, max: MAX_BODY_CHARACTERS });
    }
    content.body = body.value;
  }
  if (media.value.length > MAX_MEDIA) {
    return refuse('TOO_MANY_MEDIA', 'mediaUrl', { count: media.value.length, max: MAX_MEDIA });
  }
  for (const url of media.value) {
    // Far past any real media link, and it keeps ten of them well under the request size
    // Twilio accepts (1 MiB, error 20413): refused here, clearly, rather than by Twilio.
    if (url.length > MAX_MEDIA_URL_CHARACTERS) {
      return refuse('INVALID_MEDIA_URL', 'mediaUrl', {
        variant: 'tooLong',
        max: MAX_MEDIA_URL_CHARACTERS,
      });
    }
    if (!isWebUrl(url)) return refuse('INVALID_MEDIA_URL', 'mediaUrl');
  }

  const variables = event[SCHEDULE_MESSAGE.parameters.contentVariables.names[0]];
  // Like every other parameter, a blank value counts as absent.
  const hasVariables =
    variables !== undefined &&
    variables !== null &&
    !(typeof variables === 'string' && isBlank(variables));
  if (contentSid.value !== undefined) {
    if (!isSid('HX', contentSid.value.trim())) {
      return refuse('INVALID_CONTENT_SID', 'contentSid');
    }
    if (content.body !== undefined || content.mediaUrls.length > 0) {
      return refuse('CONFLICTING_CONTENT', 'contentSid');
    }
    content.contentSid = contentSid.value.trim();
    if (hasVariables) {
      const serialised = contentVariablesJson(variables);
      if (serialised === undefined) {
        return refuse('INVALID_CONTENT_VARIABLES', 'contentVariables');
      }
      content.contentVariables = serialised;
    }
  } else if (hasVariables) {
    return refuse('INVALID_CONTENT_VARIABLES', 'contentVariables', {
      variant: 'withoutTemplate',
    });
  }

  if (
    content.body === undefined &&
    content.mediaUrls.length === 0 &&
    content.contentSid === undefined
  ) {
    return refuse('MISSING_CONTENT', 'body');
  }
  return ok(content);
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
