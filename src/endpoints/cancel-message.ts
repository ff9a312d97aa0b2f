// /cancel-message: cancel one scheduled message by SID, or every scheduled message to a recipient.
import type { MessageInstance } from 'twilio/lib/rest/api/v2010/account/message';
import { remaining } from '../core/budget';
import { ok, type Result } from '../core/errors';
import { parseCancelTarget } from '../input/cancel-request';
import { cancelOne } from '../twilio/cancel';
import { type ScanResult, type ScanStop, scanScheduled } from '../twilio/message-scan';
import type { Invocation } from './invocation';

/** Cancels in flight at once when clearing a recipient: fast, and gentle on rate limits. */
const CONCURRENCY = 4;
/** A cancel is not started with less time left than this. */
const CANCEL_RESERVE_MS = 700;

export interface CancelFailure {
  sid: string;
  code: string;
  twilioCode?: number;
  /** Twilio failed or did not answer: the cancel may have happened all the same. */
  maybeCanceled?: true;
}

/** By SID: what was canceled now, or had been already. */
export interface CancelBySidAnswer {
  canceled: string[];
  alreadyCanceled?: string[];
}

/** By recipient: what was canceled, what failed, and how far the scan got. */
export type CancelByRecipientAnswer = { canceled: string[]; failed: CancelFailure[] } & ScanResult;

export type CancelAnswer = CancelBySidAnswer | CancelByRecipientAnswer;

const OUTCOME_UNKNOWN = new Set(['TWILIO_UNAVAILABLE', 'TWILIO_TIMEOUT']);

async function cancelBySid(
  invocation: Invocation,
  sid: string,
): Promise<Result<CancelBySidAnswer>> {
  const outcome = await cancelOne(invocation.twilio(), sid);
  switch (outcome.kind) {
    case 'canceled':
      return ok({ canceled: [sid] });
    case 'already-canceled':
      return ok({ canceled: [], alreadyCanceled: [sid] });
    case 'failed':
      return { ok: false, error: outcome.error };
  }
}

async function cancelByRecipient(
  invocation: Invocation,
  to: string,
): Promise<Result<CancelByRecipientAnswer>> {
  const client = invocation.twilio();
  const canceled: string[] = [];
  const failed: CancelFailure[] = [];
  let outOfTime = false;

  const cancelAll = async (messages: MessageInstance[]): Promise<ScanStop | null> => {
    const queue = [...messages];
    const worker = async () => {
      for (let message = queue.shift(); message; message = queue.shift()) {
        if (remaining(invocation) < CANCEL_RESERVE_MS) {
          outOfTime = true;
          return;
        }
        const outcome = await cancelOne(client, message.sid);
        if (outcome.kind === 'canceled') canceled.push(message.sid);
        else if (outcome.kind === 'failed') {
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

export async function cancelMessage(invocation: Invocation): Promise<Result<CancelAnswer>> {
  const target = parseCancelTarget(invocation.event);
  if (!target.ok) return target;
  if (target.value.kind === 'sid') return cancelBySid(invocation, target.value.sid);
  return cancelByRecipient(invocation, target.value.to);
}
