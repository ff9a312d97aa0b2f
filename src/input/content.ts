// What to send: the body, media URLs, or a Content template with its variables.

import { SCHEDULE_MESSAGE } from '../contract/schedule-message';
import { fail, ok, type Result } from '../core/errors';
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
      return fail(
        'BODY_TOO_LONG',
        `Sorry, that message is too long: it can be at most ${MAX_BODY_CHARACTERS} characters.`,
        'body',
        `body has ${characters} characters; Twilio sends at most ${MAX_BODY_CHARACTERS}.`,
      );
    }
    content.body = body.value;
  }
  if (media.value.length > MAX_MEDIA) {
    return fail(
      'TOO_MANY_MEDIA',
      `Sorry, a message can carry at most ${MAX_MEDIA} attachments.`,
      'mediaUrl',
      `mediaUrl lists ${media.value.length} URLs; Twilio takes at most ${MAX_MEDIA} per message.`,
    );
  }
  for (const url of media.value) {
    if (!isWebUrl(url)) {
      return fail(
        'INVALID_MEDIA_URL',
        "Sorry, an attachment link isn't a web address that can be sent.",
        'mediaUrl',
        'Each mediaUrl must be an absolute http(s) URL that Twilio can fetch.',
      );
    }
  }

  const variables = event[SCHEDULE_MESSAGE.parameters.contentVariables.names[0]];
  // Like every other parameter, a blank value counts as absent.
  const hasVariables =
    variables !== undefined &&
    variables !== null &&
    !(typeof variables === 'string' && isBlank(variables));
  if (contentSid.value !== undefined) {
    if (!isSid('HX', contentSid.value.trim())) {
      return fail(
        'INVALID_CONTENT_SID',
        "Sorry, the message template isn't set up right, so nothing was sent.",
        'contentSid',
        'contentSid must be a Content template SID: HX followed by 32 hex characters.',
      );
    }
    if (content.body !== undefined || content.mediaUrls.length > 0) {
      return fail(
        'CONFLICTING_CONTENT',
        'Sorry, the message was given both as a template and as text, so nothing was sent.',
        'contentSid',
        'Give either a Content template (contentSid) or body/mediaUrl, not both: the template would win.',
      );
    }
    content.contentSid = contentSid.value.trim();
    if (hasVariables) {
      const serialised = contentVariablesJson(variables);
      if (serialised === undefined) {
        return fail(
          'INVALID_CONTENT_VARIABLES',
          "Sorry, the message template's values could not be read, so nothing was sent.",
          'contentVariables',
          'contentVariables must be a JSON object such as {"1":"Ana"}.',
        );
      }
      content.contentVariables = serialised;
    }
  } else if (hasVariables) {
    return fail(
      'INVALID_CONTENT_VARIABLES',
      "Sorry, the message template's values came without a template, so nothing was sent.",
      'contentVariables',
      'contentVariables only goes with a contentSid: add the template, or leave the variables out.',
    );
  }

  if (
    content.body === undefined &&
    content.mediaUrls.length === 0 &&
    content.contentSid === undefined
  ) {
    return fail(
      'MISSING_CONTENT',
      'Sorry, there was no message to send.',
      'body',
      'Give the message in "body", or a "mediaUrl", or a "contentSid".',
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
