// `when` through the shipped paths: the built /schedule-message with no locale (as the Studio
// flow sends it) answers the language it read, in that language's words; and a request with
// many candidate zones reads the text once per language, never once per zone.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TwilioEmulator } from '../emulator';
import { computeSendTime } from '../src/time/send-time';
import { chronoFor } from '../src/time/when-chrono';
import { freezeClock, thawClock } from './support/clock';
import { invoke, loadFunction, makeContext } from './support/functions';

const SERVICE = `MG${'a'.repeat(32)}`;

describe('when through the built /schedule-message, no locale', () => {
  let emulator: TwilioEmulator;
  let env: Record<string, string>;
  const schedule = loadFunction('schedule-message');
  const call = (event: Record<string, unknown>) => invoke(schedule, makeContext({ env }), event);

  before(async () => {
    emulator = new TwilioEmulator({ clock: () => Date.now(), sendIntervalMs: 0 });
    env = { MESSAGING_SERVICE_SID: SERVICE, TWILIO_API_BASE_URL: await emulator.start() };
    const frozen = Date.parse('2027-03-10T09:30:00Z'); // Wednesday 10:30 in Paris
    freezeClock(frozen);
  });
  after(async () => {
    thawClock();
    await emulator.stop();
  });

  it('demain à 9h is tomorrow 09:00, never "in 9 hours"; the answer says French, in French', async () => {
    const answer = await call({
      to: '+33612345678',
      body: 'Rappel',
      when: 'demain à 9h',
      timeZone: 'Europe/Paris',
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.sendAtLocal, '2027-03-11T09:00:00+01:00');
    assert.equal(answer.body.language, 'fr');
    assert.equal(answer.body.interpreted, 'demain à 9h');
    assert.match(String(answer.body.sendAtText), /jeudi 11 mars/);
  });

  it("a past phrase is refused in the texter's language, saying so; the facts stay off the wire", async () => {
    const answer = await call({
      to: '+34612345678',
      body: 'x',
      when: 'ayer a las 9',
      timeZone: 'Europe/Madrid',
    });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error?.code, 'INVALID_WHEN');
    // Written in Spanish, so answered in Spanish; the detail is the builder's, in English.
    assert.match(String(answer.body.error?.message), /ya pasó/);
    assert.match(String(answer.body.error?.detail), /in the past/);
    assert.equal(answer.body.error?.facts, undefined);
    assert.equal(answer.body.error?.language, undefined);
  });

  it('a when longer than 300 characters is refused, the detail naming the limit', async () => {
    const answer = await call({
      to: '+15550001500',
      body: 'x',
      when: `tomorrow at 9am ${'please '.repeat(50)}`,
      timeZone: 'America/New_York',
    });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error?.code, 'INVALID_WHEN');
    assert.match(String(answer.body.error?.detail), /300 characters/);
  });
});

describe('several candidate zones', () => {
  it('reads the text once, and places it in each zone (the latest wins)', () => {
    const chrono = chronoFor('en');
    const parse = chrono.parse.bind(chrono);
    let calls = 0;
    chrono.parse = (...args) => {
      calls++;
      return parse(...args);
    };
    try {
      const zones = [
        'America/New_York',
        'America/Chicago',
        'America/Denver',
        'America/Los_Angeles',
        'America/Anchorage',
        'Pacific/Honolulu',
      ];
      const now = Date.parse('2027-03-10T15:30:00Z');
      const result = computeSendTime(
        {
          spec: { kind: 'when', text: 'tomorrow at 9am' },
          zones,
          quietHours: null,
          quietDays: null,
          ifTooSoon: 'reject',
          locale: 'en-US',
        },
        { minLeadMinutes: 15, maxLeadDays: 35 },
        now,
      );
      assert.ok(result.ok);
      assert.equal(calls, 1);
      // 09:00 in Honolulu (HST, -10) is the latest of the six.
      assert.equal(result.value.sendAt, '2027-03-11T19:00:00Z');
      assert.equal(result.value.language, 'en');
    } finally {
      chrono.parse = parse;
    }
  });
});
