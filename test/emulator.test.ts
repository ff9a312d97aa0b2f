// The Messages emulator's own rules, which `npm start` relies on: a scheduled message is sent
// when its time comes, and is then no longer cancelable.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import twilio from 'twilio';
import { EMULATOR_ACCOUNT_SID, EMULATOR_AUTH_TOKEN, TwilioEmulator } from '../emulator';
import { createTransport } from '../src/twilio/transport';
import { invoke, loadFunction, makeContext } from './support/functions';

const SERVICE = `MG${'a'.repeat(32)}`;
const MINUTE = 60_000;

describe('Messages emulator', () => {
  let now = Date.parse('2026-12-01T12:00:00Z');
  const emulator = new TwilioEmulator({ clock: () => now });
  let client: ReturnType<typeof twilio>;
  /** The real twilio client, through our transport, to the emulator. */
  const clientFor = (authToken: string) =>
    twilio(EMULATOR_ACCOUNT_SID, authToken, {
      httpClient: createTransport({ deadline: Date.now() + 30_000, baseUrl: emulator.url }),
    } as unknown as Parameters<typeof twilio>[2]);

  before(async () => {
    await emulator.start();
    client = clientFor(EMULATOR_AUTH_TOKEN);
  });
  after(() => emulator.stop());

  const create = (sendAt: number) =>
    client.messages.create({
      to: '+15551234567',
      body: 'Ahoy',
      messagingServiceSid: SERVICE,
      scheduleType: 'fixed',
      sendAt: new Date(sendAt),
    });

  it('marks a scheduled message sent when its time comes, and refuses to cancel it then', async () => {
    const message = await create(now + 20 * MINUTE);
    assert.equal(message.status, 'scheduled');
    now += 19 * MINUTE;
    assert.equal((await client.messages(message.sid).fetch()).status, 'scheduled');
    now += 1 * MINUTE;
    assert.equal((await client.messages(message.sid).fetch()).status, 'sent');

    const answer = await invoke(
      loadFunction('cancel-message'),
      makeContext({ env: { MESSAGING_SERVICE_SID: SERVICE, TWILIO_API_BASE_URL: emulator.url } }),
      { sid: message.sid },
    );
    assert.equal(answer.status, 409);
    assert.equal(answer.body.error?.code, 'NOT_CANCELABLE');
    assert.equal(answer.body.status, 'sent');
  });

  it("applies Twilio's window: 35114 under 15 minutes or over 35 days, 35118 without a Messaging Service", async () => {
    await assert.rejects(create(now + 14 * MINUTE), { status: 400, code: 35114 });
    await assert.rejects(create(now + 35 * 24 * 60 * MINUTE + 1000), { status: 400, code: 35114 });
    await assert.rejects(
      client.messages.create({
        to: '+15551234567',
        body: 'x',
        from: '+15005550006',
        scheduleType: 'fixed',
        sendAt: new Date(now + 60 * MINUTE),
      }),
      { status: 400, code: 35118 },
    );
  });

  it('refuses wrong credentials with 401 (20003)', async () => {
    const stranger = clientFor('f'.repeat(32));
    await assert.rejects(stranger.messages.list({ limit: 1 }), { status: 401, code: 20003 });
  });
});

// Safety: a local emulator must not be a memory sink.
describe('Messages emulator: bodies, credentials and the request log', () => {
  const AUTH = `Basic ${Buffer.from(`${EMULATOR_ACCOUNT_SID}:${EMULATOR_AUTH_TOKEN}`).toString('base64')}`;
  const MESSAGES = `/2010-04-01/Accounts/${EMULATOR_ACCOUNT_SID}/Messages.json`;

  /** POSTs `size` bytes in 64 KiB chunks (optionally without Content-Length); resolves the status. */
  const post = (url: string, size: number, declareLength: boolean) =>
    new Promise<number>((resolve, reject) => {
      const headers: Record<string, string> = {
        Authorization: AUTH,
        'Content-Type': 'application/x-www-form-urlencoded',
      };
      if (declareLength) headers['Content-Length'] = String(size);
      const req = request(`${url}${MESSAGES}`, { method: 'POST', headers }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      // The emulator hangs up once it has answered; writes after that fail, as they should.
      req.on('error', (error) => setTimeout(() => reject(error), 1000));
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < size) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });

  it('answers 413 to a body over 1 MiB, declared or streamed, without recording it', async () => {
    const emulator = new TwilioEmulator();
    const url = await emulator.start();
    try {
      assert.equal(await post(url, 2 * 1024 * 1024, true), 413);
      assert.equal(await post(url, 8 * 1024 * 1024, false), 413);
      assert.equal(emulator.requests.length, 0);
      // Under the limit, it is read and answered as usual.
      assert.equal(await post(url, 512 * 1024, true), 400);
      assert.equal(emulator.requests.length, 1);
    } finally {
      await emulator.stop();
    }
  });

  it('checks credentials before recording: a stranger leaves no trace and takes no fault', async () => {
    const emulator = new TwilioEmulator();
    const url = await emulator.start();
    try {
      emulator.inject({ kind: 'status', status: 503 });
      const stranger = await fetch(`${url}${MESSAGES}`, {
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from('x:y').toString('base64')}` },
        body: new URLSearchParams({ To: '+15551234567', Body: 'secret' }),
      });
      assert.equal(stranger.status, 401);
      assert.equal(emulator.requests.length, 0);
      const owner = await fetch(`${url}${MESSAGES}`, { headers: { Authorization: AUTH } });
      assert.equal(owner.status, 503, 'the fault was kept for a real request');
      assert.equal(emulator.requests.length, 1);
    } finally {
      await emulator.stop();
    }
  });

  it('keeps a bounded log: the last requests, within a byte budget, in the same array', async () => {
    const emulator = new TwilioEmulator({ maxRecordedRequests: 5, maxRecordedBytes: 4096 });
    const url = await emulator.start();
    const log = emulator.requests;
    const list = (n: number) =>
      fetch(`${url}${MESSAGES}?PageSize=${n}`, { headers: { Authorization: AUTH } });
    try {
      for (let n = 1; n <= 8; n++) await list(n);
      assert.equal(emulator.requests, log);
      assert.deepEqual(
        log.map((r) => r.query.get('PageSize')),
        ['4', '5', '6', '7', '8'],
      );
      log.length = 0;
      await list(9);
      assert.equal(log.length, 1);
      for (let i = 0; i < 3; i++) {
        await fetch(`${url}${MESSAGES}`, {
          method: 'POST',
          headers: { Authorization: AUTH },
          body: new URLSearchParams({ To: '+15551234567', Body: 'x'.repeat(1500) }),
        });
      }
      // Each body is ~1.5 kB: a 4 kB budget keeps the last two.
      assert.deepEqual(
        log.map((r) => r.method),
        ['POST', 'POST'],
      );
    } finally {
      await emulator.stop();
    }
  });
});
