// The Messages emulator's own rules, which `npm start` relies on: a scheduled message is sent
// when its time comes, and is then no longer cancelable.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import twilio from 'twilio';
import {
  EMULATOR_ACCOUNT_SID,
  EMULATOR_AUTH_TOKEN,
  MessagesEmulator,
} from '../emulator/messages-api';
import { createTransport } from '../src/twilio/transport';
import { invoke, loadFunction, makeContext } from './support/functions';

const SERVICE = `MG${'a'.repeat(32)}`;
const MINUTE = 60_000;

describe('Messages emulator', () => {
  let now = Date.parse('2026-12-01T12:00:00Z');
  const emulator = new MessagesEmulator({ clock: () => now });
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
