// /schedule-message: parse, compute the send time, then create the message at Twilio and record
// it in the registry. With an idempotency key the key is reserved first (a replay answers the
// first answer); with replace the recipient's other messages with the tag are canceled after the
// new one exists, so a failure never leaves them with none.
import { type AppError, ok, type Result, refuse } from '../core/errors';
import { parseScheduleRequest, type ScheduleRequest } from '../input/schedule-request';
import { fingerprintOf, type IdempotencyKeys } from '../registry/idempotency';
import { type MessageRecord, ttlAfter } from '../registry/records';
import type { Registry } from '../registry/registry';
import type { SeriesPlan } from '../registry/series';
import { computeSendTime, requestedTime, type SendTime } from '../time/send-time';
import { cancelOne } from '../twilio/cancel';
import { createScheduled } from '../twilio/create-message';
import { isOutcomeUnknown } from '../twilio/errors';
import { type Invocation, registryOf, registryUnavailable } from './invocation';
import { planSeries, type SeriesAnswer, seriesTtl, startSeries, stopSeries } from './series';

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
  /** Only false: the message exists, but the registry could not record it. */
  registered?: false;
} & Omit<SendTime, 'instant'>;

const registryDisabled = (field: string) => refuse('REGISTRY_DISABLED', field);

const notReached = (cause: AppError) =>
  registryUnavailable(
    "Sorry, messages can't be scheduled right now. Nothing was sent.",
    'could not be reached, so Twilio was not called',
    cause,
  );

const keyInUse = (outcomeUnknown: boolean) =>
  refuse('IDEMPOTENCY_KEY_IN_USE', 'idempotencyKey', {
    variant: outcomeUnknown ? 'outcomeUnknown' : 'default',
  });

const keyReused = () => refuse('IDEMPOTENCY_KEY_REUSED', 'idempotencyKey');

/** Cancels the earlier messages of the tag (and stops their series); returns those canceled. */
async function replaceEarlier(
  invocation: Invocation,
  registry: Registry,
  earlier: MessageRecord[],
): Promise<string[]> {
  const replaced: string[] = [];
  const stopped = new Set<string>();
  for (const record of earlier) {
    if (record.series !== undefined && !stopped.has(record.series)) {
      stopped.add(record.series);
      await stopSeries(invocation, record.series);
    }
    const outcome = await cancelOne(invocation.twilio(), record.sid);
    if (outcome.kind === 'failed') continue;
    replaced.push(record.sid);
    await registry.setStatus(record.sid, 'canceled');
  }
  return replaced;
}

/** What is about to be scheduled: one message at its time, or a series from its plan. */
type Work =
  | { kind: 'one'; time: SendTime; ttl: number }
  | { kind: 'series'; plan: SeriesPlan; interpreted?: string; ttl: number };

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
    statusCallback: invocation.config.statusCallbackUrl,
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
): Promise<Result<ScheduleAnswer | SeriesAnswer>> {
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
  }

  // Without a Messaging Service Twilio ignores the schedule and sends at once: never call it so.
  if (messagingServiceSid === undefined) {
    return refuse('CONFIG_MESSAGING_SERVICE_MISSING', 'messagingServiceSid');
  }
  const request = { ...parsed.value, messagingServiceSid };
  const work = workOf(request, invocation);
  if (!work.ok) return work;
  const ttl = work.value.ttl;

  // Reserve the key before anything else: a second request finds it taken. The fingerprint (a
  // hash of the whole request) is only worth its cost when there is a key to compare it with.
  const fingerprint = idempotencyKey
    ? fingerprintOf({ ...request, registry: { tag, replace } })
    : '';
  const keys: IdempotencyKeys | undefined = idempotencyKey ? registry?.keys : undefined;
  if (keys && idempotencyKey) {
    const reservation = await keys.reserve(idempotencyKey, fingerprint, ttl, now);
    switch (reservation.kind) {
      case 'replay':
        return ok({ ...(reservation.answer as ScheduleAnswer | SeriesAnswer), replayed: true });
      case 'reused':
        return keyReused();
      case 'in-use':
        return keyInUse(reservation.outcomeUnknown);
      case 'unavailable':
        return notReached(reservation.error);
    }
  }
  const release = async () => {
    if (keys && idempotencyKey) await keys.release(idempotencyKey);
  };

  // What replace will cancel is read first: if the registry can't be read, nothing is sent.
  let earlier: MessageRecord[] = [];
  if (replace && tag !== undefined && registry) {
    const listing = await registry.records.upcoming({ tag, to }, now);
    if (!listing.ok) {
      await release();
      return notReached(listing.error);
    }
    earlier = listing.records;
  }

  let answer: ScheduleAnswer | SeriesAnswer;
  if (work.value.kind === 'series' && registry) {
    const extras =
      work.value.interpreted !== undefined ? { interpreted: work.value.interpreted } : {};
    const started = await startSeries(
      invocation,
      registry.records,
      work.value.plan,
      request.time.ifTooSoon,
      extras,
    );
    if (!started.ok) {
      // As for one message: an outcome Twilio left unknown keeps the key taken.
      if (keys && idempotencyKey && isOutcomeUnknown(started.error.code))
        await keys.markUnknown(idempotencyKey, fingerprint, now);
      else await release();
      return started;
    }
    answer = started.value;
  } else if (work.value.kind === 'one') {
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
    if (!one.ok) {
      if (keys && idempotencyKey) {
        // Refused: nothing exists, the key is free. Unknown: the key stays taken, and says so.
        if (one.maybeCreated) await keys.markUnknown(idempotencyKey, fingerprint, now);
        else await release();
      }
      return { ok: false, error: one.error };
    }
    answer = one.answer;
  } else {
    return registryDisabled('repeat');
  }

  if (replace && registry)
    answer.replaced = await replaceEarlier(invocation, registry.records, earlier);
  if (keys && idempotencyKey && (replace || work.value.kind === 'series')) {
    await keys.complete(idempotencyKey, fingerprint, { ...answer }, ttl, now);
  }
  return ok(answer);
}
