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

/** One cancel; a message that is no longer scheduled is looked up to say what it is now. */
export async function cancelOne(client: Twilio, sid: string): Promise<CancelOutcome> {
  try {
    await client.messages(sid).update({ status: 'canceled' });
    return { kind: 'canceled' };
  } catch (error) {
    if (httpStatusOf(error) === 404 || twilioCodeOf(error) === NOT_FOUND) {
      return {
        kind: 'failed',
        error: { code: 'NOT_FOUND', field: 'sid', facts: {} },
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
      error: { code: 'NOT_CANCELABLE', facts: { status }, twilioCode: NOT_SCHEDULED, status },
    };
  }
}
