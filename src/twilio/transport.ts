// The HTTP client the twilio library sends through (its `httpClient` option). Ours, so that every
// call fits the time budget: each attempt is cut off at the deadline, only a 429 is retried
// (Twilio did not act on it), and calls can be pointed at a loopback emulator.

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

/** Raised when no answer came in time, or the connection failed. */
export class TransportError extends Error {
  constructor(
    readonly kind: 'timeout' | 'network',
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
          throw new TransportError('timeout', 'No time left to call Twilio.');
        let response: Response;
        let text: string;
        try {
          response = await fetch(url, {
            method,
            headers,
            body,
            // Twilio's API does not redirect; following one could carry the credentials away.
            redirect: 'manual',
            signal: AbortSignal.timeout(remaining),
          });
          text = await response.text();
        } catch (error) {
          const name = (error as Error)?.name;
          if (name === 'TimeoutError' || name === 'AbortError') {
            throw new TransportError('timeout', 'Twilio did not answer in time.');
          }
          throw new TransportError('network', 'The connection to Twilio failed.');
        }
        if (response.status === 429 && attempt < maxAttempts) {
          const wait =
            retryAfterMs(response.headers.get('retry-after'), now()) ??
            BACKOFF_BASE_MS * 2 ** (attempt - 1);
          if (now() + wait + MIN_ATTEMPT_MS <= options.deadline) {
            await sleep(wait);
            continue;
          }
        }
        return {
          statusCode: response.status,
          body: text,
          headers: Object.fromEntries(response.headers),
        };
      }
    },
  };
}
