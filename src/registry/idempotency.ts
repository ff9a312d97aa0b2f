// Idempotency keys on Sync's atomic create-with-key: the first request with a key reserves it
// (create), every other one finds it taken (54208) and reads what became of the first: its
// answer to replay, still in flight or of unknown outcome (409), or other parameters (409).
//
// How long a key is taken:
// - answered (a message exists): until the message's record expires, 7 days after its send time;
// - refused, or answered with nothing created (a 4xx, 503 REGISTRY_UNAVAILABLE): free at once;
// - Twilio's outcome unknown (5xx, timeout): taken, marked unknown, as long as an answer would be;
// - a reservation whose holder never wrote what became of it (its final write failed, or it
//   died): taken for PENDING_LEASE, then free. The first answer was already given, so only a
//   caller who lost it would retry, and that retry is told 409 IN_USE for those minutes.
import { randomHex, sha256 } from '../core/digest';
import type { AppError } from '../core/errors';
import { MINUTE, SECOND } from '../core/units';
import type { SyncMaps } from '../twilio/sync-map';
import { idempotencyPlace } from './keys';

export const PENDING_LEASE_MS = 15 * MINUTE;

type Entry =
  | { state: 'pending'; fingerprint: string; createdAt: string; holder?: string }
  | { state: 'unknown'; fingerprint: string; createdAt: string }
  | { state: 'done'; fingerprint: string; createdAt: string; answer: Record<string, unknown> };

export type Reservation =
  | { kind: 'reserved' }
  | { kind: 'replay'; answer: Record<string, unknown> }
  | { kind: 'reused' }
  | { kind: 'in-use'; outcomeUnknown: boolean }
  | { kind: 'unavailable'; error: AppError };

/** A stable hash of the parsed request: the same parameters give the same fingerprint. */
export function fingerprintOf(request: unknown): string {
  return sha256(canonicalJson(request), 'base64url');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  // A Set (quiet days) by its members, in order: JSON would write every Set as {}.
  if (value instanceof Set) return canonicalJson([...value].sort());
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export class IdempotencyKeys {
  /** Who holds the reservations made here: tells our own half-written one from another's. */
  private readonly holder = randomHex(8);

  constructor(private readonly maps: SyncMaps) {}

  /** Reserves `key` for this request, or says what the first request with it became. */
  async reserve(key: string, fingerprint: string, now: number): Promise<Reservation> {
    const place = idempotencyPlace(key);
    const entry: Entry = {
      state: 'pending',
      fingerprint,
      createdAt: new Date(now).toISOString(),
      holder: this.holder,
    };
    const leaseSeconds = Math.ceil(PENDING_LEASE_MS / SECOND);
    // A few times at most: a reservation released (or expired) between our create and fetch.
    for (let attempt = 0; attempt < 3; attempt++) {
      const created = await this.maps.create(place.map, place.key, entry, leaseSeconds);
      if (created.ok) return { kind: 'reserved' };
      if (created.reason === 'unavailable') {
        // The create may have landed all the same: a reservation of ours is given back.
        await this.release(key);
        return { kind: 'unavailable', error: created.error };
      }
      const found = await this.maps.fetch<Entry>(place.map, place.key);
      if (!found.ok) {
        if (found.reason === 'unavailable') return { kind: 'unavailable', error: found.error };
        continue;
      }
      const first = found.value.data;
      const stale =
        first.state === 'pending' && Date.parse(first.createdAt) + PENDING_LEASE_MS <= now;
      if (stale) {
        // Its holder never finished: the lease is over, the key is free (Sync may drop an
        // expired item late, so the lease is checked here too).
        const taken = await this.maps.update(place.map, place.key, entry, {
          ifMatch: found.value.revision,
          ttlSeconds: leaseSeconds,
        });
        if (taken.ok) return { kind: 'reserved' };
        if (taken.reason === 'unavailable') return { kind: 'unavailable', error: taken.error };
        continue;
      }
      if (first.fingerprint !== fingerprint) return { kind: 'reused' };
      if (first.state === 'done') return { kind: 'replay', answer: first.answer };
      return { kind: 'in-use', outcomeUnknown: first.state === 'unknown' };
    }
    return { kind: 'in-use', outcomeUnknown: false };
  }

  /** Keeps the first answer, to be replayed, until the record expires. */
  async complete(
    key: string,
    fingerprint: string,
    answer: Record<string, unknown>,
    ttlSeconds: number,
    now: number,
  ): Promise<boolean> {
    const place = idempotencyPlace(key);
    const entry: Entry = {
      state: 'done',
      fingerprint,
      createdAt: new Date(now).toISOString(),
      answer,
    };
    const saved = await this.maps.update(place.map, place.key, entry, { ttlSeconds });
    return saved.ok;
  }

  /**
   * Nothing was created: the key is free again. Only a reservation of this request is removed
   * (another request may hold the key when our own create never landed).
   */
  async release(key: string): Promise<void> {
    const place = idempotencyPlace(key);
    const found = await this.maps.fetch<Entry>(place.map, place.key);
    if (!found.ok) return;
    const entry = found.value.data;
    if (entry.state !== 'pending' || entry.holder !== this.holder) return;
    await this.maps.remove(place.map, place.key, found.value.revision);
  }

  /** Twilio may or may not have acted: the key stays taken, and says so. */
  async markUnknown(
    key: string,
    fingerprint: string,
    ttlSeconds: number,
    now: number,
  ): Promise<void> {
    const place = idempotencyPlace(key);
    const entry: Entry = { state: 'unknown', fingerprint, createdAt: new Date(now).toISOString() };
    await this.maps.update(place.map, place.key, entry, { ttlSeconds });
  }
}
