// One `replace` at a time per recipient and tag. Two replaces at once would each cancel what
// they saw before the other's message existed, and leave both. So a replace first holds the
// slot of its recipient and tag: an item created atomically (54208 when it exists) or taken over
// with its revision (If-Match) once free. The slot also keeps the last SID (or series) a replace
// created under it, so the next one cancels it even if that message's record was never written.
// A holder that died frees the slot after a short lease.
import { type Budget, remaining } from '../core/budget';
import type { AppError } from '../core/errors';
import { SECOND } from '../core/units';
import type { SyncMaps } from '../twilio/sync-map';
import { slotPlace } from './keys';

/** Longer than any invocation (10 s), so a live holder is never overtaken. */
const LEASE_MS = 12 * SECOND;
/** How long a replace waits between looks at a held slot, and leaves for its own work. */
const POLL_MS = 150;
const WAIT_RESERVE_MS = 4 * SECOND;

interface SlotData {
  heldUntil: number;
  sid?: string;
  series?: string;
}

export type Slot =
  | { kind: 'held'; revision: string; last: { sid?: string; series?: string } }
  | { kind: 'busy' }
  | { kind: 'unavailable'; error: AppError };

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class ReplaceSlots {
  constructor(private readonly maps: SyncMaps) {}

  async acquire(tag: string, to: string, budget: Budget): Promise<Slot> {
    const { map, key } = slotPlace(tag, to);
    while (remaining(budget) > WAIT_RESERVE_MS) {
      const now = budget.clock();
      const found = await this.maps.fetch<SlotData>(map, key);
      if (!found.ok && found.reason === 'unavailable')
        return { kind: 'unavailable', error: found.error };
      if (!found.ok) {
        const created = await this.maps.create(map, key, { heldUntil: now + LEASE_MS }, 3600);
        if (created.ok) return { kind: 'held', revision: created.value.revision, last: {} };
        if (created.reason === 'unavailable') return { kind: 'unavailable', error: created.error };
        continue;
      }
      const { data, revision } = found.value;
      if (data.heldUntil > now) {
        await pause(POLL_MS);
        continue;
      }
      const next: SlotData = { ...data, heldUntil: now + LEASE_MS };
      const taken = await this.maps.update(map, key, next, { ifMatch: revision });
      if (taken.ok) {
        const last: { sid?: string; series?: string } = {};
        if (data.sid !== undefined) last.sid = data.sid;
        if (data.series !== undefined) last.series = data.series;
        return { kind: 'held', revision: taken.value.revision, last };
      }
      if (taken.reason === 'unavailable') return { kind: 'unavailable', error: taken.error };
    }
    return { kind: 'busy' };
  }

  /** Frees the slot, naming what this replace left scheduled (nothing, when it created none). */
  async release(
    tag: string,
    to: string,
    held: Extract<Slot, { kind: 'held' }>,
    left: { sid?: string; series?: string } | undefined,
    ttlSeconds: number,
  ): Promise<void> {
    const { map, key } = slotPlace(tag, to);
    const data: SlotData = { heldUntil: 0, ...(left ?? held.last) };
    await this.maps.update(map, key, data, { ifMatch: held.revision, ttlSeconds });
  }
}
