// The registry through the built functions, against the emulator's Messages API and Sync:
// records with send times, tags, replace, idempotency keys (also under concurrency and faults),
// status callbacks, a burst within Sync's write limits, and two separately loaded copies of a
// function sharing nothing but Sync.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { type RecordedRequest, TwilioEmulator } from '../emulator';
import { type Answer, invoke, loadFunction, makeContext } from './support/functions';

const SERVICE = `MG${'a'.repeat(32)}`;
const ALICE = '+15557310042';
const BOB = '+447700931077';
const require = createRequire(import.meta.url);

type Handler = Parameters<typeof invoke>[0];

/** A second copy of a built function, as another Function instance would load it. */
function loadSeparately(name: string): Handler {
  const path = join(import.meta.dirname, '../functions', `${name}.protected.js`);
  const cached = require.cache[path];
  delete require.cache[path];
  try {
    return require(path).handler;
  } finally {
    if (cached) require.cache[path] = cached;
  }
}

const isCreate = (r: RecordedRequest) => r.method === 'POST' && r.path.endsWith('/Messages.json');
const isCancel = (r: RecordedRequest) =>
  r.method === 'POST' && /\/Messages\/(SM|MM)[0-9a-f]{32}\.json$/.test(r.path);

describe('registry (Sync), through the built functions', () => {
  let emulator: TwilioEmulator;
  let env: Record<string, string>;
  const schedule = loadFunction('schedule-message');
  const list = loadFunction('scheduled-messages');
  const cancel = loadFunction('cancel-message');
  const status = loadFunction('message-status');
  const call = (handler: Handler, event: Record<string, unknown>, extra = {}) =>
    invoke(handler, makeContext({ env: { ...env, ...extra } }), event);
  const creates = () => emulator.requests.filter(isCreate).length;

  before(async () => {
    emulator = new TwilioEmulator({ maxRecordedRequests: 20_000, sendIntervalMs: 0 });
    env = { MESSAGING_SERVICE_SID: SERVICE, TWILIO_API_BASE_URL: await emulator.start() };
  });
  after(() => emulator.stop());
  beforeEach(() => {
    emulator.clearFaults();
    emulator.requests.length = 0;
  });

  it('records what it schedules: a tagged message is listed by recipient and by tag, with its send time', async () => {
    const to = '+15550000001';
    const scheduled = await call(schedule, {
      to,
      body: 'Your appointment is tomorrow',
      sendAt: '2030-01-01T09:00',
      timeZone: 'America/New_York',
      tag: 'appt-1',
    });
    // 2030 is past the window for a real clock: use a time inside it instead.
    assert.equal(scheduled.status, 400);
    const ok = await call(schedule, {
      to,
      body: 'Your appointment is tomorrow',
      delay: '2d',
      timeZone: 'America/New_York',
      tag: 'appt-1',
    });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.tag, 'appt-1');
    assert.equal(ok.body.registered, undefined);
    for (const by of [{ to }, { tag: 'appt-1' }]) {
      const listed = await call(list, by);
      assert.equal(listed.status, 200, JSON.stringify(listed.body));
      assert.equal(listed.body.source, 'registry');
      assert.deepEqual(listed.body.messages, [
        {
          sid: ok.body.sid,
          to,
          status: 'scheduled',
          sendAt: ok.body.sendAt,
          sendAtLocal: ok.body.sendAtLocal,
          sendAtText: ok.body.sendAtText,
          timeZone: 'America/New_York',
          tag: 'appt-1',
        },
      ]);
    }
  });

  it('lists upcoming messages only, sorted by send time, reading only the recipient range', async () => {
    const to = '+15550000002';
    const later = await call(schedule, { to, body: 'b', delay: '3h' });
    const sooner = await call(schedule, { to, body: 'a', delay: '1h' });
    await call(schedule, { to: '+15550000003', body: 'someone else', delay: '2h' });
    const canceledOne = await call(schedule, { to, body: 'c', delay: '2h' });
    await call(cancel, { sid: canceledOne.body.sid });
    emulator.requests.length = 0;
    const listed = await call(list, { to });
    const sids = (listed.body.messages as { sid: string }[]).map((m) => m.sid);
    assert.deepEqual(sids, [sooner.body.sid, later.body.sid]);
    // One page of one Map: no scan of Twilio's history, no other recipient's records.
    assert.deepEqual(
      emulator.requests.map((r) => `${r.method} ${r.host}`),
      ['GET sync'],
    );
  });

  it('a repeated idempotency key replays the first answer and schedules nothing', async () => {
    const event = { to: ALICE, body: 'once', minutes: '30', idempotencyKey: 'crm-42' };
    const first = await call(schedule, event);
    const again = await call(schedule, event);
    assert.equal(first.status, 200);
    assert.equal(again.status, 200);
    assert.equal(again.body.replayed, true);
    assert.equal(again.body.sid, first.body.sid);
    assert.equal(again.body.sendAt, first.body.sendAt);
    assert.equal(creates(), 1);
  });

  it('the same key with other parameters is 409 IDEMPOTENCY_KEY_REUSED', async () => {
    await call(schedule, { to: ALICE, body: 'one', minutes: '30', idempotencyKey: 'crm-43' });
    const other = await call(schedule, {
      to: ALICE,
      body: 'two',
      minutes: '30',
      idempotencyKey: 'crm-43',
    });
    assert.equal(other.status, 409);
    assert.equal(other.body.error?.code, 'IDEMPOTENCY_KEY_REUSED');
    assert.equal(creates(), 1);
  });

  it('the same key with other quiet days is other parameters (409), not a replay', async () => {
    const base = {
      to: ALICE,
      body: 'days',
      minutes: '30',
      timeZone: 'America/New_York',
      idempotencyKey: 'crm-47',
    };
    await call(schedule, { ...base, quietDays: 'sun' });
    const other = await call(schedule, { ...base, quietDays: 'sat' });
    assert.equal(other.body.error?.code, 'IDEMPOTENCY_KEY_REUSED');
    assert.equal(creates(), 1);
  });

  it('20 concurrent requests with one key create exactly one message', async () => {
    const event = { to: BOB, body: 'exactly once', minutes: '45', idempotencyKey: 'burst-1' };
    const answers = await Promise.all(Array.from({ length: 20 }, () => call(schedule, event)));
    assert.equal(creates(), 1);
    const sids = new Set(answers.filter((a) => a.status === 200).map((a) => a.body.sid));
    assert.equal(sids.size, 1);
    for (const answer of answers) {
      if (answer.status !== 200) {
        assert.equal(answer.status, 409);
        assert.equal(answer.body.error?.code, 'IDEMPOTENCY_KEY_IN_USE');
      }
    }
  });

  it('a key refused by Twilio (4xx) is released: the same key then schedules', async () => {
    emulator.inject({ kind: 'status', status: 400, code: 21211 }, 1, isCreate);
    const event = { to: ALICE, body: 'retry me', minutes: '30', idempotencyKey: 'crm-44' };
    const refused = await call(schedule, event);
    assert.equal(refused.status, 422);
    const retried = await call(schedule, event);
    assert.equal(retried.status, 200);
    assert.equal(retried.body.replayed, undefined);
    assert.equal(creates(), 2);
  });

  it('a key whose outcome is unknown (5xx) stays taken: 409 IN_USE saying to check', async () => {
    emulator.inject({ kind: 'status', status: 500 }, 1, isCreate);
    const event = { to: ALICE, body: 'unknown', minutes: '30', idempotencyKey: 'crm-45' };
    const failed = await call(schedule, event);
    assert.equal(failed.status, 502);
    const again = await call(schedule, event);
    assert.equal(again.status, 409);
    assert.equal(again.body.error?.code, 'IDEMPOTENCY_KEY_IN_USE');
    assert.match(String(again.body.error?.detail), /scheduled-messages/);
    assert.equal(creates(), 1);
  });

  it('a key whose create timed out (504) stays taken: 409 IN_USE, nothing created twice', async () => {
    emulator.inject({ kind: 'hang' }, 1, isCreate);
    const event = { to: ALICE, body: 'slow', minutes: '30', idempotencyKey: 'crm-48' };
    const timedOut = await call(schedule, event);
    assert.equal(timedOut.status, 504);
    assert.equal(timedOut.body.error?.code, 'TWILIO_TIMEOUT');
    const again = await call(schedule, event);
    assert.equal(again.status, 409);
    assert.equal(again.body.error?.code, 'IDEMPOTENCY_KEY_IN_USE');
    assert.match(String(again.body.error?.detail), /scheduled-messages/);
    assert.equal(creates(), 1, 'the retry did not reach Twilio');
  });

  it('Sync unreachable with an idempotency key: 503 REGISTRY_UNAVAILABLE, Twilio not called', async () => {
    emulator.inject({ kind: 'status', status: 500 }, 10, (r) => r.host === 'sync');
    const answer = await call(schedule, {
      to: ALICE,
      body: 'x',
      minutes: '30',
      idempotencyKey: 'crm-46',
    });
    assert.equal(answer.status, 503);
    assert.equal(answer.body.error?.code, 'REGISTRY_UNAVAILABLE');
    assert.equal(creates(), 0);
  });

  it('a record that cannot be written after the create still answers 200, registered: false', async () => {
    emulator.inject({ kind: 'status', status: 500 }, 10, (r) => r.host === 'sync');
    const answer = await call(schedule, { to: ALICE, body: 'x', minutes: '30' });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.registered, false);
    assert.equal(creates(), 1);
  });

  it('replace cancels the earlier message with the tag, after the new one exists', async () => {
    const to = '+15550000010';
    const first = await call(schedule, { to, body: '9:00', minutes: '60', tag: 'appt-9' });
    const other = await call(schedule, { to, body: 'keep', minutes: '60', tag: 'other' });
    const moved = await call(schedule, {
      to,
      body: '10:00',
      minutes: '120',
      tag: 'appt-9',
      replace: 'true',
    });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.deepEqual(moved.body.replaced, [first.body.sid]);
    assert.equal(emulator.messages.get(String(first.body.sid))?.status, 'canceled');
    assert.equal(emulator.messages.get(String(other.body.sid))?.status, 'scheduled');
    const createIndex = emulator.requests.findIndex(isCreate);
    const cancelIndex = emulator.requests.findIndex(isCancel);
    assert.ok(createIndex >= 0 && cancelIndex > createIndex, 'the new one is created first');
    const listed = await call(list, { tag: 'appt-9' });
    assert.deepEqual(
      (listed.body.messages as { sid: string }[]).map((m) => m.sid),
      [moved.body.sid],
    );
  });

  it('replace never leaves zero: a cancel that fails leaves both scheduled', async () => {
    const to = '+15550000011';
    const first = await call(schedule, { to, body: 'a', minutes: '60', tag: 'appt-10' });
    emulator.inject({ kind: 'status', status: 500 }, 5, isCancel);
    const moved = await call(schedule, {
      to,
      body: 'b',
      minutes: '90',
      tag: 'appt-10',
      replace: 'true',
    });
    assert.equal(moved.status, 200);
    assert.deepEqual(moved.body.replaced, []);
    assert.equal(emulator.messages.get(String(first.body.sid))?.status, 'scheduled');
    assert.equal(emulator.messages.get(String(moved.body.sid))?.status, 'scheduled');
  });

  it('replace whose registry read fails sends nothing (503)', async () => {
    emulator.inject({ kind: 'status', status: 500 }, 10, (r) => r.host === 'sync');
    const answer = await call(schedule, {
      to: ALICE,
      body: 'b',
      minutes: '90',
      tag: 'appt-11',
      replace: 'true',
    });
    assert.equal(answer.status, 503);
    assert.equal(creates(), 0);
  });

  it('status callbacks move the record forward, never back; unknown SIDs are ignored', async () => {
    const to = '+15550000020';
    const made = await call(schedule, { to, body: 'x', minutes: '30', tag: 'cb' });
    const sid = String(made.body.sid);
    const sent = await call(status, { MessageSid: sid, MessageStatus: 'delivered' });
    assert.deepEqual(sent.body, { ok: true, recorded: true });
    // A late "sent" after "delivered" is not a step back.
    await call(status, { MessageSid: sid, MessageStatus: 'sent' });
    const listed = await call(list, { tag: 'cb' });
    assert.deepEqual(listed.body.messages, []);
    const unknown = await call(status, {
      MessageSid: `SM${'f'.repeat(32)}`,
      MessageStatus: 'sent',
    });
    assert.deepEqual(unknown.body, { ok: true, recorded: false, ignored: 'unknown-sid' });
  });

  for (const final of ['sent', 'failed', 'canceled', 'undelivered'] as const) {
    it(`a "${final}" callback reaches the record`, async () => {
      const to = `+1555000003${final.length}`;
      const made = await call(schedule, { to, body: 'x', minutes: '30' });
      const answer = await call(status, { MessageSid: made.body.sid, MessageStatus: final });
      assert.deepEqual(answer.body, { ok: true, recorded: true });
      const listed = await call(list, { to });
      assert.deepEqual(listed.body.messages, []);
    });
  }

  it('two separately loaded copies share nothing but Sync: one schedules, the other lists, replays and cancels', async () => {
    const scheduleA = loadSeparately('schedule-message');
    const scheduleB = loadSeparately('schedule-message');
    assert.notEqual(scheduleA, scheduleB);
    const to = '+15550000040';
    const event = { to, body: 'shared', minutes: '30', tag: 'two', idempotencyKey: 'two-copies' };
    const first = await call(scheduleA, event);
    const replay = await call(scheduleB, event);
    assert.equal(replay.body.replayed, true);
    assert.equal(replay.body.sid, first.body.sid);
    const listed = await call(loadSeparately('scheduled-messages'), { tag: 'two' });
    assert.deepEqual(
      (listed.body.messages as { sid: string }[]).map((m) => m.sid),
      [first.body.sid],
    );
    const canceled = await call(loadSeparately('cancel-message'), { sid: first.body.sid });
    assert.equal(canceled.status, 200);
    assert.equal(emulator.messages.get(String(first.body.sid))?.status, 'canceled');
    assert.equal(creates(), 1);
  });

  it('REGISTRY=off: version 1 as before, and tag/idempotencyKey answer 400 REGISTRY_DISABLED', async () => {
    const off = { REGISTRY: 'off' };
    const plain = await call(schedule, { to: ALICE, body: 'x', minutes: '30' }, off);
    assert.equal(plain.status, 200);
    assert.ok(
      emulator.requests.every((r) => r.host === 'api'),
      'no Sync request',
    );
    for (const extra of [{ tag: 't' }, { idempotencyKey: 'k' }]) {
      const refused = await call(schedule, { to: ALICE, body: 'x', minutes: '30', ...extra }, off);
      assert.equal(refused.status, 400);
      assert.equal(refused.body.error?.code, 'REGISTRY_DISABLED');
    }
    const listed = await call(list, { to: ALICE }, off);
    assert.equal(listed.body.source, 'twilio');
    const byTag = await call(list, { tag: 't' }, off);
    assert.equal(byTag.body.error?.code, 'REGISTRY_DISABLED');
  });

  it('a burst of 200 schedules for 200 recipients at concurrency 16 stays within Sync limits', async () => {
    const answers: Answer[] = [];
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < 200; i = next++) {
        const to = `+1555100${String(i).padStart(4, '0')}`;
        answers.push(await call(schedule, { to, body: `burst ${i}`, minutes: '30', tag: 'burst' }));
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    assert.equal(answers.length, 200);
    for (const answer of answers) {
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.registered, undefined);
    }
  });

  it('/message-status answers 2xx to every status Twilio sends, records only what moves forward, and ignores another account', async () => {
    const made = await call(schedule, { to: '+15550000050', body: 'x', minutes: '30' });
    const sid = String(made.body.sid);
    const statuses = [
      'queued',
      'sending',
      'sent',
      'delivered',
      'undelivered',
      'failed',
      'canceled',
      'read',
      'accepted',
      'scheduled',
      'partially_delivered',
      'receiving',
      'received',
      'exploded',
      '',
    ];
    for (const MessageStatus of statuses) {
      const answer = await call(status, { MessageSid: sid, MessageStatus });
      assert.equal(answer.status, 200, `${MessageStatus}: ${JSON.stringify(answer.body)}`);
    }
    const bad = await call(status, { MessageSid: 'not-a-sid', MessageStatus: 'sent' });
    assert.equal(bad.status, 200);
    assert.equal(bad.body.ignored, 'not-a-message');
    // `read` outranks everything: the record holds it, whatever came after.
    const record = [...emulator.sync.maps.values()]
      .flatMap((m) => [...m.items.values()])
      .find((item) => item.key === sid);
    assert.equal(record?.data.status, 'read');
    const stranger = await call(
      status,
      { MessageSid: sid, MessageStatus: 'failed', AccountSid: `AC${'9'.repeat(32)}` },
      { ACCOUNT_SID: `AC${'1'.repeat(32)}` },
    );
    assert.deepEqual(stranger.body, { ok: true, recorded: false, ignored: 'other-account' });
  });

  it('every StatusCallback asks Twilio to retry (connection overrides)', async () => {
    await call(
      schedule,
      { to: '+15550000051', body: 'x', minutes: '30' },
      { DOMAIN_NAME: 'example.com' },
    );
    const create = emulator.requests.find(isCreate);
    assert.equal(
      create?.form.get('StatusCallback'),
      'https://example.com/message-status#rc=3&rp=all',
    );
  });

  it('five concurrent replaces for one recipient and tag leave exactly one scheduled, and the others say what they replaced', async () => {
    const to = '+15550000052';
    await call(schedule, { to, body: 'first', minutes: '30', tag: 'appt-5' });
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map((i) =>
        call(schedule, {
          to,
          body: `moved ${i}`,
          minutes: String(30 + i),
          tag: 'appt-5',
          replace: 'true',
        }),
      ),
    );
    for (const answer of answers) {
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.complete, true);
    }
    const left = [...emulator.messages.values()].filter(
      (m) => m.to === to && m.status === 'scheduled',
    );
    assert.equal(left.length, 1, 'exactly one message with the tag');
    const listed = await call(list, { tag: 'appt-5' });
    assert.deepEqual(
      (listed.body.messages as { sid: string }[]).map((m) => m.sid),
      [left[0]?.sid],
    );
  });

  it('a replace whose cancel of an earlier message fails says so: notReplaced, complete: false', async () => {
    const to = '+15550000053';
    const first = await call(schedule, { to, body: 'first', minutes: '30', tag: 'appt-6' });
    const sid = String(first.body.sid);
    emulator.inject(
      { kind: 'status', status: 500, code: 20500 },
      1,
      (r) => r.method === 'POST' && r.path.endsWith(`/${sid}.json`),
    );
    const answer = await call(schedule, {
      to,
      body: 'moved',
      minutes: '60',
      tag: 'appt-6',
      replace: 'true',
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(answer.body.replaced, []);
    assert.deepEqual(answer.body.notReplaced, [
      { sid, code: 'TWILIO_UNAVAILABLE', twilioCode: 20500, maybeCanceled: true },
    ]);
    assert.equal(answer.body.complete, false);
  });

  it('idempotency keys: exact Unicode text, emoji welcome, a lone surrogate refused', async () => {
    const to = '+15550000054';
    const a = await call(schedule, { to, body: 'x', minutes: '30', idempotencyKey: 'visit-🦷-1' });
    const b = await call(schedule, { to, body: 'x', minutes: '30', idempotencyKey: 'visit-🦷-2' });
    assert.equal(a.status, 200, JSON.stringify(a.body));
    assert.equal(b.status, 200);
    assert.notEqual(a.body.sid, b.body.sid);
    for (const key of ['visit-\uD800', 'visit-\uDC00x']) {
      const refused = await call(schedule, { to, body: 'x', minutes: '30', idempotencyKey: key });
      assert.equal(refused.body.error?.code, 'INVALID_IDEMPOTENCY_KEY', key);
    }
  });

  it('a replay says what the message is now, and keeps registered: false', async () => {
    const to = '+15550000055';
    const event = { to, body: 'x', minutes: '30', idempotencyKey: 'replay-now' };
    const first = await call(schedule, event);
    await call(cancel, { sid: first.body.sid });
    const replay = await call(schedule, event);
    assert.equal(replay.body.replayed, true);
    assert.equal(replay.body.status, 'canceled');
    // A copy of the record (by recipient) could not be written: the first answer said so, and
    // the replay too, though the record under its SID exists.
    emulator.inject(
      { kind: 'status', status: 503, code: 20503 },
      1,
      (r) => r.method === 'POST' && r.path.includes('/Maps/sched.to.'),
    );
    const lost = { to, body: 'y', minutes: '30', idempotencyKey: 'replay-unrecorded' };
    const unrecorded = await call(schedule, lost);
    assert.equal(unrecorded.body.registered, false, JSON.stringify(unrecorded.body));
    const again = await call(schedule, lost);
    assert.equal(again.body.replayed, true);
    assert.equal(again.body.registered, false);
    assert.equal(again.body.status, 'scheduled');
  });

  it('a key answered 503 with nothing created is free again', async () => {
    const to = '+15550000056';
    const event = {
      to,
      body: 'x',
      minutes: '30',
      tag: 'appt-7',
      replace: 'true',
      idempotencyKey: 'free-again',
    };
    // The replace's listing cannot be read: 503, Twilio not called.
    emulator.inject(
      { kind: 'status', status: 500, code: 20500 },
      1,
      (r) => r.method === 'GET' && r.path.includes('/Maps/sched.tag.'),
    );
    const refused = await call(schedule, event);
    assert.equal(refused.status, 503, JSON.stringify(refused.body));
    assert.equal(creates(), 0);
    const retried = await call(schedule, event);
    assert.equal(retried.status, 200, JSON.stringify(retried.body));
  });
});
