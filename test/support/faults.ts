// Shared by the fault, property and log tests: Twilio faults as data (what the emulator does,
// what the flow must see), a virtual clock for the time budget, and console capture.
import assert from 'node:assert/strict';
import { mock } from 'node:test';
import {
  EMULATOR_ACCOUNT_SID,
  EMULATOR_AUTH_TOKEN,
  type RecordedRequest,
  type TwilioEmulator,
} from '../../emulator';
import { TIME_BUDGET_MS } from '../../src/core/budget';
import { defineHandler, type FunctionHandler, type HandlerOptions } from '../../src/edge/handler';
import { cancelMessage } from '../../src/endpoints/cancel-message';
import type { Endpoint } from '../../src/endpoints/invocation';
import { scheduleMessage } from '../../src/endpoints/schedule-message';
import { type Answer, invoke, loadFunction, makeContext } from './functions';

export const SERVICE = `MG${'a'.repeat(32)}`;
export const ALICE = '+15557310042';
export const BOB = '+447700931077';
/** Both credentials are put into the context, so that a leak of either would show. */
export const CREDENTIAL_ENV = {
  ACCOUNT_SID: EMULATOR_ACCOUNT_SID,
  AUTH_TOKEN: EMULATOR_AUTH_TOKEN,
};
export const CREDENTIALS = [
  EMULATOR_AUTH_TOKEN,
  Buffer.from(`${EMULATOR_ACCOUNT_SID}:${EMULATOR_AUTH_TOKEN}`).toString('base64'),
];
const MINUTE = 60_000;

/** A body that can be recognised wherever it turns up. */
export const bodyText = (tag: string) => `Secret body ${tag}: see you at the clinic`;

export const isCreate = (req: RecordedRequest) =>
  req.method === 'POST' && req.path.endsWith('/Messages.json');
export const creates = (emulator: TwilioEmulator) => emulator.requests.filter(isCreate).length;

export const built = {
  'schedule-message': loadFunction('schedule-message'),
  'cancel-message': loadFunction('cancel-message'),
};
export const endpoints: Record<keyof typeof built, Endpoint> = {
  'schedule-message': scheduleMessage,
  'cancel-message': cancelMessage,
};

/** A handler built from the sources (to inject a clock), callable like the built ones. */
export const handlerOf = (
  name: string,
  endpoint: Endpoint,
  options: HandlerOptions = {},
): Parameters<typeof invoke>[0] =>
  defineHandler(name, endpoint, options) as FunctionHandler as Parameters<typeof invoke>[0];

/**
 * A clock that runs with real time plus a skew: `sleep` adds to the skew at once (429 back-offs
 * cost no real time) and `jump` spends budget in one step.
 */
export function virtualTime() {
  let skew = 0;
  const sleeps: number[] = [];
  return {
    clock: () => Date.now() + skew,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      skew += ms;
    },
    jump: (ms: number) => {
      skew += ms;
    },
    sleeps,
  };
}

/** What a flow must see for a fault, and what must (not) have reached Twilio. */
export interface Expected {
  status: number;
  code?: string;
  /** Exact number of create requests Twilio received. */
  creates?: number;
  /** The answer must warn that the message may exist. */
  maybeScheduled?: boolean;
}

export interface Scenario {
  name: string;
  endpoint: keyof typeof built;
  /** Injects faults and seeds messages; what it returns is handed to `check`. */
  setup(emulator: TwilioEmulator): unknown;
  event: Record<string, unknown>;
  expected: Expected;
  /** Of the 8 s, what is left when Twilio is first called; set, it runs on a virtual clock. */
  budgetLeftMs?: number;
  check?(answer: Answer, emulator: TwilioEmulator, state: unknown): void;
  /** Phone numbers and bodies the answer's error and the logs must not show. */
  secrets: string[];
}

const scheduleEvent = (tag: string, to = ALICE) => ({ to, body: bodyText(tag), minutes: '45' });

export const scenarios: Scenario[] = [
  {
    name: 'Twilio answers 429 twice, then schedules: 200 after two backed-off retries',
    endpoint: 'schedule-message',
    setup: (emulator) => emulator.inject({ kind: 'status', status: 429, code: 20429 }, 2, isCreate),
    event: scheduleEvent('429x2'),
    expected: { status: 200, creates: 3 },
    check(answer, emulator) {
      assert.equal(emulator.messages.size, 1, 'one message exists');
      assert.equal(emulator.messages.get(String(answer.body.sid))?.status, 'scheduled');
    },
    secrets: [bodyText('429x2')],
  },
  {
    name: 'Twilio answers 429 forever: 4 tries backed off within the budget, then 503',
    endpoint: 'schedule-message',
    setup: (emulator) =>
      emulator.inject({ kind: 'status', status: 429, code: 20429 }, 50, isCreate),
    event: scheduleEvent('429-forever'),
    expected: { status: 503, code: 'TWILIO_RATE_LIMITED', creates: 4 },
    secrets: [ALICE.slice(1), bodyText('429-forever')],
  },
  {
    name: 'Twilio answers 429 asking for a wait past the budget: 503 at once, no retry',
    endpoint: 'schedule-message',
    setup: (emulator) =>
      emulator.inject({ kind: 'status', status: 429, code: 20429, retryAfter: '30' }, 50, isCreate),
    event: scheduleEvent('429-long'),
    expected: { status: 503, code: 'TWILIO_RATE_LIMITED', creates: 1 },
    secrets: [ALICE.slice(1), bodyText('429-long')],
  },
  {
    name: 'Twilio answers 500: 502, the create is not retried, the flow is told it may exist',
    endpoint: 'schedule-message',
    setup: (emulator) => emulator.inject({ kind: 'status', status: 500, code: 20500 }, 5, isCreate),
    event: scheduleEvent('500'),
    expected: { status: 502, code: 'TWILIO_UNAVAILABLE', creates: 1, maybeScheduled: true },
    secrets: [ALICE.slice(1), bodyText('500')],
  },
  {
    name: 'Twilio answers 503 with an HTML page: 502, not retried',
    endpoint: 'schedule-message',
    setup: (emulator) =>
      emulator.inject(
        { kind: 'raw', status: 503, body: '<html><body>Service Unavailable</body></html>' },
        5,
        isCreate,
      ),
    event: scheduleEvent('503-html'),
    expected: { status: 502, code: 'TWILIO_UNAVAILABLE', creates: 1, maybeScheduled: true },
    secrets: [ALICE.slice(1), bodyText('503-html')],
  },
  {
    name: 'Twilio answers 400 with a body that is not JSON: 422 TWILIO_REJECTED',
    endpoint: 'schedule-message',
    setup: (emulator) =>
      emulator.inject({ kind: 'raw', status: 400, body: 'Bad Request', contentType: 'text/plain' }),
    event: scheduleEvent('400-text'),
    expected: { status: 422, code: 'TWILIO_REJECTED', creates: 1 },
    secrets: [ALICE.slice(1), bodyText('400-text')],
  },
  {
    name: 'Twilio answers 201 with a body that is not JSON: 502, the message may exist',
    endpoint: 'schedule-message',
    setup: (emulator) => emulator.inject({ kind: 'raw', status: 201, body: '{"sid": "SM' }),
    event: scheduleEvent('201-garbled'),
    expected: { status: 502, code: 'TWILIO_UNAVAILABLE', creates: 1, maybeScheduled: true },
    secrets: [ALICE.slice(1), bodyText('201-garbled')],
  },
  {
    name: 'Twilio resets the connection: 502, not retried, the message may exist',
    endpoint: 'schedule-message',
    setup: (emulator) => emulator.inject({ kind: 'reset' }, 5, isCreate),
    event: scheduleEvent('reset', BOB),
    expected: { status: 502, code: 'TWILIO_UNAVAILABLE', creates: 1, maybeScheduled: true },
    secrets: [BOB.slice(1), bodyText('reset')],
  },
  {
    name: 'Twilio answers a redirect: it is not followed (credentials stay), 502',
    endpoint: 'schedule-message',
    setup: (emulator) =>
      emulator.inject({
        kind: 'raw',
        status: 307,
        body: '',
        headers: { Location: `${emulator.url}/2010-04-01/elsewhere.json` },
      }),
    event: scheduleEvent('redirect'),
    expected: { status: 502, code: 'TWILIO_UNAVAILABLE', creates: 1 },
    check(_answer, emulator) {
      assert.equal(emulator.requests.length, 1, 'the Location was not requested');
    },
    secrets: [ALICE.slice(1), bodyText('redirect')],
  },
  {
    name: 'Twilio answers 401: 500 CONFIG_TWILIO_AUTH',
    endpoint: 'schedule-message',
    setup: (emulator) => emulator.inject({ kind: 'status', status: 401, code: 20003 }),
    event: scheduleEvent('401'),
    expected: { status: 500, code: 'CONFIG_TWILIO_AUTH', creates: 1 },
    secrets: [ALICE.slice(1), bodyText('401')],
  },
  {
    name: 'Twilio answers 403: 500 CONFIG_TWILIO_AUTH',
    endpoint: 'schedule-message',
    setup: (emulator) => emulator.inject({ kind: 'status', status: 403, code: 20403 }),
    event: scheduleEvent('403'),
    expected: { status: 500, code: 'CONFIG_TWILIO_AUTH', creates: 1 },
    secrets: [ALICE.slice(1), bodyText('403')],
  },
  {
    name: 'Twilio refuses the number and quotes it: 422, the number masked',
    endpoint: 'schedule-message',
    setup: (emulator) =>
      emulator.inject({
        kind: 'status',
        status: 400,
        code: 21211,
        message: `The 'To' number ${BOB} is not a valid phone number.`,
      }),
    event: scheduleEvent('21211', BOB),
    expected: { status: 422, code: 'TWILIO_REJECTED', creates: 1 },
    check(answer) {
      assert.equal(answer.body.error?.twilioCode, 21211);
      // Twilio's own words go to the builder, the number masked; the texter gets plain words.
      assert.match(String(answer.body.error?.detail), /\*\*\*1077/);
      assert.match(String(answer.body.error?.message), /phone number isn't valid/);
    },
    secrets: [BOB.slice(1), bodyText('21211')],
  },
  {
    name: 'Twilio never answers, with 1 s of the budget left: 504 by the deadline',
    endpoint: 'schedule-message',
    setup: (emulator) => emulator.inject({ kind: 'hang' }, 5, isCreate),
    event: scheduleEvent('hang'),
    budgetLeftMs: 1_000,
    expected: { status: 504, code: 'TWILIO_TIMEOUT', creates: 1, maybeScheduled: true },
    secrets: [ALICE.slice(1), bodyText('hang')],
  },
  {
    name: 'cancel by recipient where some cancels fail: the others are canceled, the failures listed',
    endpoint: 'cancel-message',
    setup(emulator) {
      const now = Date.now();
      const sids = [1, 2, 3, 4, 5].map((i) =>
        emulator.seed({
          to: ALICE,
          status: 'scheduled',
          sendAt: now + i * 60 * MINUTE,
          messagingServiceSid: SERVICE,
          body: bodyText(`cancel-${i}`),
          dateCreated: now - i * 1000,
        }),
      );
      emulator.seed({ to: ALICE, status: 'delivered', body: bodyText('cancel-old') });
      const [ok1, fail500, failReset, fail429, ok2] = sids as [string, ...string[]];
      const cancelOf = (sid: string | undefined) => (req: RecordedRequest) =>
        req.method === 'POST' && req.path.endsWith(`/${sid}.json`);
      emulator.inject({ kind: 'status', status: 500, code: 20500 }, 5, cancelOf(fail500));
      emulator.inject({ kind: 'reset' }, 5, cancelOf(failReset));
      emulator.inject({ kind: 'status', status: 429, retryAfter: '60' }, 5, cancelOf(fail429));
      return { canceled: [ok1, ok2], failed: { fail500, failReset, fail429 } };
    },
    event: { to: '+1 (555) 731-0042' },
    expected: { status: 200 },
    check(answer, emulator, state) {
      const { canceled, failed } = state as {
        canceled: string[];
        failed: Record<'fail500' | 'failReset' | 'fail429', string>;
      };
      assert.deepEqual([...(answer.body.canceled as string[])].sort(), [...canceled].sort());
      const byCode = Object.fromEntries(
        (answer.body.failed as { sid: string; code: string }[]).map((f) => [f.sid, f.code]),
      );
      assert.deepEqual(byCode, {
        [failed.fail500]: 'TWILIO_UNAVAILABLE',
        [failed.failReset]: 'TWILIO_UNAVAILABLE',
        [failed.fail429]: 'TWILIO_RATE_LIMITED',
      });
      // A 5xx or a reset leaves the outcome unknown; a 429 was not acted on.
      const maybe = (answer.body.failed as { sid: string; maybeCanceled?: boolean }[])
        .filter((f) => f.maybeCanceled)
        .map((f) => f.sid)
        .sort();
      assert.deepEqual(maybe, [failed.fail500, failed.failReset].sort());
      // Three are still scheduled: not complete, so the flow's STOP loop calls again.
      assert.equal(answer.body.complete, false);
      for (const sid of canceled) assert.equal(emulator.messages.get(sid)?.status, 'canceled');
      for (const sid of Object.values(failed)) {
        assert.equal(emulator.messages.get(sid)?.status, 'scheduled', 'a failed cancel left it');
        const attempts = emulator.requests.filter(
          (r) => r.method === 'POST' && r.path.endsWith(`/${sid}.json`),
        );
        assert.equal(attempts.length, 1, 'a failed cancel is tried once');
      }
    },
    secrets: [ALICE.slice(1), bodyText('cancel-1'), bodyText('cancel-old')],
  },
];

/**
 * Runs a scenario: through the built function, or on a virtual clock (the sources' handler) when
 * it spends budget first or `virtual` asks for back-offs that cost no real time.
 */
export async function runScenario(
  scenario: Scenario,
  emulator: TwilioEmulator,
  env: Record<string, string>,
  { virtual = false } = {},
): Promise<{ answer: Answer; state: unknown }> {
  const state = scenario.setup(emulator);
  const left = scenario.budgetLeftMs;
  if (left === undefined && !virtual) {
    const answer = await invoke(built[scenario.endpoint], makeContext({ env }), scenario.event);
    return { answer, state };
  }
  const time = virtualTime();
  let started: number | undefined;
  // The handler reads its start first; the budget is then spent down to `budgetLeftMs` by the
  // time Twilio is first called.
  const clock = () => {
    const now = time.clock();
    started ??= now;
    return now;
  };
  const context = makeContext({
    env,
    onClient: () => {
      if (left !== undefined) time.jump((started ?? 0) + TIME_BUDGET_MS - left - time.clock());
    },
  });
  const timed = handlerOf(scenario.endpoint, endpoints[scenario.endpoint], {
    clock,
    sleep: time.sleep,
  });
  const answer = await invoke(timed, context, scenario.event);
  return { answer, state };
}

/** Asserts what every answer to a fault must be, then the scenario's own checks. */
export function checkScenario(
  scenario: Scenario,
  answer: Answer,
  emulator: TwilioEmulator,
  state: unknown,
): void {
  const { expected } = scenario;
  const text = JSON.stringify(answer.body);
  assert.equal(answer.callbacks, 1, 'callback exactly once');
  assert.equal(answer.headers['Content-Type'], 'application/json');
  assert.equal(answer.status, expected.status, text);
  if (expected.code !== undefined) {
    assert.equal(answer.body.ok, false);
    assert.equal(answer.body.error?.code, expected.code, text);
    assert.equal(typeof answer.body.error?.message, 'string');
    for (const secret of [...scenario.secrets, ...CREDENTIALS]) {
      assert.ok(!text.includes(secret), `the error body holds ${secret}`);
    }
  }
  if (expected.creates !== undefined) assert.equal(creates(emulator), expected.creates);
  if (expected.maybeScheduled !== undefined) {
    const says = /may have been scheduled/.test(String(answer.body.error?.message));
    assert.equal(says, expected.maybeScheduled, 'says whether the message may exist');
  }
  scenario.check?.(answer, emulator, state);
}

/** Replaces the console's writers; every line written is kept (and not printed). */
export function captureConsole() {
  const lines: string[] = [];
  const keep = (...args: unknown[]) => {
    lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
  };
  const mocks = (['log', 'info', 'warn', 'error', 'debug'] as const).map((name) =>
    mock.method(console, name, keep),
  );
  const restore = () => {
    for (const m of mocks) m.mock.restore();
  };
  return { lines, restore };
}
