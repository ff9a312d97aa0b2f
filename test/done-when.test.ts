// What version 2 promises, through the built /schedule-message (and friends) with the
// emulator, at a frozen clock: what a Studio builder and the person texted would see.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TwilioEmulator } from '../emulator';
import { freezeClock, thawClock } from './support/clock';
import { invoke, loadFunction, makeContext } from './support/functions';

const SERVICE = `MG${'a'.repeat(32)}`;

/** The wall clock of `zone` at `iso`, with the weekday: "Thu 09:00". */
const local = (iso: string, zone: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(Date.parse(iso));

describe('version 2, done when', () => {
  let emulator: TwilioEmulator;
  let env: Record<string, string>;
  const schedule = loadFunction('schedule-message');
  const list = loadFunction('scheduled-messages');
  const cancel = loadFunction('cancel-message');
  const call = (handler: Parameters<typeof invoke>[0], event: Record<string, unknown>) =>
    invoke(handler, makeContext({ env }), event);
  /** Freezes the clock (functions and emulator) at `iso`. */
  const at = (iso: string) => {
    const frozen = Date.parse(iso);
    freezeClock(frozen);
  };

  before(async () => {
    emulator = new TwilioEmulator({ clock: () => Date.now(), sendIntervalMs: 0 });
    env = { MESSAGING_SERVICE_SID: SERVICE, TWILIO_API_BASE_URL: await emulator.start() };
  });
  after(async () => {
    thawClock();
    await emulator.stop();
  });

  it('time in words: when=tomorrow at 9am at 22:30 New York is 09:00 the next day, interpreted, with sendAtText', async () => {
    at('2026-12-03T03:30:00Z'); // Wednesday Dec 2, 22:30 in New York
    const answer = await call(schedule, {
      to: '+15550001400',
      body: 'Call mom',
      when: 'tomorrow at 9am',
      timeZone: 'America/New_York',
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.sendAt, '2026-12-03T14:00:00Z');
    assert.equal(answer.body.sendAtLocal, '2026-12-03T09:00:00-05:00');
    assert.equal(answer.body.interpreted, 'tomorrow at 9am');
    assert.equal(answer.body.sendAtText, 'Thursday, December 3 at 9:00 AM EST');
  });

  it('time in words: a phrase with no time is INVALID_WHEN, with a message a person can act on', async () => {
    const answer = await call(schedule, { to: '+15550001401', body: 'x', when: 'ok thanks' });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error?.code, 'INVALID_WHEN');
    assert.match(String(answer.body.error?.message), /tomorrow at 9am/);
  });

  it('time in words: a phrase in quiet hours is moved out of them; too soon and too late are refused', async () => {
    at('2026-12-02T15:00:00Z'); // 10:00 in New York
    const base = { to: '+15550001402', body: 'x', timeZone: 'America/New_York' };
    const quiet = await call(schedule, {
      ...base,
      when: 'tonight at 11pm',
      quietHours: '21:00-08:00',
    });
    assert.equal(quiet.status, 200, JSON.stringify(quiet.body));
    assert.equal(quiet.body.adjusted, 'quiet-hours');
    assert.equal(quiet.body.sendAtLocal, '2026-12-03T08:00:00-05:00');
    assert.equal(quiet.body.interpreted, 'tonight at 11pm');
    const soon = await call(schedule, { ...base, when: 'in 5 minutes' });
    assert.equal(soon.body.error?.code, 'SEND_AT_TOO_SOON');
    const late = await call(schedule, { ...base, when: 'in 40 days' });
    assert.equal(late.body.error?.code, 'SEND_AT_TOO_LATE');
  });

  it('recipient time zones: timeZone=recipient, 21:00-08:00 and sun on a +1 907 number: allowed in both Alaska zones', async () => {
    at('2026-12-05T18:00:00Z'); // Saturday; 09:00 in Anchorage, 08:00 in Adak
    const answer = await call(schedule, {
      to: '+19075550123',
      body: 'Your order is ready',
      when: 'tomorrow at 8am',
      timeZone: 'recipient',
      quietHours: '21:00-08:00',
      quietDays: 'sun',
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(answer.body.timeZones, ['America/Adak', 'America/Anchorage']);
    const sendAt = String(answer.body.sendAt);
    for (const zone of ['America/Adak', 'America/Anchorage']) {
      const [weekday, time] = local(sendAt, zone).split(' ');
      assert.notEqual(weekday, 'Sun', `${zone}: not on a Sunday`);
      const hour = Number(time?.slice(0, 2));
      assert.ok(hour >= 8 && hour < 21, `${zone}: ${time} is outside quiet hours`);
    }
    // Sunday is quiet in both: Monday 08:00 in Adak (the later zone) is the first allowed time.
    assert.equal(local(sendAt, 'America/Adak'), 'Mon 08:00');
    assert.equal(answer.body.timeZone, 'America/Adak');
    assert.match(String(answer.body.sendAtText), /^Monday, December 7 at 8:00 AM HAST$/);
  });

  it('recipient time zones: a toll-free number has 42 candidate zones and is still scheduled only when all allow it', async () => {
    at('2026-12-02T15:00:00Z');
    const answer = await call(schedule, {
      to: '+18005550100',
      body: 'x',
      minutes: '30',
      timeZone: 'recipient',
      quietHours: '21:00-08:00',
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const zones = answer.body.timeZones as string[];
    assert.equal(zones.length, 42);
    for (const zone of zones) {
      const hour = Number(local(String(answer.body.sendAt), zone).split(' ')[1]?.slice(0, 2));
      assert.ok(hour >= 8 && hour < 21, `${zone}: ${hour}`);
    }
  });

  it('recipient time zones: no zone for the number, no DEFAULT_TIME_ZONE: UNKNOWN_RECIPIENT_TIME_ZONE', async () => {
    const answer = await call(schedule, {
      to: '+99912345678',
      body: 'x',
      at: '09:00',
      timeZone: 'recipient',
    });
    assert.equal(answer.body.error?.code, 'UNKNOWN_RECIPIENT_TIME_ZONE');
  });

  it('the registry: schedule with a tag, list it with its send time, replace it, replay a key, cancel by tag', async () => {
    at('2026-12-02T15:00:00Z');
    const to = '+15550001200';
    const first = await call(schedule, {
      to,
      body: 'Appointment at 10',
      at: '09:00',
      timeZone: 'America/Chicago',
      tag: 'appt-77',
      idempotencyKey: 'crm-appt-77-v1',
    });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const listed = await call(list, { to });
    const [row] = listed.body.messages as { sid: string; sendAt: string; sendAtText: string }[];
    assert.equal(row?.sid, first.body.sid);
    assert.equal(row?.sendAt, first.body.sendAt);
    assert.equal(row?.sendAtText, first.body.sendAtText);

    const moved = await call(schedule, {
      to,
      body: 'Appointment moved to 11',
      at: '10:00',
      timeZone: 'America/Chicago',
      tag: 'appt-77',
      replace: 'true',
      idempotencyKey: 'crm-appt-77-v2',
    });
    assert.deepEqual(moved.body.replaced, [first.body.sid]);
    const replay = await call(schedule, {
      to,
      body: 'Appointment moved to 11',
      at: '10:00',
      timeZone: 'America/Chicago',
      tag: 'appt-77',
      replace: 'true',
      idempotencyKey: 'crm-appt-77-v2',
    });
    assert.equal(replay.body.replayed, true);
    assert.equal(replay.body.sid, moved.body.sid);

    const canceled = await call(cancel, { tag: 'appt-77' });
    assert.deepEqual(canceled.body.canceled, [moved.body.sid]);
    assert.equal(canceled.body.complete, true);
    const after = await call(list, { tag: 'appt-77' });
    assert.deepEqual(after.body.messages, []);
    assert.equal(emulator.messages.get(String(moved.body.sid))?.status, 'canceled');
  });

  it('the registry: a blank tag with to on /cancel-message cancels nothing (never falls through to to)', async () => {
    const to = '+15550001201';
    const kept = await call(schedule, { to, body: 'keep me', minutes: '60' });
    const answer = await call(cancel, { tag: '', to });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error?.code, 'MISSING_TARGET');
    assert.equal(emulator.messages.get(String(kept.body.sid))?.status, 'scheduled');
  });
});

describe('version 2: the service defaults, record lifetimes and every cancel route', () => {
  let emulator: TwilioEmulator;
  let base: string;
  const schedule = loadFunction('schedule-message');
  const list = loadFunction('scheduled-messages');
  const cancel = loadFunction('cancel-message');
  const call = (
    handler: Parameters<typeof invoke>[0],
    event: Record<string, unknown>,
    env: Record<string, string> = {},
  ) =>
    invoke(
      handler,
      makeContext({ env: { MESSAGING_SERVICE_SID: SERVICE, TWILIO_API_BASE_URL: base, ...env } }),
      event,
    );

  before(async () => {
    emulator = new TwilioEmulator({ clock: () => Date.now(), sendIntervalMs: 0 });
    base = await emulator.start();
  });
  after(async () => {
    thawClock();
    await emulator.stop();
  });

  it('QUIET_DAYS, DEFAULT_LOCALE and DEFAULT_TIME_ZONE=recipient apply when a request says nothing', async () => {
    const frozen = Date.parse('2026-12-05T15:00:00Z'); // Saturday, 10:00 in New York
    freezeClock(frozen);
    const env = { QUIET_DAYS: 'sun', DEFAULT_LOCALE: 'fr-FR', DEFAULT_TIME_ZONE: 'recipient' };
    const answer = await call(schedule, { to: '+12125550100', body: 'x', delay: '1d' }, env);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.timeZone, 'America/New_York', 'the zone of the number');
    assert.equal(answer.body.adjusted, 'quiet-days', 'Sunday is quiet: moved to Monday');
    assert.equal(answer.body.sendAtLocal, '2026-12-07T10:00:00-05:00', 'at the same local time');
    assert.match(String(answer.body.sendAtText), /^lundi 7 décembre/);
    // `off` turns the default off for one request.
    const off = await call(
      schedule,
      { to: '+12125550100', body: 'x', delay: '1d', quietDays: 'off' },
      env,
    );
    assert.equal(off.body.sendAtLocal, '2026-12-06T10:00:00-05:00');
    // DEFAULT_TIME_ZONE=recipient is no fallback of its own: a number without a zone is refused.
    const unknown = await call(schedule, { to: '+99912345678', body: 'x', at: '09:00' }, env);
    assert.equal(unknown.body.error?.code, 'UNKNOWN_RECIPIENT_TIME_ZONE');
  });

  it('a record expires 7 days after its send time (Sync TTL)', async () => {
    thawClock();
    const answer = await call(schedule, { to: '+15550009001', body: 'x', minutes: '60' });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const sendAt = Date.parse(String(answer.body.sendAt));
    const items = [...emulator.sync.maps.values()].flatMap((map) => [...map.items.values()]);
    const mine = items.filter((item) => item.data.sid === answer.body.sid);
    assert.ok(mine.length >= 2, 'the record and its copy by recipient');
    for (const item of mine) {
      assert.ok(item.dateExpires !== null);
      const week = 7 * 86_400_000;
      assert.ok(Math.abs((item.dateExpires ?? 0) - (sendAt + week)) <= 2_000, item.key);
    }
  });

  it('a cancel by to (a STOP) updates the records it touches', async () => {
    thawClock();
    const to = '+15550009002';
    await call(schedule, { to, body: 'a', minutes: '60', tag: 'stop-me' });
    await call(schedule, { to, body: 'b', minutes: '90', tag: 'stop-me' });
    const canceled = await call(cancel, { to });
    assert.equal((canceled.body.canceled as string[]).length, 2);
    const listed = await call(list, { tag: 'stop-me' });
    assert.deepEqual(listed.body.messages, [], 'the registry knows they are canceled');
  });
});
