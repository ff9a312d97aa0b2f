// Twilio Sync (sync.twilio.com/v1) as the emulator serves it, for the registry: Services (with
// the account's `default`), Maps and Map Items, in the JSON shapes of Twilio's own description
// (twilio_sync_v1.json) so that twilio-node reads them. Rules kept: unique keys (54208), If-Match
// revisions (412, 54205), TTLs and `date_expires` on the emulator's clock (expired = gone),
// 16 KiB data (54006), 320-character keys, lists ordered by key with From/Bounds/Order and
// paging, and the per-Map limits on writes and on reads (429, 54009; "Sync limits": about 20 of
// each per second per object, bursts averaged over 10 s).
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { notFound, type RecordedRequest, sendError, sendJson } from './http';
import { newSid } from './messages';
import { WindowRateLimit } from './rate-limit';

export interface SyncService {
  sid: string;
  uniqueName: string | null;
  friendlyName: string | null;
  dateCreated: number;
  dateUpdated: number;
}

export interface SyncItem {
  key: string;
  data: Record<string, unknown>;
  revision: number;
  dateCreated: number;
  dateUpdated: number;
  dateExpires: number | null;
}

export interface SyncMap {
  sid: string;
  serviceSid: string;
  uniqueName: string | null;
  revision: number;
  dateCreated: number;
  dateUpdated: number;
  dateExpires: number | null;
  items: Map<string, SyncItem>;
}

export interface SyncOptions {
  accountSid: string;
  now: () => number;
  writesPerSecond: number;
  /** Reads (item fetches and list pages) allowed per Map per second; 0: unlimited. */
  readsPerSecond?: number;
  burstWindowSeconds: number;
}

const ORIGIN = 'https://sync.twilio.com';
const MAX_KEY_LENGTH = 320;
const MAX_DATA_BYTES = 16 * 1024;
const MAX_TTL_SECONDS = 31_536_000;
const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 50;

/** Sync's dates: ISO 8601 to the second, `Z`. */
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

type Ttl = { seconds: number } | { error: string } | undefined;

/** `ItemTtl` wins over its alias `Ttl` (Twilio ignores `Ttl` when both are given). */
function readTtl(form: URLSearchParams, name: string, alias?: string): Ttl {
  const text = form.get(name) ?? (alias ? form.get(alias) : null);
  if (text === null) return undefined;
  const seconds = Number(text);
  if (!/^\d+$/.test(text) || seconds > MAX_TTL_SECONDS) {
    return { error: `${name} must be a whole number of seconds from 0 to ${MAX_TTL_SECONDS}.` };
  }
  return { seconds };
}

const expiresAt = (now: number, ttl: { seconds: number }): number | null =>
  ttl.seconds === 0 ? null : now + ttl.seconds * 1000;

export class SyncApi {
  readonly services = new Map<string, SyncService>();
  readonly maps = new Map<string, SyncMap>();
  /** The service `default` names (every account has one). */
  readonly defaultServiceSid: string;
  private readonly writes: WindowRateLimit;
  private readonly reads: WindowRateLimit | undefined;
  /** Requests refused with 429 (54009) so far, for the bench to report. */
  readonly throttled = { reads: 0, writes: 0 };

  constructor(private readonly options: SyncOptions) {
    // Stable per account, so that a restarted emulator names the same service.
    const hash = createHash('sha256').update(`default:${options.accountSid}`).digest('hex');
    this.defaultServiceSid = `IS${hash.slice(0, 32)}`;
    this.addService({
      sid: this.defaultServiceSid,
      uniqueName: 'default',
      friendlyName: 'Default',
    });
    this.writes = new WindowRateLimit({
      perSecond: options.writesPerSecond,
      windowSeconds: options.burstWindowSeconds,
    });
    const readsPerSecond = options.readsPerSecond ?? 0;
    this.reads =
      readsPerSecond > 0
        ? new WindowRateLimit({
            perSecond: readsPerSecond,
            windowSeconds: options.burstWindowSeconds,
          })
        : undefined;
  }

  /** Adds a service (e.g. the one SYNC_SERVICE_SID names); returns its SID. */
  addService(service: { sid?: string; uniqueName?: string | null; friendlyName?: string | null }) {
    const now = this.options.now();
    const sid = service.sid ?? newSid('IS');
    this.services.set(sid, {
      sid,
      uniqueName: service.uniqueName ?? null,
      friendlyName: service.friendlyName ?? null,
      dateCreated: now,
      dateUpdated: now,
    });
    return sid;
  }

  /** Serves `/v1/Services…`. */
  handle(req: RecordedRequest, res: ServerResponse): void {
    const segments = req.path.split('/').slice(1);
    let parts: string[];
    try {
      parts = segments.map((s) => decodeURIComponent(s));
    } catch {
      return notFound(res, req.path);
    }
    const [version, services, serviceId, maps, mapId, items, key, ...extra] = parts;
    if (version !== 'v1' || services !== 'Services' || extra.length > 0) {
      return notFound(res, req.path);
    }
    if (serviceId === undefined) return this.serviceCollection(req, res);
    const service = this.findService(serviceId);
    if (!service) return sendError(res, 404, 20404, `Service ${serviceId} was not found.`);
    if (maps === undefined) {
      if (req.method === 'GET') return sendJson(res, 200, this.serviceJson(service));
      return sendError(res, 405, 20004, 'Method not allowed');
    }
    if (maps !== 'Maps') return notFound(res, req.path);
    if (mapId === undefined) return this.mapCollection(service, req, res);
    const map = this.findMap(service, mapId);
    if (!map) return sendError(res, 404, 54200, `Map ${mapId} not found.`);
    if (items === undefined) return this.mapResource(map, req, res);
    if (items !== 'Items') return notFound(res, req.path);
    if (key === undefined) return this.itemCollection(map, req, res);
    return this.itemResource(map, key, req, res);
  }

  // Services ------------------------------------------------------------------------------

  private findService(id: string): SyncService | undefined {
    const bySid = this.services.get(id);
    if (bySid) return bySid;
    for (const service of this.services.values()) if (service.uniqueName === id) return service;
    return undefined;
  }

  private serviceCollection(req: RecordedRequest, res: ServerResponse): void {
    if (req.method === 'POST') {
      const sid = this.addService({ friendlyName: req.form.get('FriendlyName') });
      const service = this.services.get(sid);
      return service ? sendJson(res, 201, this.serviceJson(service)) : undefined;
    }
    if (req.method !== 'GET') return sendError(res, 405, 20004, 'Method not allowed');
    const all = [...this.services.values()];
    this.sendPage(res, req.query, 'services', `${ORIGIN}/v1/Services`, all, (s) =>
      this.serviceJson(s),
    );
  }

  private serviceJson(s: SyncService): Record<string, unknown> {
    const url = `${ORIGIN}/v1/Services/${s.sid}`;
    return {
      sid: s.sid,
      unique_name: s.uniqueName,
      account_sid: this.options.accountSid,
      friendly_name: s.friendlyName,
      date_created: iso(s.dateCreated),
      date_updated: iso(s.dateUpdated),
      url,
      webhook_url: null,
      webhooks_from_rest_enabled: false,
      reachability_webhooks_enabled: false,
      acl_enabled: false,
      reachability_debouncing_enabled: false,
      reachability_debouncing_window: 5000,
      links: {
        documents: `${url}/Documents`,
        lists: `${url}/Lists`,
        maps: `${url}/Maps`,
        streams: `${url}/Streams`,
      },
    };
  }

  // Maps ----------------------------------------------------------------------------------

  private live(map: SyncMap): boolean {
    if (map.dateExpires !== null && map.dateExpires <= this.options.now()) {
      this.maps.delete(map.sid);
      this.writes.forget(map.sid);
      this.reads?.forget(map.sid);
      return false;
    }
    return true;
  }

  private findMap(service: SyncService, id: string): SyncMap | undefined {
    const bySid = this.maps.get(id);
    if (bySid && bySid.serviceSid === service.sid) return this.live(bySid) ? bySid : undefined;
    for (const map of this.maps.values()) {
      if (map.serviceSid === service.sid && map.uniqueName === id) {
        return this.live(map) ? map : undefined;
      }
    }
    return undefined;
  }

  private mapCollection(service: SyncService, req: RecordedRequest, res: ServerResponse): void {
    if (req.method === 'GET') {
      const all = [...this.maps.values()].filter(
        (m) => m.serviceSid === service.sid && this.live(m),
      );
      return this.sendPage(
        res,
        req.query,
        'maps',
        `${ORIGIN}/v1/Services/${service.sid}/Maps`,
        all,
        (m) => this.mapJson(m),
      );
    }
    if (req.method !== 'POST') return sendError(res, 405, 20004, 'Method not allowed');
    const uniqueName = req.form.get('UniqueName');
    if (uniqueName !== null) {
      if (uniqueName === '' || uniqueName.length > 320 || /^MP[0-9a-f]{32}$/i.test(uniqueName)) {
        return sendError(res, 400, 54302, 'Invalid unique name.');
      }
      if (this.findMap(service, uniqueName)) {
        return sendError(res, 409, 54301, `Unique name already exists: ${uniqueName}`);
      }
    }
    const ttl = readTtl(req.form, 'CollectionTtl', 'Ttl');
    if (ttl && 'error' in ttl) return sendError(res, 400, 54011, ttl.error);
    const now = this.options.now();
    const map: SyncMap = {
      sid: newSid('MP'),
      serviceSid: service.sid,
      uniqueName,
      revision: 0,
      dateCreated: now,
      dateUpdated: now,
      dateExpires: ttl ? expiresAt(now, ttl) : null,
      items: new Map(),
    };
    this.maps.set(map.sid, map);
    sendJson(res, 201, this.mapJson(map));
  }

  private mapResource(map: SyncMap, req: RecordedRequest, res: ServerResponse): void {
    if (req.method === 'GET') return sendJson(res, 200, this.mapJson(map));
    if (req.method === 'DELETE') {
      this.maps.delete(map.sid);
      this.writes.forget(map.sid);
      res.writeHead(204).end();
      return;
    }
    if (req.method !== 'POST') return sendError(res, 405, 20004, 'Method not allowed');
    const ttl = readTtl(req.form, 'CollectionTtl', 'Ttl');
    if (ttl && 'error' in ttl) return sendError(res, 400, 54011, ttl.error);
    const now = this.options.now();
    if (ttl) map.dateExpires = expiresAt(now, ttl);
    map.dateUpdated = now;
    map.revision++;
    sendJson(res, 200, this.mapJson(map));
  }

  private mapUrl(map: SyncMap): string {
    return `${ORIGIN}/v1/Services/${map.serviceSid}/Maps/${map.sid}`;
  }

  private mapJson(m: SyncMap): Record<string, unknown> {
    const url = this.mapUrl(m);
    return {
      sid: m.sid,
      unique_name: m.uniqueName,
      account_sid: this.options.accountSid,
      service_sid: m.serviceSid,
      url,
      links: { items: `${url}/Items`, permissions: `${url}/Permissions` },
      revision: String(m.revision),
      date_expires: isoOrNull(m.dateExpires),
      date_created: iso(m.dateCreated),
      date_updated: iso(m.dateUpdated),
      created_by: 'system',
    };
  }

  // Map Items -----------------------------------------------------------------------------

  /** The item under `key`, unless it has expired (then it is removed). */
  private item(map: SyncMap, key: string): SyncItem | undefined {
    const item = map.items.get(key);
    if (item && item.dateExpires !== null && item.dateExpires <= this.options.now()) {
      map.items.delete(key);
      return undefined;
    }
    return item;
  }

  /** Counts a read against the Map's limit; answers 429 and returns false when over it. */
  private admitRead(map: SyncMap, res: ServerResponse): boolean {
    return this.admit(this.reads, map, res, 'reads');
  }

  /** Counts a write against the Map's limit; answers 429 and returns false when over it. */
  private admitWrite(map: SyncMap, res: ServerResponse): boolean {
    return this.admit(this.writes, map, res, 'writes');
  }

  private admit(
    limit: WindowRateLimit | undefined,
    map: SyncMap,
    res: ServerResponse,
    what: string,
  ): boolean {
    const waitMs = limit?.take(map.sid) ?? 0;
    if (waitMs === 0) return true;
    this.throttled[what === 'reads' ? 'reads' : 'writes']++;
    sendError(res, 429, 54009, `Rate limit exceeded: too many ${what} of this Map.`, {
      'Retry-After': String(Math.max(1, Math.ceil(waitMs / 1000))),
    });
    return false;
  }

  /** Reads `Data`: a JSON object of at most 16 KiB. Sends the error and returns undefined. */
  private readData(
    form: URLSearchParams,
    res: ServerResponse,
  ): Record<string, unknown> | undefined {
    const text = form.get('Data');
    if (text === null) {
      sendError(res, 400, 54206, "The 'Data' parameter cannot be null.");
      return undefined;
    }
    if (Buffer.byteLength(text, 'utf8') > MAX_DATA_BYTES) {
      sendError(res, 413, 54006, 'The size of the Data parameter exceeds 16 KiB.');
      return undefined;
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      sendError(res, 400, 54008, "The 'Data' parameter is not a valid JSON object.");
      return undefined;
    }
    return data as Record<string, unknown>;
  }

  private itemCollection(map: SyncMap, req: RecordedRequest, res: ServerResponse): void {
    if (req.method === 'GET') {
      if (!this.admitRead(map, res)) return;
      return this.listItems(map, req.query, res);
    }
    if (req.method !== 'POST') return sendError(res, 405, 20004, 'Method not allowed');
    const key = req.form.get('Key');
    if (key === null || key === '' || key.length > MAX_KEY_LENGTH) {
      return sendError(
        res,
        400,
        54209,
        `The Map Item key must be 1 to ${MAX_KEY_LENGTH} characters.`,
      );
    }
    const data = this.readData(req.form, res);
    if (data === undefined) return;
    const itemTtl = readTtl(req.form, 'ItemTtl', 'Ttl');
    if (itemTtl && 'error' in itemTtl) return sendError(res, 400, 54011, itemTtl.error);
    const collectionTtl = readTtl(req.form, 'CollectionTtl');
    if (collectionTtl && 'error' in collectionTtl) {
      return sendError(res, 400, 54011, collectionTtl.error);
    }
    if (!this.admitWrite(map, res)) return;
    if (this.item(map, key)) {
      return sendError(res, 409, 54208, `A Map Item with key ${key} already exists.`);
    }
    const now = this.options.now();
    const item: SyncItem = {
      key,
      data,
      revision: 0,
      dateCreated: now,
      dateUpdated: now,
      dateExpires: itemTtl ? expiresAt(now, itemTtl) : null,
    };
    map.items.set(key, item);
    this.touch(map, now, collectionTtl);
    this.sendItem(res, 201, map, item);
  }

  private itemResource(map: SyncMap, key: string, req: RecordedRequest, res: ServerResponse) {
    if (req.method === 'GET' && !this.admitRead(map, res)) return;
    const item = this.item(map, key);
    if (!item) return sendError(res, 404, 54201, `Map Item ${key} not found.`);
    if (req.method === 'GET') return this.sendItem(res, 200, map, item);
    if (req.method !== 'POST' && req.method !== 'DELETE') {
      return sendError(res, 405, 20004, 'Method not allowed');
    }
    let data: Record<string, unknown> | undefined;
    const itemTtl = readTtl(req.form, 'ItemTtl', 'Ttl');
    const collectionTtl = readTtl(req.form, 'CollectionTtl');
    if (req.method === 'POST') {
      if (req.form.has('Data')) {
        data = this.readData(req.form, res);
        if (data === undefined) return;
      }
      for (const ttl of [itemTtl, collectionTtl]) {
        if (ttl && 'error' in ttl) return sendError(res, 400, 54011, ttl.error);
      }
    }
    if (!this.admitWrite(map, res)) return;
    if (req.ifMatch !== undefined && req.ifMatch.replace(/"/g, '') !== String(item.revision)) {
      return sendError(
        res,
        412,
        54205,
        'The revision of the Map Item does not match the expected revision.',
      );
    }
    const now = this.options.now();
    if (req.method === 'DELETE') {
      map.items.delete(key);
      this.touch(map, now, undefined);
      res.writeHead(204).end();
      return;
    }
    if (data !== undefined) item.data = data;
    if (itemTtl && !('error' in itemTtl)) item.dateExpires = expiresAt(now, itemTtl);
    item.revision++;
    item.dateUpdated = now;
    this.touch(map, now, collectionTtl);
    this.sendItem(res, 200, map, item);
  }

  private touch(map: SyncMap, now: number, collectionTtl: Ttl): void {
    map.revision++;
    map.dateUpdated = now;
    if (collectionTtl && !('error' in collectionTtl)) {
      map.dateExpires = expiresAt(now, collectionTtl);
    }
  }

  private listItems(map: SyncMap, query: URLSearchParams, res: ServerResponse): void {
    const order = query.get('Order') ?? 'asc';
    const bounds = query.get('Bounds') ?? 'inclusive';
    if (order !== 'asc' && order !== 'desc') {
      return sendError(res, 400, 20001, 'Order must be asc or desc.');
    }
    if (bounds !== 'inclusive' && bounds !== 'exclusive') {
      return sendError(res, 400, 20001, 'Bounds must be inclusive or exclusive.');
    }
    const from = query.get('From');
    const pageSize = Math.min(
      Math.max(Number(query.get('PageSize') ?? DEFAULT_PAGE_SIZE) || DEFAULT_PAGE_SIZE, 1),
      MAX_PAGE_SIZE,
    );
    const page = Math.max(Number(query.get('Page') ?? 0) || 0, 0);
    // The page token is the last key of the previous page: later pages start after it.
    const token = query.get('PageToken');
    const after = token?.startsWith('PT')
      ? Buffer.from(token.slice(2), 'base64url').toString()
      : null;

    const asc = order === 'asc';
    const beyond = (key: string, mark: string, inclusive: boolean) =>
      asc ? key > mark || (inclusive && key === mark) : key < mark || (inclusive && key === mark);
    const keys = [...map.items.keys()]
      .filter((k) => this.item(map, k) !== undefined)
      .filter((k) => from === null || beyond(k, from, bounds === 'inclusive'))
      .filter((k) => after === null || beyond(k, after, false))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0) * (asc ? 1 : -1));
    const slice = keys.slice(0, pageSize);
    const base = `${this.mapUrl(map)}/Items`;
    const url = (p: number, pageToken?: string) => {
      const q = new URLSearchParams();
      if (from !== null) q.set('From', from);
      q.set('Bounds', bounds);
      q.set('Order', order);
      q.set('PageSize', String(pageSize));
      q.set('Page', String(p));
      if (pageToken !== undefined) q.set('PageToken', pageToken);
      return `${base}?${q.toString()}`;
    };
    const last = slice[slice.length - 1];
    const next =
      keys.length > pageSize && last !== undefined
        ? url(page + 1, `PT${Buffer.from(last).toString('base64url')}`)
        : null;
    sendJson(res, 200, {
      items: slice.flatMap((k) => {
        const item = map.items.get(k);
        return item ? [this.itemJson(map, item)] : [];
      }),
      meta: {
        first_page_url: url(0),
        key: 'items',
        next_page_url: next,
        page,
        page_size: pageSize,
        previous_page_url: null,
        url: url(page, token ?? undefined),
      },
    });
  }

  private sendItem(res: ServerResponse, status: number, map: SyncMap, item: SyncItem): void {
    sendJson(res, status, this.itemJson(map, item), { ETag: String(item.revision) });
  }

  private itemJson(map: SyncMap, item: SyncItem): Record<string, unknown> {
    return {
      key: item.key,
      account_sid: this.options.accountSid,
      service_sid: map.serviceSid,
      map_sid: map.sid,
      url: `${this.mapUrl(map)}/Items/${encodeURIComponent(item.key)}`,
      revision: String(item.revision),
      data: item.data,
      date_expires: isoOrNull(item.dateExpires),
      date_created: iso(item.dateCreated),
      date_updated: iso(item.dateUpdated),
      created_by: 'system',
    };
  }

  /** One page of a simple collection (services, maps), in the `meta` list shape. */
  private sendPage<T>(
    res: ServerResponse,
    query: URLSearchParams,
    key: string,
    base: string,
    all: T[],
    toJson: (value: T) => Record<string, unknown>,
  ): void {
    const pageSize = Math.min(
      Math.max(Number(query.get('PageSize') ?? DEFAULT_PAGE_SIZE) || DEFAULT_PAGE_SIZE, 1),
      MAX_PAGE_SIZE,
    );
    const page = Math.max(Number(query.get('Page') ?? 0) || 0, 0);
    const url = (p: number) =>
      `${base}?PageSize=${pageSize}&Page=${p}${p > 0 ? `&PageToken=PA${p}` : ''}`;
    const slice = all.slice(page * pageSize, (page + 1) * pageSize);
    sendJson(res, 200, {
      [key]: slice.map(toJson),
      meta: {
        first_page_url: url(0),
        key,
        next_page_url: (page + 1) * pageSize < all.length ? url(page + 1) : null,
        page,
        page_size: pageSize,
        previous_page_url: page > 0 ? url(page - 1) : null,
        url: url(page),
      },
    });
  }
}
