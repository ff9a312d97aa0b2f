// A `sid` that is present, whatever its value, never falls through to cancelling
// by recipient. Property-tested through the built function: the emulator must see no list
// request (the by-recipient path's first call) for any event with a `sid` key.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { TwilioEmulator } from '../emulator';
import { parseCancelTarget } from '../src/input/cancel-request';
import { invoke, loadFunction, makeContext } from './support/functions';

const cancel = loadFunction('cancel-message');
const SERVICE = `MG${'a'.repeat(32)}`;
const ALICE = '+15551230001';
const DAY = 24 * 3600 * 1000;

const blank = fc.constantFrom('', ' ', '\t', '\n', '  \r\n ');
/** What a flow or a caller may put in `sid`: blanks, junk, look-alikes, lists, JSON values. */
const sidValue = fc.oneof(
  blank,
  fc.string(),
  fc.constantFrom('SM', 'sid', 'null', 'undefined', `SM${'a'.repeat(32)}`, `MM${'0'.repeat(32)}`),
  fc.constant(null),
  fc.integer(),
  fc.boolean(),
  fc.constant([]),
  fc.array(fc.oneof(blank, fc.string()), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
);
const recipient = fc.oneof(
  fc.constant(ALICE),
  fc.constant(`whatsapp:${ALICE}`),
  blank,
  fc.string(),
);
const event = fc.record(
  { sid: sidValue, to: recipient, number: recipient, tag: fc.string(), series: fc.string() },
  { requiredKeys: ['sid'] },
);

describe('/cancel-message: a present sid never cancels by recipient', () => {
  const emulator = new TwilioEmulator({ sendIntervalMs: 0 });
  let env: Record<string, string>;
  const quiet = console.log;
  before(async () => {
    env = { MESSAGING_SERVICE_SID: SERVICE, TWILIO_API_BASE_URL: await emulator.start() };
    console.log = () => {};
  });
  after(async () => {
    console.log = quiet;
    await emulator.stop();
  });

  it('blank sid with a recipient: 400 MISSING_SID, and Alice keeps her messages', async () => {
    const sids = [1, 2, 3].map(() =>
      emulator.seed({ to: ALICE, status: 'scheduled', sendAt: Date.now() + DAY }),
    );
    for (const sid of ['', ' ', '\t']) {
      const answer = await invoke(cancel, makeContext({ env }), { sid, to: ALICE });
      assert.equal(answer.status, 400);
      assert.equal(answer.body.error?.code, 'MISSING_SID');
      assert.equal(answer.body.error?.field, 'sid');
    }
    for (const sid of sids) assert.equal(emulator.messages.get(sid)?.status, 'scheduled');
  });

  it('property: no event with a sid key makes a list request (the by-recipient path)', async () => {
    emulator.seed({ to: ALICE, status: 'scheduled', sendAt: Date.now() + DAY });
    await fc.assert(
      fc.asyncProperty(event, async (e) => {
        emulator.requests.length = 0;
        const answer = await invoke(cancel, makeContext({ env }), e);
        const lists = emulator.requests.filter(
          (r) => r.method === 'GET' && !/\/SM|\/MM/.test(r.path),
        );
        assert.deepEqual(lists, [], JSON.stringify(e));
        // Whatever it answered, it was not a by-recipient answer.
        assert.equal(answer.body.scanned, undefined);
      }),
      { numRuns: 300 },
    );
  });

  it('the parser agrees: a sid key never gives a `to` target', () => {
    fc.assert(
      fc.property(event, (e) => {
        const target = parseCancelTarget(e);
        assert.ok(!target.ok || target.value.kind === 'sid', JSON.stringify(e));
      }),
      { numRuns: 2000 },
    );
  });
});
