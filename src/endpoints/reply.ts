// /reply: an incoming message, read as an answer to the sender's soonest upcoming appointment.
// Confirm and decline are recorded on the appointment (guarded by its revision: two replies at
// once leave one state); a decline stops the reminders' plan and cancels what it scheduled (a
// reminder armed at that moment is taken back by its own invocation, endpoints/series.ts). An
// opt-out word cancels everything scheduled for the sender, as /cancel-message by `to` does. The
// answer carries facts; the words sent back are the edge's (src/edge/reply-texts.ts).
import { ok, type Result } from '../core/errors';
import { type Language, languageOf } from '../core/language';
import { parseReplyRequest, type ReplyRequest } from '../input/reply-request';
import type { AppointmentRecord, AppointmentState } from '../registry/appointments';
import { mayMove } from '../registry/appointments';
import { type AppointmentView, appointmentBookOf, viewOf } from './appointment';
import { cancelMessage } from './cancel-message';
import { type Invocation, registryOf, registryUnavailable } from './invocation';
import { replaceEarlier } from './replace-earlier';

export type ReplyAction = 'confirm' | 'decline' | 'reschedule' | 'opt-out' | 'help' | 'none';

/** What a reply did, as facts: the edge adds the text to send back. */
export interface ReplyFacts {
  action: ReplyAction;
  /** The language the text back is written in. */
  language: Language;
  state?: AppointmentState;
  tag?: string;
  at?: string;
  atText?: string;
  appointment?: AppointmentView;
  /** A confirm that came after the appointment was declined: not recorded. */
  afterDecline?: true;
  canceled?: string[];
  complete?: boolean;
}

const unavailable = () => registryUnavailable('replyNotRecorded');

/** The locale the answer is written in: asked for, the appointment's, the word's, the service's. */
function localeOf(request: ReplyRequest, invocation: Invocation, record?: AppointmentRecord) {
  return (
    request.locale ??
    record?.locale ??
    request.reading.language ??
    invocation.config.defaults.locale
  );
}

const languageIn = (locale: string): Language => languageOf(locale) ?? 'en';

/** The reply as the texter sees it: the appointment in their language, and what was done. */
function factsOf(action: ReplyAction, record: AppointmentRecord, locale: string): ReplyFacts {
  const appointment = viewOf(record, locale);
  const facts: ReplyFacts = {
    action,
    language: languageIn(locale),
    state: record.state,
    tag: record.tag,
    at: record.at,
    appointment,
  };
  if (appointment.atText !== undefined) facts.atText = appointment.atText;
  return facts;
}

async function optOut(
  invocation: Invocation,
  from: string,
  request: ReplyRequest,
): Promise<Result<ReplyFacts>> {
  // The same cancel as the flow's STOP path: Twilio's list scanned, every plan stopped.
  const canceled = await cancelMessage({ ...invocation, event: { to: from } });
  if (!canceled.ok) return canceled;
  const facts: ReplyFacts = {
    action: 'opt-out',
    language: languageIn(localeOf(request, invocation)),
    canceled: canceled.value.canceled,
  };
  if ('complete' in canceled.value) facts.complete = canceled.value.complete;
  return ok(facts);
}

export async function reply(invocation: Invocation): Promise<Result<ReplyFacts>> {
  const parsed = parseReplyRequest(invocation.event);
  if (!parsed.ok) return parsed;
  const request = parsed.value;
  const handles = registryOf(invocation);
  const book = appointmentBookOf(invocation);
  const from = request.from;
  const none = (): Result<ReplyFacts> =>
    ok({ action: 'none', language: languageIn(localeOf(request, invocation)) });
  // Nothing is ever scheduled to a sender that is no number: no appointment, nothing to stop.
  if (from === undefined) return none();
  if (request.reading.intent === 'opt-out') return optOut(invocation, from, request);
  // Without the registry there are no appointments: the flow goes on with its other paths.
  if (handles === undefined || book === undefined) return none();

  const found = await book.soonest(from, invocation.now, invocation);
  if (found === 'unavailable') return unavailable();
  if (found === undefined)
    return ok({ action: 'none', language: languageIn(localeOf(request, invocation)) });
  const { tag } = found.record;
  const stamp = new Date(invocation.now).toISOString();

  switch (request.reading.intent) {
    case 'confirm':
    case 'decline': {
      const target: AppointmentState =
        request.reading.intent === 'confirm' ? 'confirmed' : 'declined';
      const changed = await book.change(tag, (current) =>
        current.state === target || !mayMove(current.state, target)
          ? undefined
          : { ...current, state: target, updatedAt: stamp },
      );
      if (changed.kind === 'unavailable') return unavailable();
      if (changed.kind === 'not-found')
        return ok({ action: 'none', language: languageIn(localeOf(request, invocation)) });
      if (changed.kind !== 'changed' && changed.kind !== 'unchanged') return unavailable();
      const record = changed.record;
      const facts = factsOf(request.reading.intent, record, localeOf(request, invocation, record));
      if (target === 'confirmed') {
        if (record.state === 'declined') facts.afterDecline = true;
        return ok(facts);
      }
      // Declined (now or before): the plan is stopped and every reminder canceled. Run again on
      // a second decline, so that a retry finishes what a fault left.
      const listing = await handles.records.upcoming({ tag, to: record.to }, invocation.now);
      if (!listing.ok) return unavailable();
      const done = await replaceEarlier(
        invocation,
        handles.records,
        { tag, to: record.to },
        listing.records.map((r) => r.sid),
        {},
      );
      // The state is recorded, but a reminder may still be scheduled: never say it is not.
      if (!done.complete || !listing.complete) return unavailable();
      facts.canceled = done.replaced;
      facts.complete = true;
      return ok(facts);
    }
    case 'reschedule':
      return ok(factsOf('reschedule', found.record, localeOf(request, invocation, found.record)));
    default:
      return ok(factsOf('help', found.record, localeOf(request, invocation, found.record)));
  }
}
