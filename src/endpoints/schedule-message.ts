// /schedule-message: parse, compute the send time, then one create call to Twilio.
import { fail, ok, type Result } from '../core/errors';
import { parseScheduleRequest } from '../input/schedule-request';
import { computeSendTime, type SendTime } from '../time/send-time';
import { twilioError } from '../twilio/errors';
import type { Invocation } from './invocation';

/** What a flow gets back for a scheduled message (README: "Answer"). */
export type ScheduleAnswer = {
  sid: string;
  status: string;
  to: string;
} & Omit<SendTime, 'instant'>;

export async function scheduleMessage({
  event,
  config,
  twilio,
  now,
}: Invocation): Promise<Result<ScheduleAnswer>> {
  const request = parseScheduleRequest(event, config.defaults);
  if (!request.ok) return request;
  const sendTime = computeSendTime(request.value.time, config.window, now);
  if (!sendTime.ok) return sendTime;

  // Without a Messaging Service Twilio ignores the schedule and sends at once: never call it so.
  const { to, content, messagingServiceSid } = request.value;
  if (messagingServiceSid === undefined) {
    return fail(
      'CONFIG_MESSAGING_SERVICE_MISSING',
      'The service has no Messaging Service: set MESSAGING_SERVICE_SID (or pass messagingServiceSid). Nothing was sent.',
      'messagingServiceSid',
    );
  }

  const { instant, ...reported } = sendTime.value;
  try {
    const message = await twilio().messages.create({
      to,
      messagingServiceSid,
      scheduleType: 'fixed',
      sendAt: new Date(instant),
      ...(content.body !== undefined && { body: content.body }),
      ...(content.mediaUrls.length > 0 && { mediaUrl: content.mediaUrls }),
      ...(content.contentSid !== undefined && { contentSid: content.contentSid }),
      ...(content.contentVariables !== undefined && { contentVariables: content.contentVariables }),
    });
    return ok({ sid: message.sid, status: message.status, to, ...reported });
  } catch (error) {
    return { ok: false, error: twilioError(error, 'create') };
  }
}
