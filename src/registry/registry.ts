// The registry: what this service scheduled, kept in Twilio Sync so that every Function instance
// sees what any other wrote (nothing is kept in memory between invocations). See README.md here
// for the layout and its limits.
import type { Budget } from '../core/budget';
import type { AppError } from '../core/errors';
import { advances, type MessageStatus } from '../core/message-status';
import type { MapItem, SyncMaps } from '../twilio/sync-map';
import { placesOf, type Range, rangeOf } from './keys';
import { type MessageRecord, ttlAfter } from './records';

/** How often a status update retries after another invocation changed the record first. */
const MAX_CONFLICT_RETRIES = 3;

export type StatusUpdate =
  | { kind: 'updated' | 'unchanged'; record: MessageRecord }
  | { kind: 'unknown' | 'failed' };

export type Listing =
  | { ok: true; records: MessageRecord[]; complete: boolean; next?: string }
  | { ok: false; error: AppError };

export type Lookup =
  | { ok: true; record: MessageRecord | undefined }
  | { ok: false; error: AppError };

const isoSecond = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19)}Z`;

export class Registry {
  constructor(
    private readonly maps: SyncMaps,
    private readonly budget: Budget,
  ) {}

  /** Writes the record and its copies at once; true when every one was written. */
  async record(record: MessageRecord, now: number): Promise<boolean> {
    const ttl = ttlAfter(Date.parse(record.sendAt), now);
    const written = await Promise.all(
      placesOf(record).map(async ({ map, key }) => {
        const outcome = await this.maps.create(map, key, record, ttl);
        // Already there (a retried write that had landed): as good as written.
        return outcome.ok || outcome.reason === 'exists';
      }),
    );
    return written.every(Boolean);
  }

  async lookup(sid: string): Promise<Lookup> {
    const [place] = placesOf({ sid, to: '', sendAt: '' });
    if (place === undefined) return { ok: true, record: undefined };
    const found = await this.maps.fetch<MessageRecord>(place.map, place.key);
    if (found.ok) return { ok: true, record: found.value.data };
    if (found.reason === 'unavailable') return { ok: false, error: found.error };
    return { ok: true, record: undefined };
  }

  /**
   * Moves the record to `status` if that is forward (a late `sent` never undoes `delivered`).
   * The record under its SID decides, guarded by its revision; its copies follow.
   */
  async setStatus(sid: string, status: MessageStatus): Promise<StatusUpdate> {
    const [place] = placesOf({ sid, to: '', sendAt: '' });
    if (place === undefined) return { kind: 'unknown' };
    for (let attempt = 0; attempt <= MAX_CONFLICT_RETRIES; attempt++) {
      const found = await this.maps.fetch<MessageRecord>(place.map, place.key);
      if (!found.ok) return { kind: found.reason === 'not-found' ? 'unknown' : 'failed' };
      const current: MapItem<MessageRecord> = found.value;
      if (!advances(current.data.status, status))
        return { kind: 'unchanged', record: current.data };
      const next: MessageRecord = { ...current.data, status };
      const saved = await this.maps.update(place.map, place.key, next, {
        ifMatch: current.revision,
      });
      if (!saved.ok && saved.reason === 'changed') continue;
      if (!saved.ok) return { kind: saved.reason === 'not-found' ? 'unknown' : 'failed' };
      const copies = placesOf(next).filter((copy) => copy.key !== sid);
      const results = await Promise.all(
        copies.map((copy) => this.maps.update(copy.map, copy.key, next)),
      );
      // A copy that was never written (registered: false) is no failure of this update.
      const done = results.every((r) => r.ok || r.reason === 'not-found');
      return done ? { kind: 'updated', record: next } : { kind: 'failed' };
    }
    return { kind: 'failed' };
  }

  /** Every record of a series, past ones included (until they expire); undefined if unread. */
  async ofSeries(series: string, budget: Budget): Promise<MessageRecord[] | undefined> {
    const range: Range = rangeOf({ series }, '');
    const read = await this.maps.range<MessageRecord>(
      range.map,
      range.prefix,
      range.prefix,
      budget,
    );
    if (!read.ok) return read.reason === 'unavailable' ? undefined : [];
    return read.value.complete ? read.value.items.map((item) => item.data) : undefined;
  }

  /**
   * Records still to be sent (status scheduled, send time after `now`), by send time. With
   * `take`, read in key order and only until it refuses one (by recipient, series, or tag and
   * recipient, key order is send-time order); `next` then says where to continue (`after`).
   */
  async upcoming(
    by: { to: string } | { tag: string; to?: string } | { series: string },
    now: number,
    options: { take?: (record: MessageRecord) => boolean; after?: string } = {},
  ): Promise<Listing> {
    const range: Range = rangeOf(by, isoSecond(now));
    const isUpcoming = (r: MessageRecord) => r.status === 'scheduled' && Date.parse(r.sendAt) > now;
    // Across recipients a tag's keys are not in time order: all of it is read, then sorted.
    const ordered = !('tag' in by) || by.to !== undefined;
    const take = options.take;
    const after = options.after;
    // A cursor continues this range only: anything else starts at its beginning.
    const from = after?.startsWith(range.prefix) && after > range.from ? after : range.from;
    const read = await this.maps.range<MessageRecord>(
      range.map,
      range.prefix,
      from,
      this.budget,
      ordered && take ? (item) => !isUpcoming(item.data) || take(item.data) : undefined,
    );
    if (!read.ok) {
      return read.reason === 'unavailable'
        ? { ok: false, error: read.error }
        : { ok: true, records: [], complete: true };
    }
    const records = read.value.items
      .map((item) => item.data)
      .filter(isUpcoming)
      .sort((a, b) => a.sendAt.localeCompare(b.sendAt) || a.sid.localeCompare(b.sid));
    const listing: Listing = { ok: true, records, complete: read.value.complete };
    if (read.value.next !== undefined) listing.next = read.value.next;
    return listing;
  }
}
