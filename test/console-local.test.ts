// npm start's console header (scripts/console-local.ts): added only to the console's requests
// from the stack's own page, and whatever a client sent under that name is dropped from every
// request, from the raw headers the runtime reads too.
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { describe, it } from 'node:test';
import { markConsoleRequest } from '../scripts/console-local';

const PORT = 3000;
const KEY = 'k'.repeat(64);
const OWN = `http://127.0.0.1:${PORT}`;

function request(method: string, url: string, headers: Record<string, string>): IncomingMessage {
  const rawHeaders = Object.entries(headers).flat();
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { method, url, headers: lower, rawHeaders } as unknown as IncomingMessage;
}

const marked = (req: IncomingMessage) => {
  markConsoleRequest(req, PORT, KEY);
  const raw = req.rawHeaders;
  const inRaw = raw.filter((_, i) => i % 2 === 0 && raw[i]?.toLowerCase() === 'x-console-local');
  assert.equal(inRaw.length, req.headers['x-console-local'] === undefined ? 0 : 1);
  return req.headers['x-console-local'];
};

describe('markConsoleRequest', () => {
  it('marks the page, and API calls from the page, on this stack', () => {
    assert.equal(marked(request('GET', '/console', { Host: `127.0.0.1:${PORT}` })), KEY);
    assert.equal(
      marked(request('GET', '/console?file=script', { Host: `localhost:${PORT}` })),
      KEY,
    );
    const api = { Host: `127.0.0.1:${PORT}`, Origin: OWN, 'Sec-Fetch-Site': 'same-origin' };
    assert.equal(marked(request('POST', '/console-api', api)), KEY);
  });

  it('marks nothing from elsewhere, by another method, or without the page\u2019s Origin', () => {
    const host = { Host: `127.0.0.1:${PORT}` };
    const cases = [
      request('GET', '/console', { Host: 'evil.example' }),
      request('GET', '/console', { Host: `127.0.0.1:${PORT + 1}` }),
      request('GET', '/console-api?action=cancel&tag=x', host),
      request('POST', '/console-api', host),
      request('POST', '/console-api', { ...host, Origin: 'https://evil.example' }),
      request('POST', '/console-api', { ...host, Origin: OWN, 'Sec-Fetch-Site': 'cross-site' }),
      request('POST', '/console-api', { Host: 'evil.example', Origin: 'http://evil.example' }),
      request('POST', '/schedule-message', { ...host, Origin: OWN }),
    ];
    for (const req of cases) assert.equal(marked(req), undefined, JSON.stringify(req.headers));
  });

  it('drops a header a client sent, however spelled, and puts this run\u2019s key instead', () => {
    const forged = request('POST', '/schedule-message', { 'X-Console-LOCAL': 'f'.repeat(64) });
    assert.equal(marked(forged), undefined);
    assert.deepEqual(forged.rawHeaders, []);
    const own = request('GET', '/console', {
      Host: `127.0.0.1:${PORT}`,
      'x-console-local': 'f'.repeat(64),
    });
    assert.equal(marked(own), KEY);
    assert.deepEqual(own.rawHeaders, ['Host', `127.0.0.1:${PORT}`, 'x-console-local', KEY]);
  });

  it('adds nothing when the run has no key (a password is set)', () => {
    const req = request('GET', '/console', { Host: `127.0.0.1:${PORT}` });
    markConsoleRequest(req, PORT, undefined);
    assert.equal(req.headers['x-console-local'], undefined);
  });
});
