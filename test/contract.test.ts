// The endpoint declarations (src/contract/) hold: every reader reads exactly the parameters its
// endpoint declares, every answer the built functions give matches the declared answer, every
// error code has a catalog entry and an endpoint, and docs/openapi.json is current and valid.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020';
import { TwilioEmulator } from '../emulator';
import { openApiText } from '../scripts/contract/openapi-document';
import { CANCEL_MESSAGE } from '../src/contract/cancel-message';
import { CONSOLE_API } from '../src/contract/console-api';
import { COMMON_ERRORS, type EndpointDeclaration, namesOf } from '../src/contract/declaration';
import { CONSOLE_ENDPOINTS, ENDPOINTS } from '../src/contract/endpoints';
import { MESSAGE_STATUS } from '../src/contract/message-status';
import { REPLY } from '../src/contract/reply';
import { SCHEDULE_MESSAGE } from '../src/contract/schedule-message';
import { SCHEDULED_MESSAGES } from '../src/contract/scheduled-messages';
import { ERROR_CATALOG } from '../src/edge/error-catalog';
import { parseCancelTarget } from '../src/input/cancel-request';
import { DEFAULT_LOCALE } from '../src/input/config';
import { parseConsoleAction, passwordOf } from '../src/input/console-request';
import type { Event } from '../src/input/event-fields';
import { parseListTarget } from '../src/input/list-request';
import { parseReplyRequest } from '../src/input/reply-request';
import { parseScheduleRequest } from '../src/input/schedule-request';
import { readStatusReport } from '../src/input/status-callback';
import { invoke, loadFunction, makeContext } from './support/functions';

const ROOT = join(import.meta.dirname, '..');
const SID = `SM${'a'.repeat(32)}`;

/** The keys a reader looked at, whether or not the event had them. */
function readsOf(parse: (event: Event) => unknown, fields: Record<string, unknown>): Set<string> {
  const read = new Set<string>();
  const event = new Proxy(fields, {
    get(target, key) {
      if (typeof key === 'string') read.add(key);
      return Reflect.get(target, key);
    },
    has(target, key) {
      if (typeof key === 'string') read.add(key);
      return Reflect.has(target, key);
    },
    getOwnPropertyDescriptor(target, key) {
      if (typeof key === 'string') read.add(key);
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  });
  parse(event);
  return read;
}

const defaults = { quietHours: null, quietDays: null, locale: DEFAULT_LOCALE };

/** Each endpoint's reader, and events that between them reach every parameter it declares. */
const READERS: {
  declaration: EndpointDeclaration;
  parse: (e: Event) => unknown;
  events: Record<string, unknown>[];
}[] = [
  {
    declaration: SCHEDULE_MESSAGE,
    parse: (event) => parseScheduleRequest(event, defaults),
    events: [
      {
        to: '+15551234567',
        number: '+15551234567',
        body: 'Hi',
        message: 'Hi',
        mediaUrl: 'https://example.com/a.png',
        minutes: '30',
        timeZone: 'America/New_York',
        quietHours: '21:00-08:00',
        quietDays: 'sun',
        ifTooSoon: 'earliest',
        locale: 'en-US',
        messagingServiceSid: `MG${'b'.repeat(32)}`,
        idempotencyKey: 'k-1',
        tag: 'appt-1',
        replace: 'true',
        repeat: 'daily',
        count: '3',
      },
      {
        to: '+15551234567',
        contentSid: `HX${'c'.repeat(32)}`,
        contentVariables: '{"1":"A"}',
        when: 'tomorrow at 9am',
        until: '2027-01-01',
      },
      { to: '+15551234567', body: 'Hi', delay: '2h', sendAt: '2027-01-01T09:00', at: '09:00' },
    ],
  },
  {
    declaration: CANCEL_MESSAGE,
    parse: parseCancelTarget,
    events: [
      { sid: SID },
      { to: '+15551234567', number: '+15551234567' },
      { tag: 't' },
      { series: 's' },
    ],
  },
  {
    declaration: SCHEDULED_MESSAGES,
    parse: parseListTarget,
    events: [{ to: '+15551234567', number: '+15551234567' }, { tag: 't' }, { series: 's' }],
  },
  {
    declaration: CONSOLE_API,
    // The console reads its action and password, then a list or a cancel target as
    // /scheduled-messages and /cancel-message read them.
    parse: (event) => [
      parseConsoleAction(event),
      passwordOf(event),
      parseListTarget(event),
      parseCancelTarget(event),
    ],
    events: [
      { action: 'sign-in', password: 'p' },
      { action: 'upcoming', to: '+15551234567', number: '+15551234567' },
      { action: 'cancel', sid: SID },
      { action: 'cancel', tag: 't' },
      { action: 'cancel', series: 's' },
    ],
  },
  {
    declaration: MESSAGE_STATUS,
    parse: readStatusReport,
    events: [
      {
        MessageSid: SID,
        MessageStatus: 'sent',
        AccountSid: `AC${'d'.repeat(32)}`,
        series: `SR${'e'.repeat(32)}`,
      },
      { SmsSid: SID, SmsStatus: 'sent' },
    ],
  },
  {
    declaration: REPLY,
    parse: parseReplyRequest,
    events: [{ from: '+15551234567', text: 'C', locale: 'fr-FR' }],
  },
];

describe('the declarations', () => {
  it('name each parameter by its key, and no name twice in an endpoint', () => {
    for (const declaration of [...ENDPOINTS, ...CONSOLE_ENDPOINTS]) {
      for (const [key, parameter] of Object.entries(declaration.parameters))
        assert.equal(parameter.names[0], key, `${declaration.path} ${key}`);
      const names = namesOf(declaration);
      assert.equal(new Set(names).size, names.length, declaration.path);
    }
  });

  it('every error code has an endpoint that may answer it, and a catalog entry (by type)', () => {
    const declared = new Set<string>([
      ...COMMON_ERRORS,
      ...[...ENDPOINTS, ...CONSOLE_ENDPOINTS].flatMap((e) => e.errors),
    ]);
    const unclaimed = Object.keys(ERROR_CATALOG).filter((code) => !declared.has(code));
    assert.deepEqual(unclaimed, []);
  });
});

describe('readers read exactly what their endpoint declares', () => {
  for (const { declaration, parse, events } of READERS) {
    it(declaration.path, () => {
      const declared = new Set(namesOf(declaration));
      const read = new Set<string>();
      for (const event of events) for (const key of readsOf(parse, event)) read.add(key);
      // `request` is the runtime's own (headers), never a parameter.
      read.delete('request');
      const undeclared = [...read].filter((key) => !declared.has(key));
      assert.deepEqual(undeclared, [], 'read but not declared');
      const unread = [...declared].filter(
        (name) => !read.has(name) && !isIgnored(declaration, name),
      );
      assert.deepEqual(unread, [], 'declared but never read');
      const ignoredButRead = [...read].filter((name) => isIgnored(declaration, name));
      assert.deepEqual(ignoredButRead, [], 'declared as ignored, but read');
    });
  }
});

/** Parameters Twilio sends that the endpoint does not use. */
const isIgnored = (declaration: EndpointDeclaration, name: string) =>
  Object.values(declaration.parameters).some((p) => p.ignored && p.names.includes(name));

describe('docs/openapi.json', () => {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const text = openApiText(version);

  it('is what npm run openapi makes from the declarations today', () => {
    assert.equal(readFileSync(join(ROOT, 'docs', 'openapi.json'), 'utf8'), text);
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(JSON.parse(text));
    assert.deepEqual(result, { valid: true });
  });

  it('lists every parameter of every endpoint, aliases included, in both body kinds', () => {
    const document = JSON.parse(text);
    for (const declaration of [...ENDPOINTS, ...CONSOLE_ENDPOINTS]) {
      const body = document.paths[declaration.path].post.requestBody.content;
      for (const kind of ['application/x-www-form-urlencoded', 'application/json'])
        assert.deepEqual(
          Object.keys(body[kind].schema.properties).sort(),
          namesOf(declaration).sort(),
        );
    }
  });
});

describe('answers of the built functions match the declared answers', () => {
  const ajv = new Ajv2020({ strict: false });
  const emulator = new TwilioEmulator();
  let env: Record<string, string>;
  before(async () => {
    const url = await emulator.start();
    env = {
      MESSAGING_SERVICE_SID: `MG${'a'.repeat(32)}`,
      TWILIO_API_BASE_URL: url,
      DEFAULT_TIME_ZONE: 'America/New_York',
    };
  });
  after(() => emulator.stop());

  const check = (declaration: EndpointDeclaration, body: Record<string, unknown>) => {
    const { ok, ...answer } = body;
    assert.equal(ok, true, JSON.stringify(body));
    const valid = ajv.validate(declaration.answer, answer);
    assert.ok(valid, `${declaration.path}: ${ajv.errorsText()} in ${JSON.stringify(answer)}`);
  };

  it('schedule (one, words, tagged, replayed, series), list and cancel by each target', async () => {
    const schedule = loadFunction('schedule-message');
    const list = loadFunction('scheduled-messages');
    const cancel = loadFunction('cancel-message');
    const context = makeContext({ env });
    const to = '+12125550123';
    const requests = [
      { to, body: 'a', minutes: '30' },
      { to, body: 'b', when: 'tomorrow at 9am', timeZone: 'recipient', tag: 'appt-1' },
      { to, body: 'c', at: '10:00', tag: 'appt-1', replace: 'true', idempotencyKey: 'k1' },
      { to, body: 'c', at: '10:00', tag: 'appt-1', replace: 'true', idempotencyKey: 'k1' },
      {
        to,
        body: 'd',
        at: '11:00',
        repeat: 'daily',
        count: '8',
        quietDays: 'sun',
        tag: 'series-1',
      },
    ];
    let sid = '';
    for (const request of requests) {
      const answer = await invoke(schedule, context, request);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      check(SCHEDULE_MESSAGE, answer.body);
      if (typeof answer.body.sid === 'string') sid = answer.body.sid;
    }
    for (const target of [{ to }, { tag: 'appt-1' }, { tag: 'series-1' }]) {
      const answer = await invoke(list, context, target);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      check(SCHEDULED_MESSAGES, answer.body);
    }
    for (const target of [{ sid }, { sid }, { tag: 'series-1' }, { to }]) {
      const answer = await invoke(cancel, context, target);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      check(CANCEL_MESSAGE, answer.body);
    }
  });

  it('an appointment: booked, moved, listed with its state, replied to in every way', async () => {
    const schedule = loadFunction('schedule-message');
    const list = loadFunction('scheduled-messages');
    const reply = loadFunction('reply');
    const context = makeContext({ env });
    const to = '+12125550124';
    const booking = {
      to,
      body: '{{appointment}}',
      appointmentAt: 'in 3 days at 9am',
      tag: 'appt-c',
    };
    for (const request of [booking, { ...booking, replace: 'true', remind: '2h,P1D,1m' }]) {
      const answer = await invoke(schedule, context, request);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      check(SCHEDULE_MESSAGE, answer.body);
    }
    const listed = await invoke(list, context, { tag: 'appt-c' });
    check(SCHEDULED_MESSAGES, listed.body);
    assert.equal((listed.body.appointment as { state: string }).state, 'booked');
    for (const text of ['what?', 'R', 'oui', 'N', 'C', 'STOP']) {
      const answer = await invoke(reply, context, { from: to, text });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      check(REPLY, answer.body);
    }
    check(REPLY, (await invoke(reply, context, { from: '+12125550199', text: 'C' })).body);
  });
});
