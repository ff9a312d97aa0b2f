// Quiet days in a series: an occurrence on a quiet day is skipped, never moved onto another day
// (where it would join that day's own occurrence). COUNT still counts it, as RFC 5545 counts
// every occurrence of the rule.

import { DAY } from '../core/units';
import { firstAllowedInstant, type SendingRules } from './allowed-time';
import { isQuietDay } from './quiet-day-calendar';
import type { TimeZone } from './time-zone';

/** How far quiet hours may move an occurrence: past any night, short of a week of them. */
const QUIET_HOURS_REACH = 7 * DAY;

/**
 * The occurrences that are sent, and how many were skipped: those on a quiet day in any of
 * `zones`, and those that quiet hours would push onto one (Friday 23:00 to Saturday 08:00).
 */
export function skipQuietDays(
  instants: readonly number[],
  rules: SendingRules,
  zones: readonly TimeZone[],
): { kept: number[]; skipped: number } {
  const { quietDays, quietHours } = rules;
  const [zone, ...others] = zones;
  if (quietDays === null || zone === undefined) return { kept: [...instants], skipped: 0 };
  const onQuietDay = (instant: number) => zones.some((z) => isQuietDay(instant, quietDays, z));
  const kept = instants.filter((instant) => {
    if (onQuietDay(instant)) return false;
    if (quietHours === null) return true;
    const moved = firstAllowedInstant(
      instant,
      { quietHours, quietDays: null },
      [zone, ...others],
      instant + QUIET_HOURS_REACH,
    );
    return moved === null || !onQuietDay(moved);
  });
  return { kept, skipped: instants.length - kept.length };
}
