// /scheduled-messages through the built function against the Messages emulator.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { TwilioEmulator } from '../emulator';
import { placesOf } from '../src/registry/keys';
import { invoke, loadFunction, makeContext } from './support/functions';

const list = loadFunction('scheduled-messages');
const SERVICE = `MG${'a'.repeat(32)}`;
const DAY = 24 * 3600 * 1000;

describe('/scheduled-messages (built function, emulator)', () => {
  const emulator = new TwilioEmulator();
  let env: Record<string, string>;

  before(async () => {
    // Version 1's listing, from Twilio's own list: the registry's is in registry.test.ts.
    env = {
      MESSAGING_SERVICE_SID: SERVICE,
      TWILIO_API_BASE_URL: await emulator.start(),
      REGISTRY: 'off',
    };
  });
  after(() => emulator.stop());
  beforeEach(() => emulator.messages.clear());

  it("lists only the recipient's scheduled messages, with sid, to, status, dateCreated and body", async () => {
    const now = Date.now();
    const wanted = emulator.seed({
      to: '+15551230001',
      status: 'scheduled',
      sendAt: now + DAY,
      body: 'Hello',
      dateCreated: now,
    });
    emulator.seed({ to: '+15551230001', status: 'delivered', dateCreated: now - 1000 });
    emulator.seed({ to: '+15551230001', status: 'canceled', dateCreated: now - 2000 });
    emulator.seed({ to: '+15551230002', status: 'scheduled', sendAt: now + DAY });

    const answer = await invoke(list, makeContext({ env }), { to: '+1 (555) 123-0001' });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(answer.body, {
      ok: true,
      messages: [
        {
          sid: wanted,
          to: '+15551230001',
          status: 'scheduled',
          dateCreated: new Date(Math.floor(now / 1000) * 1000).toISOString(),
          body: 'Hello',
        },
      ],
      scanned: 3,
      complete: true,
      source: 'twilio',
    });
  });

  it('requires a valid "to"', async () => {
    const missing = await invoke(list, makeContext({ env }), { to: ' ' });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error?.code, 'MISSING_TO');
    const bad = await invoke(list, makeContext({ env }), { to: 'alice' });
    assert.equal(bad.body.error?.code, 'INVALID_TO');
  });

  it("stays under Studio's 64 kB and says it is incomplete when there is more", async () => {
    const now = Date.now();
    for (let i = 0; i < 80; i++) {
      emulator.seed({
        to: '+15551230001',
        status: 'scheduled',
        sendAt: now + DAY,
        body: 'x'.repeat(1600),
        dateCreated: now - i * 1000,
      });
    }
    const answer = await invoke(list, makeContext({ env }), { to: '+15551230001' });
    assert.equal(answer.status, 200);
    assert.ok(Buffer.byteLength(JSON.stringify(answer.body)) < 64 * 1024);
    assert.equal(answer.body.complete, false);
    assert.equal(answer.body.stoppedBy, 'size-limit');
    assert.ok((answer.body.messages as unknown[]).length > 10);
  });
});

describe('/scheduled-messages with the registry: reads only what it returns', () => {
  // Seeding writes 700 records to one Map: Sync's write limit would take a minute.
  const emulator = new TwilioEmulator({
    sendIntervalMs: 0,
    maxRecordedRequests: 10_000,
    syncWritesPerSecond: 100_000,
  });
  let env: Record<string, string>;
  const to = '+15551239900';
  const UPCOMING = 700;

  /** Writes records straight into the emulator's Sync, as the registry would have. */
  async function seedRecords(): Promise<string[]> {
    const auth = `Basic ${Buffer.from(`${emulator.accountSid}:${emulator.authToken}`).toString('base64')}`;
    const post = (path: string, form: Record<string, string>) =>
      fetch(`${emulator.url}/v1/Services/default/${path}`, {
        method: 'POST',
        headers: { Authorization: auth, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form),
      }).then((r) => r.arrayBuffer());
    const sids: string[] = [];
    const start = Date.now() + DAY;
    for (let i = 0; i < UPCOMING; i++) {
      const sid = `SM${i.toString(16).padStart(32, '0')}`;
      const sendAt = `${new Date(start + i * 60_000).toISOString().slice(0, 19)}Z`;
      const record = { sid, to, sendAt, status: 'scheduled', createdAt: new Date().toISOString() };
      const place = placesOf(record)[1];
      if (place === undefined) throw new Error('no recipient place');
      if (i === 0) await post('Maps', { UniqueName: place.map });
      await post(`Maps/${place.map}/Items`, { Key: place.key, Data: JSON.stringify(record) });
      sids.push(sid);
    }
    return sids;
  }

  before(async () => {
    emulator.sync.maps.clear();
    env = { MESSAGING_SERVICE_SID: SERVICE, TWILIO_API_BASE_URL: await emulator.start() };
  });
  after(() => emulator.stop());

  it('stops reading at the size cap and gives a cursor that lists the rest, in send-time order', async () => {
    const sids = await seedRecords();
    emulator.requests.length = 0;
    const first = await invoke(list, makeContext({ env }), { to });
    assert.equal(first.status, 200, JSON.stringify(first.body).slice(0, 300));
    assert.equal(first.body.stoppedBy, 'size-limit');
    const shown = (first.body.messages as { sid: string }[]).map((m) => m.sid);
    assert.ok(shown.length > 100 && shown.length < UPCOMING, `${shown.length} shown`);
    // Pages of 100 read: as many as the answer needed, not the whole backlog.
    const reads = emulator.requests.filter((r) => r.method === 'GET').length;
    assert.equal(reads, Math.ceil((shown.length + 1) / 100));
    const rest = await invoke(list, makeContext({ env }), { to, cursor: first.body.cursor });
    assert.equal(rest.body.complete, true, JSON.stringify(rest.body).slice(0, 300));
    const more = (rest.body.messages as { sid: string }[]).map((m) => m.sid);
    assert.deepEqual([...shown, ...more], sids);
  });
});
