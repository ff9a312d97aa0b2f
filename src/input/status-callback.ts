// A status callback from Twilio: which message, and what became of it. Twilio posts these
// form-encoded and signed; the function is protected, so only Twilio's reach this point.
import { fail, ok, type Result } from '../core/errors';
import { isMessageStatus, type MessageStatus } from '../core/message-status';
import { isSid, MESSAGE_SID_PREFIXES } from '../core/sid';
import { type Event, readText } from './event-fields';

export interface StatusReport {
  sid: string;
  status: MessageStatus;
}

export function parseStatusReport(event: Event): Result<StatusReport> {
  const sid = readText(event, ['MessageSid', 'SmsSid'], 'INVALID_SID');
  if (!sid.ok) return sid;
  const status = readText(event, ['MessageStatus', 'SmsStatus'], 'INVALID_STATUS');
  if (!status.ok) return status;
  if (sid.value === undefined || !isSid(MESSAGE_SID_PREFIXES, sid.value.trim())) {
    return fail(
      'INVALID_SID',
      'Sorry, that request could not be handled.',
      'MessageSid',
      'A status callback carries MessageSid (SM or MM followed by 32 hex characters).',
    );
  }
  const value = status.value?.trim().toLowerCase();
  if (!isMessageStatus(value)) {
    return fail(
      'INVALID_STATUS',
      'Sorry, that request could not be handled.',
      'MessageStatus',
      'A status callback carries MessageStatus, one of Twilio message statuses (sent, delivered, failed, …).',
    );
  }
  return ok({ sid: sid.value.trim(), status: value });
}
