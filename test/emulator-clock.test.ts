// The emulator's movable clock and status callbacks: moving the clock (in code or over its HTTP
// control API) sends what falls due; sends and cancels are posted, signed like Twilio's, to a
// StatusCallback on this machine only; the outbox is readable over HTTP.
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import twilio from 'twilio';
import {
  EMULATOR_ACCOUNT_SID,
  EMULATOR_AUTH_TOKEN,
  MovableClock,
  TwilioEmulator,
} from '../emulator';
import { createTransport } from '../src/twilio/transport';

const SERVICE = `MG${'a'.repeat(32)}`;
const TO = '+15551234567';
const MINUTE = 60_000;
const START = Date.parse('2026-12-01T12:00:00Z');

interface Received {
  url: string;
  headers: IncomingHttpHeaders;
  form: Record<string, string>;
}

/** A local receiver for callbacks on 127.0.0.1; answers `status`. */
async function startReceiver(status = 204) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', () => {
      received.push({
        url: req.url ?? '',
        headers: req.headers,
        form: Object.fromEntries(new URLSearchParams(body)),
      });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    received,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('Emulator clock and status callbacks', () => {
  const clock = new MovableClock(() => START);
  const emulator = new TwilioEmulator({ clock, sendIntervalMs: 0 });
  let client: ReturnType<typeof twilio>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  before(async () => {
    await emulator.start();
    receiver = await startReceiver();
    client = twilio(EMULATOR_ACCOUNT_SID, EMULATOR_AUTH_TOKEN, {
      httpClient: createTransport({ deadline: Date.now() + 60_000, baseUrl: emulator.url }),
    } as unknown as Parameters<typeof twilio>[2]);
  });
  after(async () => {
    await emulator.stop();
    await receiver.stop();
  });
  beforeEach(() => {
    emulator.messages.clear();
    emulator.callbacks.length = 0;
    receiver.received.length = 0;
  });

  const schedule = (inMs: number, statusCallback?: string) =>
    client.messages.create({
      to: TO,
      body: 'Ahoy',
      messagingServiceSid: SERVICE,
      scheduleType: 'fixed',
      sendAt: new Date(clock.now() + inMs),
      ...(statusCallback ? { statusCallback } : {}),
    });

  const control = (path: string, init: RequestInit = {}) =>
    fetch(`${emulator.url}/_emulator/${path}`, init).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as Record<string, unknown>,
    }));

  it('sends what falls due when the clock is moved in code, and nothing early', async () => {
    const soon = await schedule(20 * MINUTE);
    const later = await schedule(2 * 60 * MINUTE);
    assert.deepEqual(emulator.advanceClock(19 * MINUTE), []);
    assert.equal(emulator.messages.get(soon.sid)?.status, 'scheduled');
    assert.deepEqual(emulator.advanceClock(MINUTE), [soon.sid]);
    assert.equal(emulator.messages.get(soon.sid)?.status, 'sent');
    assert.equal(emulator.messages.get(later.sid)?.status, 'scheduled');
    // Moving the clock object itself sends too.
    clock.advance(2 * 60 * MINUTE);
    assert.equal(emulator.messages.get(later.sid)?.status, 'sent');
  });

  it('moves over HTTP: GET the time, POST advanceMs or to=next-send', async () => {
    const first = await schedule(30 * MINUTE);
    const secondAt = clock.now() + 3 * 60 * MINUTE;
    const second = await schedule(3 * 60 * MINUTE);
    const before = await control('clock');
    assert.equal(before.status, 200);
    assert.equal(before.body.nowMs, clock.now());
    assert.equal(before.body.nextSendAt, new Date(clock.now() + 30 * MINUTE).toISOString());

    const moved = await control('clock', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ advanceMs: 45 * MINUTE }),
    });
    assert.equal(moved.status, 200);
    assert.deepEqual(moved.body.sent, [first.sid]);
    assert.equal(moved.body.nowMs, (before.body.nowMs as number) + 45 * MINUTE);

    const next = await control('clock', {
      method: 'POST',
      body: new URLSearchParams({ to: 'next-send' }),
    });
    assert.deepEqual(next.body.sent, [second.sid]);
    assert.equal(next.body.nowMs, secondAt);
    assert.equal(next.body.nextSendAt, null);

    const back = await control('clock', {
      method: 'POST',
      body: new URLSearchParams({ to: '2000-01-01T00:00:00Z' }),
    });
    assert.equal(back.status, 400, 'the HTTP API never moves the clock back');
    const nothing = await control('clock', { method: 'POST', body: '' });
    assert.equal(nothing.status, 400);
  });

  it('lists the outbox over HTTP, with the recipient and its masked form', async () => {
    const message = await schedule(20 * MINUTE);
    const outbox = await control('messages');
    assert.equal(outbox.status, 200);
    const [entry] = outbox.body.messages as Record<string, unknown>[];
    assert.equal(entry?.sid, message.sid);
    assert.equal(entry?.to, TO);
    assert.equal(entry?.toMasked, '***4567');
    assert.equal(entry?.status, 'scheduled');
    assert.equal(entry?.sendAt, new Date(clock.now() + 20 * MINUTE).toISOString());
    assert.equal(entry?.messagingServiceSid, SERVICE);
  });

  it('answers control requests only for programs on this machine (Host and Origin checked)', async () => {
    // fetch() will not send another Host: a DNS-rebinding page would, so use node:http.
    const rebinding = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${emulator.url}/_emulator/messages`);
      request(url, { headers: { Host: `attacker.example:${url.port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    assert.equal(rebinding, 403);
    const crossSite = await control('clock', {
      method: 'POST',
      headers: { Origin: 'https://attacker.example' },
      body: new URLSearchParams({ advanceMs: '60000' }),
    });
    assert.equal(crossSite.status, 403);
    // A page on this machine is still a web page: only the stack itself talks to the emulator.
    const loopbackPage = await fetch(`${emulator.url}/_emulator/clock`, {
      headers: { Origin: 'http://127.0.0.1:3000' },
    });
    assert.equal(loopbackPage.status, 403);
    assert.equal(loopbackPage.headers.get('access-control-allow-origin'), null);
    const program = await fetch(`${emulator.url}/_emulator/clock`);
    assert.equal(program.status, 200);
    assert.equal(program.headers.get('access-control-allow-origin'), null);
    assert.equal(emulator.requests.filter((r) => r.path.startsWith('/_emulator')).length, 0);
  });

  it('posts sent and canceled callbacks signed like Twilio, to the http URL it signs', async () => {
    const callback = `https://127.0.0.1:${receiver.port}/message-status?x=1`;
    const sent = await schedule(20 * MINUTE, callback);
    const canceled = await schedule(40 * MINUTE, callback);
    assert.equal(receiver.received.length, 0, 'no callback when scheduled');
    emulator.advanceClock(25 * MINUTE);
    await client.messages(canceled.sid).update({ status: 'canceled' });
    await emulator.callbacksSettled();

    assert.deepEqual(
      receiver.received.map((r) => [r.form.MessageSid, r.form.MessageStatus]),
      [
        [sent.sid, 'sent'],
        [canceled.sid, 'canceled'],
      ],
    );
    const posted = `http://127.0.0.1:${receiver.port}/message-status?x=1`;
    for (const request of receiver.received) {
      assert.equal(request.url, '/message-status?x=1');
      assert.equal(request.form.To, TO);
      assert.equal(request.form.AccountSid, EMULATOR_ACCOUNT_SID);
      assert.equal(request.form.SmsSid, request.form.MessageSid);
      assert.equal(request.form.SmsStatus, request.form.MessageStatus);
      assert.equal(request.form.ErrorCode, '');
      assert.match(request.form.From ?? '', /^\+\d+$/);
      const signature = String(request.headers['x-twilio-signature']);
      assert.ok(twilio.validateRequest(EMULATOR_AUTH_TOKEN, signature, posted, request.form));
      assert.ok(!twilio.validateRequest('f'.repeat(32), signature, posted, request.form));
      assert.ok(
        !twilio.validateRequest(EMULATOR_AUTH_TOKEN, signature, posted, {
          ...request.form,
          MessageStatus: 'delivered',
        }),
      );
    }
    assert.deepEqual(
      emulator.callbacks.map((c) => [c.status, c.outcome, c.httpStatus, c.postedTo]),
      [
        ['sent', 'posted', 204, posted],
        ['canceled', 'posted', 204, posted],
      ],
    );
  });

  it('reports later statuses (delivered, failed) with their error code', async () => {
    const message = await schedule(20 * MINUTE, `http://localhost:${receiver.port}/status`);
    emulator.advanceClock(20 * MINUTE);
    emulator.setStatus(message.sid, 'failed', 30008);
    await emulator.callbacksSettled();
    assert.deepEqual(
      receiver.received.map((r) => [r.form.MessageStatus, r.form.ErrorCode]),
      [
        ['sent', ''],
        ['failed', '30008'],
      ],
    );
  });

  it('retries a failed callback as its connection overrides ask, fragment neither sent nor signed', async () => {
    const erroring = await startReceiver(500);
    const message = await schedule(
      20 * MINUTE,
      `http://127.0.0.1:${erroring.port}/status?series=x#rc=2&rp=all`,
    );
    emulator.advanceClock(20 * MINUTE);
    await emulator.callbacksSettled();
    await erroring.stop();
    // The first post and 2 retries, each to the URL without its fragment, signed as posted.
    assert.equal(erroring.received.length, 3);
    const posted = `http://127.0.0.1:${erroring.port}/status?series=x`;
    for (const request of erroring.received) {
      assert.equal(request.url, '/status?series=x');
      const signature = String(request.headers['x-twilio-signature']);
      assert.ok(twilio.validateRequest(EMULATOR_AUTH_TOKEN, signature, posted, request.form));
    }
    const record = emulator.callbacks.find((c) => c.sid === message.sid);
    assert.equal(record?.attempts, 3);
    assert.equal(record?.outcome, 'failed');
  });

  it('never posts beyond this machine, and records failures without crashing', async () => {
    const away = await schedule(20 * MINUTE, 'https://example.com/message-status');
    const closed = await startReceiver();
    await closed.stop();
    const refused = await schedule(20 * MINUTE, `http://127.0.0.1:${closed.port}/status`);
    const erroring = await startReceiver(500);
    const failing = await schedule(20 * MINUTE, `http://127.0.0.1:${erroring.port}/status`);
    emulator.advanceClock(20 * MINUTE);
    await emulator.callbacksSettled();
    await erroring.stop();

    const bySid = new Map(emulator.callbacks.map((c) => [c.sid, c]));
    assert.equal(bySid.get(away.sid)?.outcome, 'skipped');
    assert.equal(bySid.get(away.sid)?.postedTo, undefined);
    assert.equal(bySid.get(refused.sid)?.outcome, 'failed');
    assert.equal(bySid.get(failing.sid)?.outcome, 'failed');
    assert.equal(bySid.get(failing.sid)?.httpStatus, 500);
    assert.equal(erroring.received.length, 1);
    assert.equal(receiver.received.length, 0);
    // The emulator still answers.
    assert.equal((await control('clock')).status, 200);
  });
});

describe('Emulator timer', () => {
  it('sends a due message on its own while running', async () => {
    const emulator = new TwilioEmulator({ sendIntervalMs: 10 });
    await emulator.start();
    try {
      const sid = emulator.seed({ to: TO, status: 'scheduled', sendAt: emulator.clock.now() + 50 });
      // Bounded wait for the timer (not a speed assertion): well over its 10 ms period.
      for (let i = 0; i < 200 && emulator.messages.get(sid)?.status === 'scheduled'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      assert.equal(emulator.messages.get(sid)?.status, 'sent');
    } finally {
      await emulator.stop();
    }
  });
});
