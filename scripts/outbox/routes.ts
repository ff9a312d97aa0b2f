// The outbox page's routes on the local server (`npm start` only, never deployed): the page at
// `/`, its script, `/_outbox/state` (the emulator's clock, outbox and status callbacks in one
// answer, with the registry's tag and series, recipients masked) and `/_emulator/*` passed on to
// the emulator, so that the page talks to one origin. Against a real account there is no
// emulator: the state says so and the page shows no outbox.
//
// Only this machine may use them: the server listens on loopback, and its front
// (scripts/local-front.ts) has already refused any other Host and any other web page.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { EMULATOR_ACCOUNT_SID } from '../../emulator/server';
import { maskRecipient } from '../../src/core/mask';
import { isLoopbackUrl } from '../../src/core/web-url';
import { type Labels, RegistryLabels, type SyncAccess } from './labels';

const PAGE_DIR = import.meta.dirname;
const FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/_outbox/outbox.js': { file: 'outbox.js', type: 'text/javascript; charset=utf-8' },
};
const EMULATOR_PREFIX = '/_emulator/';
const STATE_PATH = '/_outbox/state';
/** The clock moves are tiny forms; nothing bigger is passed on. */
const MAX_PROXY_BODY = 16 * 1024;
const EMULATOR_TIMEOUT_MS = 5000;
/** The page lists the latest status callbacks only. */
const MAX_CALLBACKS = 50;
/** The page's own files only; the state is fetched by its script. */
const PAGE_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
};

export interface OutboxOptions {
  /** The emulator the functions talk to; absent against a real account. */
  emulatorUrl?: string;
  /** Where the registry's records are, to show tag and series (absent: REGISTRY=off). */
  sync?: SyncAccess;
}

/**
 * Reads the functions' variables: the emulator is in use when the functions hold its account
 * and a loopback base URL (as scripts/local-stack.ts sets them), never for a real account.
 */
export function outboxOptionsFrom(env: Record<string, string | undefined>): OutboxOptions {
  const baseUrl = env.TWILIO_API_BASE_URL ?? '';
  if (env.ACCOUNT_SID !== EMULATOR_ACCOUNT_SID || !isLoopbackUrl(baseUrl)) return {};
  const options: OutboxOptions = { emulatorUrl: baseUrl };
  if ((env.REGISTRY ?? '').trim().toLowerCase() !== 'off') {
    options.sync = {
      baseUrl,
      service: env.SYNC_SERVICE_SID?.trim() || 'default',
      accountSid: env.ACCOUNT_SID,
      authToken: env.AUTH_TOKEN ?? '',
    };
  }
  return options;
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(body);
}

const sendJson = (res: ServerResponse, status: number, body: unknown) =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));

const sendError = (
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  detail?: string,
) =>
  sendJson(res, status, {
    ok: false,
    error: detail ? { code, message, detail } : { code, message },
  });

const noEmulator = (res: ServerResponse) =>
  sendError(
    res,
    404,
    'NO_EMULATOR',
    'There is no local emulator: npm start is using a real Twilio account.',
  );

const unreachable = (res: ServerResponse, error: unknown) =>
  sendError(
    res,
    502,
    'EMULATOR_UNREACHABLE',
    'The local emulator does not answer.',
    error instanceof Error ? error.message : String(error),
  );

/** Reads a request body up to `limit` bytes; undefined past it. */
function readSmallBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function emulatorJson<T>(emulatorUrl: string, path: string): Promise<T> {
  const response = await fetch(new URL(path, emulatorUrl), {
    signal: AbortSignal.timeout(EMULATOR_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`${path} answered HTTP ${response.status}`);
  return (await response.json()) as T;
}

interface EmulatorMessage {
  sid: string;
  toMasked: string;
  body: string;
  status: string;
  sendAt: string | null;
  dateCreated: string;
  dateUpdated: string;
}

interface EmulatorCallback {
  sid: string;
  status: string;
  outcome: string;
  httpStatus?: number;
  reason?: string;
  at: number;
  form?: Record<string, string>;
}

/** What the page shows: no full number, no callback URL. */
async function readState(emulatorUrl: string, labels: RegistryLabels) {
  const [clock, outbox, callbacks] = await Promise.all([
    emulatorJson<Record<string, unknown>>(emulatorUrl, '/_emulator/clock'),
    emulatorJson<{ messages: EmulatorMessage[] }>(emulatorUrl, '/_emulator/messages'),
    emulatorJson<{ callbacks: EmulatorCallback[] }>(emulatorUrl, '/_emulator/callbacks'),
  ]);
  const known = await labels.lookUp(outbox.messages.map((m) => m.sid));
  const appointments = await labels.appointments();
  const messages = outbox.messages.map((m) => ({
    sid: m.sid,
    toMasked: m.toMasked,
    body: m.body,
    status: m.status,
    sendAt: m.sendAt,
    dateCreated: m.dateCreated,
    dateUpdated: m.dateUpdated,
    ...(known.get(m.sid) ?? ({} satisfies Labels)),
  }));
  const landed = callbacks.callbacks.slice(-MAX_CALLBACKS).map((c) => ({
    sid: c.sid,
    status: c.status,
    toMasked: maskRecipient(c.form?.To ?? ''),
    outcome: c.outcome,
    ...(c.httpStatus === undefined ? {} : { httpStatus: c.httpStatus }),
    ...(c.reason === undefined ? {} : { reason: c.reason }),
    at: new Date(c.at).toISOString(),
  }));
  return { emulator: true, clock, messages, callbacks: landed, appointments };
}

/** Passes `/_emulator/…` (GET and POST) to the emulator and its answer back. */
async function proxy(emulatorUrl: string, req: IncomingMessage, res: ServerResponse) {
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'POST') {
    return sendError(res, 405, 'METHOD_NOT_ALLOWED', 'Use GET or POST.');
  }
  const body = method === 'POST' ? await readSmallBody(req, MAX_PROXY_BODY) : undefined;
  if (method === 'POST' && body === undefined) {
    return sendError(res, 413, 'REQUEST_TOO_LARGE', 'The request is too large to be read.');
  }
  const headers: Record<string, string> = {};
  const type = req.headers['content-type'];
  if (type) headers['Content-Type'] = type;
  const response = await fetch(new URL(req.url ?? '/', emulatorUrl), {
    method,
    headers,
    ...(body === undefined ? {} : { body: new Uint8Array(body) }),
    signal: AbortSignal.timeout(EMULATOR_TIMEOUT_MS),
  });
  const answer = Buffer.from(await response.arrayBuffer());
  send(res, response.status, response.headers.get('content-type') ?? 'application/json', answer);
}

/** The routes as a hook for scripts/local-front.ts: true when the request was one of them. */
export function outboxRoutes(
  options: OutboxOptions,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const labels = new RegistryLabels(options.sync);
  const { emulatorUrl } = options;
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const file = FILES[path];
    const isProxy = path.startsWith(EMULATOR_PREFIX);
    if (!file && !isProxy && path !== STATE_PATH) return false;
    const answer = async () => {
      if (file) {
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          return sendError(res, 405, 'METHOD_NOT_ALLOWED', 'Use GET.');
        }
        const text = await readFile(join(PAGE_DIR, file.file));
        return send(res, 200, file.type, text, PAGE_HEADERS);
      }
      if (!emulatorUrl) {
        return path === STATE_PATH ? sendJson(res, 200, { emulator: false }) : noEmulator(res);
      }
      try {
        if (isProxy) return await proxy(emulatorUrl, req, res);
        return sendJson(res, 200, await readState(emulatorUrl, labels));
      } catch (error) {
        return unreachable(res, error);
      }
    };
    answer().catch((error: unknown) => {
      if (!res.headersSent) unreachable(res, error);
      else res.destroy();
    });
    return true;
  };
}
