// parseScheduleRequest + computeSendTime with Studio-shaped input: Studio's Run Function widget
// sends form-encoded parameters, so every value is a string. The clock is fixed.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ErrorCode, Result } from '../src/core/errors';
import { maskDigitRuns } from '../src/core/mask';
import { httpStatusFor } from '../src/edge/error-catalog';
import { wordsFor } from '../src/edge/error-words';
import type { Config } from '../src/input/config';
import type { Event } from '../src/input/event-fields';
import { parseScheduleRequest, type ScheduleRequest } from '../src/input/schedule-request';
import { parseSendAt } from '../src/input/send-time-spec';
import { computeSendTime, type SendTime } from '../src/time/send-time';
import { V1_SCHEDULE_INPUT_CODES } from './support/v1-contract';

const NOW = Date.parse('2026-12-01T12:00:00Z'); // 07:00 in New York (EST, -05:00)
const CONFIG: Config = {
  defaults: { quietHours: null, quietDays: null, locale: 'en-US' },
  window: { minLeadMinutes: 15, maxLeadDays: 35 },
  warnings: [],
};
const NY_CONFIG: Config = {
  ...CONFIG,
  defaults: { quietHours: null, quietDays: null, locale: 'en-US', timeZone: 'America/New_York' },
};
const HEX32 = '0123456789abcdef0123456789ABCDEF';
const SERVICE = `MG${HEX32}`;
const TEMPLATE = `HX${HEX32}`;
const VALID = { to: '+15551234567', body: 'Ahoy', minutes: '30' };

interface Scheduled {
  request: ScheduleRequest;
  sendTime: SendTime;
}

/** What /schedule-message decides before calling Twilio. */
function schedule(event: Event, config = CONFIG, now = NOW): Result<Scheduled> {
  const request = parseScheduleRequest(event, config.defaults);
  if (!request.ok) return request;
  const sendTime = computeSendTime(request.value.time, config.window, now);
  if (!sendTime.ok) return sendTime;
  return { ok: true, value: { request: request.value, sendTime: sendTime.value } };
}

function accepted(event: Event, config = CONFIG, now = NOW): Scheduled {
  const result = schedule(event, config, now);
  if (!result.ok) assert.fail(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

function rejected(event: Event, config = CONFIG) {
  const result = schedule(event, config);
  if (result.ok) assert.fail(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.error;
}

const without = (event: Record<string, unknown>, ...names: string[]): Event =>
  Object.fromEntries(Object.entries(event).filter(([name]) => !names.includes(name)));

interface ErrorCase {
  name: string;
  event: Event;
  config?: Config;
  code: ErrorCode;
  field: string;
}

const media = (n: number): string =>
  Array.from({ length: n }, (_, i) => `https://example.com/${i}.png`).join(',');

// biome-ignore format: one case per line reads as a table
const ERROR_CASES: ErrorCase[] = [
  { name: 'no to', event: without(VALID, 'to'), code: 'MISSING_TO', field: 'to' },
  { name: 'blank to and number', event: { ...VALID, to: '  ', number: '' }, code: 'MISSING_TO', field: 'to' },
  { name: 'a number without +', event: { ...VALID, to: '5551234567' }, code: 'INVALID_TO', field: 'to' },
  { name: 'a number too short for E.164', event: { ...VALID, to: '+1555' }, code: 'INVALID_TO', field: 'to' },
  { name: 'a country code starting with 0', event: { ...VALID, to: '+0551234567' }, code: 'INVALID_TO', field: 'to' },
  { name: 'a WhatsApp address without +', event: { ...VALID, to: 'whatsapp:15551234567' }, code: 'INVALID_TO', field: 'to' },
  { name: 'another channel prefix', event: { ...VALID, to: 'messenger:+15551234567' }, code: 'INVALID_TO', field: 'to' },
  { name: 'letters in the number', event: { ...VALID, to: '+1555CALLNOW' }, code: 'INVALID_TO', field: 'to' },
  { name: 'a repeated to key', event: { ...VALID, to: ['+15551234567', '+15557654321'] }, code: 'INVALID_TO', field: 'to' },
  { name: 'no body, mediaUrl or contentSid', event: without(VALID, 'body'), code: 'MISSING_CONTENT', field: 'body' },
  { name: 'a white-space body', event: { ...VALID, body: ' \n\t ' }, code: 'MISSING_CONTENT', field: 'body' },
  { name: 'blank body and message', event: { ...VALID, body: '', message: ' ' }, code: 'MISSING_CONTENT', field: 'body' },
  { name: 'a mediaUrl of blank entries only', event: { ...without(VALID, 'body'), mediaUrl: ' , ' }, code: 'MISSING_CONTENT', field: 'body' },
  { name: 'a body of 1601 characters', event: { ...VALID, body: 'x'.repeat(1601) }, code: 'BODY_TOO_LONG', field: 'body' },
  { name: 'a message (alias) of 1601 characters', event: { ...without(VALID, 'body'), message: 'x'.repeat(1601) }, code: 'BODY_TOO_LONG', field: 'body' },
  { name: 'an ftp mediaUrl', event: { ...VALID, mediaUrl: 'ftp://example.com/a.png' }, code: 'INVALID_MEDIA_URL', field: 'mediaUrl' },
  { name: 'a relative mediaUrl', event: { ...VALID, mediaUrl: '/a.png' }, code: 'INVALID_MEDIA_URL', field: 'mediaUrl' },
  { name: 'one bad URL among good ones', event: { ...VALID, mediaUrl: 'https://example.com/a.png,example.com/b.png' }, code: 'INVALID_MEDIA_URL', field: 'mediaUrl' },
  { name: '11 media URLs', event: { ...VALID, mediaUrl: media(11) }, code: 'TOO_MANY_MEDIA', field: 'mediaUrl' },
  { name: '11 media URLs as repeated keys', event: { ...VALID, mediaUrl: media(11).split(',') }, code: 'TOO_MANY_MEDIA', field: 'mediaUrl' },
  { name: 'a short contentSid', event: { ...without(VALID, 'body'), contentSid: 'HX123' }, code: 'INVALID_CONTENT_SID', field: 'contentSid' },
  { name: 'a contentSid of another resource', event: { ...without(VALID, 'body'), contentSid: SERVICE }, code: 'INVALID_CONTENT_SID', field: 'contentSid' },
  { name: 'no send time', event: without(VALID, 'minutes'), code: 'MISSING_SEND_TIME', field: 'minutes' },
  { name: 'a blank send time', event: { ...VALID, minutes: ' ' }, code: 'MISSING_SEND_TIME', field: 'minutes' },
  { name: 'minutes and at', event: { ...VALID, at: '09:00' }, code: 'CONFLICTING_SEND_TIME', field: 'minutes' },
  { name: 'delay and sendAt', event: { ...without(VALID, 'minutes'), delay: '2h', sendAt: '2026-12-01T14:00:00Z' }, code: 'CONFLICTING_SEND_TIME', field: 'minutes' },
  { name: 'minutes 0', event: { ...VALID, minutes: '0' }, code: 'INVALID_MINUTES', field: 'minutes' },
  { name: 'negative minutes', event: { ...VALID, minutes: '-30' }, code: 'INVALID_MINUTES', field: 'minutes' },
  { name: 'minutes in words', event: { ...VALID, minutes: 'thirty' }, code: 'INVALID_MINUTES', field: 'minutes' },
  { name: 'minutes with a unit', event: { ...VALID, minutes: '30m' }, code: 'INVALID_MINUTES', field: 'minutes' },
  { name: 'minutes in exponent form', event: { ...VALID, minutes: '3e1' }, code: 'INVALID_MINUTES', field: 'minutes' },
  { name: 'a delay without a unit', event: { ...without(VALID, 'minutes'), delay: '90' }, code: 'INVALID_DELAY', field: 'delay' },
  { name: 'a delay in words', event: { ...without(VALID, 'minutes'), delay: 'soon' }, code: 'INVALID_DELAY', field: 'delay' },
  { name: 'a sendAt on 2026-02-29', event: { ...without(VALID, 'minutes'), sendAt: '2026-02-29T09:00', timeZone: 'America/New_York' }, code: 'INVALID_SEND_AT', field: 'sendAt' },
  { name: 'a sendAt in words', event: { ...without(VALID, 'minutes'), sendAt: 'tomorrow 9am' }, code: 'INVALID_SEND_AT', field: 'sendAt' },
  { name: 'at 25:00', event: { ...without(VALID, 'minutes'), at: '25:00', timeZone: 'America/New_York' }, code: 'INVALID_AT', field: 'at' },
  { name: 'at 9am', event: { ...without(VALID, 'minutes'), at: '9am', timeZone: 'America/New_York' }, code: 'INVALID_AT', field: 'at' },
  { name: 'at :30', event: { ...without(VALID, 'minutes'), at: ':30', timeZone: 'America/New_York' }, code: 'INVALID_AT', field: 'at' },
  { name: 'at without a zone', event: { ...without(VALID, 'minutes'), at: '09:00' }, code: 'MISSING_TIME_ZONE', field: 'timeZone' },
  { name: 'a local sendAt without a zone', event: { ...without(VALID, 'minutes'), sendAt: '2026-12-01 09:00' }, code: 'MISSING_TIME_ZONE', field: 'timeZone' },
  { name: 'quiet hours without a zone', event: { ...VALID, quietHours: '21:00-08:00' }, code: 'MISSING_TIME_ZONE', field: 'timeZone' },
  { name: 'an unknown zone', event: { ...VALID, timeZone: 'Mars/Olympus_Mons' }, code: 'INVALID_TIME_ZONE', field: 'timeZone' },
  { name: 'a zone with a space', event: { ...VALID, timeZone: 'New York' }, code: 'INVALID_TIME_ZONE', field: 'timeZone' },
  { name: 'quiet hours without an end', event: { ...VALID, timeZone: 'America/New_York', quietHours: '21:00' }, code: 'INVALID_QUIET_HOURS', field: 'quietHours' },
  { name: 'quiet hours that start and end together', event: { ...VALID, timeZone: 'America/New_York', quietHours: '21:00-21:00' }, code: 'INVALID_QUIET_HOURS', field: 'quietHours' },
  { name: 'quiet hours in 12-hour form', event: { ...VALID, timeZone: 'America/New_York', quietHours: '9pm-8am' }, code: 'INVALID_QUIET_HOURS', field: 'quietHours' },
  { name: 'minutes 15 (Twilio needs 15 from when it receives the request)', event: { ...VALID, minutes: '15' }, code: 'SEND_AT_TOO_SOON', field: 'minutes' },
  { name: 'a sendAt 10 minutes ahead', event: { ...without(VALID, 'minutes'), sendAt: '2026-12-01T12:10:00Z' }, code: 'SEND_AT_TOO_SOON', field: 'sendAt' },
  { name: 'minutes 35 days + 1', event: { ...VALID, minutes: String(35 * 24 * 60 + 1) }, code: 'SEND_AT_TOO_LATE', field: 'minutes' },
  { name: 'a delay of 36 days', event: { ...without(VALID, 'minutes'), delay: '36d' }, code: 'SEND_AT_TOO_LATE', field: 'delay' },
  { name: 'a sendAt 35 days + 1 s ahead', event: { ...without(VALID, 'minutes'), sendAt: '2027-01-05T12:00:01Z' }, code: 'SEND_AT_TOO_LATE', field: 'sendAt' },
  { name: 'a short messagingServiceSid', event: { ...VALID, messagingServiceSid: 'MG123' }, code: 'INVALID_MESSAGING_SERVICE_SID', field: 'messagingServiceSid' },
  { name: 'a phone number SID as messagingServiceSid', event: { ...VALID, messagingServiceSid: `PN${HEX32}` }, code: 'INVALID_MESSAGING_SERVICE_SID', field: 'messagingServiceSid' },
  // Codes beyond version 1's table, each saying more than a generic one would.
  { name: 'ifTooSoon neither reject nor earliest', event: { ...VALID, ifTooSoon: 'later' }, code: 'INVALID_IF_TOO_SOON', field: 'ifTooSoon' },
  { name: 'a body and a contentSid', event: { ...VALID, contentSid: TEMPLATE }, code: 'CONFLICTING_CONTENT', field: 'contentSid' },
  { name: 'contentVariables that are not JSON', event: { ...without(VALID, 'body'), contentSid: TEMPLATE, contentVariables: '1=Ana' }, code: 'INVALID_CONTENT_VARIABLES', field: 'contentVariables' },
  { name: 'contentVariables that are a JSON array', event: { ...without(VALID, 'body'), contentSid: TEMPLATE, contentVariables: '["Ana"]' }, code: 'INVALID_CONTENT_VARIABLES', field: 'contentVariables' },
  { name: 'contentVariables without a contentSid', event: { ...VALID, contentVariables: '{"1":"Ana"}' }, code: 'INVALID_CONTENT_VARIABLES', field: 'contentVariables' },
];

describe('every 400 of /schedule-message, from Studio-shaped input', () => {
  for (const c of ERROR_CASES) {
    it(`${c.code}: ${c.name}`, () => {
      const error = rejected(c.event, c.config);
      assert.deepEqual({ code: error.code, field: error.field }, { code: c.code, field: c.field });
      assert.equal(httpStatusFor(error.code), 400);
      assert.ok(wordsFor(error, 'en').message.length > 0);
    });
  }

  it('covers every 400 code of version 1 for this endpoint', () => {
    const spec: readonly ErrorCode[] = V1_SCHEDULE_INPUT_CODES;
    const covered = new Set(ERROR_CASES.map((c) => c.code));
    assert.deepEqual(
      spec.filter((code) => !covered.has(code)),
      [],
    );
  });

  it('never echoes the phone number in an error', () => {
    for (const to of ['2025550199', '+1202555019900000', 'whatsapp:12025550199']) {
      const error = rejected({ ...VALID, to });
      assert.equal(error.code, 'INVALID_TO');
      assert.doesNotMatch(JSON.stringify(error), /2025550199/);
    }
  });

  it('never echoes the body in an error', () => {
    const error = rejected({ ...VALID, body: `secret ${'x'.repeat(1600)}` });
    assert.equal(error.code, 'BODY_TOO_LONG');
    assert.doesNotMatch(JSON.stringify(error), /secret/);
  });
});

describe("the Flask workaround's request", () => {
  it('{number, minutes: "16", message} is accepted, 16 minutes ahead', () => {
    const { request, sendTime } = accepted({
      number: '+15551234567',
      minutes: '16',
      message: 'Ahoy',
    });
    assert.equal(request.to, '+15551234567');
    assert.deepEqual(request.content, { body: 'Ahoy', mediaUrls: [] });
    assert.deepEqual(request.time.spec, { kind: 'minutes', minutes: 16 });
    assert.equal(request.messagingServiceSid, undefined);
    assert.deepEqual(sendTime, {
      instant: Date.parse('2026-12-01T12:16:00Z'),
      sendAt: '2026-12-01T12:16:00Z',
    });
  });

  it('its largest value, 10079 minutes, is accepted (its 7-day cap is gone)', () => {
    const { sendTime } = accepted({ number: '+15551234567', minutes: '10079', message: 'Ahoy' });
    assert.equal(sendTime.sendAt, '2026-12-08T11:59:00Z');
  });

  it('also as JSON with a number', () => {
    const { sendTime } = accepted({ number: '+15551234567', minutes: 16, message: 'Ahoy' });
    assert.equal(sendTime.sendAt, '2026-12-01T12:16:00Z');
  });

  it('gets the local time when the service has a default zone', () => {
    const { sendTime } = accepted(
      { number: '+15551234567', minutes: '16', message: 'Ahoy' },
      NY_CONFIG,
    );
    assert.equal(sendTime.sendAtLocal, '2026-12-01T07:16:00-05:00');
    assert.equal(sendTime.timeZone, 'America/New_York');
  });
});

describe('aliases: the same value is fine, different ones conflict, blank counts as absent', () => {
  it('to and number with the same value: accepted', () => {
    const { request } = accepted({ ...VALID, number: ' +15551234567 ' });
    assert.equal(request.to, '+15551234567');
  });

  it('to and number with different values: CONFLICTING_TO, never a silent pick', () => {
    assert.equal(rejected({ ...VALID, number: '+15557654321' }).code, 'CONFLICTING_TO');
    // A wrong to is not rescued by a good number either.
    assert.equal(
      rejected({ ...VALID, to: '5551234567', number: '+15557654321' }).code,
      'CONFLICTING_TO',
    );
  });

  for (const blank of ['', '   ']) {
    it(`number is used when to is ${JSON.stringify(blank)}`, () => {
      const { request } = accepted({ ...VALID, to: blank, number: '+15557654321' });
      assert.equal(request.to, '+15557654321');
    });
  }

  it('body and message: the same value is fine, different ones are CONFLICTING_BODY', () => {
    assert.equal(accepted({ ...VALID, message: 'Ahoy' }).request.content.body, 'Ahoy');
    assert.equal(rejected({ ...VALID, message: 'Hello' }).code, 'CONFLICTING_BODY');
  });

  it('message is used when body is blank', () => {
    const { request } = accepted({ ...VALID, body: ' ', message: 'Hello' });
    assert.equal(request.content.body, 'Hello');
  });

  it('a blank send-time parameter does not conflict with another', () => {
    const { sendTime } = accepted(
      { ...without(VALID, 'minutes'), minutes: '', at: '09:00' },
      NY_CONFIG,
    );
    assert.equal(sendTime.sendAt, '2026-12-01T14:00:00Z');
  });

  it('blank optional parameters are ignored', () => {
    const { request, sendTime } = accepted({
      ...VALID,
      mediaUrl: '',
      contentSid: ' ',
      contentVariables: '  ',
      timeZone: '',
      quietHours: ' ',
      ifTooSoon: '',
      messagingServiceSid: '',
    });
    assert.deepEqual(request.content, { body: 'Ahoy', mediaUrls: [] });
    assert.equal(request.messagingServiceSid, undefined);
    assert.equal(sendTime.sendAt, '2026-12-01T12:30:00Z');
  });
});

describe('phone numbers are normalised', () => {
  // biome-ignore format: one case per line reads as a table
  const cases: [string, string][] = [
    ['+15551234567', '+15551234567'],
    ['+1 555 123 4567', '+15551234567'],
    ['+1-555-123-4567', '+15551234567'],
    ['+1.555.123.4567', '+15551234567'],
    ['+1 (555) 123-4567', '+15551234567'],
    ['  +15551234567  ', '+15551234567'],
    ['+44 20 7946 0958', '+442079460958'],
    ['whatsapp:+15551234567', 'whatsapp:+15551234567'],
    ['whatsapp:+1 (555) 123-4567', 'whatsapp:+15551234567'],
    ['WhatsApp:+15551234567', 'whatsapp:+15551234567'],
  ];
  for (const [raw, normalised] of cases) {
    it(`${JSON.stringify(raw)} is ${normalised}`, () => {
      assert.equal(accepted({ ...VALID, to: raw }).request.to, normalised);
      assert.equal(accepted({ ...without(VALID, 'to'), number: raw }).request.to, normalised);
    });
  }
});

describe('content', () => {
  it('a body of 1600 characters is accepted', () => {
    assert.equal(accepted({ ...VALID, body: 'x'.repeat(1600) }).request.content.body?.length, 1600);
  });

  it('mediaUrl alone is enough; comma-separated with spaces', () => {
    const { request } = accepted({
      ...without(VALID, 'body'),
      mediaUrl: 'https://example.com/a.png, http://example.com/b.jpg',
    });
    assert.deepEqual(request.content, {
      mediaUrls: ['https://example.com/a.png', 'http://example.com/b.jpg'],
    });
  });

  it('mediaUrl as repeated keys (an array); 10 are accepted', () => {
    const urls = media(10).split(',');
    const { request } = accepted({ ...VALID, mediaUrl: urls });
    assert.deepEqual(request.content.mediaUrls, urls);
  });

  it('a contentSid with contentVariables as a JSON string', () => {
    const { request } = accepted({
      ...without(VALID, 'body'),
      contentSid: TEMPLATE,
      contentVariables: '{"1": "Ana", "2": "9:00"}',
    });
    assert.deepEqual(request.content, {
      mediaUrls: [],
      contentSid: TEMPLATE,
      contentVariables: '{"1":"Ana","2":"9:00"}',
    });
  });

  it('contentVariables as a JSON object', () => {
    const { request } = accepted({
      ...without(VALID, 'body'),
      contentSid: TEMPLATE,
      contentVariables: { 1: 'Ana' },
    });
    assert.equal(request.content.contentVariables, '{"1":"Ana"}');
  });
});

describe('send times from Studio strings', () => {
  it('minutes "90.5"', () => {
    assert.equal(accepted({ ...VALID, minutes: '90.5' }).sendTime.sendAt, '2026-12-01T13:30:30Z');
  });

  it('minutes " 16 " with spaces', () => {
    assert.equal(accepted({ ...VALID, minutes: ' 16 ' }).sendTime.sendAt, '2026-12-01T12:16:00Z');
  });

  it('delay "PT90M"', () => {
    const { sendTime } = accepted({ ...without(VALID, 'minutes'), delay: 'PT90M' });
    assert.equal(sendTime.sendAt, '2026-12-01T13:30:00Z');
  });

  it('delay "1d 4h" in New York: 07:00 tomorrow, plus 4 hours', () => {
    const { sendTime } = accepted({ ...without(VALID, 'minutes'), delay: '1d 4h' }, NY_CONFIG);
    assert.equal(sendTime.sendAt, '2026-12-02T16:00:00Z');
    assert.equal(sendTime.sendAtLocal, '2026-12-02T11:00:00-05:00');
  });

  it('sendAt "2026-12-01 09:00" with timeZone America/New_York', () => {
    const { sendTime } = accepted({
      ...without(VALID, 'minutes'),
      sendAt: '2026-12-01 09:00',
      timeZone: 'America/New_York',
    });
    assert.deepEqual(sendTime, {
      instant: Date.parse('2026-12-01T14:00:00Z'),
      sendAt: '2026-12-01T14:00:00Z',
      sendAtLocal: '2026-12-01T09:00:00-05:00',
      sendAtText: 'Tuesday, December 1 at 9:00 AM EST',
      timeZone: 'America/New_York',
    });
  });

  it('a local sendAt with a fraction of a second is rounded up', () => {
    const { sendTime } = accepted(
      { ...without(VALID, 'minutes'), sendAt: '2026-12-01T09:59:59.5' },
      NY_CONFIG,
    );
    assert.equal(sendTime.sendAt, '2026-12-01T15:00:00Z');
  });

  it('a local sendAt uses DEFAULT_TIME_ZONE', () => {
    const { sendTime } = accepted(
      { ...without(VALID, 'minutes'), sendAt: '2026-12-01T09:00' },
      NY_CONFIG,
    );
    assert.equal(sendTime.sendAt, '2026-12-01T14:00:00Z');
  });

  it('timeZone overrides DEFAULT_TIME_ZONE', () => {
    const { sendTime } = accepted(
      { ...without(VALID, 'minutes'), sendAt: '2026-12-01T15:00', timeZone: 'Europe/London' },
      NY_CONFIG,
    );
    assert.equal(sendTime.sendAt, '2026-12-01T15:00:00Z');
    assert.equal(sendTime.sendAtLocal, '2026-12-01T15:00:00+00:00');
    assert.equal(sendTime.timeZone, 'Europe/London');
  });

  it('a zone in other letter case is reported canonically', () => {
    const { sendTime } = accepted({ ...VALID, timeZone: ' america/new_york ' });
    assert.equal(sendTime.timeZone, 'America/New_York');
  });

  it('at "9:00" with a one-digit hour', () => {
    const { sendTime } = accepted({ ...without(VALID, 'minutes'), at: '9:00' }, NY_CONFIG);
    assert.equal(sendTime.sendAtLocal, '2026-12-01T09:00:00-05:00');
  });

  it('ifTooSoon "earliest"', () => {
    const { sendTime } = accepted({ ...VALID, minutes: '5', ifTooSoon: 'earliest' });
    assert.equal(sendTime.sendAt, '2026-12-01T12:15:30Z');
    assert.equal(sendTime.adjusted, 'earliest');
  });

  it('QUIET_HOURS from the config moves a 22:00 send to 08:00', () => {
    const config: Config = {
      ...NY_CONFIG,
      defaults: { ...NY_CONFIG.defaults, quietHours: { start: 21 * 60, end: 8 * 60 } },
    };
    const { sendTime } = accepted({ ...VALID, minutes: '900' }, config);
    assert.equal(sendTime.sendAt, '2026-12-02T13:00:00Z');
    assert.equal(sendTime.adjusted, 'quiet-hours');
  });

  it('quietHours "off" turns the configured ones off', () => {
    const config: Config = {
      ...NY_CONFIG,
      defaults: { ...NY_CONFIG.defaults, quietHours: { start: 21 * 60, end: 8 * 60 } },
    };
    const { sendTime } = accepted({ ...VALID, minutes: '900', quietHours: 'off' }, config);
    assert.equal(sendTime.sendAt, '2026-12-02T03:00:00Z');
    assert.equal(sendTime.adjusted, undefined);
  });

  it('quietHours from the request', () => {
    const { sendTime } = accepted(
      { ...VALID, minutes: '900', quietHours: '21:00-08:00', timeZone: 'America/New_York' },
      CONFIG,
    );
    assert.equal(sendTime.sendAtLocal, '2026-12-02T08:00:00-05:00');
  });

  it('messagingServiceSid is kept for the handler', () => {
    const { request } = accepted({ ...VALID, messagingServiceSid: ` ${SERVICE} ` });
    assert.equal(request.messagingServiceSid, SERVICE);
  });
});

describe('parseSendAt', () => {
  const instant = (iso: string) => ({
    ok: true,
    value: { kind: 'instant', instant: Date.parse(iso) },
  });
  const local = (
    year: number,
    month: number,
    day: number,
    hour: number,
    minute: number,
    second = 0,
  ) => ({
    ok: true,
    value: { kind: 'local', wall: { year, month, day, hour, minute, second } },
  });

  // biome-ignore format: one case per line reads as a table
  const valid: [string, unknown][] = [
    ['2026-12-01T14:00:00Z', instant('2026-12-01T14:00:00Z')],
    ['2026-12-01T14:00Z', instant('2026-12-01T14:00:00Z')],
    ['2026-12-01 14:00:00Z', instant('2026-12-01T14:00:00Z')],
    ['2026-12-01T14:00:00.5Z', instant('2026-12-01T14:00:00.500Z')],
    ['2026-12-01T09:00:00-05:00', instant('2026-12-01T14:00:00Z')],
    ['2026-12-01T09:00-0500', instant('2026-12-01T14:00:00Z')],
    ['2026-12-01T19:30:00+05:30', instant('2026-12-01T14:00:00Z')],
    // A form body decodes an unescaped "+" to a space.
    ['2026-12-01T19:30:00 05:30', instant('2026-12-01T14:00:00Z')],
    ['2026-12-02T03:00:00+13:00', instant('2026-12-01T14:00:00Z')],
    ['2026-12-01T09:00', local(2026, 12, 1, 9, 0)],
    ['2026-12-01 09:00', local(2026, 12, 1, 9, 0)],
    ['2026-12-01T09:00:30', local(2026, 12, 1, 9, 0, 30)],
    ['2026-12-01T09:00:00.250', local(2026, 12, 1, 9, 0, 1)],
    [' 2026-12-01T09:00 ', local(2026, 12, 1, 9, 0)],
    ['2028-02-29T09:00', local(2028, 2, 29, 9, 0)],
  ];
  for (const [raw, expected] of valid) {
    it(`reads ${JSON.stringify(raw)}`, () => assert.deepEqual(parseSendAt(raw), expected));
  }

  const invalid = [
    '2026-02-29T09:00',
    '2026-04-31T09:00',
    '2026-13-01T09:00',
    '2026-12-01T24:00',
    '2026-12-01T09:60',
    '2026-12-01T09:00:60',
    '2026-12-01T9:00',
    '2026-12-01',
    '09:00',
    '12/01/2026 09:00',
    '2026-12-01T09:00+15:00',
    '2026-12-01T09:00+05:60',
    '1764597600',
    'tomorrow',
    '',
  ];
  for (const raw of invalid) {
    it(`rejects ${JSON.stringify(raw)}`, () => {
      const result = parseSendAt(raw);
      assert.equal(result.ok, false);
      if (!result.ok)
        assert.deepEqual([result.error.code, result.error.field], ['INVALID_SEND_AT', 'sendAt']);
    });
  }
});

describe('media links', () => {
  it('refuses a link over 8,192 characters before Twilio is asked (its limit is 1 MiB a request)', () => {
    const long = `https://example.com/${'a'.repeat(8_200)}`;
    const result = parseScheduleRequest(
      { to: '+15551234567', mediaUrl: [long], minutes: '30' },
      { quietHours: null, quietDays: null, locale: 'en-US' },
    );
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.error.code, 'INVALID_MEDIA_URL');
    assert.match(
      wordsFor(result.error, 'en').detail ?? '',
      /at most 8192 characters \(one is longer\)/,
    );
    const fits = parseScheduleRequest(
      { to: '+15551234567', mediaUrl: [`https://example.com/${'a'.repeat(8_000)}`], minutes: '30' },
      { quietHours: null, quietDays: null, locale: 'en-US' },
    );
    assert.equal(fits.ok, true);
  });
});

describe('builder details through the edge', () => {
  it('a limit is written so that the masking of phone numbers leaves it readable', () => {
    const result = parseScheduleRequest(
      { to: '+15551234567', body: 'x', minutes: '-5' },
      { quietHours: null, quietDays: null, locale: 'en-US' },
    );
    assert.equal(result.ok, false);
    if (result.ok) return;
    const detail = maskDigitRuns(wordsFor(result.error, 'en').detail ?? '');
    assert.match(detail, /up to 5,270,400,/);
    assert.doesNotMatch(detail, /\*\*\*/);
  });
});
