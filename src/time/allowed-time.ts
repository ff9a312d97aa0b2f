// The first instant a message may go out: outside quiet hours and off quiet days in every zone
// the recipient may be in. A recipient whose zone is uncertain is protected in all of them
// (fail closed), where marketing tools guess one zone and send (fail open).

import { endOfQuietDays } from './quiet-day-calendar';
import type { QuietDays } from './quiet-days';
import type { QuietHours } from './quiet-hours';
import { endOfQuietHours } from './quiet-hours';
import type { TimeZone } from './time-zone';

export interface SendingRules {
  quietHours: QuietHours | null;
  quietDays: QuietDays | null;
}

/**
 * Each move goes to the end of a quiet period or day in some zone, at most a few per zone and
 * day, so a 35-day window over 42 zones needs a few thousand. The bound only stops a runaway.
 */
const MAX_MOVES = 100_000;

/**
 * The earliest instant at or after `from` that is outside quiet hours and not on a quiet day in
 * every one of `zones`; null when there is none up to `limit` (inclusive). Whole seconds stay
 * whole: every move lands on a wall-clock minute or midnight.
 */
export function firstAllowedInstant(
  from: number,
  rules: SendingRules,
  zones: readonly [TimeZone, ...TimeZone[]],
  limit: number,
): number | null {
  const { quietHours, quietDays } = rules;
  let instant = from;
  let moves = 0;
  // Moving for one zone can land in another's quiet time: go round until no zone moves it.
  for (let settled = false; !settled; ) {
    settled = true;
    for (const zone of zones) {
      let next = instant;
      if (quietDays !== null) next = endOfQuietDays(next, quietDays, zone);
      if (quietHours !== null) next = endOfQuietHours(next, quietHours, zone);
      if (next === instant) continue;
      // The end of quiet hours can fall on a quiet day: the next round looks again.
      instant = next;
      settled = false;
      if (instant > limit || ++moves > MAX_MOVES) return null;
    }
  }
  return instant > limit ? null : instant;
}
