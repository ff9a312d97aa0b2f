// A local emulator of Twilio's Messages API (2010-04-01): create, fetch, cancel and list, with
// Twilio's JSON shapes, paging, scheduling rules and error codes. `npm start` runs it for people
// without a Twilio account, and the tests run the same code, with faults injected where needed.
// It listens on loopback only.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type MessageStatus = 'scheduled' | 'queued' | 'sent' | 'delivered' | 'failed' | 'canceled';

export interface StoredMessage {
  sid: string;
  accountSid: string;
  to: string;
  body: string;
  numMedia: number;
  messagingServiceSid: string | null;
  status: MessageStatus;
  /** ms since epoch; null when sent at once. */
  sendAt: number | null;
  dateCreated: number;
  dateUpdated: number;
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
  | { kind: 'reset' };

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  form: URLSearchParams;
}

export interface EmulatorOptions {
  accountSid?: string;
  authToken?: string;
  /** The emulator's clock; tests freeze it. */
  clock?: () => number;
  port?: number;
  /** Twilio's window, as the emulator enforces it. */
  minLeadSeconds?: number;
  maxLeadDays?: number;
}

export const EMULATOR_ACCOUNT_SID = `AC${'0'.repeat(31)}1`;
export const EMULATOR_AUTH_TOKEN = 'e'.repeat(32);

const E164 = /^(whatsapp:)?\+[1-9]\d{5,14}$/;
const SEND_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const MAX_PAGE_SIZE = 1000;
const API = '/2010-04-01';

const newSid = (prefix: string): string => prefix + randomBytes(16).toString('hex');

export class MessagesEmulator {
  readonly accountSid: string;
  readonly authToken: string;
  readonly messages = new Map<string, StoredMessage>();
  /** Every request received, in order: tests assert on what reached "Twilio". */
  readonly requests: RecordedRequest[] = [];
  private readonly faults: { fault: Fault; matches: (req: RecordedRequest) => boolean }[] = [];
  private readonly clock: () => number;
  private readonly minLeadMs: number;
  private readonly maxLeadMs: number;
  private server: Server | undefined;
  private readonly hung = new Set<ServerResponse>();
  private order = 0;
  private readonly created = new Map<string, number>();
  private readonly port: number;

  constructor(options: EmulatorOptions = {}) {
    this.accountSid = options.accountSid ?? EMULATOR_ACCOUNT_SID;
    this.authToken = options.authToken ?? EMULATOR_AUTH_TOKEN;
    this.clock = options.clock ?? Date.now;
    this.minLeadMs = (options.minLeadSeconds ?? 15 * 60) * 1000;
    this.maxLeadMs = (options.maxLeadDays ?? 35) * 24 * 3600 * 1000;
    this.port = options.port ?? 0;
  }

  /** Starts listening on 127.0.0.1; resolves to the base URL (`http://127.0.0.1:PORT`). */
  async start(): Promise<string> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) this.error(res, 500, 20500, 'Internal Server Error');
      });
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', resolve);
    });
    return this.url;
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('The emulator is not listening.');
    return `http://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    for (const res of this.hung) res.destroy();
    this.hung.clear();
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The next `times` requests that `matches` accepts get `fault`. */
  inject(fault: Fault, times = 1, matches: (req: RecordedRequest) => boolean = () => true): void {
    for (let i = 0; i < times; i++) this.faults.push({ fault, matches });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  /** Adds a message directly, e.g. history for a recipient; returns its SID. */
  seed(message: Partial<StoredMessage> & { to: string }): string {
    const now = this.clock();
    const stored: StoredMessage = {
      sid: newSid('SM'),
      accountSid: this.accountSid,
      body: 'Seeded message',
      numMedia: 0,
      messagingServiceSid: null,
      status: 'delivered',
      sendAt: null,
      dateCreated: now,
      dateUpdated: now,
      ...message,
    };
    this.messages.set(stored.sid, stored);
    this.created.set(stored.sid, this.order++);
    return stored.sid;
  }

  /** Scheduled messages whose time has come are sent: the state is brought up to date lazily. */
  private advance(): void {
    const now = this.clock();
    for (const message of this.messages.values()) {
      if (message.status === 'scheduled' && message.sendAt !== null && message.sendAt <= now) {
        message.status = 'sent';
        message.dateUpdated = message.sendAt;
      }
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const raw = await readBody(req);
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      form: new URLSearchParams(raw),
    };
    this.requests.push(recorded);

    const index = this.faults.findIndex((entry) => entry.matches(recorded));
    const injected = index >= 0 ? this.faults.splice(index, 1)[0] : undefined;
    if (injected) return this.applyFault(injected.fault, res);

    const prefix = `${API}/Accounts/${this.accountSid}/Messages`;
    if (!this.authorized(req)) return this.error(res, 401, 20003, 'Authenticate');
    if (!url.pathname.startsWith(prefix)) {
      return this.error(res, 404, 20404, `The requested resource ${url.pathname} was not found`);
    }
    this.advance();
    const rest = url.pathname.slice(prefix.length);
    if (rest === '.json' && recorded.method === 'POST') return this.create(recorded.form, res);
    if (rest === '.json' && recorded.method === 'GET') return this.list(url, res);
    const sid = /^\/((?:SM|MM)[0-9a-f]{32})\.json$/.exec(rest)?.[1];
    if (sid === undefined) {
      return this.error(res, 404, 20404, `The requested resource ${url.pathname} was not found`);
    }
    const message = this.messages.get(sid);
    if (!message)
      return this.error(res, 404, 20404, `The requested resource ${url.pathname} was not found`);
    if (recorded.method === 'GET') return this.send(res, 200, this.toJson(message));
    if (recorded.method === 'POST') return this.update(message, recorded.form, res);
    return this.error(res, 405, 20004, 'Method not allowed');
  }

  private authorized(req: IncomingMessage): boolean {
    const expected = `Basic ${Buffer.from(`${this.accountSid}:${this.authToken}`).toString('base64')}`;
    return req.headers.authorization === expected;
  }

  private create(form: URLSearchParams, res: ServerResponse): void {
    const to = form.get('To') ?? '';
    const service = form.get('MessagingServiceSid');
    const body = form.get('Body') ?? '';
    const media = form.getAll('MediaUrl');
    const contentSid = form.get('ContentSid');
    const scheduleType = form.get('ScheduleType');
    const sendAtText = form.get('SendAt');

    if (!to) return this.error(res, 400, 21604, "A 'To' phone number is required.");
    if (!E164.test(to))
      return this.error(res, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (!service && !form.get('From')) {
      return this.error(
        res,
        400,
        21603,
        "A 'From' phone number or a Messaging Service is required.",
      );
    }
    if (service && !/^MG[0-9a-fA-F]{32}$/.test(service)) {
      return this.error(res, 400, 21701, 'The Messaging Service Sid is invalid.');
    }
    if (!body && media.length === 0 && !contentSid) {
      return this.error(res, 400, 21602, 'Message body is required.');
    }
    if ([...body].length > 1600)
      return this.error(
        res,
        400,
        21617,
        'The concatenated message body exceeds the 1600 character limit.',
      );

    let sendAt: number | null = null;
    if (scheduleType !== null || sendAtText !== null) {
      if (scheduleType !== 'fixed')
        return this.error(res, 400, 35126, 'ScheduleType is invalid; the only value is fixed.');
      if (!service)
        return this.error(
          res,
          400,
          35118,
          'MessagingServiceSid is required to schedule a message.',
        );
      if (sendAtText === null)
        return this.error(res, 400, 35111, 'SendAt is required to schedule a message.');
      if (!SEND_AT.test(sendAtText))
        return this.error(res, 400, 35115, 'SendAt is not a valid ISO 8601 date-time.');
      sendAt = Date.parse(sendAtText);
      const now = this.clock();
      if (sendAt - now < this.minLeadMs || sendAt - now > this.maxLeadMs) {
        return this.error(
          res,
          400,
          35114,
          'Scheduling does not support this timestamp: SendAt must be between 15 minutes and 35 days in the future.',
        );
      }
    }

    const now = this.clock();
    const message: StoredMessage = {
      sid: newSid(media.length > 0 ? 'MM' : 'SM'),
      accountSid: this.accountSid,
      to,
      body: contentSid ? '' : body,
      numMedia: media.length,
      messagingServiceSid: service,
      status: sendAt === null ? 'sent' : 'scheduled',
      sendAt,
      dateCreated: now,
      dateUpdated: now,
    };
    this.messages.set(message.sid, message);
    this.created.set(message.sid, this.order++);
    this.send(res, 201, this.toJson(message));
  }

  private update(message: StoredMessage, form: URLSearchParams, res: ServerResponse): void {
    const status = form.get('Status');
    if (status !== null && status !== 'canceled') {
      return this.error(
        res,
        400,
        20001,
        `Status ${status} is not a valid update; only canceled is.`,
      );
    }
    if (status === 'canceled') {
      if (message.status !== 'scheduled') {
        return this.error(res, 400, 30409, 'The message cannot be canceled: it is not scheduled.');
      }
      message.status = 'canceled';
      message.dateUpdated = this.clock();
    }
    this.send(res, 200, this.toJson(message));
  }

  private list(url: URL, res: ServerResponse): void {
    const to = url.searchParams.get('To');
    const pageSize = Math.min(
      Math.max(Number(url.searchParams.get('PageSize') ?? 50) || 50, 1),
      MAX_PAGE_SIZE,
    );
    const page = Math.max(Number(url.searchParams.get('Page') ?? 0) || 0, 0);
    // Newest first, as Twilio lists them.
    const all = [...this.messages.values()]
      .filter((m) => to === null || m.to === to)
      .sort(
        (a, b) =>
          b.dateCreated - a.dateCreated ||
          (this.created.get(b.sid) ?? 0) - (this.created.get(a.sid) ?? 0),
      );
    const slice = all.slice(page * pageSize, (page + 1) * pageSize);
    const base = `${API}/Accounts/${this.accountSid}/Messages.json`;
    const query = (p: number) => {
      const q = new URLSearchParams();
      if (to !== null) q.set('To', to);
      q.set('PageSize', String(pageSize));
      q.set('Page', String(p));
      if (p > 0) q.set('PageToken', `PA${p}`);
      return `${base}?${q.toString()}`;
    };
    const hasNext = (page + 1) * pageSize < all.length;
    this.send(res, 200, {
      messages: slice.map((m) => this.toJson(m)),
      end: page * pageSize + Math.max(slice.length - 1, 0),
      first_page_uri: query(0),
      next_page_uri: hasNext ? query(page + 1) : null,
      page,
      page_size: pageSize,
      previous_page_uri: page > 0 ? query(page - 1) : null,
      start: page * pageSize,
      uri: query(page),
    });
  }

  private toJson(m: StoredMessage): Record<string, unknown> {
    const uri = `${API}/Accounts/${m.accountSid}/Messages/${m.sid}.json`;
    const sent = m.status === 'sent' || m.status === 'delivered';
    return {
      account_sid: m.accountSid,
      api_version: '2010-04-01',
      body: m.body,
      date_created: new Date(m.dateCreated).toUTCString().replace('GMT', '+0000'),
      date_sent: sent
        ? new Date(m.sendAt ?? m.dateCreated).toUTCString().replace('GMT', '+0000')
        : null,
      date_updated: new Date(m.dateUpdated).toUTCString().replace('GMT', '+0000'),
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from: m.messagingServiceSid ? null : '+15005550006',
      messaging_service_sid: m.messagingServiceSid,
      num_media: String(m.numMedia),
      num_segments: '1',
      price: null,
      price_unit: 'USD',
      sid: m.sid,
      status: m.status,
      subresource_uris: { media: uri.replace('.json', '/Media.json') },
      to: m.to,
      uri,
    };
  }

  private applyFault(fault: Fault, res: ServerResponse): void {
    switch (fault.kind) {
      case 'hang':
        this.hung.add(res);
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
        this.error(
          res,
          fault.status,
          fault.code ?? fault.status * 100,
          fault.message ?? `HTTP ${fault.status}`,
          headers,
        );
      }
    }
  }

  private error(
    res: ServerResponse,
    status: number,
    code: number,
    message: string,
    headers = {},
  ): void {
    this.send(
      res,
      status,
      { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
      headers,
    );
  }

  private send(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
