// /cancel-message: cancel one scheduled message by SID, or every scheduled message to a recipient.
import type { Twilio } from 'twilio';
import type { MessageInstance } from 'twilio/lib/rest/api/v2010/account/message';
import { parseCancelTarget } from './cancel-request';
import { type AppError, ok, type Result } from './errors';
import type { Invocation } from './handler';
import { type ScanStop, scanScheduled } from './recipient-messages';
import { twilioError } from './twilio-errors';

/** Twilio's error for updating a message that is no longer scheduled. */
const NOT_SCHEDULED = 30409;
const NOT_FOUND = 20404;
/** Cancels in flight at once when clearing a recipient: fast, and gentle on rate limits. */
const CONCURRENCY = 4;
/** A cancel is not started with less time left than this. */
const CANCEL_RESERVE_MS = 700;

const twilioCode = (error: unknown): number | undefined =>
  typeof error === 'object' && error !== null ? (error as { code?: number }).code : undefined;
const httpStatus = (error: unknown): number | undefined =>
  typeof error === 'object' && error !== null ? (error as { status?: number }).status : undefined;

type CancelOutcome = { canceled: true } | { canceled: false; error: AppError };

/** One cancel; a message that is no longer scheduled is looked up to say what it is now. */
async function cancelOne(client: Twilio, sid: string): Promise<CancelOutcome> {
  try {
    await client.messages(sid).update({ status: 'canceled' });
    return { canceled: true };
  } catch (error) {
    if (httpStatus(error) === 404 || twilioCode(error) === NOT_FOUND) {
      return {
        canceled: false,
        error: { code: 'NOT_FOUND', message: 'No message with that SID exists.', field: 'sid' },
      };
    }
    if (twilioCode(error) !== NOT_SCHEDULED)
      return { canceled: false, error: twilioError(error, 'read') };
    let status: string;
    try {
      status = (await client.messages(sid).fetch()).status;
    } catch (fetchError) {
      return { canceled: false, error: twilioError(fetchError, 'read') };
    }
    return {
      canceled: false,
      error: {
        code: 'NOT_CANCELABLE',
        message: `The message can no longer be canceled: its status is ${status}.`,
        twilioCode: NOT_SCHEDULED,
        status,
      },
    };
  }
}

async function cancelBySid(client: Twilio, sid: string): Promise<Result<Record<string, unknown>>> {
  const outcome = await cancelOne(client, sid);
  if (outcome.canceled) return ok({ canceled: [sid] });
  if (outcome.error.status === 'canceled') return ok({ canceled: [], alreadyCanceled: [sid] });
  return { ok: false, error: outcome.error };
}

interface CancelFailure {
  sid: string;
  code: string;
  twilioCode?: number;
  /** Twilio failed or did not answer: the cancel may have happened all the same. */
  maybeCanceled?: true;
}

const OUTCOME_UNKNOWN = new Set(['TWILIO_UNAVAILABLE', 'TWILIO_TIMEOUT']);

async function cancelByRecipient(
  invocation: Invocation,
  to: string,
): Promise<Result<Record<string, unknown>>> {
  const client = invocation.twilio();
  const canceled: string[] = [];
  const failed: CancelFailure[] = [];
  let outOfTime = false;

  const cancelAll = async (messages: MessageInstance[]): Promise<ScanStop | null> => {
    const queue = [...messages];
    const worker = async () => {
      for (let message = queue.shift(); message; message = queue.shift()) {
        if (invocation.deadline - invocation.clock() < CANCEL_RESERVE_MS) {
          outOfTime = true;
          return;
        }
        const outcome = await cancelOne(client, message.sid);
        if (outcome.canceled) canceled.push(message.sid);
        else if (outcome.error.status === 'canceled') continue;
        else {
          const entry: CancelFailure = { sid: message.sid, code: outcome.error.code };
          if (outcome.error.twilioCode !== undefined) entry.twilioCode = outcome.error.twilioCode;
          if (OUTCOME_UNKNOWN.has(outcome.error.code)) entry.maybeCanceled = true;
          failed.push(entry);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
    return outOfTime ? 'time-budget' : null;
  };

  const scan = await scanScheduled(client, to, invocation, cancelAll);
  return ok({ canceled, failed, ...scan });
}

export async function cancelMessage(
  invocation: Invocation,
): Promise<Result<Record<string, unknown>>> {
  const target = parseCancelTarget(invocation.event);
  if (!target.ok) return target;
  if (target.value.kind === 'sid') return cancelBySid(invocation.twilio(), target.value.sid);
  return cancelByRecipient(invocation, target.value.to);
}
