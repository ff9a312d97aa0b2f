// The registry's labels for the outbox page: the tag, series and time zone that our functions
// wrote to Sync beside each message (src/registry). The emulator's outbox knows only what Twilio
// knows, so these are read from the emulator's Sync, over its API, as the functions read them.
import { maskRecipient } from '../../src/core/mask';
import type { AppointmentRecord } from '../../src/registry/appointments';
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

/** An appointment as the page shows it: its time, zone and state, the recipient masked. */
export interface AppointmentRow {
  tag: string;
  at: string;
  timeZone?: string;
  state: string;
  toMasked: string;
}

/** Appointments read per refresh: their states change, so they are read every time. */
const APPOINTMENTS_PER_REFRESH = 20;

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

  /**
   * The appointments among the tags seen (the registry keeps one per appointment tag), with
   * their state now; a tag without one is no appointment.
   */
  async appointments(): Promise<AppointmentRow[]> {
    const sync = this.sync;
    if (!sync) return [];
    const tags = [...new Set([...this.found.values()].map((labels) => labels.tag))]
      .filter((tag): tag is string => tag !== undefined)
      .slice(-APPOINTMENTS_PER_REFRESH);
    const rows = await Promise.all(
      tags.map((tag) =>
        this.item<AppointmentRecord>(sync, `/Maps/${mapName('appt', tag)}/Items/${tag}`),
      ),
    );
    return rows
      .filter((record): record is AppointmentRecord => record?.tag !== undefined)
      .map((record) => {
        const row: AppointmentRow = {
          tag: record.tag,
          at: record.at,
          state: record.state,
          toMasked: maskRecipient(record.to),
        };
        if (record.timeZone !== undefined) row.timeZone = record.timeZone;
        return row;
      })
      .sort((a, b) => a.at.localeCompare(b.at));
  }

  /** One Sync item's data, or undefined (not there, or the emulator busy). */
  private async item<T>(sync: SyncAccess, path: string): Promise<T | undefined> {
    const credentials = Buffer.from(`${sync.accountSid}:${sync.authToken}`).toString('base64');
    try {
      const response = await fetch(new URL(`/v1/Services/${sync.service}${path}`, sync.baseUrl), {
        headers: { Authorization: `Basic ${credentials}` },
        signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS),
      });
      if (!response.ok) {
        await response.arrayBuffer();
        return undefined;
      }
      return ((await response.json()) as { data?: T }).data;
    } catch {
      return undefined;
    }
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
