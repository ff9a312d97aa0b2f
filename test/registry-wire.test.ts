// The Sync requests the registry sends, checked against Twilio's own OpenAPI description of
// Sync (twilio_sync_v1.json) by Prism, which answers 422 to anything the description does not
// allow. The built functions run for real: a loopback router sends their Messages API calls to
// the emulator and their Sync calls to Prism, and records every Sync exchange.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import twilio from 'twilio';
import { TwilioEmulator } from '../emulator';
import { createTransport } from '../src/twilio/transport';
import { invoke, loadFunction, makeContext } from './support/functions';
import { type PrismServer, startPrism } from './support/prism';

const SERVICE = `MG${'a'.repeat(32)}`;

interface Exchange {
  method: string;
  path: string;
  status: number;
  answer: string;
}

/** Forwards /v1/… (Sync) to Prism and the rest to the emulator; records the Sync exchanges. */
async function startRouter(sync: string, api: string) {
  const exchanges: Exchange[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const isSync = (req.url ?? '').startsWith('/v1/');
    const url = new URL(req.url ?? '/', isSync ? sync : api);
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'content-type', 'accept', 'if-match']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const method = req.method ?? 'GET';
    const upstream = await fetch(url, {
      method,
      headers,
      body: method === 'GET' || method === 'DELETE' ? undefined : Buffer.concat(chunks),
      signal: AbortSignal.timeout(5_000),
    });
    const answer = await upstream.text();
    if (isSync) exchanges.push({ method, path: url.pathname, status: upstream.status, answer });
    res.writeHead(upstream.status, {
      'content-type': upstream.headers.get('content-type') ?? 'application/json',
    });
    res.end(answer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    exchanges,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe("Sync requests, validated by Prism against Twilio's Sync description", () => {
  let prism: PrismServer | undefined;
  let emulator: TwilioEmulator | undefined;
  let router: Awaited<ReturnType<typeof startRouter>> | undefined;

  before(async () => {
    prism = await startPrism('twilio_sync_v1.json');
    emulator = new TwilioEmulator({ sendIntervalMs: 0 });
    router = await startRouter(prism.url, await emulator.start());
  });
  after(async () => {
    await router?.stop();
    await emulator?.stop();
    await prism?.stop();
  });

  it('accepts every kind of Sync request the functions make', async () => {
    assert.ok(router);
    const env = { MESSAGING_SERVICE_SID: SERVICE, TWILIO_API_BASE_URL: router.url };
    const context = makeContext({ env });
    const scheduled = await invoke(loadFunction('schedule-message'), context, {
      to: '+15551234567',
      body: 'Ahoy',
      minutes: '30',
      timeZone: 'America/New_York',
      tag: 'appt-1',
      idempotencyKey: 'wire-1',
      replace: 'true',
    });
    assert.equal(scheduled.status, 200, JSON.stringify(scheduled.body));
    await invoke(loadFunction('scheduled-messages'), context, { to: '+15551234567' });
    await invoke(loadFunction('scheduled-messages'), context, { tag: 'appt-1' });
    await invoke(loadFunction('message-status'), context, {
      MessageSid: scheduled.body.sid,
      MessageStatus: 'delivered',
    });
    const kinds = new Set(
      router.exchanges.map((e) => `${e.method} ${e.path.replace(/Items\/.*$/, 'Items/KEY')}`),
    );
    // Item creates, a range read, a fetch and an update by key were all sent, and accepted.
    assert.ok([...kinds].some((k) => /^POST .*\/Maps\/sched\.sid\.[0-9a-f]\/Items$/.test(k)));
    assert.ok([...kinds].some((k) => /^GET .*\/Maps\/sched\.tag\.[0-9a-f]\/Items$/.test(k)));
    assert.ok([...kinds].some((k) => /^GET .*\/Items\/KEY$/.test(k)));
    assert.ok([...kinds].some((k) => /^POST .*\/Items\/KEY$/.test(k)));
    for (const exchange of router.exchanges) {
      assert.notEqual(
        exchange.status,
        422,
        `${exchange.method} ${exchange.path}: ${exchange.answer}`,
      );
      assert.ok(exchange.status < 400, `${exchange.method} ${exchange.path}: ${exchange.status}`);
    }
  });

  it('refuses a malformed one (an ItemTtl that is not a number, a PageSize over 100)', async () => {
    assert.ok(prism);
    const client = twilio(`AC${'0'.repeat(31)}1`, 'e'.repeat(32), {
      httpClient: createTransport({ deadline: Date.now() + 5_000, baseUrl: prism.url }),
    } as unknown as Parameters<typeof twilio>[2]);
    const items = client.sync.v1.services('default').syncMaps('sched.sid.0').syncMapItems;
    await assert.rejects(
      items.create({ key: 'k', data: {}, itemTtl: 'soon' as unknown as number }),
      (error: { status?: number }) => error.status === 422,
    );
    await assert.rejects(
      items.page({ pageSize: 1000 }),
      (error: { status?: number }) => error.status === 422,
    );
  });
});
