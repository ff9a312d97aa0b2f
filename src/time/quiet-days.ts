// Quiet days: weekdays (`sat,sun`) on which nothing is sent, in the recipient's zone. Reading
// them is here (the configuration, read by every function, needs only this); finding the days
// in a zone is in quiet-day-calendar.ts.
import { ok, type Result, refuse } from '../core/errors';
import type { Weekday } from './civil-date';

export type { Weekday };

/** Never empty, never all seven days (the parser refuses both). */
export type QuietDays = ReadonlySet<Weekday>;

const NAMES: readonly string[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** `sun`, `sat,sun` (English three-letter names, any case); `off` or `none` turns a default off. */
export function parseQuietDays(raw: string, field = 'quietDays'): Result<QuietDays | null> {
  const text = raw.trim().toLowerCase();
  if (text === 'off' || text === 'none') return ok(null);
  const days = new Set<Weekday>();
  for (const name of text.split(',')) {
    const day = NAMES.indexOf(name.trim());
    if (day < 0) {
      return refuse('INVALID_QUIET_DAYS', field);
    }
    days.add(day as Weekday);
  }
  if (days.size === NAMES.length) {
    return refuse('INVALID_QUIET_DAYS', field, { variant: 'everyDay' });
  }
  return ok(days);
}
