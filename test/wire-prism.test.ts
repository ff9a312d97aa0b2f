// The requests we send to Twilio's Messages API, checked against Twilio's own OpenAPI description
// (twilio-oai, 2010-04-01) by Prism, which answers 422 to anything the description does not allow.
// The real twilio library and our transport over real HTTP; the create is sent by the built
// functions/schedule-message.protected.js, so the shape proven is the one the product sends.
// A recording proxy sits between our transport and Prism: Prism's form parser keeps only the
// last of repeated keys, so the raw bytes are checked here for what Prism cannot see.
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import twilio from 'twilio';
import { EMULATOR_ACCOUNT_SID, EMULATOR_AUTH_TOKEN } from '../emulator';
import { createTransport } from '../src/twilio/transport';
import { invoke, loadFunction, makeContext } from './support/functions';
import { type PrismServer, startPrism } from './support/prism';

const SERVICE = `MG${'a'.repeat(32)}`;
const MESSAGE_SID = `SM${'0123456789abcdef'.repeat(2)}`;
const TO = '+15551234567';
/** What twilio-node sends for a `Date`, and what Twilio asks for: whole seconds, UTC, `Z`. */
const SEND_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const MESSAGES_PATH = `/2010-04-01/Accounts/${EMULATOR_ACCOUNT_SID}/Messages.json`;

interface Exchange {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
  form: URLSearchParams;
  status: number;
  contentType: string;
  answer: string;
}

interface Recorder {
  url: string;
  exchanges: Exchange[];
  stop(): Promise<void>;
}

/** An HTTP proxy on loopback that forwards to `target` and records each request and answer. */
async function startRecorder(target: string): Promise<Recorder> {
  const exchanges: Exchange[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', target);
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'content-type', 'accept', 'user-agent']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const method = req.method ?? 'GET';
    let status = 502;
    let contentType = 'text/plain';
    let answer = 'recorder: Prism did not answer';
    try {
      const upstream = await fetch(url, {
        method,
        headers,
        body: method === 'GET' || method === 'HEAD' ? undefined : rawBody,
        signal: AbortSignal.timeout(5_000),
      });
      answer = await upstream.text();
      status = upstream.status;
      contentType = upstream.headers.get('content-type') ?? '';
    } catch {
      // Recorded as a 502.
    }
    exchanges.push({
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      rawBody,
      form: new URLSearchParams(rawBody),
      status,
      contentType,
      answer,
    });
    res.writeHead(status, { 'content-type': contentType });
    res.end(answer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface ProblemJson {
  status: number;
  validation: { location: string[]; code: string; message: string }[];
}

/** Prism's 422: problem+json naming each violated rule. */
function problem(exchange: Exchange | undefined): ProblemJson {
  assert.ok(exchange, 'a request reached Prism');
  assert.equal(exchange.status, 422, exchange.answer);
  assert.match(exchange.contentType, /^application\/problem\+json/);
  return JSON.parse(exchange.answer) as ProblemJson;
}

function violations(exchange: Exchange | undefined): string[] {
  return problem(exchange).validation.map((v) => `${v.location.join('.')}:${v.code}`);
}

/** twilio-node's RestException, from a 4xx answer. */
function restException(status: number) {
  return (error: unknown) => {
    assert.ok(error instanceof twilio.RestException, String(error));
    assert.equal(error.status, status);
    return true;
  };
}

describe("Messages API requests, validated by Prism against Twilio's 2010 description", () => {
  let prism: PrismServer | undefined;
  let recorder: Recorder | undefined;
  const schedule = loadFunction('schedule-message');

  const exchanges = () => recorder?.exchanges ?? [];
  const only = () => {
    assert.equal(exchanges().length, 1, 'exactly one request reached Prism');
    return exchanges()[0] as Exchange;
  };
  /** Where Twilio calls go; never undefined, which would mean the real api.twilio.com. */
  const base = (): string => {
    if (!recorder) throw new Error('Prism and the recorder are not running');
    return recorder.url;
  };
  // The registry's Sync calls are checked against Sync's description in registry-wire.test.ts.
  const env = () => ({
    MESSAGING_SERVICE_SID: SERVICE,
    TWILIO_API_BASE_URL: base(),
    REGISTRY: 'off',
  });
  const client = () =>
    twilio(EMULATOR_ACCOUNT_SID, EMULATOR_AUTH_TOKEN, {
      httpClient: createTransport({ deadline: Date.now() + 8_000, baseUrl: base() }),
    } as unknown as Parameters<typeof twilio>[2]);
  /** A valid scheduled create, for the refusals to spoil one field at a time. */
  const validCreate = () => ({
    to: TO,
    messagingServiceSid: SERVICE,
    scheduleType: 'fixed' as const,
    sendAt: new Date(Date.now() + 60 * 60_000),
    body: 'Ahoy',
  });

  before(async () => {
    prism = await startPrism('twilio_api_v2010.json');
    recorder = await startRecorder(prism.url);
  });
  after(async () => {
    await recorder?.stop();
    await prism?.stop();
  });
  beforeEach(() => {
    exchanges().length = 0;
  });

  describe('create (POST Messages.json), as /schedule-message sends it', () => {
    it('accepts a scheduled SMS/MMS: fixed, SendAt in whole UTC seconds, MessagingServiceSid, To, Body, repeated MediaUrl', async () => {
      const answer = await invoke(schedule, makeContext({ env: env() }), {
        to: '+1 (555) 123-4567',
        body: 'Ahoy from the wire test',
        mediaUrl: 'https://example.com/a.png, https://example.com/b%20c.jpg?size=large&v=2',
        minutes: '60',
      });
      const create = only();
      assert.equal(create.status, 201, `Prism refused the create: ${create.answer}`);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.ok, true);

      assert.equal(create.method, 'POST');
      assert.equal(create.path, MESSAGES_PATH);
      assert.match(String(create.headers['content-type']), /^application\/x-www-form-urlencoded/);
      assert.match(String(create.headers.authorization), /^Basic /);
      assert.equal(create.form.get('ScheduleType'), 'fixed');
      assert.match(String(create.form.get('SendAt')), SEND_AT);
      assert.equal(create.form.get('SendAt'), answer.body.sendAt, 'the sendAt reported is sent');
      assert.equal(create.form.get('MessagingServiceSid'), SERVICE);
      assert.equal(create.form.get('To'), TO);
      assert.equal(create.form.get('Body'), 'Ahoy from the wire test');
      // Where Twilio reports what became of it: the service's own /message-status.
      assert.equal(
        create.form.get('StatusCallback'),
        'https://localhost/message-status#rc=3&rp=all',
      );
      // Prism validated only the last MediaUrl (it keeps the last repeated key): the raw body
      // must carry each one as its own MediaUrl key.
      assert.deepEqual(create.form.getAll('MediaUrl'), [
        'https://example.com/a.png',
        'https://example.com/b%20c.jpg?size=large&v=2',
      ]);
      assert.equal(create.rawBody.match(/(?:^|&)MediaUrl=/g)?.length, 2);
      assert.deepEqual(
        [...new Set(create.form.keys())].sort(),
        [
          'Body',
          'MediaUrl',
          'MessagingServiceSid',
          'ScheduleType',
          'SendAt',
          'StatusCallback',
          'To',
        ],
        'nothing else is sent',
      );
    });

    it('accepts a scheduled WhatsApp template: ContentSid and ContentVariables, no Body', async () => {
      const answer = await invoke(schedule, makeContext({ env: env() }), {
        to: 'whatsapp:+44 7700 900123',
        contentSid: `HX${'b'.repeat(32)}`,
        contentVariables: { 1: 'Ana', 2: '09:00' },
        delay: 'PT2H',
      });
      const create = only();
      assert.equal(create.status, 201, `Prism refused the create: ${create.answer}`);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(create.form.get('To'), 'whatsapp:+447700900123');
      assert.equal(create.form.get('ContentSid'), `HX${'b'.repeat(32)}`);
      assert.deepEqual(JSON.parse(String(create.form.get('ContentVariables'))), {
        1: 'Ana',
        2: '09:00',
      });
      assert.equal(create.form.get('ScheduleType'), 'fixed');
      assert.match(String(create.form.get('SendAt')), SEND_AT);
      assert.equal(create.form.get('MessagingServiceSid'), SERVICE);
      assert.equal(create.form.has('Body'), false);
    });

    it('refuses a MessagingServiceSid that does not match ^MG[0-9a-fA-F]{32}$ (422 -> RestException 422)', async () => {
      await assert.rejects(
        client().messages.create({ ...validCreate(), messagingServiceSid: `MG${'z'.repeat(32)}` }),
        restException(422),
      );
      assert.deepEqual(violations(only()), ['body.MessagingServiceSid:pattern']);
    });

    it('refuses a ScheduleType outside its enum', async () => {
      await assert.rejects(
        client().messages.create({
          ...validCreate(),
          scheduleType: 'later' as unknown as 'fixed',
        }),
        restException(422),
      );
      assert.deepEqual(violations(only()), ['body.ScheduleType:enum']);
    });

    it('refuses a SendAt that is not an ISO 8601 date-time', async () => {
      await assert.rejects(
        client().messages.create({
          ...validCreate(),
          sendAt: 'tomorrow at nine' as unknown as Date,
        }),
        restException(422),
      );
      assert.deepEqual(violations(only()), ['body.SendAt:format']);
    });

    it('refuses a MediaUrl that is not a URI', async () => {
      await assert.rejects(
        client().messages.create({ ...validCreate(), mediaUrl: ['not a url'] }),
        restException(422),
      );
      assert.deepEqual(violations(only()), ['body.MediaUrl.0:format']);
    });

    it('refuses a create without To', async () => {
      // twilio-node refuses to send it at all, so the form goes through our transport directly.
      const { to: _to, sendAt, ...rest } = validCreate();
      const response = await createTransport({
        deadline: Date.now() + 8_000,
        baseUrl: base(),
      }).request({
        method: 'POST',
        uri: `https://api.twilio.com${MESSAGES_PATH}`,
        username: EMULATOR_ACCOUNT_SID,
        password: EMULATOR_AUTH_TOKEN,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        data: {
          MessagingServiceSid: rest.messagingServiceSid,
          ScheduleType: rest.scheduleType,
          SendAt: sendAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
          Body: rest.body,
        },
      });
      assert.equal(response.statusCode, 422);
      assert.deepEqual(violations(only()), ['body:required']);
      assert.match(problem(only()).validation[0]?.message ?? '', /'To'/);
    });

    it('refuses an AccountSid that is not AC + 32 hex', async () => {
      const bad = twilio(`AC${'x'.repeat(32)}`, EMULATOR_AUTH_TOKEN, {
        httpClient: createTransport({ deadline: Date.now() + 8_000, baseUrl: base() }),
      } as unknown as Parameters<typeof twilio>[2]);
      await assert.rejects(bad.messages.create(validCreate()), restException(422));
      assert.ok(violations(only()).includes('path.accountsid:pattern'), only().answer);
    });
  });

  describe('cancel (POST Messages/{Sid}.json), as /cancel-message sends it', () => {
    it('accepts Status=canceled for an SM sid, and sends nothing else', async () => {
      const message = await client().messages(MESSAGE_SID).update({ status: 'canceled' });
      const update = only();
      assert.equal(update.status, 200, update.answer);
      assert.equal(typeof message.sid, 'string');
      assert.equal(update.method, 'POST');
      assert.equal(
        update.path,
        `/2010-04-01/Accounts/${EMULATOR_ACCOUNT_SID}/Messages/${MESSAGE_SID}.json`,
      );
      assert.deepEqual([...update.form], [['Status', 'canceled']]);
    });

    it('refuses a Status outside its enum (only "canceled" is allowed)', async () => {
      await assert.rejects(
        client()
          .messages(MESSAGE_SID)
          .update({ status: 'cancelled' as unknown as 'canceled' }),
        restException(422),
      );
      assert.deepEqual(violations(only()), ['body.Status:enum']);
    });

    it('refuses a message sid that is not SM/MM + 32 hex', async () => {
      await assert.rejects(
        client()
          .messages(`SX${'0'.repeat(32)}`)
          .update({ status: 'canceled' }),
        restException(422),
      );
      assert.deepEqual(violations(only()), ['path.sid:pattern']);
    });
  });

  describe('list (GET Messages.json), as /cancel-message and /scheduled-messages page it', () => {
    it('accepts one page filtered by To with a PageSize, reads it, and follows next_page_uri', async () => {
      // page() and nextPage(), as the product pages: a list() without a limit would page forever
      // (Prism's canned page always names a next page).
      const page = await client().messages.page({ to: TO, pageSize: 100 });
      const first = only();
      assert.equal(first.status, 200, first.answer);
      assert.equal(first.method, 'GET');
      assert.equal(first.path, MESSAGES_PATH);
      assert.deepEqual(
        [...first.query],
        [
          ['To', TO],
          ['PageSize', '100'],
        ],
      );
      assert.ok(page.instances.length > 0, 'the canned page holds messages');
      assert.equal(typeof page.instances[0]?.status, 'string');
      assert.ok(page.instances[0]?.dateCreated instanceof Date);

      const next = await page.nextPage();
      assert.equal(exchanges().length, 2);
      const second = exchanges()[1] as Exchange;
      assert.equal(second.status, 200, second.answer);
      assert.equal(second.method, 'GET');
      assert.ok(second.query.has('PageToken'), 'the next page is asked for by its token');
      assert.ok(next && next.instances.length > 0);
    });

    it('refuses a PageSize above 1000', async () => {
      await assert.rejects(client().messages.page({ to: TO, pageSize: 1001 }), restException(422));
      // Prism names query and path parameters in lower case.
      assert.deepEqual(violations(only()), ['query.pagesize:maximum']);
    });
  });
});
