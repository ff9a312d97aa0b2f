// The emulator's Sync (what the registry stands on), driven by the real twilio library through
// our transport, as the functions drive it: services, maps, items, unique keys, revisions, TTLs
// on the emulator's clock, paging, limits, and the per-Map write limit.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import twilio from 'twilio';
import {
  EMULATOR_ACCOUNT_SID,
  EMULATOR_AUTH_TOKEN,
  MovableClock,
  TwilioEmulator,
} from '../emulator';
import { createTransport } from '../src/twilio/transport';

type Client = ReturnType<typeof twilio>;
const START = Date.parse('2026-12-01T12:00:00Z');

/** The real twilio client, through our transport, to `emulator` (no 429 retries: we look at them). */
function clientFor(emulator: TwilioEmulator): Client {
  return twilio(EMULATOR_ACCOUNT_SID, EMULATOR_AUTH_TOKEN, {
    httpClient: createTransport({
      deadline: Date.now() + 60_000,
      baseUrl: emulator.url,
      maxAttempts: 1,
    }),
  } as unknown as Parameters<typeof twilio>[2]);
}

describe('Sync emulator (through twilio-node)', () => {
  const clock = new MovableClock(() => START);
  const emulator = new TwilioEmulator({ clock, syncWritesPerSecond: 10_000 });
  let client: Client;
  let sync: ReturnType<Client['sync']['v1']['services']>;
  let mapName = '';
  let count = 0;
  const items = () => sync.syncMaps(mapName).syncMapItems;

  before(async () => {
    await emulator.start();
    client = clientFor(emulator);
    sync = client.sync.v1.services('default');
  });
  after(() => emulator.stop());
  beforeEach(async () => {
    mapName = `registry-${++count}`;
    await sync.syncMaps.create({ uniqueName: mapName });
    emulator.requests.length = 0;
  });

  it('has a default service, fetched by its name or its SID', async () => {
    const byName = await sync.fetch();
    assert.match(byName.sid, /^IS[0-9a-f]{32}$/);
    assert.equal(byName.uniqueName, 'default');
    const bySid = await client.sync.v1.services(byName.sid).fetch();
    assert.equal(bySid.sid, byName.sid);
    await assert.rejects(client.sync.v1.services(`IS${'9'.repeat(32)}`).fetch(), { status: 404 });
  });

  it('creates maps with a unique name (54301 when taken) and finds them by name or SID (54200)', async () => {
    const map = await sync.syncMaps.create({ uniqueName: 'reg-unique' });
    assert.match(map.sid, /^MP[0-9a-f]{32}$/);
    assert.equal(map.uniqueName, 'reg-unique');
    assert.equal((await sync.syncMaps(map.sid).fetch()).uniqueName, 'reg-unique');
    assert.equal((await sync.syncMaps('reg-unique').fetch()).sid, map.sid);
    await assert.rejects(sync.syncMaps.create({ uniqueName: 'reg-unique' }), {
      status: 409,
      code: 54301,
    });
    await assert.rejects(sync.syncMaps('no-such-map').fetch(), { status: 404, code: 54200 });
    await assert.rejects(sync.syncMaps('no-such-map').syncMapItems('k').fetch(), {
      status: 404,
      code: 54200,
    });
  });

  it('creates, fetches, updates and deletes items; a taken key is 409 (54208)', async () => {
    const created = await items().create({
      key: 'msg:1',
      data: { sid: 'SM1', n: 1 },
      itemTtl: 600,
    });
    assert.equal(created.key, 'msg:1');
    assert.deepEqual(created.data, { sid: 'SM1', n: 1 });
    assert.equal(created.revision, '0');
    assert.equal(created.dateExpires?.getTime(), START + 600_000);
    assert.equal(created.dateCreated.getTime(), START);

    await assert.rejects(items().create({ key: 'msg:1', data: { other: true } }), {
      status: 409,
      code: 54208,
    });
    assert.deepEqual((await items()('msg:1').fetch()).data, { sid: 'SM1', n: 1 });

    const updated = await items()('msg:1').update({ data: { sid: 'SM1', n: 2 } });
    assert.equal(updated.revision, '1');
    assert.deepEqual(updated.data, { sid: 'SM1', n: 2 });
    assert.equal(updated.dateExpires?.getTime(), START + 600_000, 'the TTL is kept');

    assert.equal(await items()('msg:1').remove(), true);
    await assert.rejects(items()('msg:1').fetch(), { status: 404, code: 54201 });
    await assert.rejects(items()('msg:1').update({ data: {} }), { status: 404, code: 54201 });
    await assert.rejects(items()('msg:1').remove(), { status: 404, code: 54201 });
  });

  it('applies If-Match: a stale revision is 412 (54205) for update and delete', async () => {
    await items().create({ key: 'k', data: { v: 0 } });
    const first = await items()('k').update({ data: { v: 1 }, ifMatch: '0' });
    assert.equal(first.revision, '1');
    await assert.rejects(items()('k').update({ data: { v: 2 }, ifMatch: '0' }), {
      status: 412,
      code: 54205,
    });
    await assert.rejects(items()('k').remove({ ifMatch: '0' }), { status: 412, code: 54205 });
    assert.deepEqual((await items()('k').fetch()).data, { v: 1 });
    assert.equal(await items()('k').remove({ ifMatch: '1' }), true);
    const withHeader = emulator.requests.filter((r) => r.ifMatch !== undefined);
    assert.deepEqual(
      withHeader.map((r) => r.ifMatch),
      ['0', '0', '0', '1'],
    );
  });

  it("hides an item once its TTL has passed on the emulator's clock, and frees its key", async () => {
    await items().create({ key: 'short', data: { a: 1 }, itemTtl: 60 });
    await items().create({ key: 'forever', data: { a: 2 } });
    clock.advance(59_000);
    assert.equal((await items()('short').fetch()).key, 'short');
    clock.advance(1_000);
    await assert.rejects(items()('short').fetch(), { status: 404, code: 54201 });
    const keys = (await items().list()).map((i) => i.key);
    assert.deepEqual(keys, ['forever']);
    const again = await items().create({ key: 'short', data: { a: 3 } });
    assert.equal(again.revision, '0');
    assert.equal(again.dateExpires, null);
  });

  it('expires the whole map with CollectionTtl', async () => {
    await items().create({ key: 'a', data: {}, collectionTtl: 120 });
    const map = await sync.syncMaps(mapName).fetch();
    assert.equal(map.dateExpires?.getTime(), clock.now() + 120_000);
    clock.advance(120_000);
    await assert.rejects(sync.syncMaps(mapName).fetch(), { status: 404, code: 54200 });
    // The unique name is free again.
    await sync.syncMaps.create({ uniqueName: mapName });
  });

  it('lists by key with From, Bounds and Order, paging with next_page_url', async () => {
    const keys = Array.from({ length: 25 }, (_, i) => `k${String(i).padStart(2, '0')}`);
    for (const key of [...keys].reverse()) await items().create({ key, data: { key } });
    emulator.requests.length = 0;

    const all = await items().list({ pageSize: 10 });
    assert.deepEqual(
      all.map((i) => i.key),
      keys,
    );
    assert.equal(emulator.requests.filter((r) => r.method === 'GET').length, 3, '3 pages of 10');

    const page = await items().page({ pageSize: 10, order: 'desc' });
    assert.deepEqual(
      page.instances.map((i) => i.key),
      keys.slice(15).reverse(),
    );
    assert.ok(page.nextPageUrl?.startsWith('https://sync.twilio.com/v1/Services/IS'));
    const second = await page.nextPage();
    assert.deepEqual(
      second?.instances.map((i) => i.key),
      keys.slice(5, 15).reverse(),
    );

    const fromInclusive = await items().list({ from: 'k20' });
    assert.deepEqual(
      fromInclusive.map((i) => i.key),
      ['k20', 'k21', 'k22', 'k23', 'k24'],
    );
    const fromExclusive = await items().list({ from: 'k20', bounds: 'exclusive' });
    assert.deepEqual(
      fromExclusive.map((i) => i.key),
      ['k21', 'k22', 'k23', 'k24'],
    );
    const down = await items().list({ from: 'k03', bounds: 'exclusive', order: 'desc' });
    assert.deepEqual(
      down.map((i) => i.key),
      ['k02', 'k01', 'k00'],
    );
    const prefix = await items().list({ from: 'k1', pageSize: 100, limit: 3 });
    assert.deepEqual(
      prefix.map((i) => i.key),
      ['k10', 'k11', 'k12'],
    );
  });

  it('refuses data over 16 KiB (54006), data that is not a JSON object, and keys over 320 characters', async () => {
    await items().create({ key: 'fits', data: { pad: 'x'.repeat(16 * 1024 - 20) } });
    await assert.rejects(items().create({ key: 'big', data: { pad: 'x'.repeat(16 * 1024) } }), {
      code: 54006,
    });
    await assert.rejects(items().create({ key: 'list', data: [1, 2] as unknown as object }), {
      status: 400,
      code: 54008,
    });
    await items().create({ key: 'k'.repeat(320), data: {} });
    await assert.rejects(items().create({ key: 'k'.repeat(321), data: {} }), {
      status: 400,
      code: 54209,
    });
  });

  it("answers exactly the properties of Twilio's description (twilio_sync_v1.json)", async () => {
    const spec = JSON.parse(
      readFileSync(
        join(
          import.meta.dirname,
          '../node_modules/@twilio-alpha/mcp/twilio-oai/spec/json/twilio_sync_v1.json',
        ),
        'utf8',
      ),
    ) as { components: { schemas: Record<string, { properties: Record<string, unknown> }> } };
    const auth = `Basic ${Buffer.from(`${EMULATOR_ACCOUNT_SID}:${EMULATOR_AUTH_TOKEN}`).toString('base64')}`;
    const get = async (path: string) =>
      (await fetch(`${emulator.url}${path}`, { headers: { Authorization: auth } })).json();
    await items().create({ key: 'shape', data: {} });
    const base = `/v1/Services/default/Maps/${mapName}`;
    const cases: [string, unknown][] = [
      ['sync.v1.service', await get('/v1/Services/default')],
      ['sync.v1.service.sync_map', await get(base)],
      ['sync.v1.service.sync_map.sync_map_item', await get(`${base}/Items/shape`)],
    ];
    for (const [name, body] of cases) {
      const expected = Object.keys(spec.components.schemas[name]?.properties ?? {}).sort();
      assert.deepEqual(Object.keys(body as object).sort(), expected, name);
    }
    const list = (await get(`${base}/Items`)) as { items: unknown[]; meta: object };
    assert.deepEqual(Object.keys(list.meta).sort(), [
      'first_page_url',
      'key',
      'next_page_url',
      'page',
      'page_size',
      'previous_page_url',
      'url',
    ]);
  });

  it('records every Sync call as host "sync", so round trips can be counted', async () => {
    await items().create({ key: 'count', data: {} });
    await items()('count').fetch();
    assert.deepEqual(
      emulator.requests.map((r) => [r.host, r.method]),
      [
        ['sync', 'POST'],
        ['sync', 'GET'],
      ],
    );
  });
});

describe("Sync emulator's write limit per Map", () => {
  const emulator = new TwilioEmulator({ syncWritesPerSecond: 1, syncBurstWindowSeconds: 3 });
  let client: Client;
  before(async () => {
    await emulator.start();
    client = clientFor(emulator);
  });
  after(() => emulator.stop());

  it('answers 429 with Retry-After past the writes a window allows, per Map', async () => {
    const sync = client.sync.v1.services('default');
    await sync.syncMaps.create({ uniqueName: 'busy' });
    await sync.syncMaps.create({ uniqueName: 'quiet' });
    const busy = sync.syncMaps('busy').syncMapItems;
    // 1 write/s averaged over 3 s: a burst of 3, then no more until the window moves.
    await busy.create({ key: 'a', data: {} });
    await busy('a').update({ data: { n: 1 } });
    await busy('a').remove();
    await assert.rejects(busy.create({ key: 'b', data: {} }), { status: 429, code: 54009 });
    // Reads are not writes, and another Map has its own limit.
    await assert.rejects(busy('b').fetch(), { status: 404, code: 54201 });
    await sync.syncMaps('quiet').syncMapItems.create({ key: 'b', data: {} });

    const response = await fetch(`${emulator.url}/v1/Services/default/Maps/busy/Items`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${EMULATOR_ACCOUNT_SID}:${EMULATOR_AUTH_TOKEN}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ Key: 'c', Data: '{}' }),
    });
    assert.equal(response.status, 429);
    const retryAfter = Number(response.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 3, `Retry-After ${retryAfter}`);
    assert.equal(((await response.json()) as { code: number }).code, 54009);
  });
});

describe("Sync emulator's read limit per Map, and faults put through its control route", () => {
  const emulator = new TwilioEmulator({
    syncWritesPerSecond: 1_000,
    syncReadsPerSecond: 1,
    syncBurstWindowSeconds: 3,
  });
  let client: Client;
  before(async () => {
    await emulator.start();
    client = clientFor(emulator);
  });
  after(() => emulator.stop());
  const control = (path: string, method: string, body?: unknown) =>
    fetch(`${emulator.url}/_emulator/${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('answers 429 (54009) past the reads a window allows, per Map, and counts them', async () => {
    const sync = client.sync.v1.services('default');
    await sync.syncMaps.create({ uniqueName: 'read-busy' });
    await sync.syncMaps.create({ uniqueName: 'read-quiet' });
    const busy = sync.syncMaps('read-busy').syncMapItems;
    await busy.create({ key: 'a', data: {} });
    // 1 read/s over 3 s: three reads (item or page), then 429.
    await busy('a').fetch();
    await busy.page({ pageSize: 10 });
    await busy('a').fetch();
    await assert.rejects(busy('a').fetch(), { status: 429, code: 54009 });
    assert.equal(emulator.sync.throttled.reads, 1);
    // Another Map reads on.
    await sync.syncMaps('read-quiet').syncMapItems.page({ pageSize: 10 });
  });

  it('puts a fault on the next matching requests: Sync writes get 503, then normal again', async () => {
    const rule = {
      fault: { kind: 'status', status: 503, code: 20503 },
      times: 2,
      host: 'sync',
      method: 'POST',
    };
    const answered = await control('faults', 'POST', rule);
    assert.equal(answered.status, 200);
    const sync = client.sync.v1.services('default');
    await assert.rejects(sync.syncMaps.create({ uniqueName: 'faulty' }), { status: 503 });
    await assert.rejects(sync.syncMaps.create({ uniqueName: 'faulty' }), { status: 503 });
    await sync.syncMaps.create({ uniqueName: 'faulty' });
  });

  it('a delayed write lands, and its answer comes late', async () => {
    const sync = client.sync.v1.services('default');
    await sync.syncMaps.create({ uniqueName: 'slow' });
    await control('faults', 'POST', {
      fault: { kind: 'delay', ms: 300 },
      pathContains: '/Maps/slow/Items',
    });
    let answered = false;
    const write = sync
      .syncMaps('slow')
      .syncMapItems.create({ key: 'late', data: { n: 1 } })
      .then(() => {
        answered = true;
      });
    const map = () => [...emulator.sync.maps.values()].find((m) => m.uniqueName === 'slow');
    while (!map()?.items.has('late')) await new Promise((resolve) => setTimeout(resolve, 5));
    // Written, and the caller is still waiting for the answer.
    assert.equal(answered, false);
    await write;
    assert.equal(answered, true);
  });

  it('refuses a rule it cannot read, and clears every fault on DELETE', async () => {
    assert.equal((await control('faults', 'POST', { fault: { kind: 'explode' } })).status, 400);
    await control('faults', 'POST', { fault: { kind: 'reset' }, times: 5 });
    assert.equal((await control('faults', 'DELETE')).status, 200);
    await client.sync.v1.services('default').syncMaps.create({ uniqueName: 'after-clear' });
  });
});
