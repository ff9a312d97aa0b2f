// Creating one scheduled message at Twilio. Every create goes through here, so that none is ever
// made without a Messaging Service and `ScheduleType=fixed` (without them Twilio sends at once).
import type { Twilio } from 'twilio';
import type { AppError } from '../core/errors';
import type { MessageContent } from '../input/content';
import { isOutcomeUnknown, twilioError } from './errors';

export interface ScheduledCreate {
  to: string;
  messagingServiceSid: string;
  /** ms since epoch, whole seconds. */
  sendAt: number;
  content: MessageContent;
  /** Where Twilio reports what became of the message. */
  statusCallback?: string | undefined;
}

export type CreateOutcome =
  | { ok: true; sid: string; status: string }
  /** `maybeCreated`: Twilio failed or did not answer, so the message may exist all the same. */
  | { ok: false; error: AppError; maybeCreated: boolean };

export async function createScheduled(
  client: Twilio,
  message: ScheduledCreate,
): Promise<CreateOutcome> {
  const { content } = message;
  try {
    const created = await client.messages.create({
      to: message.to,
      messagingServiceSid: message.messagingServiceSid,
      scheduleType: 'fixed',
      sendAt: new Date(message.sendAt),
      ...(message.statusCallback !== undefined && { statusCallback: message.statusCallback }),
      ...(content.body !== undefined && { body: content.body }),
      ...(content.mediaUrls.length > 0 && { mediaUrl: content.mediaUrls }),
      ...(content.contentSid !== undefined && { contentSid: content.contentSid }),
      ...(content.contentVariables !== undefined && { contentVariables: content.contentVariables }),
    });
    return { ok: true, sid: created.sid, status: created.status };
  } catch (error) {
    const appError = twilioError(error, 'create');
    return { ok: false, error: appError, maybeCreated: isOutcomeUnknown(appError.code) };
  }
}
