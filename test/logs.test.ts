// Log hygiene: every Twilio fault of the fault tests, configuration errors, hostile events and a
// crashing endpoint, run with the console captured. One structured line per request; no full
// phone number, message body or credential in any of it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { EMULATOR_ACCOUNT_SID, TwilioEmulator } from '../emulator';
import {
  ALICE,
  BOB,
  bodyText,
  built,
  CREDENTIAL_ENV,
  CREDENTIALS,
  captureConsole,
  checkScenario,
  handlerOf,
  runScenario,
  SERVICE,
  scenarios,
} from './support/faults';
import { type Answer, invoke, makeContext } from './support/functions';

interface Run {
  label: string;
  answer: Answer;
  /** What the line must say about the recipient, if anything. */
  maskedTo?: string;
}

describe('log lines', () => {
  const emulator = new TwilioEmulator();
  const env: Record<string, string> = {};
  const runs: Run[] = [];
  const secrets = new Set<string>([...CREDENTIALS, EMULATOR_ACCOUNT_SID]);
  let captured: ReturnType<typeof captureConsole>;

  before(async () => {
    Object.assign(env, CREDENTIAL_ENV, {
      MESSAGING_SERVICE_SID: SERVICE,
      TWILIO_API_BASE_URL: await emulator.start(),
    });
    captured = captureConsole();

    for (const scenario of scenarios) {
      emulator.requests.length = 0;
      emulator.messages.clear();
      emulator.clearFaults();
      // On a virtual clock: back-offs cost no time, and the lines are the same.
      const { answer, state } = await runScenario(scenario, emulator, env, { virtual: true });
      checkScenario(scenario, answer, emulator, state);
      for (const secret of scenario.secrets) secrets.add(secret);
      runs.push({ label: scenario.name, answer });
    }
    emulator.clearFaults();

    // Successes echo the number in the answer, never in the log.
    for (const [to, masked] of [
      [ALICE, '***0042'],
      [`whatsapp:${BOB}`, 'whatsapp:***1077'],
      ['+1 (555) 731-0042', '***0042'],
    ] as const) {
      const answer = await invoke(built['schedule-message'], makeContext({ env }), {
        to,
        body: bodyText(`ok ${to}`),
        minutes: '90',
      });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      secrets.add(bodyText(`ok ${to}`));
      runs.push({ label: `scheduled for ${to}`, answer, maskedTo: masked });
    }
    secrets.add(ALICE.slice(1)).add(BOB.slice(1)).add('5557310042');

    // Configuration errors, among them bad credentials, which must not be echoed anywhere.
    for (const bad of [
      { AUTH_TOKEN: 'hunter2-hunter2' },
      { ACCOUNT_SID: 'ACsecret-account' },
      { MESSAGING_SERVICE_SID: 'MGnope' },
      { TWILIO_API_BASE_URL: 'http://user:pa55word@attacker.example' },
    ]) {
      for (const value of Object.values(bad)) secrets.add(value);
      const context = makeContext({ env: { ...env, ...bad } });
      const answer = await invoke(built['schedule-message'], context, {
        to: ALICE,
        body: bodyText('config'),
        minutes: 'soon',
      });
      runs.push({ label: `config ${Object.keys(bad)}`, answer, maskedTo: '***0042' });
    }

    // An endpoint that crashes with the number and the body in its error.
    const crashing = handlerOf('crash', async () => {
      throw new TypeError(`cannot read ${ALICE}: ${bodyText('crash')}`);
    });
    runs.push({
      label: 'a crashing endpoint',
      answer: await invoke(crashing, makeContext({ env }), { to: ALICE }),
      maskedTo: '***0042',
    });
    secrets.add(bodyText('crash'));

    // Hostile events that carry a number and a body somewhere, in any shape.
    const hostile = fc.record({
      to: fc.oneof(fc.constant(BOB), fc.constant([BOB, ALICE]), fc.constant({ n: BOB })),
      body: fc.oneof(fc.constant(bodyText('hostile')), fc.constant([bodyText('hostile')])),
      minutes: fc.oneof(fc.string(), fc.double(), fc.constant('30')),
      timeZone: fc.oneof(fc.string(), fc.constantFrom(BOB, `Tel${BOB}`)),
    });
    secrets.add(bodyText('hostile'));
    for (const event of fc.sample(hostile, 40)) {
      const answer = await invoke(built['schedule-message'], makeContext({ env }), event);
      runs.push({ label: `hostile ${JSON.stringify(event)}`, answer });
    }
    captured.restore();
  });
  after(() => emulator.stop());

  const lines = () => captured.lines;

  it('has exactly one line per request, with the endpoint, the outcome, the status and the time', () => {
    assert.equal(lines().length, runs.length, lines().join('\n'));
    runs.forEach((run, i) => {
      const line = JSON.parse(lines()[i] ?? '{}');
      const expected = run.answer.status === 200 ? 'ok' : run.answer.body.error?.code;
      assert.equal(typeof line.endpoint, 'string', run.label);
      assert.equal(line.outcome, expected, run.label);
      assert.equal(line.status, run.answer.status, run.label);
      assert.ok(Number.isInteger(line.ms) && line.ms >= 0, run.label);
    });
  });

  it('masks the recipient to its last 4 digits', () => {
    runs.forEach((run, i) => {
      if (run.maskedTo === undefined) return;
      assert.equal(JSON.parse(lines()[i] ?? '{}').to, run.maskedTo, run.label);
    });
  });

  it('holds no phone number, message body or credential', () => {
    const text = lines().join('\n');
    for (const secret of secrets) assert.ok(!text.includes(secret), `the logs hold ${secret}`);
    // Nothing logged is a long run of digits: no number slips through in another shape.
    assert.doesNotMatch(text, /\d{5,}/);
    assert.doesNotMatch(text, /Secret body|Authorization|Basic /);
  });

  it('names a crash by its error type only', () => {
    const i = runs.findIndex((run) => run.label === 'a crashing endpoint');
    const line = JSON.parse(lines()[i] ?? '{}');
    assert.equal(line.outcome, 'INTERNAL_ERROR');
    assert.equal(line.internalError, 'TypeError');
  });

  it('says that an ignored TWILIO_API_BASE_URL was ignored, without repeating it', () => {
    const line = lines().find((l) => l.includes('TWILIO_API_BASE_URL'));
    assert.ok(line, 'a warning was logged');
    assert.ok(!line.includes('attacker.example'));
  });
});
