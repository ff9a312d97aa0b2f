// What to send: the body, media URLs, or a Content template with its variables.
import { fail, ok, type Result } from '../core/errors';
import { isSid } from '../core/sid';
import { isBlank } from '../core/text';
import { isWebUrl } from '../core/web-url';
import { type Event, readList, readText } from './event-fields';

export interface MessageContent {
  body?: string;
  mediaUrls: string[];
  contentSid?: string;
  /** A JSON object, serialised, as Twilio's ContentVariables takes it. */
  contentVariables?: string;
}

export const MAX_BODY_CHARACTERS = 1600;
export const MAX_MEDIA = 10;

export function readContent(event: Event): Result<MessageContent> {
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
    !(typeof variables === 'string' && isBlank(variables));
  if (contentSid.value !== undefined) {
    if (!isSid('HX', contentSid.value.trim())) {
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
