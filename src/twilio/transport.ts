// The HTTP client the twilio library sends through (its `httpClient` option). Ours, so that every
// call fits the time budget: each attempt is cut off at the deadline, only a 429 is retried
// (Twilio did not act on it), and calls can be pointed at a loopback emulator.

import type { Agent, request as httpRequest, IncomingHttpHeaders } from 'node:http';

/** What twilio-node passes to `httpClient.request` (lib/base/BaseTwilio.js). */
export interface TwilioRequestOptions {
  method: string;
  uri: string;
  username?: string;
  password?: string;
  authStrategy?: { getAuthString(): Promise<string> };
  headers?: Record<string, string>;
  params?: Record<string, unknown>;
  data?: Record<string, unknown>;
}

/** What twilio-node reads back: it JSON-parses a string body, or builds a RestException. */
export interface TwilioHttpResponse {
  statusCode: number;
  body: string;
  headers: Record<string, string>;
}

export interface TwilioHttpClient {
  request(options: TwilioRequestOptions): Promise<TwilioHttpResponse>;
}

/**
 * Raised when no answer came in time, the connection failed, or a 2xx answer could not be read
 * (`garbled`): each time Twilio may have acted. Everything else twilio-node throws happened on
 * our side, before a request (src/twilio/errors.ts tells them apart by this class).
 */
export class TransportError extends Error {
  constructor(
    /** `no-time`: not sent at all, the budget was spent first (Twilio did nothing). */
    readonly kind: 'timeout' | 'network' | 'garbled' | 'no-time',
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface TransportOptions {
  /** ms since epoch by which the last attempt must have its answer. */
  deadline: number;
  /** Replaces `https://*.twilio.com` (already checked to be loopback by config.ts). */
  baseUrl?: string | undefined;
  maxAttempts?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const TWILIO_ORIGIN = /^https:\/\/[a-z0-9.-]+\.twilio\.com(?=\/|$)/i;
/** An attempt with less time than this left is not worth starting. */
const MIN_ATTEMPT_MS = 300;
const BACKOFF_BASE_MS = 250;

function formEncode(values: Record<string, unknown> | undefined): URLSearchParams {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(values ?? {})) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) form.append(key, String(item));
  }
  return form;
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  if (/^\d+(\.\d+)?$/.test(header.trim())) return Number(header) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/**
 * Kept-alive connections, one pool per scheme, shared by the invocations of an instance. Plain
 * node:http rather than fetch: a STOP that cancels 1,000 messages makes 1,000 calls, and fetch
 * (undici) spent ~1.8 ms of CPU on each where node:http spends a fraction of that. Each module
 * is loaded on its first call, not at cold start: node:https brings TLS (~6 ms to load), and a
 * request refused before any Twilio call never needs it.
 */
interface Scheme {
  request: typeof httpRequest;
  agent: Agent;
}
const schemes: { 'http:'?: Scheme; 'https:'?: Scheme } = {};

function schemeFor(protocol: 'http:' | 'https:'): Scheme {
  let scheme = schemes[protocol];
  if (scheme === undefined) {
    const module: typeof import('node:http') =
      protocol === 'https:' ? require('node:https') : require('node:http');
    scheme = { request: module.request, agent: new module.Agent({ keepAlive: true }) };
    schemes[protocol] = scheme;
  }
  return scheme;
}

const headerValue = (value: string | string[] | undefined): string | null =>
  value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;

/** One attempt. Redirects are never followed: one could carry the credentials away. */
function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  timeoutMs: number,
): Promise<RawResponse> {
  const https = url.protocol === 'https:';
  if (!https && url.protocol !== 'http:') {
    return Promise.reject(new TransportError('network', 'Not an http(s) URL.'));
  }
  const outgoing: Record<string, string> = { ...headers };
  if (body !== undefined) outgoing['Content-Length'] = String(Buffer.byteLength(body));
  return new Promise<RawResponse>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: RawResponse | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const scheme = schemeFor(https ? 'https:' : 'http:');
    const request = scheme.request(url, { method, headers: outgoing, agent: scheme.agent });
    // The whole answer, body included, must come within the time left.
    const timer = setTimeout(() => {
      settle(new TransportError('timeout', 'Twilio did not answer in time.'));
      request.destroy();
    }, timeoutMs);
    request.on('error', (error) => settle(error));
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) => settle(error));
      response.on('aborted', () => settle(new Error('The answer was cut off.')));
      response.on('end', () =>
        settle({
          status: response.statusCode ?? 0,
          headers: response.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    request.end(body);
  });
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

export function createTransport(options: TransportOptions): TwilioHttpClient {
  const now = options.now ?? Date.now;
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxAttempts = options.maxAttempts ?? 4;

  return {
    async request(req) {
      const { baseUrl } = options;
      // A function, so that `$` in the base URL is not read as a replacement pattern.
      const uri = baseUrl ? req.uri.replace(TWILIO_ORIGIN, () => baseUrl) : req.uri;
      const url = new URL(uri);
      for (const [key, value] of formEncode(req.params)) url.searchParams.append(key, value);
      const headers: Record<string, string> = { ...req.headers };
      if (req.username && req.password) {
        headers.Authorization = `Basic ${Buffer.from(`${req.username}:${req.password}`).toString('base64')}`;
      } else if (req.authStrategy) {
        headers.Authorization = await req.authStrategy.getAuthString();
      }
      const method = req.method.toUpperCase();
      const body =
        method === 'GET' || method === 'DELETE' ? undefined : formEncode(req.data).toString();

      for (let attempt = 1; ; attempt++) {
        const remaining = options.deadline - now();
        if (remaining < MIN_ATTEMPT_MS)
          throw new TransportError('no-time', 'No time left to call Twilio.');
        let response: RawResponse;
        try {
          response = await send(url, method, headers, body, remaining);
        } catch (error) {
          if (error instanceof TransportError) throw error;
          throw new TransportError('network', 'The connection to Twilio failed.');
        }
        const text = response.text;
        if (response.status === 429 && attempt < maxAttempts) {
          const wait =
            retryAfterMs(headerValue(response.headers['retry-after']), now()) ??
            BACKOFF_BASE_MS * 2 ** (attempt - 1);
          if (now() + wait + MIN_ATTEMPT_MS <= options.deadline) {
            await sleep(wait);
            continue;
          }
        }
        // twilio-node JSON-parses a 2xx body (a 204 has none): one that is not a JSON object
        // would throw inside it as if on our side, hiding that Twilio may have acted.
        if (response.status >= 200 && response.status < 300 && response.status !== 204) {
          if (!isJsonObject(text)) {
            throw new TransportError('garbled', 'Twilio sent an answer that could not be read.');
          }
        }
        return {
          statusCode: response.status,
          body: text,
          headers: Object.fromEntries(
            Object.entries(response.headers).map(([name, value]) => [
              name,
              headerValue(value) ?? '',
            ]),
          ),
        };
      }
    },
  };
}
