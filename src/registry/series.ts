// A recurring series (`repeat`) as the registry keeps it: what to send, to whom, the rule's
// occurrences and the quiet rules to apply to each, and whether the series was canceled. Which
// occurrences exist is told by their claims. Occurrences outside Twilio's window are armed
// later, one claim each: Sync's create-with-key makes the claim atomic, so a callback delivered
// twice, or two at once, never creates an occurrence twice.
import type { Budget } from '../core/budget';
import type { SyncMaps } from '../twilio/sync-map';
import { mapName } from './keys';

export interface SeriesPlan {
  series: string;
  to: string;
  messagingServiceSid: string;
  content: { body?: string; mediaUrls: string[]; contentSid?: string; contentVariables?: string };
  tag?: string;
  /** The zone the occurrences keep their wall clock in, and every zone quiet rules hold in. */
  timeZone: string;
  zones: string[];
  quietHours: { start: number; end: number } | null;
  /** Weekdays, 0 = Sunday. */
  quietDays: number[] | null;
  locale?: string;
  /**
   * Every occurrence's time as the rule gives it (before quiet hours), seconds since epoch;
   * those on quiet days left out.
   */
  planned: number[];
  /** With quiet days: how many of the rule's occurrences fell on one and were left out. */
  skipped?: number;
  canceled: boolean;
  createdAt: string;
}

export type Claim = 'claimed' | 'taken' | 'unavailable';

const claimKey = (series: string, index: number): string => `${series}~${index}`;

export class SeriesBook {
  constructor(private readonly maps: SyncMaps) {}

  async save(plan: SeriesPlan, ttlSeconds: number): Promise<boolean> {
    const saved = await this.maps.create(
      mapName('def', plan.series),
      plan.series,
      plan,
      ttlSeconds,
    );
    return saved.ok;
  }

  async load(series: string): Promise<SeriesPlan | undefined | 'unavailable'> {
    const found = await this.maps.fetch<SeriesPlan>(mapName('def', series), series);
    if (found.ok) return found.value.data;
    return found.reason === 'unavailable' ? 'unavailable' : undefined;
  }

  /** Stops arming: set once, never undone; retried when another invocation wrote first. */
  async cancel(series: string): Promise<boolean> {
    const map = mapName('def', series);
    for (let attempt = 0; attempt < 4; attempt++) {
      const found = await this.maps.fetch<SeriesPlan>(map, series);
      if (!found.ok) return found.reason === 'not-found';
      if (found.value.data.canceled) return true;
      const saved = await this.maps.update(
        map,
        series,
        { ...found.value.data, canceled: true },
        { ifMatch: found.value.revision },
      );
      if (saved.ok) return true;
      if (saved.reason !== 'changed') return false;
    }
    return false;
  }

  /** Claims an occurrence for creation; `taken` when another invocation has it. */
  async claim(series: string, index: number, ttlSeconds: number): Promise<Claim> {
    const created = await this.maps.create(
      mapName('arm', series),
      claimKey(series, index),
      { series, index },
      ttlSeconds,
    );
    if (created.ok) return 'claimed';
    return created.reason === 'exists' ? 'taken' : 'unavailable';
  }

  /** The indexes claimed so far: one range of the claims Map. */
  async claimed(series: string, budget: Budget): Promise<Set<number> | 'unavailable'> {
    const prefix = `${series}~`;
    const read = await this.maps.range<{ index: number }>(
      mapName('arm', series),
      prefix,
      prefix,
      budget,
    );
    if (!read.ok) return 'unavailable';
    // Cut short by the budget: what was not read counts as claimed, so nothing is made twice.
    if (!read.value.complete) return 'unavailable';
    return new Set(read.value.items.map((item) => item.data.index));
  }

  /** Twilio refused the occurrence: the claim is given back so a later callback may retry. */
  async release(series: string, index: number): Promise<void> {
    await this.maps.remove(mapName('arm', series), claimKey(series, index));
  }
}
