// A recurring series (`repeat`) as the registry keeps it: what to send, to whom, the rule's
// occurrences and the quiet rules to apply to each, and whether the series was stopped.
//
// - The plan is listed under its recipient and its tag (sched.plans), written before anything is
//   sent, so that STOP (cancel by recipient) and cancel by tag find every plan and stop it.
// - Each occurrence is claimed (an atomic create-with-key) before it is created at Twilio, so a
//   callback delivered twice, or two at once, never creates one twice; once created, its claim
//   holds its SID, so a cancel by series or tag finds it even when its record could not be
//   written.
// - Stopping sets `stopped` once, never undone, and drops the body (no longer needed). Otherwise
//   the plan keeps body and number until 7 days after its last occurrence (its TTL), extended as
//   it is armed when that lies past Sync's longest TTL.
import type { Budget } from '../core/budget';
import type { SyncMaps } from '../twilio/sync-map';
import { MAX_TTL_SECONDS } from '../twilio/sync-map';
import { mapName, planIndexOf, recipientKey } from './keys';

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

/** What a claim holds: the occurrence, and its SID once Twilio created it. */
interface ClaimData {
  series: string;
  index: number;
  /** When it was claimed, ms since epoch. */
  claimedAt?: number;
  sid?: string;
  /** Twilio's answer to the create was lost: the message may exist. */
  unknown?: true;
}

/**
 * A claim older than this with neither SID nor `unknown` belongs to an invocation that ended
 * (every one ends within 10 s) before it could give the claim back: its create never happened
 * or was refused, so no message exists and the occurrence may be claimed again.
 */
export const CLAIM_LEASE_MS = 12_000;

/** What a cancel and the arming read of one claim. */
export interface ClaimState {
  sid?: string;
  /** The create's outcome is unknown: the message may exist. */
  unknown: boolean;
  /** Left behind by an invocation that ended: no message, free to claim again. */
  abandoned: boolean;
  revision: string;
}

const claimKey = (series: string, index: number): string => `${series}~${index}`;

/** The plan index entries of a plan: under its recipient, and under its tag. */
function indexPlaces(plan: Pick<SeriesPlan, 'series' | 'to' | 'tag'>) {
  const places = [planIndexOf({ to: plan.to })];
  if (plan.tag !== undefined) places.push(planIndexOf({ tag: plan.tag }));
  return places.map(({ map, prefix }) => ({ map, key: prefix + plan.series }));
}

/** The TTL a plan needs from `now`: until 7 days after its last occurrence, Sync allowing. */
const capped = (seconds: number): number => Math.min(MAX_TTL_SECONDS, Math.max(1, seconds));

export class SeriesBook {
  constructor(private readonly maps: SyncMaps) {}

  /** Saves the plan and lists it under its recipient and tag; true when all three are written. */
  async save(plan: SeriesPlan, ttlSeconds: number): Promise<boolean> {
    const ttl = capped(ttlSeconds);
    const entry = { series: plan.series, tag: plan.tag, to: recipientKey(plan.to) };
    const written = await Promise.all([
      this.maps.create(mapName('def', plan.series), plan.series, plan, ttl),
      ...indexPlaces(plan).map(({ map, key }) => this.maps.create(map, key, entry, ttl)),
    ]);
    return written.every((w) => w.ok || w.reason === 'exists');
  }

  async load(
    series: string,
  ): Promise<{ plan: SeriesPlan; expires?: number } | undefined | 'unavailable'> {
    const found = await this.maps.fetch<SeriesPlan>(mapName('def', series), series);
    if (found.ok) {
      const loaded: { plan: SeriesPlan; expires?: number } = { plan: found.value.data };
      if (found.value.expires !== undefined) loaded.expires = found.value.expires;
      return loaded;
    }
    return found.reason === 'unavailable' ? 'unavailable' : undefined;
  }

  /**
   * Stops arming: set once, never undone; retried when another invocation wrote first. The body
   * is dropped: a stopped plan never sends again. True when stopped (or never saved).
   */
  async stop(series: string): Promise<boolean> {
    const map = mapName('def', series);
    for (let attempt = 0; attempt < 4; attempt++) {
      const found = await this.maps.fetch<SeriesPlan>(map, series);
      if (!found.ok) return found.reason === 'not-found';
      if (found.value.data.canceled) return true;
      const saved = await this.maps.update(
        map,
        series,
        { ...found.value.data, canceled: true, content: { mediaUrls: [] } },
        { ifMatch: found.value.revision },
      );
      if (saved.ok) return true;
      if (saved.reason === 'not-found') return true;
      if (saved.reason !== 'changed') return false;
    }
    return false;
  }

  /** Keeps a long series alive: the plan and its index entries live `ttlSeconds` more. */
  async extend(plan: SeriesPlan, ttlSeconds: number): Promise<boolean> {
    const ttl = capped(ttlSeconds);
    const places = [{ map: mapName('def', plan.series), key: plan.series }, ...indexPlaces(plan)];
    const results = await Promise.all(places.map(({ map, key }) => this.maps.touch(map, key, ttl)));
    return results.every((r) => r.ok);
  }

  /** The series listed under a recipient or a tag; undefined when the index could not be read. */
  async plansOf(
    by: { to: string } | { tag: string },
    budget: Budget,
  ): Promise<{ series: string; to: string }[] | undefined> {
    const { map, prefix } = planIndexOf(by);
    const read = await this.maps.range<{ series: string; to: string }>(map, prefix, prefix, budget);
    if (!read.ok || !read.value.complete) return undefined;
    return read.value.items.map((item) => item.data);
  }

  /** Claims an occurrence for creation; `taken` when another invocation has it. */
  async claim(series: string, index: number, ttlSeconds: number, now: number): Promise<Claim> {
    const data: ClaimData = { series, index, claimedAt: now };
    const created = await this.maps.create(
      mapName('arm', series),
      claimKey(series, index),
      data,
      capped(ttlSeconds),
    );
    if (created.ok) return 'claimed';
    return created.reason === 'exists' ? 'taken' : 'unavailable';
  }

  /** The claim now names the message Twilio created for it. */
  async settle(
    series: string,
    index: number,
    outcome: { sid: string } | { unknown: true },
    ttlSeconds: number,
  ): Promise<boolean> {
    const data: ClaimData = { series, index, ...outcome };
    const saved = await this.maps.update(mapName('arm', series), claimKey(series, index), data, {
      ttlSeconds: capped(ttlSeconds),
    });
    return saved.ok;
  }

  /**
   * Every claim of the series: index → SID (undefined while unknown). 'unavailable' when it could
   * not be read to its end: what was not read must count as claimed, so nothing is made twice.
   */
  async claims(
    series: string,
    budget: Budget,
    now: number,
  ): Promise<Map<number, ClaimState> | 'unavailable'> {
    const prefix = `${series}~`;
    const read = await this.maps.range<ClaimData>(mapName('arm', series), prefix, prefix, budget);
    if (!read.ok || !read.value.complete) return 'unavailable';
    return new Map(
      read.value.items.map(({ data, revision }) => {
        const state: ClaimState = {
          unknown: data.unknown === true,
          abandoned:
            data.sid === undefined &&
            data.unknown !== true &&
            (data.claimedAt ?? 0) + CLAIM_LEASE_MS <= now,
          revision,
        };
        if (data.sid !== undefined) state.sid = data.sid;
        return [data.index, state];
      }),
    );
  }

  /** Twilio refused the occurrence: the claim is given back so a later callback may retry. */
  async release(series: string, index: number, revision?: string): Promise<boolean> {
    const removed = await this.maps.remove(
      mapName('arm', series),
      claimKey(series, index),
      revision,
    );
    return removed.ok || removed.reason === 'not-found';
  }
}
