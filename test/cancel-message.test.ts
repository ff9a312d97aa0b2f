// /cancel-message through the built function, with the real twilio client over HTTP to the
// Messages emulator and its paging.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { TwilioEmulator } from '../emulator';
import { invoke, loadFunction, makeContext } from './support/functions';

const cancel = loadFunction('cancel-message');
const schedule = loadFunction('schedule-message');
const SERVICE = `MG${'a'.repeat(32)}`;
const ALICE = '+15551230001';
const BOB = '+15551230002';
const DAY = 24 * 3600 * 1000;

describe('/cancel-message (built function, emulator)', () => {
  const emulator = new TwilioEmulator();
  let env: Record<string, string>;
  const context = () => makeContext({ env });

  before(async () => {
    env = { MESSAGING_SERVICE_SID: SERVICE, TWILIO_API_BASE_URL: await emulator.start() };
  });
  after(() => emulator.stop());
  beforeEach(() => {
    emulator.messages.clear();
    emulator.requests.length = 0;
    emulator.clearFaults();
  });

  const scheduleOne = async (to = ALICE): Promise<string> => {
    const answer = await invoke(schedule, context(), { to, body: 'See you', minutes: '60' });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return String(answer.body.sid);
  };

  it('cancels one scheduled message by SID', async () => {
    const sid = await scheduleOne();
    const answer = await invoke(cancel, context(), { sid });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(answer.body, { ok: true, canceled: [sid] });
    assert.equal(emulator.messages.get(sid)?.status, 'canceled');
  });

  it('is idempotent: a second cancel answers 200 with alreadyCanceled', async () => {
    const sid = await scheduleOne();
    await invoke(cancel, context(), { sid });
    const again = await invoke(cancel, context(), { sid });
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.deepEqual(again.body, { ok: true, canceled: [], alreadyCanceled: [sid] });
  });

  it('answers 409 NOT_CANCELABLE with the status of a message already sent (Twilio 30409)', async () => {
    const sid = emulator.seed({ to: ALICE, status: 'delivered' });
    const answer = await invoke(cancel, context(), { sid });
    assert.equal(answer.status, 409);
    assert.equal(answer.body.error?.code, 'NOT_CANCELABLE');
    assert.equal(answer.body.error?.twilioCode, 30409);
    assert.equal(answer.body.status, 'delivered');
  });

  it('answers 404 NOT_FOUND for an unknown SID (Twilio 20404)', async () => {
    const answer = await invoke(cancel, context(), { sid: `SM${'0'.repeat(32)}` });
    assert.equal(answer.status, 404);
    assert.equal(answer.body.error?.code, 'NOT_FOUND');
  });

  it('answers 400 for a malformed SID, for both or neither of sid and to, and never calls Twilio', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ sid: 'SM123' }, 'INVALID_SID'],
      [{ sid: `SM${'a'.repeat(32)}`, to: ALICE }, 'CONFLICTING_TARGET'],
      [{ sid: ' ', to: '' }, 'MISSING_SID'],
      [{ sid: '', to: ALICE }, 'MISSING_SID'],
      [{ to: '' }, 'MISSING_TARGET'],
      [{ to: '555-1234' }, 'INVALID_TO'],
    ];
    for (const [event, code] of cases) {
      const answer = await invoke(cancel, context(), event);
      assert.equal(answer.status, 400, JSON.stringify(event));
      assert.equal(answer.body.error?.code, code);
    }
    assert.equal(emulator.requests.length, 0);
  });

  it("cancels all 40 scheduled messages among a recipient's 250, across pages, touching nothing else", async () => {
    const now = Date.now();
    const scheduled = new Set<string>();
    for (let i = 0; i < 250; i++) {
      const isScheduled = i % 6 === 0 && scheduled.size < 40;
      const sid = emulator.seed({
        to: ALICE,
        status: isScheduled ? 'scheduled' : 'delivered',
        sendAt: isScheduled ? now + DAY : null,
        dateCreated: now - i * 60_000,
      });
      if (isScheduled) scheduled.add(sid);
    }
    const bobs = emulator.seed({ to: BOB, status: 'scheduled', sendAt: now + DAY });
    assert.equal(scheduled.size, 40);

    const answer = await invoke(cancel, context(), { to: ALICE });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.complete, true);
    assert.equal(answer.body.scanned, 250);
    assert.deepEqual(new Set(answer.body.canceled as string[]), scheduled);
    assert.deepEqual(answer.body.failed, []);
    const lists = emulator.requests.filter((r) => r.method === 'GET');
    assert.ok(lists.length >= 3, `paged ${lists.length} times`);
    for (const message of emulator.messages.values()) {
      const expected = scheduled.has(message.sid)
        ? 'canceled'
        : message.sid === bobs
          ? 'scheduled'
          : 'delivered';
      assert.equal(message.status, expected, message.sid);
    }
  });

  it('reads a long list to its end, and a call cut short is resumed where it stopped', async () => {
    const now = Date.now();
    const late: string[] = [];
    for (let i = 0; i < 2050; i++) {
      const isScheduled = i >= 2040;
      const sid = emulator.seed({
        to: ALICE,
        status: isScheduled ? 'scheduled' : 'delivered',
        sendAt: isScheduled ? now + DAY : null,
        dateCreated: now - i * 1000,
      });
      if (isScheduled) late.push(sid);
    }
    // Twilio fails the 6th page: the first call stops there, complete: false.
    let pages = 0;
    emulator.inject({ kind: 'status', status: 500, code: 20500 }, 1, (r) =>
      r.method === 'GET' && r.path.endsWith('/Messages.json') ? ++pages === 6 : false,
    );
    const first = await invoke(cancel, context(), { to: ALICE });
    assert.equal(first.status, 200, JSON.stringify(first.body).slice(0, 300));
    assert.equal(first.body.complete, false);
    assert.equal(first.body.stoppedBy, 'twilio-error');
    assert.equal(first.body.scanned, 500);
    emulator.requests.length = 0;
    // The flow calls again: the scan resumes at the page that failed, not at the top.
    const again = await invoke(cancel, context(), { to: ALICE });
    assert.equal(again.body.complete, true, JSON.stringify(again.body).slice(0, 300));
    assert.equal(again.body.scanned, 1550);
    const firstList = emulator.requests.find(
      (r) => r.method === 'GET' && r.path.endsWith('/Messages.json'),
    );
    assert.equal(firstList?.query.get('Page'), '5');
    assert.deepEqual(new Set(again.body.canceled as string[]), new Set(late));
    for (const sid of late) assert.equal(emulator.messages.get(sid)?.status, 'canceled');
  });

  it('reports a cancel that fails mid-way and cancels the rest', async () => {
    const sids = [await scheduleOne(), await scheduleOne(), await scheduleOne()];
    const broken = sids[1] ?? '';
    emulator.inject(
      { kind: 'status', status: 500, code: 20500 },
      1,
      (r) => r.method === 'POST' && r.path.includes(broken),
    );
    const answer = await invoke(cancel, context(), { to: ALICE });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(answer.body.failed, [
      { sid: broken, code: 'TWILIO_UNAVAILABLE', twilioCode: 20500, maybeCanceled: true },
    ]);
    assert.deepEqual(new Set(answer.body.canceled as string[]), new Set([sids[0], sids[2]]));
    assert.equal(emulator.messages.get(broken)?.status, 'scheduled');
    // One is still scheduled: the cancel is not complete, and the flow calls again.
    assert.equal(answer.body.complete, false);
  });
});
