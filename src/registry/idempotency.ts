// Idempotency keys on Sync's atomic create-with-key: the first request with a key reserves it
// (create), every other one finds it taken (54208) and reads what became of the first: its
// answer to replay, still in flight or of unknown outcome (409), or other parameters (409).
import { sha256 } from '../core/digest';
import type { AppError } from '../core/errors';
import type { SyncMaps } from '../twilio/sync-map';
import { idempotencyPlace } from './keys';

type Entry =
  | { state: 'pending'; fingerprint: string; createdAt: string }
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
  constructor(private readonly maps: SyncMaps) {}

  /** Reserves `key` for this request, or says what the first request with it became. */
  async reserve(
    key: string,
    fingerprint: string,
    ttlSeconds: number,
    now: number,
  ): Promise<Reservation> {
    const place = idempotencyPlace(key);
    // Twice at most: a reservation released (or expired) between our create and fetch is free.
    for (let attempt = 0; attempt < 2; attempt++) {
      const entry: Entry = {
        state: 'pending',
        fingerprint,
        createdAt: new Date(now).toISOString(),
      };
      const created = await this.maps.create(place.map, place.key, entry, ttlSeconds);
      if (created.ok) return { kind: 'reserved' };
      if (created.reason === 'unavailable') return { kind: 'unavailable', error: created.error };
      const found = await this.maps.fetch<Entry>(place.map, place.key);
      if (!found.ok) {
        if (found.reason === 'unavailable') return { kind: 'unavailable', error: found.error };
        continue;
      }
      const first = found.value.data;
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

  /** Twilio refused the request: nothing exists, so the key is free again. */
  async release(key: string): Promise<void> {
    const place = idempotencyPlace(key);
    await this.maps.remove(place.map, place.key);
  }

  /** Twilio may or may not have acted: the key stays taken, and says so. */
  async markUnknown(key: string, fingerprint: string, now: number): Promise<void> {
    const place = idempotencyPlace(key);
    const entry: Entry = { state: 'unknown', fingerprint, createdAt: new Date(now).toISOString() };
    await this.maps.update(place.map, place.key, entry);
  }
}
