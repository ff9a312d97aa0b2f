// End to end: the real twilio-run server on the built functions, the Messages emulator behind
// them, and requests shaped like Studio's Run Function widget (form-encoded strings, signed).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import twilio from 'twilio';
import { type LocalStack, startLocalStack } from '../scripts/local-stack';

const TO = '+15551234567';

interface Body {
  ok: boolean;
  sid?: string;
  to?: string;
  messages?: { sid: string }[];
  canceled?: string[];
  error?: { code: string; message: string };
}

describe('end to end through twilio-run', { timeout: 90_000 }, () => {
  let stack: LocalStack;

  before(async () => {
    stack = await startLocalStack({ env: {}, stdio: 'ignore', startTimeoutMs: 60_000 });
  });
  after(() => stack?.stop());

  /** POSTs form fields as Studio does, with a valid X-Twilio-Signature. */
  const studio = async (path: string, params: Record<string, string>) => {
    const url = `${stack.url}${path}`;
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Twilio-Signature': twilio.getExpectedTwilioSignature(stack.authToken, url, params),
      },
      body: new URLSearchParams(params).toString(),
      signal: AbortSignal.timeout(10_000),
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: (await response.json()) as Body,
    };
  };

  it('schedules, lists, cancels and lists again', async () => {
    const scheduled = await studio('/schedule-message', { to: TO, minutes: '16', body: 'Ahoy' });
    assert.equal(scheduled.status, 200, JSON.stringify(scheduled.body));
    assert.match(String(scheduled.type), /^application\/json/);
    const sid = String(scheduled.body.sid);
    assert.match(sid, /^SM[0-9a-f]{32}$/);

    const listed = await studio('/scheduled-messages', { to: TO });
    assert.equal(listed.status, 200);
    assert.deepEqual(
      listed.body.messages?.map((m: { sid: string }) => m.sid),
      [sid],
    );

    const canceled = await studio('/cancel-message', { sid });
    assert.deepEqual(canceled.body, { ok: true, canceled: [sid] });

    const after = await studio('/scheduled-messages', { to: TO });
    assert.deepEqual(after.body.messages, []);
    assert.equal(stack.emulator?.messages.get(sid)?.status, 'canceled');
  });

  it("accepts the Flask workaround's JSON request", async () => {
    const response = await fetch(`${stack.url}/schedule-message`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ number: TO, minutes: 30, message: 'Ahoy from JSON' }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await response.json()) as Body;
    assert.equal(response.status, 200, JSON.stringify(body));
    assert.equal(body.to, TO);
    assert.equal(stack.emulator?.messages.get(String(body.sid))?.body, 'Ahoy from JSON');
  });

  it('answers a bad request with 400 and a code a flow can branch on', async () => {
    const bad = await studio('/schedule-message', { to: TO, minutes: '5', body: 'Too soon' });
    assert.equal(bad.status, 400);
    assert.match(String(bad.type), /^application\/json/);
    assert.equal(bad.body.ok, false);
    assert.equal(bad.body.error?.code, 'SEND_AT_TOO_SOON');
    assert.equal(typeof bad.body.error?.message, 'string');
  });
});
