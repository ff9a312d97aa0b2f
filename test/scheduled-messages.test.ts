// /scheduled-messages through the built function against the Messages emulator.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { MessagesEmulator } from '../emulator/messages-api';
import { invoke, loadFunction, makeContext } from './support/functions';

const list = loadFunction('scheduled-messages');
const SERVICE = `MG${'a'.repeat(32)}`;
const DAY = 24 * 3600 * 1000;

describe('/scheduled-messages (built function, emulator)', () => {
  const emulator = new MessagesEmulator();
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
