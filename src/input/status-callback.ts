// A status callback from Twilio: which message, what became of it, and for which account. Twilio
// posts these form-encoded and signed. Nothing here refuses: a callback Twilio sends must never
// get a 4xx (it would show up as a webhook error in the builder's Debugger), so one that cannot be
// used is returned as a reason to ignore it.
import { isMessageStatus, type MessageStatus } from '../core/message-status';
import { isSid, MESSAGE_SID_PREFIXES } from '../core/sid';
import type { Event } from './event-fields';

export interface StatusReport {
  sid: string;
  /** Undefined for a status this service does not rank (`received`, or a new one). */
  status: MessageStatus | undefined;
  accountSid?: string;
  /** The series the message belongs to, from the callback URL's query (set when it was created). */
  series?: string;
}

const text = (value: unknown): string | undefined => {
  const one = Array.isArray(value) ? value[0] : value;
  return typeof one === 'string' && one.trim() !== '' ? one.trim() : undefined;
};

const SERIES = /^SR[0-9a-f]{32}$/;

export function readStatusReport(event: Event): StatusReport | 'not-a-message' {
  const sid = text(event.MessageSid) ?? text(event.SmsSid);
  if (sid === undefined || !isSid(MESSAGE_SID_PREFIXES, sid)) return 'not-a-message';
  const status = (text(event.MessageStatus) ?? text(event.SmsStatus))?.toLowerCase();
  const report: StatusReport = { sid, status: isMessageStatus(status) ? status : undefined };
  const accountSid = text(event.AccountSid);
  if (accountSid !== undefined) report.accountSid = accountSid;
  const series = text(event.series);
  if (series !== undefined && SERIES.test(series)) report.series = series;
  return report;
}
