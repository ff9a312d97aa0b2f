// /schedule-message: parse, compute the send time, then one create call to Twilio.
import { fail, ok, type Result } from './errors';
import type { Invocation } from './handler';
import { parseScheduleRequest } from './schedule-request';
import { computeSendTime } from './send-time';
import { twilioError } from './twilio-errors';

export async function scheduleMessage({
  event,
  config,
  twilio,
  now,
}: Invocation): Promise<Result<Record<string, unknown>>> {
  const request = parseScheduleRequest(event, config);
  if (!request.ok) return request;
  const sendTime = computeSendTime(request.value.time, config.window, now);
  if (!sendTime.ok) return sendTime;

  // Without a Messaging Service Twilio ignores the schedule and sends at once: never call it so.
  const messagingServiceSid = request.value.messagingServiceSid ?? config.messagingServiceSid;
  if (messagingServiceSid === undefined) {
    return fail(
      'CONFIG_MESSAGING_SERVICE_MISSING',
      'The service has no Messaging Service: set MESSAGING_SERVICE_SID (or pass messagingServiceSid). Nothing was sent.',
      'messagingServiceSid',
    );
  }

  const { to, content } = request.value;
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
