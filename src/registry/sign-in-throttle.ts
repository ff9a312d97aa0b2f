// Console sign-in attempts, counted in Sync for the whole service (every Function instance sees
// the same count; nothing is kept in memory). Each attempt is counted before its password is
// compared, with an atomic update, so that attempts made at once can't all slip under the limit;
// a right password clears the count. After MAX_FAILURES within WINDOW_MS every sign-in is
// refused until the oldest is WINDOW_MS old, the right password included, so guessing gains
// nothing by going on.
import { MINUTE, SECOND } from '../core/units';
import type { SyncMaps } from '../twilio/sync-map';

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * MINUTE;
const MAP = 'console.sign-in';
const KEY = 'failures';
/** How often a count is retried after another invocation changed it first. */
const MAX_CONFLICT_RETRIES = 4;

interface Failures {
  /** When each recent wrong password was typed, ms since epoch. */
  at: number[];
}

const recent = (at: readonly number[], now: number): number[] =>
  at.filter((t) => t > now - WINDOW_MS && t <= now).sort((a, b) => a - b);

/** Pure: when sign-in opens again, or undefined when it is open now. */
export function lockedUntil(at: readonly number[], now: number): number | undefined {
  const within = recent(at, now);
  if (within.length < MAX_FAILURES) return undefined;
  return (within[within.length - MAX_FAILURES] ?? now) + WINDOW_MS;
}

export type Gate = { kind: 'open' } | { kind: 'locked'; until: number } | { kind: 'unavailable' };

export class SignInThrottle {
  constructor(private readonly maps: SyncMaps) {}

  /** Whether a sign-in may be tried now. Sync out of reach: no (it fails closed). */
  async gate(now: number): Promise<Gate> {
    const found = await this.maps.fetch<Failures>(MAP, KEY);
    if (!found.ok) return found.reason === 'not-found' ? { kind: 'open' } : { kind: 'unavailable' };
    const until = lockedUntil(found.value.data.at ?? [], now);
    return until === undefined ? { kind: 'open' } : { kind: 'locked', until };
  }

  /**
   * Counts an attempt: how many there are within the window with this one and, over
   * MAX_FAILURES, when sign-in opens again (refuse it); undefined when it could not be counted
   * (refuse it too).
   */
  async attempt(now: number): Promise<{ count: number; lockedUntil?: number } | undefined> {
    const ttl = Math.ceil(WINDOW_MS / SECOND);
    for (let attempt = 0; attempt <= MAX_CONFLICT_RETRIES; attempt++) {
      const found = await this.maps.fetch<Failures>(MAP, KEY);
      if (!found.ok && found.reason !== 'not-found') return undefined;
      if (!found.ok) {
        const created = await this.maps.create<Failures>(MAP, KEY, { at: [now] }, ttl);
        if (created.ok) return { count: 1 };
        if (created.reason === 'exists') continue;
        return undefined;
      }
      const at = [...recent(found.value.data.at ?? [], now), now].slice(-MAX_FAILURES * 2);
      const saved = await this.maps.update<Failures>(
        MAP,
        KEY,
        { at },
        { ifMatch: found.value.revision, ttlSeconds: ttl },
      );
      if (saved.ok) {
        const count = recent(at, now).length;
        const until = lockedUntil(at, now);
        return count > MAX_FAILURES && until !== undefined
          ? { count, lockedUntil: until }
          : { count };
      }
      if (saved.reason !== 'changed') return undefined;
    }
    return undefined;
  }

  /** The right password: the count starts again. */
  async cleared(): Promise<void> {
    await this.maps.remove(MAP, KEY);
  }
}
