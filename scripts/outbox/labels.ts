// The registry's labels for the outbox page: the tag, series and time zone that our functions
// wrote to Sync beside each message (src/registry). The emulator's outbox knows only what Twilio
// knows, so these are read from the emulator's Sync, over its API, as the functions read them.
import { mapName } from '../../src/registry/keys';
import type { MessageRecord } from '../../src/registry/records';

export interface Labels {
  tag?: string;
  series?: string;
  timeZone?: string;
}

export interface SyncAccess {
  /** The emulator's base URL. */
  baseUrl: string;
  /** The registry's service: a SID or `default`. */
  service: string;
  accountSid: string;
  authToken: string;
}

/** A message with no record after this many looks has none (REGISTRY=off, a direct create). */
const MAX_LOOKS = 5;
/** Lookups per refresh: a large outbox fills in over a few refreshes, not in one burst. */
const LOOKUPS_PER_REFRESH = 20;
const LOOKUP_TIMEOUT_MS = 2000;

const labelsOf = (record: Partial<MessageRecord>): Labels => {
  const labels: Labels = {};
  if (typeof record.tag === 'string') labels.tag = record.tag;
  if (typeof record.series === 'string') labels.series = record.series;
  if (typeof record.timeZone === 'string') labels.timeZone = record.timeZone;
  return labels;
};

/** Labels by SID, remembered once found (a record's tag, series and zone never change). */
export class RegistryLabels {
  private readonly found = new Map<string, Labels>();
  private readonly looks = new Map<string, number>();

  constructor(private readonly sync: SyncAccess | undefined) {}

  /** The labels known for `sids`, after looking up (a bounded number of) the unknown ones. */
  async lookUp(sids: readonly string[]): Promise<Map<string, Labels>> {
    const sync = this.sync;
    if (sync) {
      const unknown = sids
        .filter((sid) => !this.found.has(sid) && (this.looks.get(sid) ?? 0) < MAX_LOOKS)
        .slice(0, LOOKUPS_PER_REFRESH);
      await Promise.all(unknown.map((sid) => this.fetchOne(sync, sid)));
    }
    return this.found;
  }

  private async fetchOne(sync: SyncAccess, sid: string): Promise<void> {
    this.looks.set(sid, (this.looks.get(sid) ?? 0) + 1);
    const path = `/v1/Services/${sync.service}/Maps/${mapName('sid', sid)}/Items/${sid}`;
    const credentials = Buffer.from(`${sync.accountSid}:${sync.authToken}`).toString('base64');
    try {
      const response = await fetch(new URL(path, sync.baseUrl), {
        headers: { Authorization: `Basic ${credentials}` },
        signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS),
      });
      if (!response.ok) {
        await response.arrayBuffer();
        return;
      }
      const item = (await response.json()) as { data?: Partial<MessageRecord> };
      if (item.data) this.found.set(sid, labelsOf(item.data));
    } catch {
      // Not there yet, or the emulator is busy: looked up again at the next refresh.
    }
  }
}
