// /cancel-message input: exactly one of a message SID or a recipient.
import { fail, ok, type Result } from '../core/errors';
import { isSid, MESSAGE_SID_PREFIXES } from '../core/sid';
import { type Event, readText } from './event-fields';
import { parseRecipient, type Recipient } from './recipient';

export type CancelTarget = { kind: 'sid'; sid: string } | { kind: 'to'; to: Recipient };

export function parseCancelTarget(event: Event): Result<CancelTarget> {
  const sid = readText(event, ['sid'], 'INVALID_SID');
  if (!sid.ok) return sid;
  const to = readText(event, ['to', 'number'], 'INVALID_TO');
  if (!to.ok) return to;
  if (sid.value !== undefined && to.value !== undefined) {
    return fail(
      'CONFLICTING_TARGET',
      'Give either "sid" (one message) or "to" (every message to them), not both.',
      'sid',
    );
  }
  if (sid.value !== undefined) {
    const trimmed = sid.value.trim();
    if (!isSid(MESSAGE_SID_PREFIXES, trimmed)) {
      return fail(
        'INVALID_SID',
        'sid must be a message SID: SM or MM followed by 32 hex characters.',
        'sid',
      );
    }
    return ok({ kind: 'sid', sid: trimmed });
  }
  if (to.value !== undefined) {
    const recipient = parseRecipient(to.value);
    return recipient.ok ? ok({ kind: 'to', to: recipient.value }) : recipient;
  }
  return fail(
    'MISSING_TARGET',
    'Give "sid" to cancel one message, or "to" to cancel every scheduled message to them.',
    'sid',
  );
}
