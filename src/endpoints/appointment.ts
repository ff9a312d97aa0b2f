// Appointments on /schedule-message (`appointmentAt`): the appointment is recorded in the
// registry, and its reminders are a series plan whose occurrences are the reminder times, so
// they are claimed, created, armed past Twilio's window, stopped and canceled exactly as a
// series' occurrences are (endpoints/series.ts). Reminders whose time can't be kept are skipped
// and listed, never moved. With replace (the appointment moved) the new reminders are scheduled
// first, then the old ones canceled, one replace per tag and recipient at a time.
import { randomHex } from '../core/digest';
import { type AppError, ok, type Result, refuse } from '../core/errors';
import { SECOND } from '../core/units';
import { DEFAULT_LOCALE, defaultOffsets } from '../input/config';
import type { ScheduleRequest } from '../input/schedule-request';
import {
  AppointmentBook,
  type AppointmentRecord,
  type AppointmentState,
} from '../registry/appointments';
import { recipientKey } from '../registry/keys';
import { ttlAfter } from '../registry/records';
import type { SeriesPlan } from '../registry/series';
import { fitsUnderCap } from '../time/day-cap';
import { formatSendAtText } from '../time/local-text';
import { planReminders, type ReminderPlan } from '../time/reminders';
import { requestedTime } from '../time/send-time';
import { formatLocal, formatUtc } from '../time/wall-clock';
import { cancelOne } from '../twilio/cancel';
import { SyncMaps } from '../twilio/sync-map';
import { cancelFailure } from './cancel-message';
import { scheduledInstants } from './frequency-cap';
import { type Invocation, type registryOf, registryUnavailable } from './invocation';
import { replaceEarlier } from './replace-earlier';
import { type SeriesAnswer, startSeries, stopPlans } from './series';

/** An appointment as answers show it. */
export interface AppointmentView {
  tag: string;
  at: string;
  atLocal?: string;
  atText?: string;
  timeZone?: string;
  state: AppointmentState;
}

export interface AppointmentAnswer {
  appointment: AppointmentView;
  to: string;
  reminders: {
    sid: string;
    sendAt: string;
    sendAtLocal?: string;
    sendAtText?: string;
    offset: string;
    registered?: false;
  }[];
  skipped: ReminderPlan['skipped'];
  /** Reminders past Twilio's window, armed when an earlier one is sent. */
  pending: number;
  series?: string;
  timeZone?: string;
  timeZones?: string[];
  interpreted?: string;
  failed?: SeriesAnswer['failed'];
  replaced?: string[];
  notReplaced?: { sid: string; code: string; maybeCanceled?: true }[];
  complete?: boolean;
}

type Handles = NonNullable<ReturnType<typeof registryOf>>;

export const appointmentBookOf = (invocation: Invocation): AppointmentBook | undefined => {
  const settings = invocation.config.registry;
  return settings && new AppointmentBook(new SyncMaps(invocation.twilio, settings.service));
};

/** The appointment's time as a person reads it, in `locale` (the record's, else the service's). */
export function viewOf(record: AppointmentRecord, locale?: string): AppointmentView {
  const view: AppointmentView = { tag: record.tag, at: record.at, state: record.state };
  const zone = record.timeZone;
  const instant = Date.parse(record.at);
  if (zone !== undefined) {
    view.atLocal = formatLocal(instant, zone);
    view.timeZone = zone;
  }
  view.atText = formatSendAtText(instant, zone ?? 'UTC', locale ?? record.locale ?? DEFAULT_LOCALE);
  return view;
}

const notReached = (cause?: AppError) => registryUnavailable('notReached', cause);

/** The time was read by the send-time readers: their errors are the appointment's. */
function asAppointmentError(error: AppError): { ok: false; error: AppError } {
  if (error.field === 'when' || error.field === 'sendAt') {
    const moved: AppError = { code: 'INVALID_APPOINTMENT_AT', field: 'appointmentAt' };
    if (error.language !== undefined) moved.language = error.language;
    return { ok: false, error: moved };
  }
  return { ok: false, error };
}

export async function bookAppointment(
  invocation: Invocation,
  request: ScheduleRequest & { messagingServiceSid: string },
  handles: Handles,
): Promise<Result<AppointmentAnswer>> {
  const { config, now } = invocation;
  const { to } = request;
  const tag = request.registry.tag;
  if (tag === undefined) return refuse('APPOINTMENT_NEEDS_TAG', 'tag');
  const book = appointmentBookOf(invocation);
  if (book === undefined) return refuse('REGISTRY_DISABLED', 'appointmentAt');

  // The appointment's time, read as a send time is (an instant, a wall time, or words).
  const requested = requestedTime(request.time, config.window, now);
  if (!requested.ok) return asAppointmentError(requested.error);
  const instant = Math.ceil(requested.value.instant / SECOND) * SECOND;
  if (instant <= now) return refuse('INVALID_APPOINTMENT_AT', 'appointmentAt', { variant: 'past' });
  const zone = requested.value.zone;
  const { quietHours, quietDays } = request.time;
  // Quiet rules hold in a zone: without one they could not be checked, so none is guessed.
  if ((quietHours !== null || quietDays !== null) && request.time.zones.length === 0)
    return refuse('MISSING_TIME_ZONE', 'timeZone');

  const offsets =
    request.appointment?.offsets ?? config.defaults.reminderOffsets ?? defaultOffsets();
  const plan = planReminders(
    instant,
    offsets,
    { zone: zone ?? 'UTC', zones: request.time.zones, quietHours, quietDays },
    config.window,
    now,
  );

  // The cap counts what is scheduled for the recipient, but this tag's (a move cancels them).
  const cap = request.maxPerDay;
  if (cap !== undefined && cap !== null && plan.planned.length > 0) {
    const existing = await scheduledInstants(invocation, handles.records, to, tag);
    if (!existing.ok) return notReached(existing.error);
    const fits = fitsUnderCap(
      plan.planned.map((p) => p.instant),
      existing.instants,
      zone ?? 'UTC',
      cap,
    );
    const kept = plan.planned.filter((_, i) => fits[i]);
    for (const [i, reminder] of plan.planned.entries())
      if (!fits[i]) plan.skipped.push({ offset: reminder.offset, reason: 'frequency-cap' });
    plan.planned = kept;
  }

  // A reminder past the window is armed when an earlier one is sent: the first must be inside.
  const [first] = plan.planned;
  if (first?.later) {
    const bookFrom = first.instant - config.window.maxLeadDays * 86_400_000;
    return refuse('APPOINTMENT_TOO_FAR', 'appointmentAt', {
      maxLeadDays: config.window.maxLeadDays,
      bookFrom: formatUtc(Math.ceil(bookFrom / SECOND) * SECOND),
    });
  }

  const locale = request.time.locale;
  const atText = formatSendAtText(instant, zone ?? 'UTC', locale);
  const at = formatUtc(instant);
  const ttl = ttlAfter(instant, now);
  const stamp = new Date(now).toISOString();
  const series = plan.planned.length > 0 ? `AP${randomHex(16)}` : undefined;
  const record: AppointmentRecord = {
    tag,
    to,
    at,
    state: 'booked',
    createdAt: stamp,
    updatedAt: stamp,
  };
  if (zone !== undefined) record.timeZone = zone;
  if (request.appointment?.locale !== undefined) record.locale = request.appointment.locale;
  if (series !== undefined) record.series = series;

  // One replace per tag and recipient at a time; what it will cancel is read before anything
  // is sent.
  const replace = request.registry.replace;
  let slot: Awaited<ReturnType<Handles['slots']['acquire']>> | undefined;
  let earlier: string[] = [];
  const release = async (left?: { series?: string }) => {
    if (slot?.kind === 'held') await handles.slots.release(tag, to, slot, left, ttl);
  };
  if (replace) {
    slot = await handles.slots.acquire(tag, to, invocation);
    if (slot.kind !== 'held') {
      return slot.kind === 'busy'
        ? refuse('REPLACE_IN_PROGRESS', 'replace')
        : notReached(slot.error);
    }
    const listing = await handles.records.upcoming({ tag, to }, now);
    if (!listing.ok) {
      await release();
      return notReached(listing.error);
    }
    earlier = listing.records.map((r) => r.sid);
  }

  // The record first: a reply finds the appointment as soon as a reminder can reach anyone, and
  // the tag is taken atomically (two bookings of one tag: one wins, the other is told).
  const loaded = await book.load(tag);
  if (loaded === 'unavailable') {
    await release();
    return notReached();
  }
  let previous: AppointmentRecord | undefined;
  if (loaded !== undefined) {
    if (recipientKey(loaded.record.to) !== recipientKey(to)) {
      await release();
      return refuse('APPOINTMENT_EXISTS', 'tag', { variant: 'otherRecipient' });
    }
    if (!replace) return refuse('APPOINTMENT_EXISTS', 'tag');
    previous = loaded.record;
  }
  const written =
    previous === undefined
      ? await book.create(record, ttl)
      : await rewrite(book, { ...record, createdAt: previous.createdAt }, previous, ttl);
  if (written === 'exists') {
    await release();
    return refuse('APPOINTMENT_EXISTS', 'tag');
  }
  if (written === 'unavailable') {
    await release();
    return notReached();
  }

  // The reminders: a plan whose occurrences are the reminder times, with the body filled in.
  let started: SeriesAnswer | undefined;
  if (series !== undefined) {
    const content = { ...request.content };
    if (content.body !== undefined)
      content.body = content.body.replaceAll('{{appointment}}', atText);
    const seriesPlan: SeriesPlan = {
      series,
      to,
      messagingServiceSid: request.messagingServiceSid,
      content,
      tag,
      timeZone: zone ?? 'UTC',
      zones: [...request.time.zones],
      // Already applied: a reminder in quiet time was skipped, never moved.
      quietHours: null,
      quietDays: null,
      locale,
      planned: plan.planned.map((p) => p.instant / SECOND),
      canceled: false,
      createdAt: stamp,
    };
    let result = await startSeries(invocation, handles.records, seriesPlan, 'reject', {});
    // A reminder inside the window that could not be created now never would be (the callbacks
    // that arm come from later reminders): the booking is all or nothing.
    const due = plan.planned.filter((p) => !p.later).length;
    if (result.ok && result.value.occurrences.length < due) {
      const undone = await undoReminders(invocation, handles, series);
      result = incomplete(result.value, undone);
    }
    if (!result.ok) {
      // Nothing is left scheduled: the booking is undone (a move puts the earlier record back).
      if (previous === undefined) await book.remove(record);
      else await rewrite(book, previous, record, ttlAfter(Date.parse(previous.at), now));
      await release();
      return result;
    }
    started = result.value;
  }

  const offsetOf = new Map(plan.planned.map((p) => [formatUtc(p.instant), p.offset]));
  const answer: AppointmentAnswer = {
    appointment: viewOf(record, locale),
    to,
    reminders: (started?.occurrences ?? []).map((o) => ({
      ...o,
      offset: offsetOf.get(o.sendAt) ?? '',
    })),
    skipped: plan.skipped,
    pending: started?.pending ?? 0,
  };
  if (series !== undefined) answer.series = series;
  if (zone !== undefined) answer.timeZone = zone;
  if (request.time.zones.length > 1) answer.timeZones = [...request.time.zones];
  if (requested.value.interpreted !== undefined) answer.interpreted = requested.value.interpreted;
  if (started?.failed !== undefined) answer.failed = started.failed;

  if (replace) {
    const left = series !== undefined ? { series } : {};
    Object.assign(
      answer,
      await replaceEarlier(invocation, handles.records, { tag, to }, earlier, left),
    );
    await release(left);
  }
  return ok(answer);
}

/** Stops a plan and cancels what it created; true when nothing of it is left scheduled. */
async function undoReminders(
  invocation: Invocation,
  handles: Handles,
  series: string,
): Promise<boolean> {
  const stopped = await stopPlans(invocation, { series });
  let left = !stopped.complete;
  for (const sid of stopped.sids) {
    const outcome = await cancelOne(invocation.twilio(), sid);
    if (outcome.kind === 'failed' && cancelFailure(sid, outcome) !== undefined) left = true;
    else await handles.records.setStatus(sid, 'canceled');
  }
  return !left;
}

/** The error for a booking whose reminders could not all be created (and were taken back). */
function incomplete(started: SeriesAnswer, undone: boolean): Result<SeriesAnswer> {
  const [failed] = started.failed ?? [];
  if (failed !== undefined) {
    const error: AppError = { code: failed.code as AppError['code'] };
    return { ok: false, error };
  }
  return registryUnavailable(undone ? 'remindersUndone' : 'remindersLeft');
}

/**
 * Writes `next` over the record (a move, or putting a move back), guarded by its revision, and
 * lists it under its new time; the old time's entry is dropped.
 */
async function rewrite(
  book: AppointmentBook,
  next: AppointmentRecord,
  previous: AppointmentRecord,
  ttl: number,
): Promise<'created' | 'exists' | 'unavailable'> {
  const changed = await book.change(next.tag, () => next, ttl);
  if (changed.kind === 'not-found') return book.create(next, ttl);
  if (changed.kind === 'unavailable') return 'unavailable';
  if (!(await book.index(next, ttl))) return 'unavailable';
  if (previous.at !== next.at) await book.unindex(previous);
  return 'created';
}
