// The front of the local server: what stands between a request and the runtime's own express
// app (from `@twilio/runtime-handler/dev`). It refuses bodies over Twilio's 1 MB limit, turns
// every error the runtime answers by itself (unreadable JSON, a body too large, a function that
// could not load or threw) into our JSON error shape instead of an HTML page with a stack trace
// and local paths, and writes an access log that holds no phone number and no message body.
// Before all that it refuses any request that is not from this machine by this server's address
// or from its own page (emulator/local-origin.ts), answers CORS preflights itself (never with
// `Access-Control-Allow-Origin`), and checks the signature on the route Twilio calls.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { refusedForeign } from '../emulator/local-origin';
import { redactNumbers } from '../src/core/mask';
import { readSigned } from './local-signature';

/** Twilio Functions accept requests up to 1 MB. */
export const MAX_REQUEST_BYTES = 1024 * 1024;

export interface LocalError {
  status: number;
  body: { ok: false; error: { code: string; message: string; detail?: string } };
}

const localError = (status: number, code: string, message: string, detail?: string) =>
  ({
    status,
    body: { ok: false, error: detail ? { code, message, detail } : { code, message } },
  }) satisfies LocalError;

export const tooLarge = (): LocalError =>
  localError(
    413,
    'REQUEST_TOO_LARGE',
    'The request is too large to be read.',
    `Requests are limited to ${MAX_REQUEST_BYTES / 1024 / 1024} MB, as on Twilio Functions.`,
  );

export const notReady = (): LocalError =>
  localError(503, 'NOT_READY', 'The service is starting. Try again in a moment.');

export const badSignature = (): LocalError =>
  localError(
    403,
    'INVALID_SIGNATURE',
    'This address takes requests from Twilio only.',
    'The X-Twilio-Signature header is missing or does not match the request, signed with the AUTH_TOKEN the local server uses.',
  );

/** A body-parser failure (it sets `type` and `status` on its errors) as our error. */
export function readFailure(error: unknown): LocalError {
  const { type, status } = (error ?? {}) as { type?: unknown; status?: unknown };
  if (type === 'entity.parse.failed') {
    return localError(
      400,
      'INVALID_JSON',
      'The request could not be read.',
      'The body is not valid JSON. Send form fields (as the Run Function widget does) or a JSON object.',
    );
  }
  if (type === 'entity.too.large' || type === 'parameters.too.many') return tooLarge();
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return localError(
      415,
      'UNSUPPORTED_ENCODING',
      'The request could not be read.',
      'Send the body as UTF-8 without a content encoding.',
    );
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return localError(status, 'BAD_REQUEST', 'The request could not be read.');
  }
  return internalError();
}

export const internalError = (): LocalError =>
  localError(
    500,
    'INTERNAL_ERROR',
    'Something went wrong inside the service. Check before retrying.',
    'See the terminal running npm start.',
  );

/** What the runtime answers for a status we did not shape (its own 403/404/500 texts). */
function runtimeError(status: number): LocalError {
  if (status === 404) {
    return localError(404, 'UNKNOWN_PATH', 'There is nothing at this address.');
  }
  if (status === 403) return localError(403, 'FORBIDDEN', 'This address is private.');
  if (status >= 500) return internalError();
  return localError(status, 'BAD_REQUEST', 'The request could not be read.');
}

/** True for a body that is already `{ ok: false, error: { code, message } }`. */
export function isErrorShape(body: unknown): boolean {
  let value = body;
  if (typeof value === 'string' || Buffer.isBuffer(value)) {
    try {
      value = JSON.parse(value.toString());
    } catch {
      return false;
    }
  }
  if (typeof value !== 'object' || value === null) return false;
  const { ok, error } = value as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  return ok === false && typeof error?.code === 'string' && typeof error.message === 'string';
}

export function sendError(res: ServerResponse, error: LocalError): void {
  const text = JSON.stringify(error.body);
  res.writeHead(error.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** What the runtime said when it failed, for the terminal only (numbers masked). */
function describeFailure(body: unknown): string {
  let value = body;
  if (typeof value === 'string' && value.trimStart().startsWith('{')) {
    try {
      value = JSON.parse(value);
    } catch {}
  }
  if (typeof value === 'object' && value !== null && 'stack' in value) {
    return redactNumbers(String((value as { stack: unknown }).stack));
  }
  const text = String(value ?? '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return redactNumbers(text.slice(0, 500));
}

/**
 * Drops any `Access-Control-*` header the runtime or a function sets (the runtime allows every
 * origin, with credentials): no page of another origin may read an answer.
 */
export function withoutCors(res: ServerResponse): void {
  const setHeader = res.setHeader;
  res.setHeader = function (this: ServerResponse, name, value) {
    if (/^access-control-/i.test(name)) return this;
    return setHeader.call(this, name, value);
  };
}

/**
 * Makes express's `res.send` (which every runtime answer goes through: a function's
 * Twilio.Response, its error page, its 404 text) answer any 4xx/5xx that is not already in our
 * shape with our shape. An own property survives express swapping the response's prototype.
 */
export function guardErrorAnswers(res: ServerResponse, log: (line: string) => void): void {
  const guarded = res as ServerResponse & {
    send?: (body?: unknown) => unknown;
    set?: (field: string, value: string) => unknown;
  };
  guarded.send = function send(this: typeof guarded, body?: unknown) {
    const proto = Object.getPrototypeOf(this) as { send: (body?: unknown) => unknown };
    if (this.statusCode >= 400 && !isErrorShape(body)) {
      if (this.statusCode >= 500) log(`error: ${describeFailure(body)}`);
      const error = runtimeError(this.statusCode);
      this.statusCode = error.status;
      this.set?.('Content-Type', 'application/json; charset=utf-8');
      return proto.send.call(this, JSON.stringify(error.body));
    }
    return proto.send.call(this, body);
  };
}

/**
 * One line per request: method, route, status and time. The query string is never printed,
 * and a path that is not a known route is not either (either could carry a phone number).
 */
export function accessLine(
  req: IncomingMessage,
  status: number,
  ms: number,
  knownPaths: ReadonlySet<string>,
): string {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const shown = knownPaths.has(path) ? path : '(other path)';
  return `${req.method ?? '?'} ${shown} ${status} ${Math.round(ms)} ms`;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The request handler the loopback server runs: the Host and Origin rule, the size limit, the
 * signature check, the error guard and the access log around `app()` (undefined while the
 * runtime is still loading).
 */
export function front(options: {
  app: () => Handler | undefined;
  knownPaths: () => ReadonlySet<string>;
  log: (line: string) => void;
  /** Local-only pages (scripts/outbox): true when it answered. Not logged: the page polls. */
  local?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** Routes that only Twilio calls, and the token it signs them with (`X-Twilio-Signature`). */
  signed?: { paths: ReadonlySet<string>; authToken: string };
}): Handler {
  return (req, res) => {
    const started = performance.now();
    const logLine = () =>
      options.log(
        accessLine(req, res.statusCode, performance.now() - started, options.knownPaths()),
      );
    if (refusedForeign(req, res, { ownPage: true })) {
      logLine();
      return;
    }
    if (!req.url?.startsWith('/')) {
      // An absolute URL as the target (`POST http://host/path`): the runtime would route it by
      // its path, but the checks here read the path as given. Only a proxy sends these.
      sendError(res, localError(400, 'BAD_REQUEST', 'The request could not be read.'));
      logLine();
      return;
    }
    if (options.local?.(req, res)) return;
    res.once('finish', logLine);
    if (req.method === 'OPTIONS') {
      // The runtime would allow every origin. A page of this server's own origin needs no
      // preflight; every other was refused above.
      res.writeHead(204, { Allow: 'GET, POST, OPTIONS', 'Content-Length': 0 });
      res.end();
      return;
    }
    const refuse = () => {
      // Answer without reading the rest, then drop the connection rather than drain it.
      res.setHeader('Connection', 'close');
      sendError(res, tooLarge());
      res.once('finish', () => req.destroy());
    };
    if (Number(req.headers['content-length'] ?? 0) > MAX_REQUEST_BYTES) {
      refuse();
      return;
    }
    const app = options.app();
    if (!app) {
      sendError(res, notReady());
      return;
    }
    if (req.headers['content-length'] === undefined && req.headers['transfer-encoding']) {
      // A chunked body declares no size: count it as it arrives. The runtime's parser attaches
      // its own listener in this same tick (the middleware before it is synchronous), so both
      // see every chunk.
      let seen = 0;
      req.on('data', (chunk: Buffer) => {
        seen += chunk.length;
        if (seen > MAX_REQUEST_BYTES && !res.headersSent) refuse();
      });
    }
    guardErrorAnswers(res, options.log);
    withoutCors(res);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const signed = options.signed;
    if (!signed?.paths.has(path)) {
      app(req, res);
      return;
    }
    readSigned(req, signed.authToken, MAX_REQUEST_BYTES).then(
      (read) => {
        if (read.ok) return app(read.request, res);
        if (read.reason === 'too-large') return res.headersSent ? undefined : refuse();
        sendError(res, badSignature());
      },
      () => {
        if (!res.headersSent) sendError(res, internalError());
      },
    );
  };
}
