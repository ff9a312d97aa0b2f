// Where a STOP (cancel by recipient) left off in Twilio's list of the recipient's messages, so
// that the flow's next call resumes there instead of re-reading what the last one canceled: each
// call makes progress, and a backlog of any size clears in a few calls. Kept briefly (a STOP's
// loop takes seconds): a STOP days later starts from the top of the list again.
import { MINUTE, SECOND } from '../core/units';
import type { SyncMaps } from '../twilio/sync-map';
import { mapName, recipientKey } from './keys';

const KEEP_MS = 15 * MINUTE;

interface CursorData {
  /** The page to resume at; null: the first page. */
  page: string | null;
  savedAt: number;
}

const placeOf = (to: string) => {
  const key = recipientKey(to);
  return { map: mapName('scan', key), key };
};

export class ScanCursors {
  constructor(private readonly maps: SyncMaps) {}

  /** The page the last call stopped at; undefined to start at the top. */
  async load(to: string, now: number): Promise<string | undefined> {
    const { map, key } = placeOf(to);
    const found = await this.maps.fetch<CursorData>(map, key);
    if (!found.ok || found.value.data.page === null) return undefined;
    // Sync may drop an expired item late.
    return found.value.data.savedAt + KEEP_MS > now ? found.value.data.page : undefined;
  }

  async save(to: string, page: string | undefined, now: number): Promise<void> {
    const { map, key } = placeOf(to);
    const data: CursorData = { page: page ?? null, savedAt: now };
    const ttl = Math.ceil(KEEP_MS / SECOND);
    const updated = await this.maps.update(map, key, data, { ttlSeconds: ttl });
    if (!updated.ok && updated.reason === 'not-found') await this.maps.create(map, key, data, ttl);
  }

  async clear(to: string): Promise<void> {
    const { map, key } = placeOf(to);
    await this.maps.remove(map, key);
  }
}
