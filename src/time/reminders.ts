// Appointment reminders: the offsets before an appointment (`24h,2h`, `P1D`), and which reminder
// times can be scheduled. Pure: the clock, the zones and the rules are arguments. A reminder
// whose time cannot be kept is skipped with its reason, never moved: a reminder moved by quiet
// hours to after the appointment, or to the same minute as another, would be wrong.
import { ok, type Result, refuse } from '../core/errors';
import { type Delay, parseDelay } from './duration';
import { endOfQuietDays } from './quiet-day-calendar';
import type { QuietDays } from './quiet-days';
import { endOfQuietHours, type QuietHours } from './quiet-hours';
import { type SchedulingWindow, schedulingWindow } from './send-time';
import type { TimeZone } from './time-zone';
import { instantOf, wallTimeAt } from './wall-clock';

/** An offset before the appointment, as given (`24h`) and as a length of time. */
export interface ReminderOffset {
  text: string;
  delay: Delay;
}

/** More reminders than this for one appointment is a mistake, not a plan. */
export const MAX_REMINDERS = 10;

/** `24h,2h`, `P1D, PT2H`: each a `delay`; duplicates once; longest (earliest reminder) first. */
export function parseOffsets(raw: string, field = 'remind'): Result<ReminderOffset[]> {
  const items = raw
    .split(/[,;]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (items.length === 0) return refuse('INVALID_REMIND', field, { variant: 'empty' });
  if (items.length > MAX_REMINDERS)
    return refuse('INVALID_REMIND', field, { variant: 'tooMany', max: MAX_REMINDERS });
  const offsets: ReminderOffset[] = [];
  for (const text of items) {
    const delay = parseDelay(text);
    if (!delay.ok) return refuse('INVALID_REMIND', field, { variant: 'item', item: text });
    const same = offsets.some(
      (o) => o.delay.days === delay.value.days && o.delay.milliseconds === delay.value.milliseconds,
    );
    if (!same) offsets.push({ text, delay: delay.value });
  }
  return ok(offsets.sort((a, b) => lengthOf(b.delay) - lengthOf(a.delay)));
}

/** For ordering only: a day counted as 24 hours. */
const lengthOf = (delay: Delay): number => delay.days * 86_400_000 + delay.milliseconds;

/**
 * The reminder's instant: whole days back on the wall clock of `zone` (a reminder a day before a
 * 09:00 appointment is at 09:00, across a DST change too), then the rest exactly.
 */
export function reminderInstant(appointment: number, offset: Delay, zone: TimeZone): number {
  if (offset.days === 0) return appointment - offset.milliseconds;
  const wall = wallTimeAt(appointment, zone);
  const second = appointment % 1000;
  return instantOf({ ...wall, day: wall.day - offset.days }, zone) + second - offset.milliseconds;
}

export type SkipReason =
  | 'past'
  | 'too-soon'
  | 'quiet-hours'
  | 'quiet-days'
  | 'frequency-cap'
  | 'not-before-appointment';

export interface PlannedReminder {
  offset: string;
  /** ms since epoch, whole seconds. */
  instant: number;
  /** Past Twilio's window now: armed later, when an earlier reminder has been sent. */
  later: boolean;
}

export interface ReminderPlan {
  planned: PlannedReminder[];
  skipped: { offset: string; reason: SkipReason }[];
}

export interface ReminderRules {
  /** The zone whole-day offsets keep the wall clock in. */
  zone: TimeZone;
  /** Every zone quiet rules must hold in. */
  zones: readonly TimeZone[];
  quietHours: QuietHours | null;
  quietDays: QuietDays | null;
}

/** Why a reminder at `instant` may not be sent there, if it may not. */
function quietReason(instant: number, rules: ReminderRules): SkipReason | undefined {
  for (const zone of rules.zones) {
    if (rules.quietDays !== null && endOfQuietDays(instant, rules.quietDays, zone) !== instant)
      return 'quiet-days';
    if (rules.quietHours !== null && endOfQuietHours(instant, rules.quietHours, zone) !== instant)
      return 'quiet-hours';
  }
  return undefined;
}

/**
 * One reminder per offset, in time order; the ones already past, too soon for Twilio, in quiet
 * hours or on a quiet day (in any of the zones) are skipped with the reason.
 */
export function planReminders(
  appointment: number,
  offsets: readonly ReminderOffset[],
  rules: ReminderRules,
  window: SchedulingWindow,
  now: number,
): ReminderPlan {
  const { earliest, latest } = schedulingWindow(now, window);
  const plan: ReminderPlan = { planned: [], skipped: [] };
  for (const offset of offsets) {
    const instant = Math.ceil(reminderInstant(appointment, offset.delay, rules.zone) / 1000) * 1000;
    let reason: SkipReason | undefined;
    if (instant >= appointment) reason = 'not-before-appointment';
    else if (instant <= now) reason = 'past';
    else if (instant < earliest) reason = 'too-soon';
    else reason = quietReason(instant, rules);
    if (reason !== undefined) plan.skipped.push({ offset: offset.text, reason });
    else plan.planned.push({ offset: offset.text, instant, later: instant > latest });
  }
  plan.planned.sort((a, b) => a.instant - b.instant);
  return plan;
}
