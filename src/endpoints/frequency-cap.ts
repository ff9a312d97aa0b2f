// The frequency cap (MAX_PER_DAY or maxPerDay): what the registry holds for a recipient, counted
// per local day. Counted, not reserved: two requests for one recipient at the same moment may
// both see room for one more (docs/appointments.md, "Limits").
import { type AppError, ok, type Result, refuse } from '../core/errors';
import type { Registry } from '../registry/registry';
import { fitsUnderCap, localDay } from '../time/day-cap';
import type { TimeZone } from '../time/time-zone';
import type { Invocation } from './invocation';

/**
 * The send instants of the recipient's scheduled messages, but those with `exceptTag` (a replace
 * cancels them). Not read to its end (the budget): unavailable, never a short count.
 */
export async function scheduledInstants(
  invocation: Invocation,
  registry: Registry,
  to: string,
  exceptTag?: string,
): Promise<{ ok: true; instants: number[] } | { ok: false; error: AppError }> {
  const listing = await registry.upcoming({ to }, invocation.now);
  if (!listing.ok) return listing;
  if (!listing.complete) return { ok: false, error: { code: 'TIME_BUDGET_SPENT' } };
  return {
    ok: true,
    instants: listing.records
      .filter((record) => exceptTag === undefined || record.tag !== exceptTag)
      .map((record) => Date.parse(record.sendAt)),
  };
}

/** One message at `instant`: refused (409) when its local day is full. */
export function checkOne(
  instant: number,
  existing: readonly number[],
  zone: TimeZone,
  maxPerDay: number,
): Result<true> {
  const [fits] = fitsUnderCap([instant], existing, zone, maxPerDay);
  if (fits) return ok(true);
  return refuse('FREQUENCY_CAP', 'maxPerDay', { max: maxPerDay, day: localDay(instant, zone) });
}
