// The local stack answers this machine and its own page only (emulator/local-origin.ts): the
// rule request by request, then in a real browser. A page of another origin, in Debian's
// Chromium through playwright-core, tries what a web page can do unasked (a form POST, an <img>
// GET, a fetch without a preflight, a no-cors fetch, a JSON fetch with a preflight) against
// every function route, the outbox's routes and the emulator's own port. Nothing is scheduled, canceled, moved or read. The same attempts from
// a page of the stack's own origin do schedule and read: the origin is what differs. A foreign
// Host (DNS rebinding) is refused on every route, and a status callback that Twilio (here: the
// emulator, with the local token) did not sign changes nothing.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { twilioSignature } from '../emulator/callbacks';
import { foreignRequest } from '../emulator/local-origin';
import type { TwilioEmulator } from '../emulator/server';
import { type LocalStack, startLocalStack } from '../scripts/local-stack';
import { launchChromium, requireChromium } from './support/browser';

/** A name of the attacker's that resolves to this machine: DNS rebinding, in the browser. */
const REBIND_RULE = '--host-resolver-rules=MAP rebind.example 127.0.0.1';
const WAIT_MS = 15_000;
const VICTIM = '+15557654321';
const FUNCTION_ROUTES = [
  '/schedule-message',
  '/cancel-message',
  '/scheduled-messages',
  '/message-status',
];
const OUTBOX_ROUTES = ['/', '/_outbox/state', '/_emulator/clock', '/_emulator/messages'];
const EMULATOR_ROUTES = ['/_emulator/clock', '/_emulator/messages', '/_emulator/callbacks'];

// The few browser globals the in-page attempts use (this project compiles without the DOM lib).
interface PageElement {
  name: string;
  method: string;
  action: string;
  target: string;
  type: string;
  value: string;
  style: { display: string };
  addEventListener(type: string, listener: () => void, options?: { once: boolean }): void;
  append(...children: PageElement[]): void;
  submit(): void;
}
declare const document: { body: PageElement; createElement(tag: string): PageElement };
declare const Image: new () => {
  onload: (() => void) | null;
  onerror: (() => void) | null;
  src: string;
};

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A request with headers fetch() will not send (another Host). */
function raw(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, timeout: WAIT_MS },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer')));
    req.on('error', reject);
    req.end(options.body);
  });
}

const form = (fields: Record<string, string>) => ({
  'Content-Type': 'application/x-www-form-urlencoded',
  body: new URLSearchParams(fields).toString(),
});

async function postForm(url: string, fields: Record<string, string>, headers = {}) {
  const { body, ...type } = form(fields);
  return raw(url, { method: 'POST', headers: { ...type, ...headers }, body });
}

/** The fields each route would act on: schedule, cancel, list, report as canceled, move. */
function fieldsFor(
  path: string,
  victimSid: string,
  label: string,
  to = VICTIM,
): Record<string, string> {
  if (path.endsWith('/message-status')) {
    return { MessageSid: victimSid, MessageStatus: 'canceled', AccountSid: `AC${'0'.repeat(31)}1` };
  }
  if (path.endsWith('/clock')) return { advanceMs: String(3600_000) };
  return { to, minutes: '20', body: label };
}

/**
 * What a page can do to a URL unasked, run inside the page: each attempt says what the page got
 * back (`read:STATUS:TEXT` when it could read the answer).
 */
async function attempt(args: {
  url: string;
  fields: Record<string, string>;
}): Promise<Record<string, string>> {
  const { url, fields } = args;
  const labelled = (how: string) => {
    const copy = { ...fields };
    if ('body' in copy) copy.body = `${copy.body} ${how}`;
    return copy;
  };
  const settle = (promise: Promise<string>) =>
    Promise.race([promise, new Promise<string>((r) => setTimeout(() => r('timeout'), 5000))]);
  const read = async (response: Promise<Response>) => {
    try {
      const answer = await response;
      if (answer.type === 'opaque') return 'opaque';
      return `read:${answer.status}:${await answer.text()}`;
    } catch {
      return 'rejected';
    }
  };
  const result: Record<string, string> = {};

  // A form POSTed into a hidden frame, as a page would to act without being seen.
  result.form = await settle(
    new Promise((resolve) => {
      const name = `frame${Math.random().toString(36).slice(2)}`;
      const frame = document.createElement('iframe');
      frame.name = name;
      frame.style.display = 'none';
      // Its first load (about:blank) fires on insertion: listen after it, for the answer.
      document.body.append(frame);
      frame.addEventListener('load', () => resolve('submitted'), { once: true });
      const element = document.createElement('form');
      element.method = 'POST';
      element.action = url;
      element.target = name;
      for (const [key, value] of Object.entries(labelled('form'))) {
        const input = document.createElement('input');
        input.type = 'hidden';
        input.name = key;
        input.value = value;
        element.append(input);
      }
      document.body.append(element);
      element.submit();
    }),
  );
  // An image: a GET with the fields in the query string.
  result.img = await settle(
    new Promise((resolve) => {
      const image = new Image();
      image.onload = () => resolve('loaded');
      image.onerror = () => resolve('error');
      image.src = `${url}?${new URLSearchParams(labelled('img'))}`;
    }),
  );
  // A simple request (form-encoded, no preflight): it is sent; can the page read the answer?
  result.simple = await settle(
    read(fetch(url, { method: 'POST', body: new URLSearchParams(labelled('simple')) })),
  );
  result.noCors = await settle(
    read(
      fetch(url, {
        method: 'POST',
        mode: 'no-cors',
        body: new URLSearchParams(labelled('no-cors')),
      }),
    ),
  );
  // JSON: the browser asks first (OPTIONS), and sends the POST only if allowed.
  result.preflight = await settle(
    read(
      fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(labelled('json')),
      }),
    ),
  );
  result.get = await settle(read(fetch(url)));
  return result;
}

async function newPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  page.setDefaultTimeout(WAIT_MS);
  // tsx (esbuild) wraps named functions in a `__name` helper that the page does not have.
  await page.addInitScript('globalThis.__name = (target) => target;');
  return page;
}

/** A server of another origin: one blank page, on its own loopback port. */
async function startElsewhere(): Promise<{ server: Server; port: number }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>Another site</title><p>Nothing to see.</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

interface Snapshot {
  messages: string;
  clock: number;
  apiRequests: number;
}

const snapshot = (emulator: TwilioEmulator): Snapshot => ({
  messages: JSON.stringify(
    [...emulator.messages.values()].map((m) => [m.sid, m.status, m.body, m.sendAt]),
  ),
  clock: emulator.clock.offset,
  apiRequests: emulator.requests.length,
});

describe('the rule, request by request', () => {
  const PORT = 3000;
  const ask = (headers: Record<string, string>, remoteAddress = '127.0.0.1') =>
    ({ socket: { remoteAddress, localPort: PORT }, headers }) as unknown as IncomingMessage;
  const served = (headers: Record<string, string>, ownPage: boolean, remote?: string) =>
    foreignRequest(ask(headers, remote), { ownPage }) === undefined;

  it('serves a program on this machine that names the server (curl, twilio-node)', () => {
    for (const host of ['127.0.0.1:3000', 'localhost:3000', 'LOCALHOST:3000']) {
      assert.ok(served({ host }, true), host);
      assert.ok(served({ host }, false), host);
    }
    assert.ok(served({ host: '127.0.0.1:3000' }, true, '::ffff:127.0.0.1'));
    assert.ok(!served({ host: '127.0.0.1:3000' }, true, '192.168.1.20'), 'another machine');
  });

  it('refuses another name or port in Host (DNS rebinding), or none', () => {
    for (const host of ['evil.example:3000', '127.0.0.1:3001', '127.0.0.1', '127.0.0.2:3000', '']) {
      assert.ok(!served({ host }, true), host || '(none)');
    }
  });

  it("serves the server's own page only: its exact origin, same-origin or typed by the builder", () => {
    const host = '127.0.0.1:3000';
    assert.ok(served({ host, origin: 'http://127.0.0.1:3000' }, true));
    assert.ok(served({ host, 'sec-fetch-site': 'same-origin' }, true));
    assert.ok(served({ host, 'sec-fetch-site': 'none' }, true), 'the address bar');
    for (const origin of [
      'http://localhost:3000', // another origin, for a browser
      'http://127.0.0.1:8080',
      'https://127.0.0.1:3000',
      'http://evil.example',
      'null',
    ]) {
      assert.ok(!served({ host, origin }, true), origin);
    }
    // An <img> or a no-cors GET from another port sends no Origin: Sec-Fetch-Site tells.
    for (const site of ['same-site', 'cross-site']) {
      assert.ok(!served({ host, 'sec-fetch-site': site }, true), site);
    }
  });

  it('the emulator, which serves no page, refuses every page, its own origin too', () => {
    const host = '127.0.0.1:3000';
    assert.ok(!served({ host, origin: 'http://127.0.0.1:3000' }, false));
    assert.ok(!served({ host, 'sec-fetch-site': 'same-origin' }, false));
    assert.ok(served({ host, 'sec-fetch-site': 'none' }, false), 'the address bar');
  });
});

it("has Debian's Chromium to run the attacks in", () => requireChromium());

describe('a page of another origin, in Chromium', { timeout: 240_000 }, () => {
  let stack: LocalStack;
  let emulator: TwilioEmulator;
  let browser: Browser;
  let elsewhere: { server: Server; port: number };
  let victimSid = '';

  before(async () => {
    stack = await startLocalStack({ env: {}, stdio: 'ignore', startTimeoutMs: 60_000 });
    assert.ok(stack.emulator);
    emulator = stack.emulator;
    elsewhere = await startElsewhere();
    browser = await launchChromium([REBIND_RULE]);
    // A message scheduled the ordinary way (curl-like, no Origin): what a page would cancel.
    const scheduled = await postForm(`${stack.url}/schedule-message`, {
      to: VICTIM,
      minutes: '30',
      body: 'the victim',
    });
    assert.equal(scheduled.status, 200, scheduled.text);
    victimSid = (JSON.parse(scheduled.text) as { sid: string }).sid;
  });

  after(async () => {
    try {
      await browser?.close();
    } finally {
      elsewhere?.server.close();
      await stack?.stop();
    }
  });

  /** The victim is still listed as scheduled, read the ordinary way. */
  async function assertVictimListed(): Promise<void> {
    const list = await postForm(`${stack.url}/scheduled-messages`, { to: VICTIM });
    assert.equal(list.status, 200, list.text);
    const { messages } = JSON.parse(list.text) as { messages: { sid: string }[] };
    assert.deepEqual(
      messages.map((m) => m.sid),
      [victimSid],
    );
    assert.equal(emulator.messages.get(victimSid)?.status, 'scheduled');
  }

  for (const host of ['127.0.0.1', 'localhost']) {
    it(`from http://${host}:<another port>: nothing scheduled, canceled, moved or read`, async () => {
      const page: Page = await newPage(browser);
      const stackOrigins = [stack.url, emulator.url].map((url) => new URL(url).origin);
      const statuses: string[] = [];
      page.on('response', (response) => {
        if (stackOrigins.includes(new URL(response.url()).origin)) {
          statuses.push(`${response.status()} ${response.request().method()} ${response.url()}`);
        }
      });
      try {
        await page.goto(`http://${host}:${elsewhere.port}/`, { timeout: WAIT_MS });
        const before = snapshot(emulator);
        const targets = [
          ...FUNCTION_ROUTES.map((path) => `${stack.url}${path}`),
          ...OUTBOX_ROUTES.map((path) => `${stack.url}${path}`),
          ...EMULATOR_ROUTES.map((path) => `${emulator.url}${path}`),
          `${emulator.url}/2010-04-01/Accounts/${stack.accountSid}/Messages.json`,
        ];
        for (const url of targets) {
          const fields = fieldsFor(url, victimSid, 'from elsewhere');
          const result = await page.evaluate(attempt, { url, fields });
          // Each attempt went out and came back (none hung), and the page read nothing.
          assert.deepEqual(
            result,
            {
              form: 'submitted',
              img: 'error',
              simple: 'rejected',
              noCors: 'opaque',
              preflight: 'rejected',
              get: 'rejected',
            },
            url,
          );
        }
        assert.deepEqual(snapshot(emulator), before, 'the emulator saw nothing and nothing moved');
        await assertVictimListed();
        // Every answer the browser got from the stack was a refusal.
        assert.ok(statuses.length >= targets.length * 2, statuses.join('\n'));
        assert.deepEqual(
          statuses.filter((line) => !line.startsWith('403 ')),
          [],
        );
      } finally {
        await page.close();
      }
    });
  }

  it('by DNS rebinding (a name of the page pointed at 127.0.0.1): refused', async () => {
    const page = await newPage(browser);
    try {
      const port = new URL(stack.url).port;
      const answer = await page.goto(`http://rebind.example:${port}/scheduled-messages?to=1`, {
        timeout: WAIT_MS,
      });
      assert.equal(answer?.status(), 403);
      // Same-origin for the browser, but the server sees the foreign Host.
      const result = await page.evaluate(attempt, {
        url: `http://rebind.example:${port}/schedule-message`,
        fields: fieldsFor('/schedule-message', victimSid, 'rebinding'),
      });
      for (const how of ['simple', 'preflight', 'get'] as const) {
        assert.match(result[how] ?? '', /^read:403:.*FORBIDDEN_ORIGIN/, how);
      }
      assert.ok(![...emulator.messages.values()].some((m) => m.body.startsWith('rebinding')));
    } finally {
      await page.close();
    }
  });

  for (const [index, host] of ['127.0.0.1', 'localhost'].entries()) {
    it(`from the stack's own origin (http://${host}:<its port>): the same attempts schedule and read`, async () => {
      const page = await newPage(browser);
      const origin = `http://${host}:${stack.port}`;
      const label = `own page ${host}`;
      const to = `+1555765430${index}`;
      try {
        // A document of the stack's origin (its list answer), to run the same attempts from.
        const opened = await page.goto(`${origin}/scheduled-messages?to=${encodeURIComponent(to)}`);
        assert.equal(opened?.status(), 200);
        const result = await page.evaluate(attempt, {
          url: `${origin}/schedule-message`,
          fields: fieldsFor('/schedule-message', victimSid, label, to),
        });
        assert.equal(result.form, 'submitted');
        assert.match(result.simple ?? '', /^read:200:.*"ok":true/);
        assert.match(result.preflight ?? '', /^read:200:.*"ok":true/);
        const bodies = [...emulator.messages.values()]
          .map((m) => m.body)
          .filter((body) => body.startsWith(label))
          .sort();
        assert.deepEqual(
          bodies,
          ['form', 'img', 'json', 'no-cors', 'simple'].map((how) => `${label} ${how}`),
        );
        const listed = await page.evaluate(async (to) => {
          const answer = await fetch('/scheduled-messages', {
            method: 'POST',
            body: new URLSearchParams({ to }),
          });
          return (await answer.json()) as { ok: boolean; messages: unknown[] };
        }, to);
        assert.ok(listed.ok);
        assert.equal(listed.messages.length, bodies.length, JSON.stringify(listed));
      } finally {
        await page.close();
      }
    });
  }
});

describe('the local stack, asked by name and origin', { timeout: 120_000 }, () => {
  let stack: LocalStack;
  let emulator: TwilioEmulator;

  before(async () => {
    stack = await startLocalStack({ env: {}, stdio: 'ignore', startTimeoutMs: 60_000 });
    assert.ok(stack.emulator);
    emulator = stack.emulator;
  });
  after(() => stack?.stop());

  const assertForbidden = (reply: Reply, what: string) => {
    assert.equal(reply.status, 403, `${what}: ${reply.text}`);
    const body = JSON.parse(reply.text) as { ok: boolean; error: { code: string } };
    assert.equal(body.ok, false);
    assert.equal(body.error.code, 'FORBIDDEN_ORIGIN', what);
    assert.equal(reply.headers['access-control-allow-origin'], undefined, what);
  };

  it('refuses a foreign Host (DNS rebinding) on every route, and schedules nothing', async () => {
    const before = snapshot(emulator);
    const servers = [
      { base: stack.url, paths: [...FUNCTION_ROUTES, ...OUTBOX_ROUTES, '/nothing-here'] },
      {
        base: emulator.url,
        paths: [...EMULATOR_ROUTES, `/2010-04-01/Accounts/${stack.accountSid}/Messages.json`],
      },
    ];
    for (const { base, paths } of servers) {
      const { port } = new URL(base);
      for (const path of paths) {
        for (const host of [
          `evil.example:${port}`,
          'evil.example',
          `127.0.0.1:${Number(port) + 1}`,
        ]) {
          const headers = { Host: host };
          assertForbidden(await raw(`${base}${path}`, { headers }), `GET ${path} Host ${host}`);
          const fields = fieldsFor(path, 'SM0', 'rebinding');
          assertForbidden(await postForm(`${base}${path}`, fields, headers), `POST ${path}`);
        }
      }
    }
    assert.deepEqual(snapshot(emulator), before);
  });

  it('answers a preflight from another origin with 403, and none with Access-Control-Allow-*', async () => {
    const preflight = {
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type',
    };
    for (const path of FUNCTION_ROUTES) {
      const url = `${stack.url}${path}`;
      for (const origin of [
        'http://evil.example',
        'http://127.0.0.1:8080',
        'http://localhost:8080',
        'null',
      ]) {
        assertForbidden(
          await raw(url, { method: 'OPTIONS', headers: { ...preflight, Origin: origin } }),
          `OPTIONS ${path} from ${origin}`,
        );
      }
      // Without an Origin (no browser): answered, but allowing no one.
      const plain = await raw(url, { method: 'OPTIONS' });
      assert.equal(plain.status, 204);
      const cors = Object.keys(plain.headers).filter((h) => h.startsWith('access-control-'));
      assert.deepEqual(cors, [], path);
    }
    const own = await postForm(
      `${stack.url}/scheduled-messages`,
      { to: VICTIM },
      { Origin: stack.url },
    );
    assert.equal(own.status, 200, own.text);
    assert.deepEqual(
      Object.keys(own.headers).filter((h) => h.startsWith('access-control-')),
      [],
    );
    // The emulator serves no page: any Origin is refused there, a loopback one too.
    for (const origin of [stack.url, emulator.url, 'http://localhost:8080']) {
      assertForbidden(
        await raw(`${emulator.url}/_emulator/messages`, { headers: { Origin: origin } }),
        `emulator from ${origin}`,
      );
    }
  });

  it('refuses a status callback that is unsigned or signed with another token; the message stays listed and cancelable', async () => {
    const schedule = async (body: string) => {
      const reply = await postForm(`${stack.url}/schedule-message`, {
        to: VICTIM,
        minutes: '30',
        body,
      });
      assert.equal(reply.status, 200, reply.text);
      return (JSON.parse(reply.text) as { sid: string }).sid;
    };
    const listed = async () => {
      const reply = await postForm(`${stack.url}/scheduled-messages`, { to: VICTIM });
      return (JSON.parse(reply.text) as { messages: { sid: string }[] }).messages.map((m) => m.sid);
    };
    const target = await schedule('keep me');
    const control = await schedule('really canceled');
    const url = `${stack.url}/message-status`;
    const fieldsOf = (sid: string) => ({
      AccountSid: stack.accountSid,
      MessageSid: sid,
      MessageStatus: 'canceled',
      SmsSid: sid,
      SmsStatus: 'canceled',
      To: VICTIM,
    });
    const forged = fieldsOf(target);
    const attempts: [string, Record<string, string>][] = [
      ['unsigned', {}],
      [
        'signed with another token',
        { 'X-Twilio-Signature': twilioSignature('f'.repeat(32), url, forged) },
      ],
      [
        'signed for other fields',
        {
          'X-Twilio-Signature': twilioSignature(stack.authToken, url, {
            ...forged,
            MessageStatus: 'sent',
          }),
        },
      ],
      [
        'signed for another URL',
        { 'X-Twilio-Signature': twilioSignature(stack.authToken, `${url}x`, forged) },
      ],
    ];
    for (const [what, headers] of attempts) {
      const reply = await postForm(url, forged, headers);
      assert.equal(reply.status, 403, `${what}: ${reply.text}`);
      assert.equal(
        (JSON.parse(reply.text) as { error: { code: string } }).error.code,
        'INVALID_SIGNATURE',
      );
    }
    // The path as an absolute URL (as to a proxy) must not slip past the check.
    const absolute = await new Promise<number>((resolve, reject) => {
      const { body, ...type } = form(forged);
      const req = request({
        host: '127.0.0.1',
        port: stack.port,
        method: 'POST',
        path: url,
        headers: { ...type, Host: `127.0.0.1:${stack.port}` },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(body);
    });
    assert.equal(absolute, 400);
    // Signed with the local token, as the emulator signs: accepted, and it counts.
    const genuine = fieldsOf(control);
    const accepted = await postForm(url, genuine, {
      'X-Twilio-Signature': twilioSignature(stack.authToken, url, genuine),
    });
    assert.equal(accepted.status, 200, accepted.text);
    const after = await listed();
    assert.ok(after.includes(target), 'the forged callbacks changed nothing');
    assert.ok(!after.includes(control), 'a signed callback is read as before');
    // Still cancelable, for real.
    const cancel = await postForm(`${stack.url}/cancel-message`, { sid: target });
    assert.equal(cancel.status, 200, cancel.text);
    assert.equal(emulator.messages.get(target)?.status, 'canceled');
  });
});
