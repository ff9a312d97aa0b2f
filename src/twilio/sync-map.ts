// Twilio Sync Map items, as the registry uses them: create (atomic: an existing key is refused),
// fetch, update and remove with revisions, and listing a range of keys. Every failure comes back
// as a value: what the registry can act on (the key exists, is missing, or changed under us), or
// that Sync could not be used at all.
import type { Twilio } from 'twilio';
import type { SyncMapItemInstance } from 'twilio/lib/rest/sync/v1/service/syncMap/syncMapItem';
import type { Budget } from '../core/budget';
import type { AppError } from '../core/errors';
import { httpStatusOf, twilioCodeOf, twilioError } from './errors';
import { eachPage, type Page } from './paging';

/** Sync's error codes for Map items, from Twilio's error dictionary. */
const ITEM_EXISTS = 54208;
const MAP_NOT_FOUND = 54200;
const MAP_NAME_TAKEN = 54301;
/** The longest a Sync item may live, in seconds: 365 days. */
export const MAX_TTL_SECONDS = 31_536_000;
const PAGE_SIZE = 100;
/** A page is not requested with less time left than this. */
const PAGE_RESERVE_MS = 1_200;

export interface MapItem<T> {
  key: string;
  data: T;
  revision: string;
  /** When Sync will drop the item, ms since epoch; undefined when it never expires. */
  expires?: number;
}

export type SyncOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; reason: 'exists' | 'not-found' | 'changed' }
  | { ok: false; reason: 'unavailable'; error: AppError };

/** A failed Sync call as a value; `operation` words it (a write is `record`, never `read`). */
function failure(error: unknown, operation: 'read' | 'record' = 'record'): SyncOutcome<never> {
  if (twilioCodeOf(error) === ITEM_EXISTS) return { ok: false, reason: 'exists' };
  if (httpStatusOf(error) === 412) return { ok: false, reason: 'changed' };
  if (httpStatusOf(error) === 404) return { ok: false, reason: 'not-found' };
  return { ok: false, reason: 'unavailable', error: twilioError(error, operation) };
}

function itemOf<T>(item: SyncMapItemInstance): MapItem<T> {
  const mapped: MapItem<T> = { key: item.key, data: item.data as T, revision: item.revision };
  const expires = item.dateExpires ? new Date(item.dateExpires).getTime() : Number.NaN;
  if (!Number.isNaN(expires)) mapped.expires = expires;
  return mapped;
}

/** The Maps of one Sync service (a SID, or `default`, which every account has). */
export class SyncMaps {
  /** `client` is called on first use: a request refused before any call never builds one. */
  constructor(
    private readonly client: () => Twilio,
    private readonly service: string,
  ) {}

  private map(name: string) {
    return this.client().sync.v1.services(this.service).syncMaps(name);
  }

  /** Creates the item; `exists` when the key is taken. A missing Map is created on first use. */
  async create<T extends object>(
    map: string,
    key: string,
    data: T,
    ttlSeconds: number,
  ): Promise<SyncOutcome<MapItem<T>>> {
    const attempt = () =>
      this.map(map).syncMapItems.create({ key, data, itemTtl: clampTtl(ttlSeconds) });
    try {
      return { ok: true, value: itemOf<T>(await attempt()) };
    } catch (error) {
      if (twilioCodeOf(error) !== MAP_NOT_FOUND) return failure(error);
    }
    try {
      await this.client().sync.v1.services(this.service).syncMaps.create({ uniqueName: map });
    } catch (error) {
      // Another invocation created it first: just as good.
      if (twilioCodeOf(error) !== MAP_NAME_TAKEN) return failure(error);
    }
    try {
      return { ok: true, value: itemOf<T>(await attempt()) };
    } catch (error) {
      return failure(error);
    }
  }

  async fetch<T>(map: string, key: string): Promise<SyncOutcome<MapItem<T>>> {
    try {
      return { ok: true, value: itemOf<T>(await this.map(map).syncMapItems(key).fetch()) };
    } catch (error) {
      return failure(error, 'read');
    }
  }

  /** Replaces the item's data; with `ifMatch`, only if it is still at that revision. */
  async update<T extends object>(
    map: string,
    key: string,
    data: T,
    options: { ifMatch?: string; ttlSeconds?: number } = {},
  ): Promise<SyncOutcome<MapItem<T>>> {
    try {
      const item = await this.map(map)
        .syncMapItems(key)
        .update({
          data,
          ...(options.ifMatch !== undefined && { ifMatch: options.ifMatch }),
          ...(options.ttlSeconds !== undefined && { itemTtl: clampTtl(options.ttlSeconds) }),
        });
      return { ok: true, value: itemOf<T>(item) };
    } catch (error) {
      return failure(error);
    }
  }

  /** Sets the item's TTL, its data unchanged. */
  async touch(map: string, key: string, ttlSeconds: number): Promise<SyncOutcome<true>> {
    try {
      await this.map(map)
        .syncMapItems(key)
        .update({ itemTtl: clampTtl(ttlSeconds) });
      return { ok: true, value: true };
    } catch (error) {
      return failure(error);
    }
  }

  /** Removes the item; with `ifMatch`, only if it is still at that revision. */
  async remove(map: string, key: string, ifMatch?: string): Promise<SyncOutcome<true>> {
    try {
      const item = this.map(map).syncMapItems(key);
      await (ifMatch === undefined ? item.remove() : item.remove({ ifMatch }));
      return { ok: true, value: true };
    } catch (error) {
      return failure(error);
    }
  }

  /**
   * The items whose keys start with `prefix`, from the key `from` on (ascending), page by page
   * until the range ends, the budget runs low, or `take` returns false for an item (that item is
   * not kept; `next` is its key, to continue from). Only that range is read, and no further than
   * what is taken.
   */
  async range<T>(
    map: string,
    prefix: string,
    from: string,
    budget: Budget,
    take: (item: MapItem<T>) => boolean = () => true,
  ): Promise<SyncOutcome<{ items: MapItem<T>[]; complete: boolean; next?: string }>> {
    const items: MapItem<T>[] = [];
    let next: string | undefined;
    let beyond = false;
    try {
      const ended = await eachPage<SyncMapItemInstance>(
        async () =>
          (await this.map(map).syncMapItems.page({
            from,
            bounds: 'inclusive',
            order: 'asc',
            pageSize: PAGE_SIZE,
          })) as unknown as Page<SyncMapItemInstance>,
        { ...budget, reserveMs: PAGE_RESERVE_MS },
        (page) => {
          for (const instance of page.instances) {
            if (!instance.key.startsWith(prefix)) {
              beyond = true;
              return 'stop';
            }
            const item = itemOf<T>(instance);
            if (!take(item)) {
              next = item.key;
              return 'stop';
            }
            items.push(item);
          }
          return undefined;
        },
      );
      const complete = ended === 'end' || beyond;
      return { ok: true, value: { items, complete, ...(next !== undefined && { next }) } };
    } catch (error) {
      // No Map yet: nothing was ever recorded there.
      if (httpStatusOf(error) === 404 && items.length === 0)
        return { ok: true, value: { items, complete: true } };
      return failure(error, 'read');
    }
  }
}

const clampTtl = (seconds: number): number =>
  Math.min(MAX_TTL_SECONDS, Math.max(1, Math.ceil(seconds)));
