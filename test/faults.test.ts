// Reliability under Twilio faults: the built functions against the Messages emulator with faults
// injected, the time budget (once in real time, otherwise on a virtual clock), the transport's
// retries, and configuration errors.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import https from 'node:https';
import { PassThrough } from 'node:stream';
import { after, before, beforeEach, describe, it } from 'node:test';
import { EMULATOR_ACCOUNT_SID, EMULATOR_AUTH_TOKEN, TwilioEmulator } from '../emulator';
import { scheduleMessage } from '../src/endpoints/schedule-message';
import { readConfig } from '../src/input/config';
import { createTransport, retryAfterMs, TransportError } from '../src/twilio/transport';
import {
  ALICE,
  bodyText,
  built,
  CREDENTIAL_ENV,
  captureConsole,
  checkScenario,
  creates,
  handlerOf,
  isCreate,
  runScenario,
  SERVICE,
  scenarios,
  virtualTime,
} from './support/faults';
import { invoke, makeContext } from './support/functions';

const MESSAGES_URI = `https://api.twilio.com/2010-04-01/Accounts/${EMULATOR_ACCOUNT_SID}/Messages.json`;

/** One emulator per suite, so that suites can run side by side. */
function useEmulator() {
  const emulator = new TwilioEmulator();
  const env: Record<string, string> = {};
  before(async () => {
    Object.assign(env, CREDENTIAL_ENV, {
      MESSAGING_SERVICE_SID: SERVICE,
      TWILIO_API_BASE_URL: await emulator.start(),
    });
  });
  after(() => emulator.stop());
  beforeEach(() => {
    emulator.requests.length = 0;
    emulator.messages.clear();
    emulator.clearFaults();
  });
  return { emulator, env };
}

// The long real-time test runs beside the others rather than after them.
describe('Twilio faults', { concurrency: true }, () => {
  // The handlers log a line per request; keep the test output readable.
  let quiet: ReturnType<typeof captureConsole>;
  before(() => {
    quiet = captureConsole();
  });
  after(() => quiet.restore());

  describe('the real budget (built function)', { concurrency: false }, () => {
    const { emulator, env } = useEmulator();

    it('answers a Twilio that never answers with 504 TWILIO_TIMEOUT within 8 s', async () => {
      emulator.inject({ kind: 'hang' }, 5);
      const started = Date.now();
      const answer = await invoke(built['schedule-message'], makeContext({ env }), {
        to: ALICE,
        body: bodyText('real-hang'),
        minutes: '30',
      });
      const elapsed = Date.now() - started;
      assert.equal(answer.status, 504, JSON.stringify(answer.body));
      assert.equal(answer.body.error?.code, 'TWILIO_TIMEOUT');
      assert.match(String(answer.body.error?.message), /may have been scheduled/);
      assert.equal(answer.callbacks, 1);
      assert.ok(elapsed < 8_000, `answered after ${elapsed} ms`);
      assert.ok(elapsed >= 5_000, `gave Twilio most of the budget, not ${elapsed} ms`);
      assert.equal(creates(emulator), 1, 'the create was not repeated');
    });
  });

  describe('injected faults', { concurrency: false }, () => {
    const { emulator, env } = useEmulator();
    for (const scenario of scenarios) {
      it(scenario.name, async () => {
        const { answer, state } = await runScenario(scenario, emulator, env);
        checkScenario(scenario, answer, emulator, state);
      });
    }
  });

  describe('429 retries on a virtual clock', { concurrency: false }, () => {
    const { emulator, env } = useEmulator();
    const event = { to: ALICE, body: bodyText('virtual'), minutes: '30' };

    const run = async () => {
      const time = virtualTime();
      const handler = handlerOf('schedule-message', scheduleMessage, time);
      const started = time.clock();
      const answer = await invoke(handler, makeContext({ env }), event);
      return { answer, sleeps: time.sleeps, elapsed: time.clock() - started };
    };

    it('honours Retry-After in seconds, then succeeds', async () => {
      emulator.inject({ kind: 'status', status: 429, retryAfter: '2' }, 2, isCreate);
      const { answer, sleeps } = await run();
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.deepEqual(sleeps, [2_000, 2_000]);
      assert.equal(creates(emulator), 3);
      assert.equal(emulator.messages.size, 1);
    });

    it('honours Retry-After as an HTTP date', async () => {
      const date = new Date(Date.now() + 3_000).toUTCString();
      emulator.inject({ kind: 'status', status: 429, retryAfter: date }, 1, isCreate);
      const { answer, sleeps } = await run();
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(sleeps.length, 1);
      // The date has whole seconds: up to 3 s, more than 1 s.
      assert.ok(sleeps[0] !== undefined && sleeps[0] > 1_000 && sleeps[0] <= 3_000, `${sleeps}`);
    });

    it('without Retry-After backs off 250, 500, 1000 ms, then answers 503', async () => {
      emulator.inject({ kind: 'status', status: 429 }, 50, isCreate);
      const { answer, sleeps } = await run();
      assert.equal(answer.status, 503);
      assert.equal(answer.body.error?.code, 'TWILIO_RATE_LIMITED');
      assert.deepEqual(sleeps, [250, 500, 1_000]);
      assert.equal(creates(emulator), 4);
    });

    it('429 forever: stops when the next wait would overrun, and answers 503 within the budget', async () => {
      emulator.inject({ kind: 'status', status: 429, retryAfter: '3' }, 50, isCreate);
      const { answer, sleeps, elapsed } = await run();
      assert.equal(answer.status, 503);
      assert.equal(answer.body.error?.code, 'TWILIO_RATE_LIMITED');
      assert.deepEqual(sleeps, [3_000, 3_000], 'a third 3 s wait would pass the budget');
      assert.equal(creates(emulator), 3);
      assert.ok(elapsed < 8_000, `answered after ${elapsed} virtual ms`);
    });

    it('a 500 after a 429 is not retried', async () => {
      emulator.inject({ kind: 'status', status: 429, retryAfter: '1' }, 1, isCreate);
      emulator.inject({ kind: 'status', status: 500 }, 5, isCreate);
      const { answer } = await run();
      assert.equal(answer.status, 502);
      assert.equal(creates(emulator), 2);
    });
  });

  describe('the handler', { concurrency: false }, () => {
    it('answers 504 by the budget for an endpoint that never settles, exactly once', async () => {
      let calls = 0;
      // After the start, 7.5 s have passed: the handler's guard has 0.3 s left.
      const clock = () => Date.now() + (calls++ === 0 ? 0 : 7_500);
      const handler = handlerOf('stuck', () => new Promise(() => {}), { clock });
      const started = Date.now();
      const answer = await invoke(handler, makeContext(), { to: ALICE });
      assert.equal(answer.status, 504);
      assert.equal(answer.body.error?.code, 'TWILIO_TIMEOUT');
      assert.equal(answer.callbacks, 1);
      assert.ok(Date.now() - started < 3_000);
    });

    it('answers a structured 500 INTERNAL_ERROR, once, when an endpoint throws', async () => {
      const handler = handlerOf('broken', async () => {
        throw new Error(`boom for ${ALICE}`);
      });
      const answer = await invoke(handler, makeContext(), { to: ALICE });
      assert.equal(answer.status, 500);
      assert.equal(answer.callbacks, 1);
      assert.deepEqual(Object.keys(answer.body.error ?? {}).sort(), ['code', 'detail', 'message']);
      assert.equal(answer.body.error?.code, 'INTERNAL_ERROR');
      assert.doesNotMatch(JSON.stringify(answer.body), /boom|5557310042|at /);
    });
  });

  describe('the transport', { concurrency: false }, () => {
    const { emulator } = useEmulator();
    const request = (deadline: number) =>
      createTransport({ deadline, baseUrl: emulator.url }).request({
        method: 'post',
        uri: MESSAGES_URI,
        username: EMULATOR_ACCOUNT_SID,
        password: EMULATOR_AUTH_TOKEN,
        data: { To: ALICE, Body: 'x' },
      });

    it('cuts an attempt off at the deadline', async () => {
      emulator.inject({ kind: 'hang' });
      const started = Date.now();
      await assert.rejects(request(started + 600), (error: unknown) => {
        assert.ok(error instanceof TransportError);
        assert.equal(error.kind, 'timeout');
        return true;
      });
      assert.ok(Date.now() - started < 3_000);
      assert.equal(emulator.requests.length, 1);
    });

    it('starts no attempt with too little time left', async () => {
      await assert.rejects(request(Date.now() + 100), { name: 'TransportError' });
      assert.equal(emulator.requests.length, 0);
    });

    it('reads Retry-After as seconds or an HTTP date, and ignores what it cannot read', () => {
      const now = Date.parse('2026-03-01T12:00:00Z');
      assert.equal(retryAfterMs('2', now), 2_000);
      assert.equal(retryAfterMs(' 0.5 ', now), 500);
      assert.equal(retryAfterMs('Sun, 01 Mar 2026 12:00:05 GMT', now), 5_000);
      assert.equal(retryAfterMs('Sun, 01 Mar 2026 11:00:00 GMT', now), 0);
      assert.equal(retryAfterMs('soon', now), undefined);
      assert.equal(retryAfterMs(null, now), undefined);
    });
  });

  describe('configuration', { concurrency: false }, () => {
    const { emulator, env } = useEmulator();
    const event = { to: ALICE, body: bodyText('config'), minutes: '30' };
    const invalid: [string, Record<string, string>][] = [
      ['MESSAGING_SERVICE_SID', { MESSAGING_SERVICE_SID: 'MG123' }],
      ['DEFAULT_TIME_ZONE', { DEFAULT_TIME_ZONE: 'Mars/Olympus' }],
      ['QUIET_HOURS', { QUIET_HOURS: '22:00' }],
      ['QUIET_HOURS', { QUIET_HOURS: '25:00-07:00' }],
      ['SCHEDULE_MIN_LEAD_MINUTES', { SCHEDULE_MIN_LEAD_MINUTES: 'ten' }],
      ['SCHEDULE_MIN_LEAD_MINUTES', { SCHEDULE_MIN_LEAD_MINUTES: '-5' }],
      ['SCHEDULE_MIN_LEAD_MINUTES', { SCHEDULE_MIN_LEAD_MINUTES: '1e3' }],
      ['SCHEDULE_MIN_LEAD_MINUTES', { SCHEDULE_MIN_LEAD_MINUTES: '1441' }],
      [
        'SCHEDULE_MIN_LEAD_MINUTES',
        { SCHEDULE_MIN_LEAD_MINUTES: '1440', SCHEDULE_MAX_LEAD_DAYS: '1' },
      ],
      ['SCHEDULE_MAX_LEAD_DAYS', { SCHEDULE_MAX_LEAD_DAYS: '0' }],
      ['SCHEDULE_MAX_LEAD_DAYS', { SCHEDULE_MAX_LEAD_DAYS: '36' }],
      ['SCHEDULE_MAX_LEAD_DAYS', { SCHEDULE_MAX_LEAD_DAYS: 'forever' }],
      ['ACCOUNT_SID', { ACCOUNT_SID: 'ACnot-an-account-sid' }],
      ['ACCOUNT_SID', { ACCOUNT_SID: `SK${'1'.repeat(32)}` }],
      ['AUTH_TOKEN', { AUTH_TOKEN: 'hunter2-hunter2' }],
      ['TWILIO_API_BASE_URL', { TWILIO_API_BASE_URL: 'not a url' }],
      ['TWILIO_API_BASE_URL', { TWILIO_API_BASE_URL: 'ftp://127.0.0.1/' }],
    ];

    for (const [name, bad] of invalid) {
      it(`answers 500 CONFIG_INVALID naming ${name} for ${JSON.stringify(bad)}`, async () => {
        for (const endpoint of ['schedule-message', 'cancel-message'] as const) {
          let clients = 0;
          const context = makeContext({ env: { ...env, ...bad }, onClient: () => clients++ });
          const answer = await invoke(built[endpoint], context, event);
          assert.equal(answer.status, 500, JSON.stringify(answer.body));
          assert.equal(answer.callbacks, 1);
          assert.equal(answer.body.error?.code, 'CONFIG_INVALID');
          assert.equal(answer.body.error?.field, name);
          assert.match(String(answer.body.error?.detail), new RegExp(name));
          assert.doesNotMatch(String(answer.body.error?.message), new RegExp(name));
          for (const value of Object.values(bad)) {
            assert.ok(!JSON.stringify(answer.body).includes(value), 'the value is not echoed');
          }
          assert.equal(clients, 0);
        }
        assert.equal(emulator.requests.length, 0);
      });
    }

    it('answers 500 CONFIG_TWILIO_AUTH when no Twilio client can be built', async () => {
      const context = {
        ...makeContext({ env }),
        getTwilioClient() {
          throw new Error(`username is required (${EMULATOR_AUTH_TOKEN})`);
        },
      };
      const answer = await invoke(built['schedule-message'], context, event);
      assert.equal(answer.status, 500);
      assert.equal(answer.body.error?.code, 'CONFIG_TWILIO_AUTH');
      assert.doesNotMatch(JSON.stringify(answer.body), /username|eeee/);
    });

    it('accepts TWILIO_API_BASE_URL on loopback only; elsewhere it is ignored with a warning', () => {
      for (const url of [
        'http://127.0.0.1:3000',
        'http://127.4.5.6:80/',
        'http://localhost:3000',
        'http://[::1]:3000',
      ]) {
        const config = readConfig({ TWILIO_API_BASE_URL: url });
        assert.ok(config.ok && config.value.apiBaseUrl !== undefined, url);
        assert.deepEqual(config.ok && config.value.warnings, [], url);
      }
      for (const url of [
        'https://example.com',
        'http://127.0.0.1.nip.io:3000',
        'http://10.0.0.1:3000',
        'http://0.0.0.0:3000',
        'http://user:secret@127.0.0.1:3000',
        'http://localhost.example.com',
      ]) {
        const config = readConfig({ TWILIO_API_BASE_URL: url });
        assert.ok(config.ok, url);
        assert.equal(config.value.apiBaseUrl, undefined, url);
        assert.equal(config.value.warnings.length, 1, url);
        assert.ok(!config.value.warnings.join().includes(url), 'the URL is not echoed');
      }
    });

    it('sends calls to api.twilio.com, not to an ignored TWILIO_API_BASE_URL', async (t) => {
      const urls: string[] = [];
      // No network: a call for Twilio (https) is answered here, as Twilio would, and recorded;
      // the emulators of the suites running alongside are plain http, untouched.
      t.mock.method(https, 'request', (url: URL) => {
        urls.push(String(url));
        const request = Object.assign(new EventEmitter(), {
          destroy() {},
          end() {
            const response = Object.assign(new PassThrough(), {
              statusCode: 201,
              headers: { 'content-type': 'application/json' },
            });
            request.emit('response', response);
            response.end(
              JSON.stringify({ sid: `SM${'c'.repeat(32)}`, status: 'scheduled', to: ALICE }),
            );
          },
        });
        return request;
      });
      const context = makeContext({
        env: { ...env, TWILIO_API_BASE_URL: 'http://attacker.example:8080' },
      });
      const answer = await invoke(built['schedule-message'], context, event);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      // Every call went to Twilio itself (the registry's go to Sync), one of them the create.
      for (const url of urls) assert.match(url, /^https:\/\/(api|sync)\.twilio\.com\//);
      assert.equal(
        urls.filter((url) => /^https:\/\/api\.twilio\.com\/2010-04-01\//.test(url)).length,
        1,
      );
    });
  });
});
