// /schedule-message: parse, compute the send time, then create the message at Twilio and record
// it in the registry. With an idempotency key the key is reserved first (a replay answers the
// first answer); with replace the recipient's other messages with the tag are canceled after the
// new one exists, so a failure never leaves them with none.
import { type AppError, ok, type Result, refuse } from '../core/errors';
import { SECOND } from '../core/units';
import { parseScheduleRequest, type ScheduleRequest } from '../input/schedule-request';
import { fingerprintOf, type IdempotencyKeys } from '../registry/idempotency';
import { type MessageRecord, ttlAfter } from '../registry/records';
import type { Registry } from '../registry/registry';
import type { Slot } from '../registry/replace-slot';
import type { SeriesPlan } from '../registry/series';
import { fitsUnderCap } from '../time/day-cap';
import { computeSendTime, requestedTime, type SendTime } from '../time/send-time';
import { formatUtc } from '../time/wall-clock';
import { statusCallbackUrl } from '../twilio/callback-url';
import { createScheduled } from '../twilio/create-message';
import { isOutcomeUnknown } from '../twilio/errors';
import { type AppointmentAnswer, bookAppointment } from './appointment';
import { checkOne, scheduledInstants } from './frequency-cap';
import { type Invocation, registryOf, registryUnavailable } from './invocation';
import { replaceEarlier } from './replace-earlier';
import { planSeries, type SeriesAnswer, seriesTtl, startSeries } from './series';

/** What a flow gets back for a scheduled message (docs/endpoints.md: "Answers"). */
export type ScheduleAnswer = {
  sid: string;
  status: string;
  to: string;
  tag?: string;
  /** The first answer given for this idempotency key, given again. */
  replayed?: true;
  /** The recipient's earlier messages with the same tag, canceled (replace=true). */
  replaced?: string[];
  /** Those that could not be canceled: still scheduled, or maybe (replace=true). */
  notReplaced?: { sid: string; code: string; maybeCanceled?: true }[];
  /** With replace: true when no earlier message with the tag is left scheduled. */
  complete?: boolean;
  /** Only false: the message exists, but the registry could not record it. */
  registered?: false;
} & Omit<SendTime, 'instant'>;

const registryDisabled = (field: string) => refuse('REGISTRY_DISABLED', field);

const notReached = (cause: AppError) => registryUnavailable('notReached', cause);

const keyInUse = (outcomeUnknown: boolean) =>
  refuse('IDEMPOTENCY_KEY_IN_USE', 'idempotencyKey', {
    variant: outcomeUnknown ? 'outcomeUnknown' : 'default',
  });

const replaceBusy = () => refuse('REPLACE_IN_PROGRESS', 'replace');

const keyReused = () => refuse('IDEMPOTENCY_KEY_REUSED', 'idempotencyKey');

/** A replayed answer, with the message's status as it is now, and whether it is recorded. */
async function replayOf(
  invocation: Invocation,
  registry: Registry,
  first: ScheduleAnswer | SeriesAnswer,
): Promise<ScheduleAnswer | SeriesAnswer> {
  const answer = { ...first, replayed: true as const };
  if (!('sid' in answer)) return answer;
  const found = await registry.lookup(answer.sid);
  if (found.ok && found.record !== undefined) {
    answer.status = found.record.status;
    return answer;
  }
  // No record under its SID: not recorded, whatever the first answer could say.
  if (found.ok) answer.registered = false;
  try {
    answer.status = (await invocation.twilio().messages(answer.sid).fetch()).status;
  } catch {
    // Twilio did not say: the status first given stays.
  }
  return answer;
}

/** What is about to be scheduled: one message at its time, or a series from its plan. */
type Work =
  | { kind: 'one'; time: SendTime; ttl: number }
  | {
      kind: 'series';
      plan: SeriesPlan;
      interpreted?: string;
      ttl: number;
      /** Occurrences the frequency cap took out of the plan. */
      skipped?: { at: string; reason: 'frequency-cap' }[];
    };

function workOf(
  request: ScheduleRequest & { messagingServiceSid: string },
  invocation: Invocation,
) {
  const { config, now } = invocation;
  if (request.repeat === undefined) {
    const time = computeSendTime(request.time, config.window, now);
    if (!time.ok) return time;
    return ok<Work>({ kind: 'one', time: time.value, ttl: ttlAfter(time.value.instant, now) });
  }
  const requested = requestedTime(request.time, config.window, now);
  if (!requested.ok) return requested;
  const plan = planSeries(
    { ...request, repeat: request.repeat },
    requested.value,
    config.window,
    now,
  );
  if (!plan.ok) return plan;
  const work: Work = { kind: 'series', plan: plan.value, ttl: seriesTtl(plan.value, now) };
  if (requested.value.interpreted !== undefined) work.interpreted = requested.value.interpreted;
  return ok(work);
}

/**
 * The frequency cap: a single message over it is refused (409); a series' occurrences over it
 * are taken out of its plan and listed as skipped. A replace does not count the messages it
 * cancels.
 */
async function underCap(
  invocation: Invocation,
  request: ScheduleRequest,
  work: Work,
  registry: Registry | undefined,
): Promise<Result<true>> {
  const cap = request.maxPerDay;
  if (cap === undefined || cap === null || registry === undefined) return ok(true);
  const { tag, replace } = request.registry;
  const existing = await scheduledInstants(
    invocation,
    registry,
    request.to,
    replace ? tag : undefined,
  );
  if (!existing.ok) return notReached(existing.error);
  if (work.kind === 'one')
    return checkOne(work.time.instant, existing.instants, work.time.timeZone ?? 'UTC', cap);
  const { plan } = work;
  const fits = fitsUnderCap(
    plan.planned.map((at) => at * SECOND),
    existing.instants,
    plan.timeZone,
    cap,
  );
  if (!fits[0]) {
    const first = (plan.planned[0] ?? 0) * SECOND;
    return checkOne(first, existing.instants, plan.timeZone, cap);
  }
  work.skipped = plan.planned
    .filter((_, i) => !fits[i])
    .map((at) => ({ at: formatUtc(at * SECOND), reason: 'frequency-cap' as const }));
  plan.planned = plan.planned.filter((_, i) => fits[i]);
  return ok(true);
}

/** Creates the one message and records it; `registered: false` when the record failed. */
async function scheduleOne(
  invocation: Invocation,
  request: ScheduleRequest & { messagingServiceSid: string },
  time: SendTime,
  registry: Registry | undefined,
  /** Written together with the record (one round trip, not two), e.g. the key's answer. */
  alongside: (answer: ScheduleAnswer) => Promise<unknown>,
): Promise<
  { ok: true; answer: ScheduleAnswer } | { ok: false; error: AppError; maybeCreated: boolean }
> {
  const { to, content, messagingServiceSid } = request;
  const { tag } = request.registry;
  const created = await createScheduled(invocation.twilio(), {
    to,
    messagingServiceSid,
    sendAt: time.instant,
    content,
    statusCallback: statusCallbackUrl(invocation.config.statusCallbackUrl),
  });
  if (!created.ok) return created;
  const { instant, ...reported } = time;
  const answer: ScheduleAnswer = { sid: created.sid, status: created.status, to, ...reported };
  if (tag !== undefined) answer.tag = tag;
  if (registry) {
    const record: MessageRecord = {
      sid: created.sid,
      to,
      sendAt: reported.sendAt,
      status: 'scheduled',
      createdAt: new Date(invocation.now).toISOString(),
    };
    if (reported.timeZone !== undefined) record.timeZone = reported.timeZone;
    if (request.time.locale !== undefined) record.locale = request.time.locale;
    if (tag !== undefined) record.tag = tag;
    const [recorded] = await Promise.all([
      registry.record(record, invocation.now),
      alongside(answer),
    ]);
    if (!recorded) answer.registered = false;
  }
  return { ok: true, answer };
}

export async function scheduleMessage(
  invocation: Invocation,
): Promise<Result<ScheduleAnswer | SeriesAnswer | AppointmentAnswer>> {
  const { event, config, now } = invocation;
  const parsed = parseScheduleRequest(event, config.defaults);
  if (!parsed.ok) return parsed;
  const { to, messagingServiceSid } = parsed.value;
  const { idempotencyKey, tag, replace } = parsed.value.registry;
  const registry = registryOf(invocation);
  if (registry === undefined) {
    // Named by the first parameter that needs what REGISTRY=off turned off.
    if (idempotencyKey !== undefined) return registryDisabled('idempotencyKey');
    if (tag !== undefined) return registryDisabled('tag');
    if (parsed.value.repeat !== undefined) return registryDisabled('repeat');
    if (parsed.value.appointment !== undefined) return registryDisabled('appointmentAt');
    if (parsed.value.maxPerDay !== undefined && parsed.value.maxPerDay !== null)
      return registryDisabled('maxPerDay');
  }

  // Without a Messaging Service Twilio ignores the schedule and sends at once: never call it so.
  if (messagingServiceSid === undefined) {
    return refuse('CONFIG_MESSAGING_SERVICE_MISSING', 'messagingServiceSid');
  }
  const request = { ...parsed.value, messagingServiceSid };
  if (request.appointment !== undefined && registry !== undefined)
    return bookAppointment(invocation, request, registry);
  const work = workOf(request, invocation);
  if (!work.ok) return work;
  const ttl = work.value.ttl;
  const capped = await underCap(invocation, request, work.value, registry?.records);
  if (!capped.ok) return capped;

  // Reserve the key before anything else: a second request finds it taken. The fingerprint (a
  // hash of the whole request) is only worth its cost when there is a key to compare it with.
  const fingerprint = idempotencyKey
    ? fingerprintOf({ ...request, registry: { tag, replace } })
    : '';
  const keys: IdempotencyKeys | undefined = idempotencyKey ? registry?.keys : undefined;
  if (keys && idempotencyKey) {
    const reservation = await keys.reserve(idempotencyKey, fingerprint, now);
    switch (reservation.kind) {
      case 'replay':
        return ok(
          await replayOf(
            invocation,
            (registry as NonNullable<typeof registry>).records,
            reservation.answer as ScheduleAnswer | SeriesAnswer,
          ),
        );
      case 'reused':
        return keyReused();
      case 'in-use':
        return keyInUse(reservation.outcomeUnknown);
      case 'unavailable':
        return notReached(reservation.error);
    }
  }

  // One replace at a time per recipient and tag; what it will cancel is read before anything is
  // sent: if the registry can't be used, nothing is sent.
  let slot: Extract<Slot, { kind: 'held' }> | undefined;
  let earlier: string[] = [];
  const release = async (left?: { sid?: string; series?: string }) => {
    if (slot && registry && tag !== undefined)
      await registry.slots.release(tag, to, slot, left, ttl);
    if (keys && idempotencyKey && left === undefined) await keys.release(idempotencyKey);
  };
  if (replace && tag !== undefined && registry) {
    const held = await registry.slots.acquire(tag, to, invocation);
    if (held.kind !== 'held') {
      await release();
      return held.kind === 'busy' ? replaceBusy() : notReached(held.error);
    }
    slot = held;
    const listing = await registry.records.upcoming({ tag, to }, now);
    if (!listing.ok) {
      await release();
      return notReached(listing.error);
    }
    earlier = listing.records.map((record) => record.sid);
    if (held.last.sid !== undefined) earlier.push(held.last.sid);
  }
  const giveUp = async (error: AppError) => {
    // Refused: nothing exists, the key is free. Unknown: the key stays taken, and says so.
    if (keys && idempotencyKey && isOutcomeUnknown(error.code)) {
      await keys.markUnknown(idempotencyKey, fingerprint, ttl, now);
      if (slot && registry && tag !== undefined)
        await registry.slots.release(tag, to, slot, undefined, ttl);
    } else await release();
    return { ok: false as const, error };
  };

  let answer: ScheduleAnswer | SeriesAnswer;
  let left: { sid?: string; series?: string };
  if (work.value.kind === 'series') {
    // A repeat with REGISTRY=off was refused above: a series always has the registry here.
    const records = (registry as NonNullable<typeof registry>).records;
    const extras =
      work.value.interpreted !== undefined ? { interpreted: work.value.interpreted } : {};
    const started = await startSeries(
      invocation,
      records,
      work.value.plan,
      request.time.ifTooSoon,
      extras,
    );
    if (!started.ok) return giveUp(started.error);
    answer = started.value;
    if (work.value.skipped?.length) answer.capped = work.value.skipped;
    left = { series: started.value.series };
  } else {
    // Without replace the answer is final once created: the key's copy goes with the record.
    const completeKey = async (final: ScheduleAnswer) => {
      if (keys && idempotencyKey && !replace)
        await keys.complete(idempotencyKey, fingerprint, { ...final }, ttl, now);
    };
    const one = await scheduleOne(
      invocation,
      request,
      work.value.time,
      registry?.records,
      completeKey,
    );
    if (!one.ok) return giveUp(one.error);
    answer = one.answer;
    left = { sid: one.answer.sid };
  }

  if (replace && registry && tag !== undefined) {
    Object.assign(
      answer,
      await replaceEarlier(invocation, registry.records, { tag, to }, earlier, left),
    );
    if (slot) await registry.slots.release(tag, to, slot, left, ttl);
  }
  // The key keeps the final answer: written now when it could not go with the record (replace,
  // a series), or again when the record failed (a replay must say `registered: false` too).
  const unrecorded = 'registered' in answer && answer.registered === false;
  if (keys && idempotencyKey && (replace || work.value.kind === 'series' || unrecorded)) {
    await keys.complete(idempotencyKey, fingerprint, { ...answer }, ttl, now);
  }
  return ok(answer);
}
