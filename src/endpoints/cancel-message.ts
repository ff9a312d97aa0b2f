// /cancel-message: cancel one scheduled message by SID, every scheduled message to a recipient
// (Twilio's list is scanned: a STOP must also cancel what this service did not schedule), or the
// registry's scheduled messages with a tag or of a series. Cancel by recipient, tag or series
// also stops the series plans of that recipient, tag or series first, so that no later callback
// arms a new occurrence (STOP stops everything). `complete: true` only when nothing asked for is
// left scheduled: every plan stopped, every message found canceled (or no longer scheduled).
// Every route updates the records it touches; Twilio's `canceled` status callbacks do the same
// for any the time budget left out.
import type { MessageInstance } from 'twilio/lib/rest/api/v2010/account/message';
import { ok, type Result, refuse } from '../core/errors';
import { BoundedPool, runBounded } from '../core/pool';
import { parseCancelTarget } from '../input/cancel-request';
import { type CancelOutcome, cancelOne } from '../twilio/cancel';
import { isOutcomeUnknown } from '../twilio/errors';
import { PAGE_SIZE, type ScanResult, type ScanStop, scanScheduled } from '../twilio/message-scan';
import { type Invocation, registryOf, registryUnavailable } from './invocation';
import { stopPlans } from './series';

/**
 * Cancels in flight at once when clearing a recipient. A STOP must clear 1,000 messages within
 * the budget when each call takes 100 ms (1,000 / 24 x 100 ms = 4.2 s); bounded, so that Twilio's
 * per-account concurrency is respected, and a 429 is retried by the transport.
 */
export const CONCURRENCY = 24;
/** The scan reads ahead while cancels run, up to this many messages waiting to be canceled. */
const MAX_WAITING = 2 * PAGE_SIZE;
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

/** By tag or series: the registry's scheduled messages with that label. */
export interface CancelByLabelAnswer {
  canceled: string[];
  failed: CancelFailure[];
  complete: boolean;
  /** Every series plan of the tag or series is stopped: no later occurrence will be scheduled. */
  seriesStopped?: true;
}

/** A failed cancel, as the answer lists it; undefined when the message is simply not scheduled. */
export function cancelFailure(sid: string, outcome: CancelOutcome): CancelFailure | undefined {
  if (outcome.kind !== 'failed') return undefined;
  // Sent, delivered, failed or unknown to Twilio: nothing of it is left to cancel. (A refusal
  // of a message still `scheduled` is a failure: it will go out.)
  const { code, status } = outcome.error;
  if (code === 'NOT_FOUND' || (code === 'NOT_CANCELABLE' && status !== 'scheduled'))
    return undefined;
  const entry: CancelFailure = { sid, code: outcome.error.code };
  if (outcome.error.twilioCode !== undefined) entry.twilioCode = outcome.error.twilioCode;
  if (isOutcomeUnknown(outcome.error.code)) entry.maybeCanceled = true;
  return entry;
}

export type CancelAnswer = CancelBySidAnswer | CancelByRecipientAnswer | CancelByLabelAnswer;

/** Record updates are not started with less time left than this: the answer comes first. */
const RECORD_RESERVE_MS = 1_000;
const RECORD_CONCURRENCY = 8;

/**
 * Cancels `sids`, a bounded number at once within the budget: what was canceled and what failed
 * go into the caller's lists; `touched` are those whose records to update (not failed).
 */
async function cancelEach(
  invocation: Invocation,
  sids: readonly string[],
  canceled: string[],
  failed: CancelFailure[],
): Promise<{ touched: string[]; notStarted: readonly string[] }> {
  const client = invocation.twilio();
  const touched: string[] = [];
  const { notStarted } = await runBounded(
    sids,
    CONCURRENCY,
    { ...invocation, reserveMs: CANCEL_RESERVE_MS },
    async (sid) => {
      const outcome = await cancelOne(client, sid);
      if (outcome.kind === 'canceled') canceled.push(sid);
      const failure = cancelFailure(sid, outcome);
      if (failure) failed.push(failure);
      else touched.push(sid);
    },
  );
  return { touched, notStarted };
}

/** Marks canceled messages in the registry, as far as the budget allows. */
async function recordCanceled(invocation: Invocation, sids: readonly string[]): Promise<void> {
  const registry = registryOf(invocation);
  if (registry === undefined || sids.length === 0) return;
  await runBounded(
    sids,
    RECORD_CONCURRENCY,
    { ...invocation, reserveMs: RECORD_RESERVE_MS },
    async (sid) => {
      await registry.records.setStatus(sid, 'canceled');
    },
  );
}

async function cancelBySid(
  invocation: Invocation,
  sid: string,
): Promise<Result<CancelBySidAnswer>> {
  const outcome = await cancelOne(invocation.twilio(), sid);
  if (outcome.kind !== 'failed') await recordCanceled(invocation, [sid]);
  switch (outcome.kind) {
    case 'canceled':
      return ok({ canceled: [sid] });
    case 'already-canceled':
      return ok({ canceled: [], alreadyCanceled: [sid] });
    case 'failed':
      return { ok: false, error: outcome.error };
  }
}

/**
 * STOP: every scheduled message of the recipient. Their series are stopped first (no callback
 * may arm one meanwhile), then the registry's own records of them are canceled (found in one
 * range, recorded as canceled), then Twilio's list is scanned for the rest, resumed where the
 * previous call left off, so each call makes progress through any backlog. Messages found only
 * in Twilio's list are not looked up in the registry: their `canceled` callbacks update any record.
 */
async function cancelByRecipient(
  invocation: Invocation,
  to: string,
): Promise<Result<CancelByRecipientAnswer>> {
  const client = invocation.twilio();
  const canceled: string[] = [];
  const failed: CancelFailure[] = [];
  const registry = registryOf(invocation);
  // Three independent reads at once: the recipient's plans (stopped), their records, and where
  // the last call stopped in Twilio's list.
  const [plans, listing, startAt] = registry
    ? await Promise.all([
        stopPlans(invocation, { to }),
        registry.records.upcoming({ to }, invocation.now),
        registry.cursors.load(to, invocation.now),
      ])
    : [undefined, undefined, undefined];

  // The registry's records first: no scan needed to find them.
  const handled = new Set<string>();
  let recordsLeft = false;
  // Their records are updated while the scan goes on (within the budget), not before it.
  let recording: Promise<void> = Promise.resolve();
  if (listing?.ok) {
    const sids = listing.records.map((record) => record.sid);
    for (const sid of sids) handled.add(sid);
    const { touched, notStarted } = await cancelEach(invocation, sids, canceled, failed);
    recordsLeft = notStarted.length > 0 || !listing.complete;
    recording = recordCanceled(invocation, touched);
  }

  // Then Twilio's list, from where the last call stopped. Each message found remembers its page,
  // so that one left uncanceled is found again by the next call.
  const pageUrls: (string | undefined)[] = [];
  /** The first page holding a message this call could not cancel. */
  let firstLeft = Number.POSITIVE_INFINITY;

  const pool = new BoundedPool<{ sid: string; page: number }>(
    CONCURRENCY,
    { ...invocation, reserveMs: CANCEL_RESERVE_MS },
    async (found) => {
      const outcome = await cancelOne(client, found.sid);
      if (outcome.kind === 'canceled') canceled.push(found.sid);
      const failure = cancelFailure(found.sid, outcome);
      if (failure) {
        failed.push(failure);
        firstLeft = Math.min(firstLeft, found.page);
      }
    },
  );

  const enqueue = async (
    messages: MessageInstance[],
    pageUrl: string | undefined,
  ): Promise<ScanStop | null> => {
    const page = pageUrls.push(pageUrl) - 1;
    pool.add(...messages.filter((m) => !handled.has(m.sid)).map((m) => ({ sid: m.sid, page })));
    // Read ahead, but not without bound: wait for room before the next page.
    await pool.room(MAX_WAITING);
    return pool.stopped ? 'time-budget' : null;
  };

  const limits = { ...invocation, maxPages: Number.POSITIVE_INFINITY };
  const scan = await scanScheduled(
    client,
    to,
    startAt === undefined ? limits : { ...limits, startAt },
    enqueue,
  );
  const waiting = await pool.drain();
  await recording;
  const first = waiting[0];
  if (first !== undefined) firstLeft = Math.min(firstLeft, first.page);

  const answer: CancelByRecipientAnswer = {
    canceled,
    failed,
    scanned: scan.scanned,
    complete: scan.complete,
  };
  if (scan.stoppedBy !== undefined) answer.stoppedBy = scan.stoppedBy;
  if (waiting.length > 0) {
    answer.complete = false;
    answer.stoppedBy = 'time-budget';
  }
  // Where the next call resumes: the first page with a message left, else the page not read.
  if (registry) {
    if (firstLeft !== Number.POSITIVE_INFINITY) {
      await registry.cursors.save(to, pageUrls[firstLeft], invocation.now);
    } else if (!scan.complete) {
      await registry.cursors.save(to, scan.resumeAt, invocation.now);
    } else if (startAt !== undefined) await registry.cursors.clear(to);
  }
  if (recordsLeft) {
    answer.complete = false;
    answer.stoppedBy ??= 'time-budget';
  }
  // A plan left running, or a message that could not be canceled: call again.
  if (plans !== undefined && !plans.complete) {
    answer.complete = false;
    answer.stoppedBy ??= 'series';
  }
  if (failed.length > 0) answer.complete = false;
  return ok(answer);
}

async function cancelByLabel(
  invocation: Invocation,
  by: { tag: string } | { series: string },
): Promise<Result<CancelByLabelAnswer>> {
  const registry = registryOf(invocation);
  if (registry === undefined) {
    return refuse('REGISTRY_DISABLED', 'tag' in by ? 'tag' : 'series', { variant: 'cancel' });
  }
  // Plans are stopped first, so that no callback arms an occurrence while these are canceled;
  // their claims name every occurrence created, recorded or not.
  const plans = await stopPlans(invocation, by);
  const listing = await registry.records.upcoming(by, invocation.now);
  if (!listing.ok) {
    return registryUnavailable('cancelNotRead', listing.error);
  }
  const canceled: string[] = [];
  const failed: CancelFailure[] = [];
  const sids = [...new Set([...listing.records.map((record) => record.sid), ...plans.sids])];
  const { touched, notStarted } = await cancelEach(invocation, sids, canceled, failed);
  await recordCanceled(invocation, touched);
  const complete =
    listing.complete && plans.complete && notStarted.length === 0 && failed.length === 0;
  const answer: CancelByLabelAnswer = { canceled, failed, complete };
  if (plans.complete) answer.seriesStopped = true;
  return ok(answer);
}

export async function cancelMessage(invocation: Invocation): Promise<Result<CancelAnswer>> {
  const target = parseCancelTarget(invocation.event);
  if (!target.ok) return target;
  switch (target.value.kind) {
    case 'sid':
      return cancelBySid(invocation, target.value.sid);
    case 'to':
      return cancelByRecipient(invocation, target.value.to);
    case 'tag':
      return cancelByLabel(invocation, { tag: target.value.tag });
    case 'series':
      return cancelByLabel(invocation, { series: target.value.series });
  }
}
