// HTTP plumbing shared by the emulated APIs: bodies read up to a limit, Twilio's JSON error
// shape, the faults a test can inject, and the bounded log of requests that reached "Twilio".
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Which Twilio host a request was meant for (the functions send both to one base URL). */
export type TwilioHost = 'api' | 'sync' | 'other';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  form: URLSearchParams;
  /** `api` for api.twilio.com (`/2010-04-01/…`), `sync` for sync.twilio.com (`/v1/…`). */
  host: TwilioHost;
  /** The If-Match header, for Sync's conditional writes. */
  ifMatch?: string;
}

/** What the next matching request gets instead of normal handling. */
export type Fault =
  | { kind: 'status'; status: number; code?: number; message?: string; retryAfter?: string }
  | {
      kind: 'raw';
      status: number;
      body: string;
      contentType?: string;
      /** e.g. a Location, to offer a redirect that must not be followed. */
      headers?: Record<string, string>;
    }
  | { kind: 'hang' }
  | { kind: 'reset' }
  /** Handled as usual (a write lands), but the answer comes `ms` later. */
  | { kind: 'delay'; ms: number };

/** A fault as the control route takes it: which requests, how many, what they get. */
export interface FaultRule {
  fault: Fault;
  times?: number;
  /** Only requests to this host, with this method, whose path contains this text. */
  host?: TwilioHost;
  method?: string;
  pathContains?: string;
}

const FAULT_KINDS = new Set(['status', 'raw', 'hang', 'reset', 'delay']);

/** Reads a fault rule from JSON; undefined when it is not one. */
export function readFaultRule(value: unknown): FaultRule | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const rule = value as FaultRule;
  const fault = rule.fault as { kind?: unknown; status?: unknown; ms?: unknown } | undefined;
  if (!fault || typeof fault.kind !== 'string' || !FAULT_KINDS.has(fault.kind)) return undefined;
  if ((fault.kind === 'status' || fault.kind === 'raw') && typeof fault.status !== 'number')
    return undefined;
  if (fault.kind === 'delay' && (typeof fault.ms !== 'number' || fault.ms < 0 || fault.ms > 60_000))
    return undefined;
  if (
    rule.times !== undefined &&
    (!Number.isInteger(rule.times) || rule.times < 1 || rule.times > 10_000)
  )
    return undefined;
  return rule;
}

/** Whether a recorded request is one a rule targets. */
export const ruleMatches =
  (rule: FaultRule) =>
  (req: RecordedRequest): boolean =>
    (rule.host === undefined || req.host === rule.host) &&
    (rule.method === undefined || req.method === rule.method.toUpperCase()) &&
    (rule.pathContains === undefined || req.path.includes(rule.pathContains));

export const hostOf = (path: string): TwilioHost =>
  path.startsWith('/2010-04-01/') ? 'api' : path.startsWith('/v1/') ? 'sync' : 'other';

/** The body was longer than allowed; the rest was not read. */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`The request body exceeds ${limit} bytes.`);
    this.name = 'BodyTooLarge';
  }
}

/** Reads the whole body, refusing (without buffering the rest) past `limit` bytes. */
export function readBodyBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        chunks.length = 0;
        reject(new BodyTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The body as UTF-8, up to `limit` bytes. */
export const readBody = async (req: IncomingMessage, limit: number): Promise<string> =>
  (await readBodyBytes(req, limit)).toString('utf8');

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Twilio's error body: `{code, message, more_info, status}`. */
export function sendError(
  res: ServerResponse,
  status: number,
  code: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(
    res,
    status,
    { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
    headers,
  );
}

export const notFound = (res: ServerResponse, path: string): void =>
  sendError(res, 404, 20404, `The requested resource ${path} was not found`);

/** Answers a 413 and drops the connection, so the rest of an oversized body is never read. */
export function refuseTooLarge(res: ServerResponse, limit: number): void {
  res.on('finish', () => res.socket?.destroySoon());
  sendError(res, 413, 20413, `The request body exceeds ${limit} bytes.`, { Connection: 'close' });
}

/** Plays a fault; `hung` collects the answers left open so that stop() can end them. */
export function applyFault(
  fault: Exclude<Fault, { kind: 'delay' }>,
  res: ServerResponse,
  hung: Set<ServerResponse>,
): void {
  switch (fault.kind) {
    case 'hang':
      hung.add(res);
      return;
    case 'reset':
      res.socket?.destroy();
      return;
    case 'raw':
      res.writeHead(fault.status, {
        'Content-Type': fault.contentType ?? 'text/html',
        ...fault.headers,
      });
      res.end(fault.body);
      return;
    case 'status': {
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) headers['Retry-After'] = fault.retryAfter;
      sendError(
        res,
        fault.status,
        fault.code ?? fault.status * 100,
        fault.message ?? `HTTP ${fault.status}`,
        headers,
      );
    }
  }
}

export interface LogLimits {
  maxEntries: number;
  /** Approximate bytes of paths and bodies kept. */
  maxBytes: number;
}

/**
 * Appends to `log` and drops the oldest entries past the limits. The log stays the same array
 * (tests empty it with `length = 0`); sizes are tracked beside it.
 */
export class BoundedLog {
  private readonly sizes: number[] = [];
  private bytes = 0;

  constructor(
    readonly entries: RecordedRequest[],
    private readonly limits: LogLimits,
  ) {}

  push(entry: RecordedRequest, size: number): void {
    // Someone emptied or trimmed the array: forget the sizes of what is gone.
    if (this.sizes.length !== this.entries.length) this.resync();
    this.entries.push(entry);
    this.sizes.push(size);
    this.bytes += size;
    let drop = 0;
    while (
      this.entries.length - drop > 1 &&
      (this.entries.length - drop > this.limits.maxEntries || this.bytes > this.limits.maxBytes)
    ) {
      this.bytes -= this.sizes[drop] ?? 0;
      drop++;
    }
    if (drop > 0) {
      this.entries.splice(0, drop);
      this.sizes.splice(0, drop);
    }
  }

  private resync(): void {
    this.sizes.length = 0;
    this.bytes = 0;
    for (const entry of this.entries) {
      const size = entry.path.length + entry.form.toString().length;
      this.sizes.push(size);
      this.bytes += size;
    }
  }
}

const LOOPBACK_ADDRESS =
  /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;
const LOOPBACK_NAME = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/i;

export const isLoopbackAddress = (address: string | undefined): boolean =>
  address !== undefined && LOOPBACK_ADDRESS.test(address);

/** A host name (no port) that names this machine: `localhost`, `127.x.x.x`, `[::1]`. */
export const isLoopbackHostname = (hostname: string): boolean => LOOPBACK_NAME.test(hostname);
