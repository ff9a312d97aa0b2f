// Error text fit for the person who texted (docs/errors.md). Every ErrorCode is
// produced, through the built functions where a request can reach it (emulator behind them),
// else by the module that makes it, and its `message` is checked: no parameter or variable
// name, no "=", no UPPER_SNAKE code, no jargon; `detail` carries the builder's explanation.
// The table is a Record over ErrorCode: a new code does not type-check until it has a case.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { TwilioEmulator } from '../emulator';
import type { AppError, ErrorCode } from '../src/core/errors';
import { wordsFor } from '../src/edge/error-words';
import { slotPlace } from '../src/registry/keys';
import { twilioError } from '../src/twilio/errors';
import { TransportError } from '../src/twilio/transport';
import { invoke, loadFunction, makeContext } from './support/functions';
import { unfit } from './support/texter-text';

const SERVICE = `MG${'a'.repeat(32)}`;
const ALICE = '+15551230001';
const BOB = '+15551230002';
const UNKNOWN_SID = `SM${'0'.repeat(32)}`;

type Endpoint =
  | 'schedule-message'
  | 'cancel-message'
  | 'scheduled-messages'
  | 'message-status'
  | 'reply';
interface ViaFunction {
  endpoint: Endpoint;
  event: Record<string, unknown>;
  env?: Record<string, string | undefined>;
  /** Runs first; may return the event to send instead (e.g. holding a seeded SID). */
  setup?: (emulator: TwilioEmulator) => unknown;
  /** Also required of the message (e.g. "in the past"). */
  says?: RegExp;
}
interface ViaModule {
  /** Not reachable by a request in a test's time (e.g. waiting out the 8 s budget). */
  produce: () => AppError;
  says?: RegExp;
}
type Case = ViaFunction | ViaModule;

const schedule = (event: Record<string, unknown>, extra: Partial<ViaFunction> = {}): Case => ({
  endpoint: 'schedule-message',
  event: { to: ALICE, body: 'See you', minutes: '30', ...event },
  ...extra,
});
const cancel = (event: Record<string, unknown>, extra: Partial<ViaFunction> = {}): Case => ({
  endpoint: 'cancel-message',
  event,
  ...extra,
});
const isCreate = (req: { method: string; host: string }) =>
  req.method === 'POST' && req.host === 'api';
/** An error as the edge words it (for the codes only a module makes). */
const worded = (error: AppError): AppError => ({ ...error, ...wordsFor(error, 'en') });
const CASES: Record<ErrorCode, Case> = {
  NO_FIELDS: { endpoint: 'schedule-message', event: { '0': ALICE, '1': 'hello' } },
  MISSING_TO: schedule({ to: undefined }),
  INVALID_TO: schedule({ to: '555-1234' }),
  CONFLICTING_TO: schedule({ number: BOB }),
  MISSING_CONTENT: schedule({ body: undefined }),
  BODY_TOO_LONG: schedule({ body: 'x'.repeat(1601) }),
  INVALID_BODY: schedule({ body: 42 }),
  CONFLICTING_BODY: schedule({ message: 'Something else' }),
  INVALID_MEDIA_URL: schedule({ mediaUrl: 'ftp://example.com/a.png' }),
  TOO_MANY_MEDIA: schedule({
    mediaUrl: Array.from({ length: 11 }, (_, i) => `https://example.com/${i}.png`),
  }),
  INVALID_CONTENT_SID: schedule({ body: undefined, contentSid: 'HX1' }),
  INVALID_CONTENT_VARIABLES: schedule({
    body: undefined,
    contentSid: `HX${'b'.repeat(32)}`,
    contentVariables: 'not json',
  }),
  CONFLICTING_CONTENT: schedule({ contentSid: `HX${'b'.repeat(32)}` }),
  MISSING_SEND_TIME: schedule({ minutes: undefined }),
  CONFLICTING_SEND_TIME: schedule({ delay: '2h' }),
  INVALID_MINUTES: schedule({ minutes: '0' }, { says: /zero/ }),
  INVALID_DELAY: schedule({ minutes: undefined, delay: '0m' }, { says: /longer than zero/ }),
  INVALID_SEND_AT: schedule(
    { minutes: undefined, sendAt: '2026-02-30T09:00', timeZone: 'UTC' },
    { says: /date does not exist/ },
  ),
  INVALID_AT: schedule({ minutes: undefined, at: '25:00', timeZone: 'UTC' }),
  INVALID_WHEN: schedule({ minutes: undefined, when: 'blorp flarp' }),
  MISSING_TIME_ZONE: schedule({ minutes: undefined, at: '09:00' }),
  INVALID_TIME_ZONE: schedule({ timeZone: 'Mars/Olympus_Mons' }),
  INVALID_QUIET_HOURS: schedule({ quietHours: '9pm-8am', timeZone: 'UTC' }),
  INVALID_QUIET_DAYS: schedule({ quietDays: 'funday', timeZone: 'UTC' }),
  INVALID_LOCALE: schedule({ locale: 'not a locale!' }),
  UNKNOWN_RECIPIENT_TIME_ZONE: schedule({ to: '+80012345678', timeZone: 'recipient' }),
  // A toll-free +1 number may be in any of 42 zones; a 1-minute gap a day is never the same
  // minute in all of them.
  NO_ALLOWED_TIME: schedule({
    to: '+18005550100',
    timeZone: 'recipient',
    quietHours: '08:00-07:59',
  }),
  INVALID_IF_TOO_SOON: schedule({ ifTooSoon: 'maybe' }),
  SEND_AT_TOO_SOON: schedule(
    { minutes: undefined, sendAt: '2020-01-01T09:00:00Z' },
    { says: /in the past/ },
  ),
  SEND_AT_TOO_LATE: schedule(
    { minutes: undefined, delay: '40d', timeZone: 'America/New_York' },
    { says: /latest .*\d{4}.*\(America\/New_York\)/ },
  ),
  INVALID_SID: cancel({ sid: 'SM123' }),
  MISSING_SID: cancel({ sid: '', to: ALICE }),
  CONFLICTING_TARGET: cancel({ sid: UNKNOWN_SID, to: ALICE }),
  MISSING_TARGET: cancel({ to: ' ' }),
  INVALID_MESSAGING_SERVICE_SID: schedule({ messagingServiceSid: 'MG1' }),
  INVALID_REPEAT: schedule({ repeat: 'hourly', count: '3' }),
  INVALID_IDEMPOTENCY_KEY: schedule({ idempotencyKey: 'k'.repeat(200) }),
  INVALID_TAG: schedule({ tag: 'not a tag!' }),
  INVALID_SERIES: cancel({ series: 'not a series!' }),
  INVALID_CURSOR: { endpoint: 'scheduled-messages', event: { to: ALICE, cursor: 'not a cursor!' } },
  INVALID_REPLACE: schedule({ tag: 'appt-1', replace: 'maybe' }),
  REPLACE_NEEDS_TAG: schedule({ replace: 'true' }),
  REGISTRY_DISABLED: schedule({ tag: 'appt-1' }, { env: { REGISTRY: 'off' } }),
  IDEMPOTENCY_KEY_REUSED: schedule(
    { idempotencyKey: 'reused-key' },
    {
      setup: async (emulator) => {
        const first = await invoke(loadFunction('schedule-message'), contextFor(emulator), {
          to: ALICE,
          body: 'The first request',
          minutes: '30',
          idempotencyKey: 'reused-key',
        });
        assert.equal(first.status, 200, JSON.stringify(first.body));
      },
    },
  ),
  IDEMPOTENCY_KEY_IN_USE: schedule(
    { idempotencyKey: 'unknown-outcome' },
    {
      setup: async (emulator) => {
        emulator.inject({ kind: 'status', status: 500, code: 20500 }, 1, isCreate);
        const first = await invoke(loadFunction('schedule-message'), contextFor(emulator), {
          to: ALICE,
          body: 'See you',
          minutes: '30',
          idempotencyKey: 'unknown-outcome',
        });
        assert.equal(first.status, 502, JSON.stringify(first.body));
      },
    },
  ),
  REGISTRY_UNAVAILABLE: schedule(
    { idempotencyKey: 'sync-down' },
    {
      setup: (emulator) =>
        emulator.inject({ kind: 'status', status: 500, code: 20500 }, 50, (r) => r.host === 'sync'),
    },
  ),
  INVALID_APPOINTMENT_AT: schedule(
    { minutes: undefined, appointmentAt: '2020-01-01T09:00:00Z', tag: 'appt-past' },
    { says: /already passed/ },
  ),
  INVALID_REMIND: schedule({
    minutes: undefined,
    appointmentAt: 'in 3 days',
    timeZone: 'UTC',
    tag: 'appt-r',
    remind: 'soon',
  }),
  APPOINTMENT_NEEDS_TAG: schedule({ minutes: undefined, appointmentAt: 'in 3 days' }),
  INVALID_MAX_PER_DAY: schedule({ maxPerDay: 'lots' }),
  MISSING_FROM: { endpoint: 'reply', event: { text: 'C' } },
  INVALID_FROM: { endpoint: 'reply', event: { from: ['+15551230001', '+15551230002'], text: 'C' } },
  APPOINTMENT_EXISTS: schedule(
    { minutes: undefined, appointmentAt: 'in 3 days', timeZone: 'UTC', tag: 'appt-twice' },
    {
      setup: async (emulator) => {
        const first = await invoke(loadFunction('schedule-message'), contextFor(emulator), {
          to: ALICE,
          body: 'See you',
          appointmentAt: 'in 3 days',
          timeZone: 'UTC',
          tag: 'appt-twice',
        });
        assert.equal(first.status, 200, JSON.stringify(first.body));
      },
    },
  ),
  APPOINTMENT_TOO_FAR: schedule(
    { minutes: undefined, appointmentAt: 'in 60 days', timeZone: 'UTC', tag: 'appt-far' },
    { says: /too far ahead/ },
  ),
  FREQUENCY_CAP: schedule(
    { maxPerDay: '1' },
    {
      setup: async (emulator) => {
        const first = await invoke(loadFunction('schedule-message'), contextFor(emulator), {
          to: ALICE,
          body: 'The first of the day',
          minutes: '20',
        });
        assert.equal(first.status, 200, JSON.stringify(first.body));
      },
      says: /at most 1/,
    },
  ),
  NOT_FOUND: cancel({ sid: UNKNOWN_SID }),
  NOT_CANCELABLE: {
    endpoint: 'cancel-message',
    event: {},
    setup: (emulator) => ({ sid: emulator.seed({ to: ALICE, status: 'delivered' }) }),
  },
  TWILIO_REJECTED: schedule(
    {},
    {
      setup: (emulator) =>
        emulator.inject(
          {
            kind: 'status',
            status: 400,
            code: 21610,
            message: 'Attempt to send to unsubscribed recipient',
          },
          1,
          isCreate,
        ),
    },
  ),
  // Another replace of the same recipient and tag holds its slot for the whole wait.
  REPLACE_IN_PROGRESS: schedule(
    { tag: 'appt-busy', replace: 'true' },
    {
      setup: async (emulator) => {
        const { map, key } = slotPlace('appt-busy', ALICE);
        const auth = `Basic ${Buffer.from(`${emulator.accountSid}:${emulator.authToken}`).toString('base64')}`;
        const post = (path: string, form: Record<string, string>) =>
          fetch(`${emulator.url}/v1/Services/default/${path}`, {
            method: 'POST',
            headers: { Authorization: auth, 'Content-Type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams(form),
          });
        await post('Maps', { UniqueName: map });
        const held = JSON.stringify({ heldUntil: Date.now() + 60_000 });
        const created = await post(`Maps/${map}/Items`, { Key: key, Data: held });
        assert.equal(created.status, 201);
      },
    },
  ),
  CONFIG_MESSAGING_SERVICE_MISSING: schedule({}, { env: { MESSAGING_SERVICE_SID: undefined } }),
  CONFIG_INVALID: schedule({}, { env: { QUIET_HOURS: '22:00', SCHEDULE_MAX_LEAD_DAYS: '90' } }),
  CONFIG_TWILIO_AUTH: schedule(
    {},
    {
      setup: (emulator) =>
        emulator.inject({ kind: 'status', status: 401, code: 20003 }, 1, isCreate),
    },
  ),
  TWILIO_UNAVAILABLE: schedule(
    {},
    {
      setup: (emulator) =>
        emulator.inject({ kind: 'status', status: 503, code: 20503 }, 1, isCreate),
      says: /may have been scheduled/,
    },
  ),
  TWILIO_RATE_LIMITED: schedule(
    {},
    {
      setup: (emulator) =>
        emulator.inject(
          { kind: 'status', status: 429, code: 20429, retryAfter: '60' },
          5,
          isCreate,
        ),
    },
  ),
  // The real wait is the 8 s budget: the module that words it instead (faults.test.ts times it).
  TWILIO_TIMEOUT: {
    produce: () =>
      twilioError(new TransportError('timeout', 'Twilio did not answer in time.'), 'create'),
    says: /may have been scheduled/,
  },
  // The budget spent (e.g. by 429 back-offs) before a call could start: nothing was sent.
  TIME_BUDGET_SPENT: {
    produce: () =>
      twilioError(new TransportError('no-time', 'No time left to call Twilio.'), 'create'),
    says: /Nothing was sent/,
  },
  // twilio-node throwing on our side, before any request.
  INTERNAL_ERROR: {
    produce: () => twilioError(new TypeError('bad argument'), 'create'),
    says: /Nothing was sent/,
  },
  // The console's refusals, as its endpoint words them (test/console-api.test.ts reaches each).
  CONSOLE_OFF: { produce: () => worded({ code: 'CONSOLE_OFF' }) },
  CONSOLE_SIGN_IN_FAILED: {
    produce: () => worded({ code: 'CONSOLE_SIGN_IN_FAILED', facts: { failures: 1, max: 5 } }),
  },
  CONSOLE_SIGN_IN_LOCKED: {
    produce: () =>
      worded({
        code: 'CONSOLE_SIGN_IN_LOCKED',
        facts: { retryAfterSeconds: 600, max: 5, until: '2027-01-05T09:00:00Z' },
      }),
    says: /10 minutes/,
  },
  CONSOLE_SIGNED_OUT: {
    produce: () => worded({ code: 'CONSOLE_SIGNED_OUT', facts: { variant: 'invalid' } }),
  },
  CONSOLE_SESSION_EXPIRED: {
    produce: () =>
      worded({ code: 'CONSOLE_SESSION_EXPIRED', facts: { expiredAt: '2027-01-05T10:00:00.000Z' } }),
  },
  CONSOLE_UNKNOWN_ACTION: {
    produce: () =>
      worded({
        code: 'CONSOLE_UNKNOWN_ACTION',
        field: 'action',
        facts: { actions: 'list' },
      }),
  },
};

let emulatorUrl = '';
function contextFor(_emulator: TwilioEmulator, env: Record<string, string | undefined> = {}) {
  return makeContext({
    env: { MESSAGING_SERVICE_SID: SERVICE, TWILIO_API_BASE_URL: emulatorUrl, ...env },
  });
}

/** An error as the wire carries it: its code, and the edge's words. */
interface WordedError {
  code: string;
  message?: string;
  detail?: string;
}

describe('every error message is fit for the person who texted', () => {
  const emulator = new TwilioEmulator({ sendIntervalMs: 0 });
  const quiet = console.log;
  before(async () => {
    emulatorUrl = await emulator.start();
    console.log = () => {};
  });
  after(async () => {
    console.log = quiet;
    await emulator.stop();
  });
  beforeEach(() => {
    emulator.clearFaults();
    emulator.messages.clear();
  });

  it('unfit() catches what it is meant to catch', () => {
    assert.deepEqual(unfit('Sorry, that time is too soon.'), []);
    assert.ok(unfit('Pass ifTooSoon=earliest.').length > 0);
    assert.ok(unfit('Set QUIET_HOURS.').length > 0);
    assert.ok(unfit('Give "to".').length > 0);
    assert.ok(unfit('The service is misconfigured.').length > 0);
    assert.ok(unfit('Not an IANA time zone.').length > 0);
  });

  for (const code of Object.keys(CASES) as ErrorCode[]) {
    it(code, async () => {
      const initial = CASES[code];
      let error: WordedError;
      if ('produce' in initial) {
        const produced = initial.produce();
        // Facts, as a lower layer returns them: worded here as the edge would.
        error = { code: produced.code, ...wordsFor(produced, 'en') };
      } else {
        const returned = await initial.setup?.(emulator);
        const given = (
          typeof returned === 'object' && returned !== null ? returned : initial.event
        ) as Record<string, unknown>;
        const event = Object.fromEntries(
          Object.entries(given).filter(([, value]) => value !== undefined),
        );
        const answer = await invoke(
          loadFunction(initial.endpoint),
          contextFor(emulator, initial.env),
          event,
        );
        assert.equal(answer.body.ok, false, JSON.stringify(answer.body));
        error = answer.body.error as unknown as WordedError;
      }
      const text = JSON.stringify(error);
      assert.equal(error.code, code, text);
      const message = String(error.message);
      assert.deepEqual(unfit(message), [], message);
      if (initial.says) assert.match(message, initial.says);
      // The builder can act on every one of these: the detail says what to change or check.
      assert.equal(typeof error.detail, 'string', `${code} has no detail: ${text}`);
      assert.ok((error.detail ?? '').length > 10, text);
    });
  }
});

describe('what a first try by a newcomer found', () => {
  const emulator = new TwilioEmulator({ sendIntervalMs: 0 });
  const quiet = console.log;
  const send = (event: Record<string, unknown>) =>
    invoke(loadFunction('schedule-message'), contextFor(emulator), event);
  before(async () => {
    emulatorUrl = await emulator.start();
    console.log = () => {};
  });
  after(async () => {
    console.log = quiet;
    await emulator.stop();
  });

  it('a JSON array or a text/plain body is NO_FIELDS, not MISSING_TO', async () => {
    // The runtime spreads a JSON array into "0", "1", …; a text/plain body leaves only `request`.
    for (const event of [
      { '0': ALICE, '1': 'hello' },
      { request: { headers: { 'content-type': 'text/plain' }, cookies: {} } },
      {},
    ]) {
      const answer = await send(event);
      assert.equal(answer.status, 400);
      assert.equal(answer.body.error?.code, 'NO_FIELDS', JSON.stringify(event));
    }
  });

  it('to and number (body and message) agreeing is fine; differing is a conflict', async () => {
    const same = await send({
      to: ALICE,
      number: ` ${ALICE} `,
      body: 'Hi',
      message: 'Hi',
      minutes: '30',
    });
    assert.equal(same.status, 200, JSON.stringify(same.body));
    const to = await send({ to: ALICE, number: BOB, body: 'Hi', minutes: '30' });
    assert.equal(to.body.error?.code, 'CONFLICTING_TO');
    const body = await send({ to: ALICE, body: 'Hi', message: 'Bye', minutes: '30' });
    assert.equal(body.body.error?.code, 'CONFLICTING_BODY');
    assert.ok(!JSON.stringify(body.body).includes('Bye'), 'the body is not echoed');
  });

  it('only what may have reached Twilio says "may have been scheduled"', () => {
    const internal = twilioError(new TypeError('x'), 'create');
    assert.equal(internal.code, 'INTERNAL_ERROR');
    assert.match(wordsFor(internal, 'en').message, /Nothing was sent/);
    assert.doesNotMatch(wordsFor(internal, 'en').message, /may have been/);
    for (const kind of ['network', 'garbled'] as const) {
      const error = twilioError(new TransportError(kind, 'x'), 'create');
      assert.equal(error.code, 'TWILIO_UNAVAILABLE');
      assert.match(wordsFor(error, 'en').message, /may have been scheduled/);
    }
    const outage = twilioError({ status: 500, code: 20500 }, 'create');
    assert.equal(outage.code, 'TWILIO_UNAVAILABLE');
    assert.match(wordsFor(outage, 'en').message, /may have been scheduled/);
    // A read that failed on our side claims nothing either way.
    assert.equal(twilioError(new SyntaxError('x'), 'read').code, 'INTERNAL_ERROR');
  });
});
