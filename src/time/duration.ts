// `delay` values: ISO 8601 durations (`PT90M`, `P1DT2H`, `P2W`) or compact ones (`90m`, `1d 4h`).
import { ok, type Result, refuse } from '../core/errors';
import { HOUR, MINUTE, SECOND } from '../core/units';

/** Calendar days (kept on the wall clock of the zone) plus an exact number of milliseconds. */
export interface Delay {
  days: number;
  milliseconds: number;
}

const ISO = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;
const COMPACT_PART = /(\d+)\s*(w|d|h|m|s)/gy;

const invalid = () => refuse('INVALID_DELAY', 'delay');

function build(
  weeks: number,
  days: number,
  hours: number,
  minutes: number,
  seconds: number,
): Result<Delay> {
  const delay = {
    days: weeks * 7 + days,
    milliseconds: hours * HOUR + minutes * MINUTE + seconds * SECOND,
  };
  // A sanity cap well past any scheduling window keeps the arithmetic in safe integers.
  if (delay.days > 3660 || delay.milliseconds > 3660 * 24 * HOUR) {
    return refuse('INVALID_DELAY', 'delay', { variant: 'tooLong' });
  }
  if (delay.days === 0 && delay.milliseconds === 0) {
    return refuse('INVALID_DELAY', 'delay', { variant: 'zero' });
  }
  return ok(delay);
}

export function parseDelay(raw: string): Result<Delay> {
  const text = raw.trim();
  const iso = ISO.exec(text.toUpperCase());
  if (iso) {
    if (text.toUpperCase().endsWith('T')) return invalid();
    const [, w, d, h, m, s] = iso.map((part) => Number(part ?? 0));
    return build(w ?? 0, d ?? 0, h ?? 0, m ?? 0, s ?? 0);
  }
  const totals = { w: 0, d: 0, h: 0, m: 0, s: 0 };
  const compact = text.toLowerCase().replace(/\s+/g, ' ');
  COMPACT_PART.lastIndex = 0;
  let consumed = 0;
  let seen = 0;
  for (let match = COMPACT_PART.exec(compact); match; match = COMPACT_PART.exec(compact)) {
    const unit = match[2] as keyof typeof totals;
    totals[unit] += Number(match[1]);
    seen += 1;
    consumed = COMPACT_PART.lastIndex;
    while (compact[consumed] === ' ') consumed += 1;
    COMPACT_PART.lastIndex = consumed;
  }
  if (seen === 0 || consumed !== compact.length) return invalid();
  return build(totals.w, totals.d, totals.h, totals.m, totals.s);
}
