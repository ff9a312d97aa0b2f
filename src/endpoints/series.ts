// Recurring series (`repeat`), shared by /schedule-message (which starts a series) and
// /message-status (which arms the rest). The plan is saved first, so a series is never
// half-recorded: every occurrence is claimed in Sync (an atomic create) before it is created at
// Twilio, so none is ever created twice, whichever invocation gets to it. Occurrences inside
// Twilio's window are created at once, within the time budget; the others stay pending and are
// armed as earlier ones are sent. Each occurrence passes quiet hours, quiet days and the window
// on its own, so one moved by quiet rules does not shift the rest.
import { remaining } from '../core/budget';
import { randomHex } from '../core/digest';
import type { AppError, Result } from '../core/errors';
import { ok } from '../core/errors';
import { SECOND } from '../core/units';
import { DEFAULT_LOCALE } from '../input/config';
import type { ScheduleRequest } from '../input/schedule-request';
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
  replaced?: string[];
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
  const claim = await book.claim(plan.series, index, claimTtl);
  if (claim === 'taken') return { kind: 'skipped' };
  if (claim === 'unavailable') return { kind: 'unavailable' };
  const created = await createScheduled(invocation.twilio(), {
    to: plan.to,
    messagingServiceSid: plan.messagingServiceSid,
    sendAt: time.instant,
    content: plan.content,
    statusCallback: invocation.config.statusCallbackUrl,
  });
  if (!created.ok) {
    // Refused: nothing exists, so a later callback may try again. Unknown: the claim stays.
    if (!created.maybeCreated) await book.release(plan.series, index);
    return { kind: 'failed', error: created.error, maybeCreated: created.maybeCreated };
  }
  const record: MessageRecord = {
    sid: created.sid,
    to: plan.to,
    sendAt: time.sendAt,
    timeZone: plan.timeZone,
    series: plan.series,
    status: 'scheduled',
    createdAt: new Date(invocation.now).toISOString(),
  };
  if (plan.tag !== undefined) record.tag = plan.tag;
  if (plan.locale !== undefined) record.locale = plan.locale;
  await registry.record(record, invocation.now);
  const occurrence: Occurrence = { sid: created.sid, sendAt: time.sendAt };
  if (time.sendAtLocal !== undefined) occurrence.sendAtLocal = time.sendAtLocal;
  if (time.sendAtText !== undefined) occurrence.sendAtText = time.sendAtText;
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
  const worker = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      if (remaining(invocation) < CREATE_RESERVE_MS) return;
      await one(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
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
    return registryUnavailable(
      "Sorry, messages can't be scheduled right now. Nothing was sent.",
      'could not save the series, so Twilio was not called',
    );
  }
  const indexes = plan.planned.map((_, index) => index);
  const armed = await armWithin(invocation, registry, book, plan, indexes, firstIfTooSoon);
  if (armed.error !== undefined && armed.created.length === 0) {
    // Twilio refused the first one (the number, the content): the series ends here.
    await book.cancel(plan.series);
    return { ok: false, error: armed.error };
  }
  if (armed.created.length === 0 && armed.unavailable > 0) {
    // No occurrence could be claimed: nothing was sent, and no callback would ever arm the rest.
    await book.cancel(plan.series);
    return registryUnavailable(
      "Sorry, messages can't be scheduled right now. Nothing was sent.",
      'could not be written, so nothing was scheduled',
    );
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

/** Stops a series from arming more occurrences (its scheduled ones are canceled separately). */
export async function stopSeries(invocation: Invocation, series: string): Promise<boolean> {
  const settings = invocation.config.registry;
  if (settings === undefined) return false;
  return new SeriesBook(new SyncMaps(invocation.twilio, settings.service)).cancel(series);
}

/**
 * After a series message is sent (or failed), schedules every pending occurrence that now falls
 * inside the window. Safe to run twice or at once: each occurrence is claimed before creation.
 */
export async function armSeries(
  invocation: Invocation,
  registry: Registry,
  series: string,
): Promise<{ armed: number }> {
  const settings = invocation.config.registry;
  if (settings === undefined) return { armed: 0 };
  const book = new SeriesBook(new SyncMaps(invocation.twilio, settings.service));
  const plan = await book.load(series);
  if (plan === undefined || plan === 'unavailable' || plan.canceled) return { armed: 0 };
  const claimed = await book.claimed(series, invocation);
  if (claimed === 'unavailable') return { armed: 0 };
  const open = plan.planned.map((_, index) => index).filter((index) => !claimed.has(index));
  const { created } = await armWithin(invocation, registry, book, plan, open);
  // Canceled while these were being created: take them back, so nothing outlives the cancel.
  const after = await book.load(series);
  if (after !== 'unavailable' && after?.canceled) {
    for (const occurrence of created) {
      const outcome = await cancelOne(invocation.twilio(), occurrence.sid);
      if (outcome.kind !== 'failed') await registry.setStatus(occurrence.sid, 'canceled');
    }
  }
  return { armed: created.length };
}
