// `repeat` through the built functions, against the emulator with its clock moved: a series
// runs past Twilio's 35-day window with nothing but status callbacks arming the next occurrences.
// The functions' clock follows the emulator's (mock timers, set at each move), as under `npm start`.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type RecordedRequest, TwilioEmulator } from '../emulator';
import { followClock } from './support/clock';
import { invoke, loadFunction, makeContext } from './support/functions';
import { type CallbackServer, serveStatusCallbacks } from './support/status-callbacks';

const SERVICE = `MG${'a'.repeat(32)}`;
const NY = 'America/New_York';
const DAY = 86_400_000;
/** The real clock, captured before the functions' clock follows the emulator's. */
const realNow = Date.now.bind(Date);
let unfollow: () => void = () => {};

const isCreate = (r: RecordedRequest) => r.method === 'POST' && r.path.endsWith('/Messages.json');

/** 08:00 on the wall clock of New York, as the Intl API reads the instant. */
const newYorkTime = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: NY,
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
  }).format(Date.parse(iso));

describe('repeat: a series through the built functions and the emulator', () => {
  let emulator: TwilioEmulator;
  let callbacks: CallbackServer;
  let env: Record<string, string>;
  const schedule = loadFunction('schedule-message');
  const list = loadFunction('scheduled-messages');
  const cancel = loadFunction('cancel-message');
  const status = loadFunction('message-status');
  const call = (handler: Parameters<typeof invoke>[0], event: Record<string, unknown>) =>
    invoke(handler, makeContext({ env }), event);
  const creates = () => emulator.requests.filter(isCreate).length;

  /** Moves the emulator to each next send until nothing is scheduled; returns the SIDs sent. */
  async function runToEnd(limit = 200): Promise<string[]> {
    const sent: string[] = [];
    for (let step = 0; step < limit; step++) {
      const now = emulator.advanceToNextSend();
      await emulator.callbacksSettled();
      if (now.length === 0) break;
      sent.push(...now);
    }
    return sent;
  }

  before(async () => {
    emulator = new TwilioEmulator({
      clock: realNow,
      sendIntervalMs: 0,
      maxRecordedRequests: 50_000,
      syncWritesPerSecond: 1_000,
    });
    const base = await emulator.start();
    unfollow = followClock(emulator.clock);
    // Twilio's status callbacks, posted by the emulator, reach the built /message-status here.
    callbacks = await serveStatusCallbacks((event) => call(status, event));
    env = {
      MESSAGING_SERVICE_SID: SERVICE,
      TWILIO_API_BASE_URL: base,
      DOMAIN_NAME: callbacks.domain,
    };
  });
  after(async () => {
    unfollow();
    await callbacks.close();
    await emulator.stop();
  });

  it('weekly ×10 at 08:00 New York: the occurrences inside 35 days at once, then exactly 10 sent, each at 08:00', async () => {
    const to = '+15553330001';
    const started = await call(schedule, {
      to,
      body: 'Class today',
      repeat: 'weekly',
      count: '10',
      at: '08:00',
      timeZone: NY,
    });
    assert.equal(started.status, 200, JSON.stringify(started.body));
    const occurrences = started.body.occurrences as {
      sid: string;
      sendAt: string;
      sendAtText: string;
    }[];
    assert.match(String(started.body.series), /^SR[0-9a-f]{32}$/);
    assert.ok(
      occurrences.length >= 5 && occurrences.length <= 6,
      `${occurrences.length} in 35 days`,
    );
    assert.equal(started.body.pending, 10 - occurrences.length);
    for (const o of occurrences) assert.match(newYorkTime(o.sendAt), /08:00/);

    const listed = await call(list, { series: started.body.series });
    assert.deepEqual(
      (listed.body.messages as { sid: string }[]).map((m) => m.sid),
      occurrences.map((o) => o.sid),
    );

    const sent = await runToEnd();
    const mine = [...emulator.messages.values()].filter((m) => m.to === to);
    assert.equal(mine.length, 10, 'one message per occurrence, no more');
    assert.equal(sent.filter((sid) => mine.some((m) => m.sid === sid)).length, 10);
    const times = mine.map((m) => new Date(m.sendAt ?? 0).toISOString()).sort();
    assert.equal(new Set(times).size, 10);
    for (const time of times) assert.match(newYorkTime(time), /08:00/, time);
    // Weekly: 7 days apart on the calendar (the November DST change moves the UTC time, not 08:00).
    const days = times.map((t) => Math.round(Date.parse(t) / DAY));
    for (let i = 1; i < days.length; i++) assert.equal((days[i] ?? 0) - (days[i - 1] ?? 0), 7);
  });

  it('a duplicated and a concurrent callback create nothing extra', async () => {
    const to = '+15553330002';
    const started = await call(schedule, {
      to,
      body: 'Pill',
      repeat: 'daily',
      count: '50',
      at: '09:00',
      timeZone: NY,
    });
    assert.equal(started.status, 200, JSON.stringify(started.body));
    const first = (started.body.occurrences as { sid: string }[])[0]?.sid;
    assert.ok(first);
    emulator.advanceToNextSend();
    await emulator.callbacksSettled();
    const before = creates();
    const event = { MessageSid: first, MessageStatus: 'delivered', To: to };
    const answers = await Promise.all([
      call(status, event),
      call(status, event),
      call(status, event),
    ]);
    for (const answer of answers) assert.equal(answer.status, 200);
    await call(status, event);
    const added = creates() - before;
    // Day 36 came inside the window when day 1 went out (armed by the emulator's own callback);
    // the repeated callbacks find every occurrence claimed.
    assert.equal(added, 0);
    const mine = [...emulator.messages.values()].filter((m) => m.to === to);
    const times = mine.map((m) => m.sendAt);
    assert.equal(new Set(times).size, mine.length, 'never two messages for one occurrence');
  });

  it('cancel by series mid-way cancels the scheduled ones and stops arming', async () => {
    const to = '+15553330003';
    const started = await call(schedule, {
      to,
      body: 'Reminder',
      repeat: 'daily',
      count: '60',
      at: '10:00',
      timeZone: NY,
    });
    assert.equal(started.status, 200, JSON.stringify(started.body));
    for (let i = 0; i < 3; i++) {
      emulator.advanceToNextSend();
      await emulator.callbacksSettled();
    }
    const sentBefore = [...emulator.messages.values()].filter(
      (m) => m.to === to && m.status === 'sent',
    ).length;
    const canceled = await call(cancel, { series: started.body.series });
    assert.equal(canceled.status, 200, JSON.stringify(canceled.body));
    assert.equal(canceled.body.seriesStopped, true);
    assert.ok((canceled.body.canceled as string[]).length > 0);
    await runToEnd();
    const sentAfter = [...emulator.messages.values()].filter(
      (m) => m.to === to && m.status === 'sent',
    ).length;
    assert.equal(sentAfter, sentBefore);
    const listed = await call(list, { series: started.body.series });
    assert.deepEqual(listed.body.messages, []);
  });

  it('a daily series of 100 answers with the in-window occurrences scheduled and the rest pending', async () => {
    const answer = await call(schedule, {
      to: '+15553330004',
      body: 'Daily',
      repeat: 'daily',
      count: '100',
      at: '07:00',
      timeZone: NY,
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const occurrences = answer.body.occurrences as unknown[];
    assert.equal(occurrences.length + Number(answer.body.pending), 100);
    assert.ok(occurrences.length >= 30 && occurrences.length <= 36, String(occurrences.length));
    const listed = await call(list, { series: answer.body.series });
    assert.equal((listed.body.messages as unknown[]).length, occurrences.length);
  });

  it('an occurrence on a quiet day is skipped, never moved: COUNT counts it, skipped says so', async () => {
    const answer = await call(schedule, {
      to: '+15553330005',
      body: 'Weekday note',
      repeat: 'daily',
      count: '8',
      at: '08:00',
      timeZone: NY,
      quietDays: 'sun',
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const local = (answer.body.occurrences as { sendAt: string }[]).map((o) =>
      newYorkTime(o.sendAt),
    );
    // 8 days from today or tomorrow hold one or two Sundays: skipped, counted in `skipped`.
    const skipped = Number(answer.body.skipped);
    assert.ok(skipped === 1 || skipped === 2, `skipped: ${answer.body.skipped}`);
    assert.equal(local.length + Number(answer.body.pending), 8 - skipped);
    assert.ok(
      local.every((t) => t.endsWith(' 08:00')),
      local.join(' '),
    );
    assert.equal(local.filter((t) => t.startsWith('Sun')).length, 0);
    assert.equal(new Set(local).size, local.length, 'one message a day');
  });

  it('daily 09:00 x7 with quiet sat,sun: 5 messages on 5 days, 2 skipped', async () => {
    const answer = await call(schedule, {
      to: '+15553330015',
      body: 'Weekday note',
      repeat: 'daily',
      count: '7',
      at: '09:00',
      timeZone: NY,
      quietDays: 'sat,sun',
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.skipped, 2);
    const local = (answer.body.occurrences as { sendAt: string }[]).map((o) =>
      newYorkTime(o.sendAt),
    );
    assert.equal(local.length + Number(answer.body.pending), 5);
    assert.ok(
      local.every((t) => /^(Mon|Tue|Wed|Thu|Fri) 09:00$/.test(t)),
      local.join(' '),
    );
    assert.equal(new Set(local).size, local.length, 'never two on one day');
  });

  it('an idempotency key replays the series and schedules nothing', async () => {
    const event = {
      to: '+15553330006',
      body: 'Once',
      repeat: 'weekly',
      count: '3',
      delay: '1d',
      timeZone: NY,
      idempotencyKey: 'series-key-1',
    };
    const first = await call(schedule, event);
    const before = creates();
    const again = await call(schedule, event);
    assert.equal(again.body.replayed, true);
    assert.equal(again.body.series, first.body.series);
    assert.equal(creates(), before);
  });

  it('a series whose first create gets a 5xx keeps its idempotency key taken (the message may exist)', async () => {
    emulator.inject({ kind: 'status', status: 500 }, 1, isCreate);
    const event = {
      to: '+15553330008',
      body: 'x',
      repeat: 'daily',
      count: '3',
      delay: '1d',
      timeZone: NY,
      idempotencyKey: 'series-5xx',
    };
    const failed = await call(schedule, event);
    assert.equal(failed.status, 502);
    const before = creates();
    const again = await call(schedule, event);
    assert.equal(again.body.error?.code, 'IDEMPOTENCY_KEY_IN_USE');
    assert.equal(creates(), before, 'no second try at Twilio');
  });

  it('repeat without the registry is 400 REGISTRY_DISABLED; a bad rule is INVALID_REPEAT', async () => {
    const off = await invoke(schedule, makeContext({ env: { ...env, REGISTRY: 'off' } }), {
      to: '+15553330007',
      body: 'x',
      repeat: 'daily',
      count: '3',
      delay: '1d',
    });
    assert.equal(off.body.error?.code, 'REGISTRY_DISABLED');
    const bad = await call(schedule, {
      to: '+15553330007',
      body: 'x',
      repeat: 'FREQ=HOURLY;COUNT=3',
      delay: '1d',
    });
    assert.equal(bad.body.error?.code, 'INVALID_REPEAT');
  });

  it('STOP (cancel by recipient) stops the series: a late callback of an earlier occurrence arms nothing', async () => {
    const to = '+15553330009';
    const started = await call(schedule, {
      to,
      body: 'Daily pill',
      repeat: 'daily',
      count: '60',
      at: '09:00',
      timeZone: NY,
      tag: 'pill',
    });
    assert.equal(started.status, 200, JSON.stringify(started.body));
    const first = String((started.body.occurrences as { sid: string }[])[0]?.sid);
    const callback = emulator.messages.get(first)?.statusCallback ?? '';
    assert.match(callback, /\/message-status\?series=SR[0-9a-f]{32}#rc=3&rp=all$/);
    emulator.advanceToNextSend();
    await emulator.callbacksSettled();
    const stop = await call(cancel, { to });
    assert.equal(stop.status, 200, JSON.stringify(stop.body));
    assert.equal(stop.body.complete, true);
    const made = [...emulator.messages.values()].filter((m) => m.to === to).length;
    // A late status of the message already sent, then the rest of time.
    emulator.setStatus(first, 'delivered');
    await emulator.callbacksSettled();
    await runToEnd();
    const mine = [...emulator.messages.values()].filter((m) => m.to === to);
    assert.equal(mine.length, made, 'nothing armed after STOP');
    assert.equal(mine.filter((m) => m.status === 'scheduled').length, 0);
    // The stopped plan keeps no body.
    const plan = [...emulator.sync.maps.values()]
      .flatMap((m) => [...m.items.values()])
      .find((item) => item.key === started.body.series);
    assert.deepEqual(plan?.data.content, { mediaUrls: [] });
  });

  it("monthly ×13 starting 34 days out sends all 13 (the plan outlives Sync's longest TTL)", async () => {
    const to = '+15553330010';
    const started = await call(schedule, {
      to,
      body: 'Monthly check-in',
      repeat: 'FREQ=MONTHLY;COUNT=13',
      delay: '34d',
      timeZone: NY,
    });
    assert.equal(started.status, 200, JSON.stringify(started.body));
    await runToEnd();
    const mine = [...emulator.messages.values()].filter((m) => m.to === to);
    assert.equal(mine.length, 13);
    assert.equal(mine.filter((m) => m.status === 'sent').length, 13);
  });
});
