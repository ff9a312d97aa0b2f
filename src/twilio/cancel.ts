// Cancelling one scheduled message at Twilio, and what came of it: canceled, already canceled,
// or failed with a reason. Used by every route that cancels (by SID, by recipient).
import type { Twilio } from 'twilio';
import type { AppError } from '../core/errors';
import { httpStatusOf, twilioCodeOf, twilioError } from './errors';

/** Twilio's error for updating a message that is no longer scheduled. */
const NOT_SCHEDULED = 30409;
const NOT_FOUND = 20404;

export type CancelOutcome =
  | { kind: 'canceled' }
  | { kind: 'already-canceled' }
  | { kind: 'failed'; error: AppError };

function notCancelableText(status: string): string {
  if (status === 'sent' || status === 'delivered' || status === 'read') {
    return "Sorry, that message has already been sent, so it can't be canceled.";
  }
  if (status === 'failed' || status === 'undelivered') {
    return 'That message could not be sent anyway, so there is nothing to cancel.';
  }
  return "Sorry, that message is already on its way, so it can't be canceled.";
}

/** One cancel; a message that is no longer scheduled is looked up to say what it is now. */
export async function cancelOne(client: Twilio, sid: string): Promise<CancelOutcome> {
  try {
    await client.messages(sid).update({ status: 'canceled' });
    return { kind: 'canceled' };
  } catch (error) {
    if (httpStatusOf(error) === 404 || twilioCodeOf(error) === NOT_FOUND) {
      return {
        kind: 'failed',
        error: {
          code: 'NOT_FOUND',
          message: "Sorry, that message couldn't be found, so nothing was canceled.",
          detail: 'No message with that SID exists in this account (Twilio 20404).',
          field: 'sid',
        },
      };
    }
    if (twilioCodeOf(error) !== NOT_SCHEDULED)
      return { kind: 'failed', error: twilioError(error, 'cancel') };
    let status: string;
    try {
      status = (await client.messages(sid).fetch()).status;
    } catch (fetchError) {
      return { kind: 'failed', error: twilioError(fetchError, 'read') };
    }
    if (status === 'canceled') return { kind: 'already-canceled' };
    return {
      kind: 'failed',
      error: {
        code: 'NOT_CANCELABLE',
        message: notCancelableText(status),
        detail: `Its status is ${status}: only a scheduled message can be canceled (Twilio 30409).`,
        twilioCode: NOT_SCHEDULED,
        status,
      },
    };
  }
}
