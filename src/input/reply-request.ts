// Turning a /reply `event` into a ReplyRequest: the sender, the text as read (its intent and its
// language, src/input/reply-words.ts), and the language asked for.
import { REPLY } from '../contract/reply';
import { ok, type Result, refuse } from '../core/errors';
import { type Locale, parseLocale } from '../time/local-text';
import { type Event, readParameter } from './event-fields';
import { parseRecipient, type Recipient } from './recipient';
import { type ReplyReading, readReply } from './reply-words';

const PARAMETERS = REPLY.parameters;

export interface ReplyRequest {
  /** Undefined for a sender that is no phone number (nothing is ever scheduled to one). */
  from?: Recipient;
  reading: ReplyReading;
  locale?: Locale;
}

export function parseReplyRequest(event: Event): Result<ReplyRequest> {
  const from = readParameter(event, PARAMETERS.from);
  if (!from.ok) return from;
  if (from.value === undefined) return refuse('MISSING_FROM', 'from');
  const sender = parseRecipient(from.value);
  const text = readParameter(event, PARAMETERS.text);
  if (!text.ok) return text;
  const locale = readParameter(event, PARAMETERS.locale);
  if (!locale.ok) return locale;
  const request: ReplyRequest = { reading: readReply(text.value ?? '') };
  if (sender.ok) request.from = sender.value;
  if (locale.value !== undefined) {
    const parsed = parseLocale(locale.value);
    if (!parsed.ok) return parsed;
    request.locale = parsed.value;
  }
  return ok(request);
}
