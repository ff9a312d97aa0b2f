// Every record still to be sent, whoever it is for, by send time: all the SID Maps read at once.
// The console's first view; apart from the Registry class so that only the console bundles it.
import type { Budget } from '../core/budget';
import type { SyncMaps } from '../twilio/sync-map';
import { allMapsOf } from './keys';
import type { MessageRecord } from './records';
import type { Listing } from './registry';

/** Incomplete when the budget cut a read short. */
export async function allUpcoming(maps: SyncMaps, budget: Budget, now: number): Promise<Listing> {
  // Keys are SIDs (SM…, MM…): `A` is before every one of them.
  const reads = await Promise.all(
    allMapsOf('sid').map((map) => maps.range<MessageRecord>(map, '', 'A', budget)),
  );
  const records: MessageRecord[] = [];
  let complete = true;
  for (const read of reads) {
    if (!read.ok) {
      if (read.reason === 'unavailable') return { ok: false, error: read.error };
      continue;
    }
    complete &&= read.value.complete;
    for (const item of read.value.items) records.push(item.data);
  }
  const upcoming = records
    .filter((r) => r.status === 'scheduled' && Date.parse(r.sendAt) > now)
    .sort((a, b) => a.sendAt.localeCompare(b.sendAt) || a.sid.localeCompare(b.sid));
  return { ok: true, records: upcoming, complete };
}
