// /console-api: what the console page asks. Sign-in trades the password for a session token
// (wrong ones counted in Sync, see registry/sign-in-throttle.ts); every other action needs the
// token (console-access.ts). Lists are the registry's, read as /scheduled-messages reads them,
// with numbers masked so that no two look alike; cancels are /cancel-message's.
import { passwordMatches, signSession } from '../core/console-session';
import { ok, type Result, refuse } from '../core/errors';
import { maskNumbers } from '../core/mask';
import { SECOND } from '../core/units';
import { type ConsoleSettings, parseConsoleAction, passwordOf } from '../input/console-request';
import type { Event } from '../input/event-fields';
import { allUpcoming } from '../registry/all-upcoming';
import { allMapsOf } from '../registry/keys';
import { SeriesBook, type SeriesPlan } from '../registry/series';
import { MAX_FAILURES, SignInThrottle } from '../registry/sign-in-throttle';
import { fetchBodies } from '../twilio/message-bodies';
import { SyncMaps } from '../twilio/sync-map';
import type { AppointmentView } from './appointment';
import { listWithAppointment } from './appointment-listing';
import { cancelMessage } from './cancel-message';
import { type Access, accessOf, isLocal, keyOf } from './console-access';
import { type Invocation, registryUnavailable } from './invocation';
import { type RecordedMessage, shown } from './scheduled-messages';

/** Rows whose text is read from Twilio (the first ones, by send time). */
const MAX_BODIES = 50;
/** Rows in one answer: the page says when there are more. */
const MAX_ROWS = 500;
/** Series plans whose claims are counted in one answer. */
const MAX_PLANS = 50;

export interface ConsoleMessage extends Omit<RecordedMessage, 'sendAtText'> {
  body?: string;
}

export interface ConsolePlan {
  series: string;
  to: string;
  tag?: string;
  timeZone?: string;
  body?: string;
  planned: number;
  scheduled: number;
  pending: number;
  next?: string;
  last?: string;
  canceled: boolean;
}

const syncOf = (invocation: Invocation) =>
  new SyncMaps(invocation.twilio, invocation.config.registry?.service ?? 'default');

const sessionAnswer = (access: Access) =>
  access.kind === 'local'
    ? { session: { local: true as const } }
    : { session: { expiresAt: new Date(access.expiresAt).toISOString() } };

const locked = (until: number, now: number) =>
  refuse('CONSOLE_SIGN_IN_LOCKED', 'password', {
    retryAfterSeconds: Math.ceil((until - now) / SECOND),
    max: MAX_FAILURES,
    until: new Date(until).toISOString(),
  });

async function signIn(invocation: Invocation, settings: ConsoleSettings): Promise<Result<object>> {
  if (isLocal(settings, invocation.event)) return ok(sessionAnswer({ kind: 'local' }));
  const key = keyOf(settings);
  if (key === undefined || settings.password === undefined) return refuse('CONSOLE_OFF');
  const throttle = new SignInThrottle(syncOf(invocation));
  const now = invocation.now;
  const gate = await throttle.gate(now);
  if (gate.kind === 'unavailable') {
    return registryUnavailable('signInNotRead');
  }
  if (gate.kind === 'locked') return locked(gate.until, now);
  // Counted before the password is compared: of attempts made at once, only MAX_FAILURES are.
  const attempts = await throttle.attempt(now);
  if (attempts === undefined) {
    return registryUnavailable('signInNotCounted');
  }
  if (attempts.lockedUntil !== undefined) return locked(attempts.lockedUntil, now);
  if (!passwordMatches(key, passwordOf(invocation.event), settings.password)) {
    return refuse('CONSOLE_SIGN_IN_FAILED', 'password', {
      failures: attempts.count,
      max: MAX_FAILURES,
    });
  }
  await throttle.cleared();
  const expiresAt = now + settings.sessionMs;
  return ok({
    session: { token: signSession(key, expiresAt), expiresAt: new Date(expiresAt).toISOString() },
  });
}

const TARGET_NAMES = ['to', 'number', 'tag', 'series'];
const hasTarget = (event: Event) =>
  TARGET_NAMES.some((name) => typeof event[name] === 'string' && event[name].trim() !== '');

function registryDisabled(): Result<never> {
  return refuse('REGISTRY_DISABLED', undefined, { variant: 'console' });
}

/** Everything upcoming, or by one recipient, tag or series; by send time, masked, with text. */
async function upcoming(invocation: Invocation): Promise<Result<object>> {
  let messages: RecordedMessage[];
  let complete: boolean;
  let stoppedBy: 'size-limit' | 'time-budget' | undefined;
  let appointment: AppointmentView | undefined;
  if (hasTarget(invocation.event)) {
    // As /scheduled-messages answers it: by tag, the appointment of the tag with its state.
    const listed = await listWithAppointment(invocation);
    if (!listed.ok) return listed;
    if (listed.value.source !== 'registry') return registryDisabled();
    ({ messages, complete, stoppedBy, appointment } = listed.value);
  } else {
    if (invocation.config.registry === undefined) return registryDisabled();
    const listing = await allUpcoming(syncOf(invocation), invocation, invocation.now);
    if (!listing.ok) {
      return registryUnavailable('listNotRead', listing.error);
    }
    messages = listing.records.slice(0, MAX_ROWS).map(shown);
    complete = listing.complete && listing.records.length <= MAX_ROWS;
    if (!listing.complete) stoppedBy = 'time-budget';
    else if (!complete) stoppedBy = 'size-limit';
  }
  const masks = maskNumbers(messages.map((m) => m.to));
  const bodies = await fetchBodies(
    invocation.twilio(),
    messages.slice(0, MAX_BODIES).map((m) => m.sid),
    invocation,
  );
  const rows: ConsoleMessage[] = messages.map(({ sendAtText: _, ...message }) => {
    const row: ConsoleMessage = { ...message, to: masks.get(message.to) ?? '' };
    const body = bodies.get(message.sid);
    if (body !== undefined) row.body = body;
    return row;
  });
  return ok({
    messages: rows,
    complete,
    ...(stoppedBy !== undefined && { stoppedBy }),
    ...(appointment !== undefined && { appointment }),
  });
}

const iso = (seconds: number | undefined) =>
  seconds === undefined ? undefined : new Date(seconds * SECOND).toISOString();

/** Every series plan, active ones first: how many occurrences exist and how many are to come. */
async function plans(invocation: Invocation): Promise<Result<object>> {
  if (invocation.config.registry === undefined) return registryDisabled();
  const maps = syncOf(invocation);
  const reads = await Promise.all(
    allMapsOf('def').map((map) => maps.range<SeriesPlan>(map, '', 'A', invocation)),
  );
  const found: SeriesPlan[] = [];
  let complete = true;
  for (const read of reads) {
    if (!read.ok) {
      if (read.reason === 'unavailable') {
        return registryUnavailable('listNotRead', read.error);
      }
      continue;
    }
    complete &&= read.value.complete;
    found.push(...read.value.items.map((item) => item.data));
  }
  const now = invocation.now;
  const lastOf = (plan: SeriesPlan) => plan.planned.at(-1) ?? 0;
  // Active plans with an occurrence still to come first, then by their last occurrence.
  found.sort(
    (a, b) =>
      Number(a.canceled) - Number(b.canceled) ||
      lastOf(b) - lastOf(a) ||
      a.series.localeCompare(b.series),
  );
  const shownPlans = found.slice(0, MAX_PLANS);
  if (found.length > MAX_PLANS) complete = false;
  const book = new SeriesBook(maps);
  const claims = await Promise.all(
    shownPlans.map((plan) => book.claims(plan.series, invocation, invocation.now)),
  );
  const masks = maskNumbers(shownPlans.map((plan) => plan.to));
  const answer: ConsolePlan[] = shownPlans.map((plan, i) => {
    const claimed = claims[i];
    const known = claimed !== undefined && claimed !== 'unavailable';
    if (!known) complete = false;
    const open = plan.planned.filter((_, index) => known && !claimed.has(index));
    const pending = plan.canceled ? 0 : open.length;
    const entry: ConsolePlan = {
      series: plan.series,
      to: masks.get(plan.to) ?? '',
      planned: plan.planned.length,
      scheduled: known ? claimed.size : 0,
      pending,
      canceled: plan.canceled,
    };
    if (plan.tag !== undefined) entry.tag = plan.tag;
    entry.timeZone = plan.timeZone;
    if (plan.content.body !== undefined) entry.body = plan.content.body;
    // The next occurrence to be sent, created already or not.
    const next = plan.canceled ? undefined : plan.planned.find((s) => s * SECOND > now);
    if (next !== undefined) entry.next = iso(next);
    entry.last = iso(plan.planned.at(-1));
    return entry;
  });
  return ok({ plans: answer, complete });
}

export async function consoleApi(
  invocation: Invocation,
  settings: ConsoleSettings,
): Promise<Result<object>> {
  const action = parseConsoleAction(invocation.event);
  // Nothing about the console is said to a caller who may not use it, not even its errors.
  if (!action.ok) {
    const access = accessOf(settings, invocation.event, invocation.now);
    return access.ok ? action : access;
  }
  if (action.value === 'sign-in') return signIn(invocation, settings);
  const access = accessOf(settings, invocation.event, invocation.now);
  if (!access.ok) return access;
  switch (action.value) {
    case 'session':
      return ok(sessionAnswer(access.value));
    case 'upcoming':
      return upcoming(invocation);
    case 'series':
      return plans(invocation);
    case 'cancel':
      return cancelMessage(invocation);
  }
}
