// Appointments as the registry keeps them: one record per appointment (its tag), with its time,
// recipient and state, and an index of each recipient's appointments by time, so that a reply
// finds the sender's soonest upcoming one with one range read.
//
// - The record under its tag is the only place the state lives; the index entry only points at
//   it. A state change is a read and a write guarded by the record's revision (If-Match), retried
//   when another reply wrote first, so two replies at once leave one state, never a mix.
// - States move forward only: booked → confirmed → declined, booked → declined. A declined
//   appointment stays declined (its reminders are canceled); a move (replace) books it anew.
// - Records and index entries live until 7 days after the appointment (the item's TTL).
import type { Budget } from '../core/budget';
import type { SyncMaps } from '../twilio/sync-map';
import { mapName, recipientKey } from './keys';

export type AppointmentState = 'booked' | 'confirmed' | 'declined';

export interface AppointmentRecord {
  tag: string;
  /** The recipient, as scheduled to (E.164 or whatsapp:+E.164). */
  to: string;
  /** The appointment, `2026-12-08T14:00:00Z`. */
  at: string;
  timeZone?: string;
  locale?: string;
  state: AppointmentState;
  /** The plan that sends its reminders (a series of the registry), if any was scheduled. */
  series?: string;
  createdAt: string;
  updatedAt: string;
}

/** What the recipient index holds: enough to find the record, nothing that can go stale. */
interface IndexEntry {
  tag: string;
  at: string;
}

const SEP = '~';

const recordPlace = (tag: string) => ({ map: mapName('appt', tag), key: tag });

function indexPlace(to: string, at: string, tag: string) {
  const prefix = `to${SEP}${recipientKey(to)}${SEP}`;
  return { map: mapName('appt', prefix), prefix, key: `${prefix}${at}${SEP}${tag}` };
}

const ORDER: Readonly<Record<AppointmentState, number>> = { booked: 0, confirmed: 1, declined: 2 };

/** Whether a reply may move an appointment from `from` to `to` (forward, or the same). */
export const mayMove = (from: AppointmentState, to: AppointmentState): boolean =>
  ORDER[to] >= ORDER[from];

export type Loaded = { record: AppointmentRecord; revision: string } | undefined | 'unavailable';

export type Changed =
  | { kind: 'changed' | 'unchanged'; record: AppointmentRecord }
  | { kind: 'not-found' | 'unavailable' };

/** How often a change is retried after another invocation changed the record first. */
const MAX_CONFLICT_RETRIES = 4;

export class AppointmentBook {
  constructor(private readonly maps: SyncMaps) {}

  async load(tag: string): Promise<Loaded> {
    const { map, key } = recordPlace(tag);
    const found = await this.maps.fetch<AppointmentRecord>(map, key);
    if (found.ok) return { record: found.value.data, revision: found.value.revision };
    return found.reason === 'unavailable' ? 'unavailable' : undefined;
  }

  /**
   * Creates the record and its index entry. `exists` when the tag is taken (atomic: two bookings
   * of one tag at once, one wins). On a failure nothing written stays.
   */
  async create(
    record: AppointmentRecord,
    ttlSeconds: number,
  ): Promise<'created' | 'exists' | 'unavailable'> {
    const { map, key } = recordPlace(record.tag);
    const created = await this.maps.create(map, key, record, ttlSeconds);
    if (!created.ok) return created.reason === 'exists' ? 'exists' : 'unavailable';
    if (await this.index(record, ttlSeconds)) return 'created';
    await this.maps.remove(map, key, created.value.revision);
    return 'unavailable';
  }

  /** Lists the record under its recipient at its time; true when written (or already there). */
  async index(record: AppointmentRecord, ttlSeconds: number): Promise<boolean> {
    const place = indexPlace(record.to, record.at, record.tag);
    const entry: IndexEntry = { tag: record.tag, at: record.at };
    const written = await this.maps.create(place.map, place.key, entry, ttlSeconds);
    return written.ok || written.reason === 'exists';
  }

  /** Drops an index entry (a moved appointment's old time); true when gone. */
  async unindex(record: Pick<AppointmentRecord, 'to' | 'at' | 'tag'>): Promise<boolean> {
    const place = indexPlace(record.to, record.at, record.tag);
    const removed = await this.maps.remove(place.map, place.key);
    return removed.ok || removed.reason === 'not-found';
  }

  /** Removes a record this invocation just created (its booking failed). */
  async remove(record: AppointmentRecord): Promise<void> {
    const { map, key } = recordPlace(record.tag);
    await Promise.all([this.maps.remove(map, key), this.unindex(record)]);
  }

  /**
   * Applies `change` to the record, guarded by its revision, retried when another invocation
   * wrote first (`change` sees the new record then). `change` returns undefined to leave it.
   */
  async change(
    tag: string,
    change: (current: AppointmentRecord) => AppointmentRecord | undefined,
    ttlSeconds?: number,
  ): Promise<Changed> {
    const { map, key } = recordPlace(tag);
    for (let attempt = 0; attempt <= MAX_CONFLICT_RETRIES; attempt++) {
      const found = await this.maps.fetch<AppointmentRecord>(map, key);
      if (!found.ok) return { kind: found.reason === 'unavailable' ? 'unavailable' : 'not-found' };
      const next = change(found.value.data);
      if (next === undefined) return { kind: 'unchanged', record: found.value.data };
      const options: { ifMatch: string; ttlSeconds?: number } = { ifMatch: found.value.revision };
      if (ttlSeconds !== undefined) options.ttlSeconds = ttlSeconds;
      const saved = await this.maps.update(map, key, next, options);
      if (saved.ok) return { kind: 'changed', record: next };
      if (saved.reason === 'not-found') return { kind: 'not-found' };
      if (saved.reason !== 'changed') return { kind: 'unavailable' };
    }
    return { kind: 'unavailable' };
  }

  /**
   * The recipient's soonest appointment after `now` (by the index; its record decides), or
   * undefined when there is none; 'unavailable' when Sync could not be read.
   */
  async soonest(
    to: string,
    now: number,
    budget: Budget,
  ): Promise<{ record: AppointmentRecord; revision: string } | undefined | 'unavailable'> {
    const place = indexPlace(to, '', '');
    const from = `${place.prefix}${new Date(now).toISOString().slice(0, 19)}Z`;
    const read = await this.maps.range<IndexEntry>(place.map, place.prefix, from, budget);
    if (!read.ok) return read.reason === 'unavailable' ? 'unavailable' : undefined;
    for (const { data } of read.value.items) {
      if (Date.parse(data.at) <= now) continue;
      const loaded = await this.load(data.tag);
      if (loaded === 'unavailable') return 'unavailable';
      // An entry left by a move, or whose record expired: the record decides.
      if (loaded === undefined || loaded.record.at !== data.at) continue;
      if (recipientKey(loaded.record.to) !== recipientKey(to)) continue;
      return loaded;
    }
    return read.value.complete ? undefined : 'unavailable';
  }
}
