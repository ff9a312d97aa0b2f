// /schedule-message through the built functions/schedule-message.protected.js, with the real
// twilio library over real HTTP to the local Messages emulator.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { TwilioEmulator } from '../emulator';
import { invoke, loadFunction, makeContext } from './support/functions';

const SERVICE = `MG${'a'.repeat(32)}`;
const schedule = loadFunction('schedule-message');

describe('/schedule-message (built function, emulator)', () => {
  const emulator = new TwilioEmulator();
  let env: Record<string, string>;

  before(async () => {
    const url = await emulator.start();
    // Version 1's behaviour: the registry (Sync) is tested in registry.test.ts.
    env = { MESSAGING_SERVICE_SID: SERVICE, TWILIO_API_BASE_URL: url, REGISTRY: 'off' };
  });
  after(() => emulator.stop());
  beforeEach(() => {
    emulator.requests.length = 0;
    emulator.clearFaults();
  });

  it("accepts the Flask workaround's Studio request and schedules 16 minutes ahead", async () => {
    const before = Date.now();
    const answer = await invoke(schedule, makeContext({ env }), {
      number: '+15551234567',
      minutes: '16',
      message: 'Ahoy',
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.callbacks, 1);
    assert.equal(answer.headers['Content-Type'], 'application/json');
    assert.match(String(answer.body.sid), /^SM[0-9a-f]{32}$/);
    assert.equal(answer.body.status, 'scheduled');
    assert.equal(answer.body.to, '+15551234567');
    const sendAt = Date.parse(String(answer.body.sendAt));
    assert.ok(sendAt >= before + 16 * 60_000 && sendAt <= Date.now() + 16 * 60_000 + 1000);

    const [create] = emulator.requests;
    assert.ok(create);
    assert.equal(
      create.form.get('SendAt'),
      answer.body.sendAt,
      'the sendAt reported is the one sent',
    );
    assert.equal(create.form.get('ScheduleType'), 'fixed');
    assert.equal(create.form.get('MessagingServiceSid'), SERVICE);
    assert.equal(create.form.get('Body'), 'Ahoy');
    assert.equal(emulator.messages.get(String(answer.body.sid))?.status, 'scheduled');
  });

  it('answers 400 SEND_AT_TOO_SOON for minutes=15 and calls nobody', async () => {
    let clients = 0;
    const answer = await invoke(schedule, makeContext({ env, onClient: () => clients++ }), {
      number: '+15551234567',
      minutes: '15',
      message: 'Ahoy',
    });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error?.code, 'SEND_AT_TOO_SOON');
    assert.equal(clients, 0);
    assert.equal(emulator.requests.length, 0);
  });

  it('answers 500 CONFIG_MESSAGING_SERVICE_MISSING without a Messaging Service, and never calls Twilio', async () => {
    let clients = 0;
    const answer = await invoke(
      schedule,
      makeContext({
        env: { TWILIO_API_BASE_URL: env.TWILIO_API_BASE_URL ?? '' },
        onClient: () => clients++,
      }),
      { to: '+15551234567', minutes: '30', body: 'Hi' },
    );
    assert.equal(answer.status, 500);
    assert.equal(answer.body.error?.code, 'CONFIG_MESSAGING_SERVICE_MISSING');
    assert.equal(clients, 0);
    assert.equal(emulator.requests.length, 0);
  });

  it('reports the local time, the zone and a quiet-hours move', async (t) => {
    // The functions' clock frozen at noon UTC today: at 23:59 London the day after would not be
    // quiet (the rule ends at 23:59). The emulator keeps the real clock: noon is not far from it.
    const noon = new Date().setUTCHours(12, 0, 0, 0);
    const tomorrow = new Date(noon + 86_400_000).toISOString().slice(0, 10);
    t.mock.timers.enable({ apis: ['Date'], now: noon });
    const answer = await invoke(schedule, makeContext({ env }), {
      to: 'whatsapp:+44 7700 900123',
      body: 'Reminder',
      delay: '1d',
      at: '',
      timeZone: 'Europe/London',
      quietHours: '00:00-23:59',
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.to, 'whatsapp:+447700900123');
    assert.equal(answer.body.timeZone, 'Europe/London');
    assert.equal(answer.body.adjusted, 'quiet-hours');
    assert.match(
      String(answer.body.sendAtLocal),
      new RegExp(`^${tomorrow}T23:59:00[+-]\\d\\d:\\d\\d$`),
    );
  });

  it('sends media URLs as repeated MediaUrl and a template as ContentSid/ContentVariables', async () => {
    const media = await invoke(schedule, makeContext({ env }), {
      to: '+15551234567',
      mediaUrl: 'https://example.com/a.png, https://example.com/b.png',
      minutes: '60',
    });
    assert.equal(media.status, 200, JSON.stringify(media.body));
    assert.deepEqual(emulator.requests[0]?.form.getAll('MediaUrl'), [
      'https://example.com/a.png',
      'https://example.com/b.png',
    ]);

    const template = await invoke(schedule, makeContext({ env }), {
      to: '+15551234567',
      contentSid: `HX${'b'.repeat(32)}`,
      contentVariables: '{"1":"Ana"}',
      minutes: '60',
    });
    assert.equal(template.status, 200, JSON.stringify(template.body));
    assert.equal(emulator.requests[1]?.form.get('ContentSid'), `HX${'b'.repeat(32)}`);
    assert.equal(emulator.requests[1]?.form.get('ContentVariables'), '{"1":"Ana"}');
  });

  it('maps a Twilio refusal to 422 TWILIO_REJECTED with twilioCode, and masks the number', async () => {
    emulator.inject({
      kind: 'status',
      status: 400,
      code: 21211,
      message: "The 'To' number +15551234567 is not a valid phone number.",
    });
    const answer = await invoke(schedule, makeContext({ env }), {
      to: '+15551234567',
      body: 'x',
      minutes: '30',
    });
    assert.equal(answer.status, 422);
    assert.equal(answer.body.error?.code, 'TWILIO_REJECTED');
    assert.equal(answer.body.error?.twilioCode, 21211);
    assert.doesNotMatch(JSON.stringify(answer.body), /5551234567/);
  });

  it("passes on Twilio's own window refusal (35114) as 422 TWILIO_REJECTED, nothing stored", async () => {
    // A service configured below Twilio's 15-minute minimum: our window lets 10 minutes through,
    // the emulator applies Twilio's rule.
    const stored = emulator.messages.size;
    const answer = await invoke(
      schedule,
      makeContext({ env: { ...env, SCHEDULE_MIN_LEAD_MINUTES: '5' } }),
      { to: '+15551234567', body: 'x', minutes: '10' },
    );
    assert.equal(answer.status, 422, JSON.stringify(answer.body));
    assert.equal(answer.body.error?.code, 'TWILIO_REJECTED');
    assert.equal(answer.body.error?.twilioCode, 35114);
    assert.equal(emulator.requests.length, 1);
    assert.equal(emulator.messages.size, stored);
  });

  it('answers 500 CONFIG_INVALID naming a bad variable', async () => {
    const answer = await invoke(
      schedule,
      makeContext({ env: { ...env, DEFAULT_TIME_ZONE: 'Mars/Olympus' } }),
      {
        to: '+15551234567',
        body: 'x',
        minutes: '30',
      },
    );
    assert.equal(answer.status, 500);
    assert.equal(answer.body.error?.code, 'CONFIG_INVALID');
    assert.equal(answer.body.error?.field, 'DEFAULT_TIME_ZONE');
  });
});
