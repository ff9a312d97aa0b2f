// Appointments under Sync faults, through the built functions and the emulator: a booking and a
// decline with every one of their Sync writes failing in turn (once, or on every retry). Either
// the answer is a success and true (the reminders scheduled, the state recorded, nothing left
// after a decline), or it is an error and nothing is half-done: no reminder left scheduled by a
// failed booking, the tag free to book again, and the same reply sent again finishes a decline.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Fault, type RecordedRequest, TwilioEmulator } from '../emulator';
import { invoke, loadFunction, makeContext } from './support/functions';

const SERVICE = `MG${'a'.repeat(32)}`;
const NY = 'America/New_York';
const FAULTS: { name: string; fault: Fault; times: number }[] = [
  { name: 'a 500 once', fault: { kind: 'status', status: 500, code: 20500 }, times: 1 },
  { name: 'a 503 every time', fault: { kind: 'status', status: 503, code: 20503 }, times: 50 },
];

const isSyncWrite = (r: RecordedRequest) => r.host === 'sync' && r.method !== 'GET';

describe('appointments under Sync faults: every write of a booking and of a decline', () => {
  const emulator = new TwilioEmulator({
    sendIntervalMs: 0,
    syncWritesPerSecond: 1_000_000,
    syncReadsPerSecond: 0,
    maxRecordedRequests: 100_000,
  });
  let env: Record<string, string>;
  const schedule = loadFunction('schedule-message');
  const reply = loadFunction('reply');
  const list = loadFunction('scheduled-messages');
  let run = 0;
  const quiet = console.log;
  const call = (handler: Parameters<typeof invoke>[0], event: Record<string, unknown>) =>
    invoke(handler, makeContext({ env }), event);
  const scheduledTo = (to: string) =>
    [...emulator.messages.values()].filter((m) => m.to === to && m.status === 'scheduled');
  const bookingOf = (to: string, tag: string) => ({
    to,
    appointmentAt: 'in 3 days at 10am',
    timeZone: NY,
    tag,
    body: 'Reminder: {{appointment}}',
  });
  const stateOf = async (tag: string) =>
    ((await call(list, { tag })).body.appointment as { state?: string } | undefined)?.state;

  before(async () => {
    env = { MESSAGING_SERVICE_SID: SERVICE, TWILIO_API_BASE_URL: await emulator.start() };
    console.log = () => {};
  });
  after(async () => {
    console.log = quiet;
    await emulator.stop();
  });

  /** Puts `fault` on the n-th Sync write from now, and on its retries (`times` in all). */
  function faultOnWrite(n: number, fault: Fault, times: number): void {
    let seen = 0;
    let target: string | undefined;
    const decided = new WeakMap<RecordedRequest, boolean>();
    emulator.inject(fault, times, (req) => {
      const known = decided.get(req);
      if (known !== undefined) return known;
      let hit = false;
      if (isSyncWrite(req)) {
        const signature = `${req.method} ${req.path}`;
        if (target === undefined && seen++ === n) {
          target = signature;
          hit = true;
        } else hit = target === signature;
      }
      decided.set(req, hit);
      return hit;
    });
  }

  const fresh = () => {
    run++;
    return { to: `+1212556${String(1000 + run).padStart(4, '0')}`, tag: `fault-${run}` };
  };

  const writesOf = async (action: () => Promise<unknown>): Promise<number> => {
    emulator.requests.length = 0;
    await action();
    return emulator.requests.filter(isSyncWrite).length;
  };

  it('a booking: a success is whole; an error leaves no reminder and the tag free', async () => {
    const first = fresh();
    const writes = await writesOf(() => call(schedule, bookingOf(first.to, first.tag)));
    assert.ok(writes >= 5, `a booking writes to Sync (${writes})`);
    for (let n = 0; n < writes; n++) {
      for (const { name, fault, times } of FAULTS) {
        const { to, tag } = fresh();
        faultOnWrite(n, fault, times);
        const answer = await call(schedule, bookingOf(to, tag));
        emulator.clearFaults();
        const where = `write ${n}, ${name}: ${JSON.stringify(answer.body)}`;
        if (answer.status === 200) {
          const reminders = answer.body.reminders as { sid: string }[];
          assert.equal(reminders.length, 2, where);
          assert.deepEqual(
            scheduledTo(to)
              .map((m) => m.sid)
              .sort(),
            reminders.map((r) => r.sid).sort(),
            where,
          );
          assert.equal(await stateOf(tag), 'booked', where);
          const confirmed = await call(reply, { from: to, text: 'C' });
          assert.equal(confirmed.body.state, 'confirmed', where);
        } else {
          assert.ok([409, 502, 503, 504].includes(answer.status), where);
          assert.deepEqual(scheduledTo(to), [], `${where}: nothing left scheduled`);
          const again = await call(schedule, bookingOf(to, tag));
          assert.equal(
            again.status,
            200,
            `${where}: booked on the retry ${JSON.stringify(again.body)}`,
          );
        }
      }
    }
  });

  it('a decline: a success leaves nothing scheduled; a 503 is finished by the same reply again', async () => {
    const sample = fresh();
    assert.equal((await call(schedule, bookingOf(sample.to, sample.tag))).status, 200);
    const writes = await writesOf(() => call(reply, { from: sample.to, text: 'N' }));
    assert.ok(writes >= 3, `a decline writes to Sync (${writes})`);
    for (let n = 0; n < writes; n++) {
      for (const { name, fault, times } of FAULTS) {
        const { to, tag } = fresh();
        const booked = await call(schedule, bookingOf(to, tag));
        assert.equal(booked.status, 200, JSON.stringify(booked.body));
        faultOnWrite(n, fault, times);
        const answer = await call(reply, { from: to, text: 'N' });
        emulator.clearFaults();
        const where = `write ${n}, ${name}: ${JSON.stringify(answer.body)}`;
        if (answer.status === 200) {
          assert.equal(answer.body.state, 'declined', where);
          assert.deepEqual(scheduledTo(to), [], `${where}: a success leaves nothing`);
        } else {
          assert.equal(answer.status, 503, where);
          const state = await stateOf(tag);
          assert.ok(state === 'booked' || state === 'declined', where);
          const again = await call(reply, { from: to, text: 'N' });
          assert.equal(again.status, 200, `${where}: again ${JSON.stringify(again.body)}`);
          assert.equal(again.body.state, 'declined');
        }
        assert.equal(await stateOf(tag), 'declined', where);
        assert.deepEqual(scheduledTo(to), [], where);
      }
    }
  });
});
