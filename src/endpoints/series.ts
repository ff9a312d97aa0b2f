// Recurring series (`repeat`), shared by /schedule-message (which starts a series),
// /message-status (which arms the rest) and /cancel-message (which stops series). The plan is
// saved first, listed under its recipient and tag, so a series is never half-recorded and every
// cancel route finds it. Every occurrence is claimed in Sync (an atomic create) before it is
// created at Twilio, so none is ever created twice, and its claim then holds its SID. Occurrences
// inside Twilio's window are created at once, within the time budget; the others stay pending
// and are armed as earlier ones are sent. Each occurrence passes quiet hours, quiet days and the
// window on its own, so one moved by quiet rules does not shift the rest.
import { randomHex } from '../core/digest';
import type { AppError, Result } from '../core/errors';
import { ok } from '../core/errors';
import { runBounded } from '../core/pool';
import { DAY, SECOND } from '../core/units';
import { DEFAULT_LOCALE } from '../input/config';
import type { ScheduleRequest } from '../input/schedule-request';
import { recipientKey } from '../registry/keys';
import { type MessageRecord, ttlAfter } from '../registry/records';
import type { Registry } from '../registry/registry';
import { SeriesBook, type SeriesPlan } from '../registry/series';
import type { QuietDays, Weekday } from '../time/quiet-days';
import { allQuiet } from '../time/repeat-errors';
import { parseRepeat } from '../time/repeat-parse';
import type { RepeatInput } from '../time/repeat-rule';
import {
  finalTime,
  type IfTooSoon,
  type RequestedTime,
  type SchedulingWindow,
  type SendTime,
  type SendTimeRequest,
} from '../time/send-time';
import { expandSeries } from '../time/series-expand';
import { skipQuietDays } from '../time/series-quiet-days';
import { statusCallbackUrl } from '../twilio/callback-url';
import { cancelOne } from '../twilio/cancel';
import { createScheduled } from '../twilio/create-message';
import { SyncMaps } from '../twilio/sync-map';
import { type Invocation, registryUnavailable } from './invocation';

/** Occurrences created at once; Sync's per-Map write limit is shared with their records. */
const CONCURRENCY = 4;
/** An occurrence is not started with less time left than this. */
const CREATE_RESERVE_MS = 1_200;

export interface Occurrence {
  sid: string;
  sendAt: string;
  sendAtLocal?: string;
  sendAtText?: string;
  /** Only false: created, but its record could not be written (its series still finds it). */
  registered?: false;
}

export interface SeriesAnswer {
  series: string;
  to: string;
  occurrences: Occurrence[];
  /** Occurrences still to be scheduled: outside the window, or past the time budget. */
  pending: number;
  /** With quiet days: occurrences of the rule that fell on one, and are not sent. */
  skipped?: number;
  tag?: string;
  timeZone?: string;
  timeZones?: string[];
  interpreted?: string;
  /** Occurrences whose create failed, and whether they may exist all the same. */
  failed?: { at: string; code: string; maybeScheduled?: true }[];
  replayed?: true;
  /** Occurrences the frequency cap left out, listed. */
  capped?: { at: string; reason: 'frequency-cap' }[];
  replaced?: string[];
  notReplaced?: { sid: string; code: string; maybeCanceled?: true }[];
  complete?: boolean;
}

const seriesId = (): string => `SR${randomHex(16)}`;

/** A series is kept until 7 days after its last occurrence, as a message is after its own. */
export const seriesTtl = (plan: SeriesPlan, now: number): number =>
  ttlAfter((plan.planned.at(-1) ?? 0) * SECOND, now);

/** The send-time rules of a plan, to apply to each occurrence as the first one was. */
function rulesOf(plan: SeriesPlan): SendTimeRequest {
  return {
    spec: { kind: 'instant', instant: 0 },
    zones: plan.zones,
    quietHours: plan.quietHours,
    quietDays: plan.quietDays ? (new Set(plan.quietDays) as QuietDays) : null,
    ifTooSoon: 'reject',
    locale: plan.locale ?? DEFAULT_LOCALE,
  };
}

type Created =
  | { kind: 'created'; occurrence: Occurrence }
  | { kind: 'skipped' | 'unavailable' }
  | { kind: 'failed'; error: AppError; maybeCreated: boolean };

/** Claims, creates and records one occurrence at `time`. */
async function createOccurrence(
  invocation: Invocation,
  registry: Registry,
  book: SeriesBook,
  plan: SeriesPlan,
  index: number,
  time: SendTime,
): Promise<Created> {
  const claimTtl = seriesTtl(plan, invocation.now);
  const claim = await book.claim(plan.series, index, claimTtl, invocation.now);
  if (claim === 'taken') return { kind: 'skipped' };
  if (claim === 'unavailable') return { kind: 'unavailable' };
  const created = await createScheduled(invocation.twilio(), {
    to: plan.to,
    messagingServiceSid: plan.messagingServiceSid,
    sendAt: time.instant,
    content: plan.content,
    statusCallback: statusCallbackUrl(invocation.config.statusCallbackUrl, plan.series),
  });
  if (!created.ok) {
    // Refused: nothing exists, so a later callback may try again. Unknown: the claim stays, and
    // says so (a claim left without either is taken back once its lease is over).
    if (created.maybeCreated) await book.settle(plan.series, index, { unknown: true }, claimTtl);
    else await book.release(plan.series, index);
    return { kind: 'failed', error: created.error, maybeCreated: created.maybeCreated };
  }
  const record: MessageRecord = {
    sid: created.sid,
    to: plan.to,
    sendAt: time.sendAt,
    timeZone: plan.timeZone,
    series: plan.series,
    occurrence: index,
    status: 'scheduled',
    createdAt: new Date(invocation.now).toISOString(),
  };
  if (plan.tag !== undefined) record.tag = plan.tag;
  if (plan.locale !== undefined) record.locale = plan.locale;
  // The claim learns the SID beside the record: either one lets the series' cancels find it.
  const [recorded] = await Promise.all([
    registry.record(record, invocation.now),
    book.settle(plan.series, index, { sid: created.sid }, claimTtl),
  ]);
  const occurrence: Occurrence = { sid: created.sid, sendAt: time.sendAt };
  if (time.sendAtLocal !== undefined) occurrence.sendAtLocal = time.sendAtLocal;
  if (time.sendAtText !== undefined) occurrence.sendAtText = time.sendAtText;
  if (!recorded) occurrence.registered = false;
  return { kind: 'created', occurrence };
}

/**
 * Creates every occurrence of `indexes` whose time, after quiet rules, is inside the window now.
 * The first one found is created alone first (a refusal then stops the rest); the others in
 * parallel, bounded, within the budget. Returns what was created and what failed.
 */
async function armWithin(
  invocation: Invocation,
  registry: Registry,
  book: SeriesBook,
  plan: SeriesPlan,
  indexes: number[],
  firstIfTooSoon?: IfTooSoon,
): Promise<{
  created: Occurrence[];
  failed: NonNullable<SeriesAnswer['failed']>;
  /** Occurrences whose claim could not be written (Sync unreachable): not created. */
  unavailable: number;
  error?: AppError;
}> {
  const rules = rulesOf(plan);
  const due: { index: number; time: SendTime }[] = [];
  for (const index of indexes) {
    const requested: RequestedTime = {
      instant: (plan.planned[index] ?? 0) * SECOND,
      zone: plan.timeZone,
    };
    // The request's ifTooSoon applies to the first occurrence only.
    const request =
      index === 0 && firstIfTooSoon !== undefined ? { ...rules, ifTooSoon: firstIfTooSoon } : rules;
    const time = finalTime(requested, request, invocation.config.window, invocation.now);
    if (time.ok) due.push({ index, time: time.value });
  }
  const created: Occurrence[] = [];
  const failed: NonNullable<SeriesAnswer['failed']> = [];
  let unavailable = 0;
  const queue = [...due];
  const one = async (item: { index: number; time: SendTime }) => {
    const outcome = await createOccurrence(invocation, registry, book, plan, item.index, item.time);
    if (outcome.kind === 'created') created.push(outcome.occurrence);
    if (outcome.kind === 'unavailable') unavailable++;
    if (outcome.kind === 'failed') {
      const entry: NonNullable<SeriesAnswer['failed']>[number] = {
        at: item.time.sendAt,
        code: outcome.error.code,
      };
      if (outcome.maybeCreated) entry.maybeScheduled = true;
      failed.push(entry);
    }
    return outcome;
  };
  const head = queue.shift();
  if (head !== undefined) {
    const outcome = await one(head);
    // The first create tells whether Twilio takes this message at all (number, content).
    if (outcome.kind === 'failed') return { created, failed, unavailable, error: outcome.error };
  }
  await runBounded(
    queue,
    CONCURRENCY,
    { ...invocation, reserveMs: CREATE_RESERVE_MS },
    async (item) => {
      await one(item);
    },
  );
  created.sort((a, b) => a.sendAt.localeCompare(b.sendAt));
  return { created, failed, unavailable };
}

/**
 * A new series from the request: its rule expanded from the time asked for, and checked. The
 * first occurrence must be schedulable now (too soon or too late is an error, as for one
 * message); the others are checked one by one when they are armed.
 */
export function planSeries(
  request: ScheduleRequest & { messagingServiceSid: string; repeat: RepeatInput },
  requested: RequestedTime,
  window: SchedulingWindow,
  now: number,
): Result<SeriesPlan> {
  const zone = requested.zone ?? 'UTC';
  const rule = parseRepeat(request.repeat, { now, zone });
  if (!rule.ok) return rule;
  const expanded = expandSeries(requested.instant, rule.value, zone, requested.wall);
  if (!expanded.ok) return expanded;
  const time = request.time;
  const { kept, skipped } = skipQuietDays(expanded.value, time, time.zones);
  if (kept.length === 0) return allQuiet();
  const plan: SeriesPlan = {
    series: seriesId(),
    to: request.to,
    messagingServiceSid: request.messagingServiceSid,
    content: request.content,
    timeZone: zone,
    zones: [...time.zones],
    quietHours: time.quietHours,
    quietDays: time.quietDays ? ([...time.quietDays] as Weekday[]) : null,
    locale: time.locale,
    planned: kept.map((instant) => Math.round(instant / SECOND)),
    canceled: false,
    createdAt: new Date(now).toISOString(),
  };
  if (request.registry.tag !== undefined) plan.tag = request.registry.tag;
  if (time.quietDays !== null) plan.skipped = skipped;
  const first = finalTime(
    { instant: (plan.planned[0] ?? 0) * SECOND, zone },
    { ...rulesOf(plan), ifTooSoon: time.ifTooSoon },
    window,
    now,
  );
  return first.ok ? ok(plan) : first;
}

/** Starts a series: its plan is saved first, then the occurrences that fit in the window. */
export async function startSeries(
  invocation: Invocation,
  registry: Registry,
  plan: SeriesPlan,
  firstIfTooSoon: IfTooSoon,
  extras: { interpreted?: string },
): Promise<Result<SeriesAnswer>> {
  const settings = invocation.config.registry;
  if (settings === undefined) throw new Error('startSeries needs the registry');
  const book = new SeriesBook(new SyncMaps(invocation.twilio, settings.service));
  if (!(await book.save(plan, seriesTtl(plan, invocation.now)))) {
    await book.stop(plan.series);
    return registryUnavailable('seriesNotSaved');
  }
  const indexes = plan.planned.map((_, index) => index);
  const armed = await armWithin(invocation, registry, book, plan, indexes, firstIfTooSoon);
  await takeBackIfStopped(invocation, registry, book, plan.series, armed.created);
  if (armed.error !== undefined && armed.created.length === 0) {
    // Twilio refused the first one (the number, the content): the series ends here.
    await book.stop(plan.series);
    return { ok: false, error: armed.error };
  }
  if (armed.created.length === 0 && armed.unavailable > 0) {
    // No occurrence could be claimed: nothing was sent, and no callback would ever arm the rest.
    await book.stop(plan.series);
    return registryUnavailable('seriesNotWritten');
  }
  const answer: SeriesAnswer = {
    series: plan.series,
    to: plan.to,
    occurrences: armed.created,
    pending: plan.planned.length - armed.created.length - armed.failed.length,
    timeZone: plan.timeZone,
  };
  if (plan.tag !== undefined) answer.tag = plan.tag;
  if (plan.skipped !== undefined) answer.skipped = plan.skipped;
  if (plan.zones.length > 1) answer.timeZones = [...plan.zones];
  if (extras.interpreted !== undefined) answer.interpreted = extras.interpreted;
  if (armed.failed.length > 0) answer.failed = armed.failed;
  return ok(answer);
}

/**
 * Stopped while these were being created: take them back, so nothing outlives the stop (a cancel
 * that ran meanwhile saw their claims without SIDs, and left them to this).
 */
async function takeBackIfStopped(
  invocation: Invocation,
  registry: Registry,
  book: SeriesBook,
  series: string,
  created: Occurrence[],
): Promise<void> {
  if (created.length === 0) return;
  const after = await book.load(series);
  if (after !== 'unavailable' && !after?.plan.canceled) return;
  for (const occurrence of created) {
    const outcome = await cancelOne(invocation.twilio(), occurrence.sid);
    if (outcome.kind !== 'failed') await registry.setStatus(occurrence.sid, 'canceled');
  }
}

const bookOf = (invocation: Invocation): SeriesBook | undefined => {
  const settings = invocation.config.registry;
  return settings && new SeriesBook(new SyncMaps(invocation.twilio, settings.service));
};

/** Stops a series from arming more occurrences (its scheduled ones are canceled separately). */
export async function stopSeries(invocation: Invocation, series: string): Promise<boolean> {
  return (await bookOf(invocation)?.stop(series)) ?? false;
}

/** What stopping the series of a recipient, a tag or one series found. */
export interface StoppedPlans {
  /** Every plan found was stopped, and every claim of theirs was read. */
  complete: boolean;
  /** The messages their claims name: created occurrences, whatever their records say. */
  sids: string[];
  /** Occurrences claimed whose message is not known (a create in flight, or of unknown outcome). */
  unknown: number;
}

/**
 * Stops the plans of a recipient, a tag (optionally for one recipient) or one series, and names
 * the messages their claims hold, for the caller to cancel.
 */
export async function stopPlans(
  invocation: Invocation,
  by: { to: string } | { tag: string; to?: string } | { series: string },
  /** A series to leave running (the one a replace has just started). */
  except?: string,
): Promise<StoppedPlans> {
  const book = bookOf(invocation);
  if (book === undefined) return { complete: true, sids: [], unknown: 0 };
  let series: string[];
  if ('series' in by) series = [by.series];
  else {
    const listed = await book.plansOf('tag' in by ? { tag: by.tag } : { to: by.to }, invocation);
    if (listed === undefined) return { complete: false, sids: [], unknown: 0 };
    const only = 'tag' in by && by.to !== undefined ? recipientKey(by.to) : undefined;
    series = listed
      .filter((p) => (only === undefined || p.to === only) && p.series !== except)
      .map((p) => p.series);
  }
  const result: StoppedPlans = { complete: true, sids: [], unknown: 0 };
  await Promise.all(
    series.map(async (one) => {
      const [stopped, claims] = await Promise.all([
        book.stop(one),
        book.claims(one, invocation, invocation.now),
      ]);
      if (!stopped || claims === 'unavailable') {
        result.complete = false;
        return;
      }
      // A claim without a SID is a create in flight (its invocation takes it back once it sees
      // the plan stopped), one that never happened, or one whose answer was lost: only the last
      // may have left a message nobody can name.
      for (const claim of claims.values()) {
        if (claim.sid !== undefined) result.sids.push(claim.sid);
        else if (claim.unknown) result.unknown++;
      }
    }),
  );
  if (result.unknown > 0) result.complete = false;
  return result;
}

/** Extend a plan's life when its item would expire less than this before it is done with. */
const EXTEND_MARGIN_MS = 30 * DAY;

/**
 * After a series message is sent (or failed), schedules every pending occurrence that now falls
 * inside the window. Safe to run twice or at once: each occurrence is claimed before creation.
 * Any callback of the series arms what an earlier one missed (every open occurrence is checked).
 */
export async function armSeries(
  invocation: Invocation,
  registry: Registry,
  series: string,
): Promise<{ armed: number; complete: boolean }> {
  const book = bookOf(invocation);
  if (book === undefined) return { armed: 0, complete: true };
  const loaded = await book.load(series);
  if (loaded === 'unavailable') return { armed: 0, complete: false };
  if (loaded === undefined || loaded.plan.canceled) return { armed: 0, complete: true };
  const { plan } = loaded;
  // A series longer than Sync's longest TTL: the plan's life is extended as it is armed.
  const needed = seriesTtl(plan, invocation.now);
  if (
    loaded.expires !== undefined &&
    loaded.expires < invocation.now + needed * SECOND - EXTEND_MARGIN_MS
  ) {
    if (!(await book.extend(plan, needed))) return { armed: 0, complete: false };
  }
  const claims = await book.claims(series, invocation, invocation.now);
  if (claims === 'unavailable') return { armed: 0, complete: false };
  // A claim its invocation left behind with no message is taken back, then claimed anew; one
  // whose message is recorded (only its SID could not be written to the claim) stays.
  let abandoned = [...claims].filter(([, claim]) => claim.abandoned);
  if (abandoned.length > 0) {
    const records = await registry.ofSeries(series, invocation);
    if (records === undefined) return { armed: 0, complete: false };
    const made = new Set(records.map((record) => record.occurrence));
    abandoned = abandoned.filter(([index]) => !made.has(index));
  }
  const freed = await Promise.all(
    abandoned.map(([index, claim]) => book.release(series, index, claim.revision)),
  );
  abandoned.forEach(([index], i) => {
    if (freed[i]) claims.delete(index);
  });
  const open = plan.planned.map((_, index) => index).filter((index) => !claims.has(index));
  const armed = await armWithin(invocation, registry, book, plan, open);
  await takeBackIfStopped(invocation, registry, book, series, armed.created);
  return { armed: armed.created.length, complete: armed.unavailable === 0 };
}
