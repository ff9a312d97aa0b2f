// The local Twilio emulator: one loopback HTTP server for the Messages API (api.twilio.com) and
// Sync (sync.twilio.com), since the functions send every Twilio origin to one base URL. Here:
// credentials, body limit, the bounded request log, injected faults, the movable clock that
// sends scheduled messages when due, status callbacks, and the `/_emulator/` control API. It
// answers programs on this machine only, never a web page (emulator/local-origin.ts).
// `npm start` runs it for people without a Twilio account; the tests and the bench run it too.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CallbackRecord, StatusCallbacks } from './callbacks';
import { MovableClock } from './clock';
import { CONTROL_PREFIX, handleControl } from './control';
import {
  applyFault,
  BodyTooLarge,
  BoundedLog,
  type Fault,
  hostOf,
  notFound,
  type RecordedRequest,
  readBody,
  refuseTooLarge,
  ruleMatches,
  sendError,
} from './http';
import { refusedForeign } from './local-origin';
import { EMULATOR_FROM, type MessageStatus, MessagesApi, type StoredMessage } from './messages';
import { SyncApi } from './sync';

export interface EmulatorOptions {
  accountSid?: string;
  authToken?: string;
  /**
   * The emulator's clock. A function (a test's frozen clock) becomes the source of a movable
   * clock; by default real time, movable forward.
   */
  clock?: (() => number) | MovableClock;
  port?: number;
  /** Twilio's window, as the emulator enforces it. */
  minLeadSeconds?: number;
  maxLeadDays?: number;
  /** Sync writes allowed per Map per second, averaged over the burst window (Twilio: 20, 10 s). */
  syncWritesPerSecond?: number;
  /** Sync reads allowed per Map per second, averaged the same way (Twilio: 20; 0: unlimited). */
  syncReadsPerSecond?: number;
  syncBurstWindowSeconds?: number;
  /** Request bodies past this many bytes get 413 and are not read (default 1 MiB). */
  maxBodyBytes?: number;
  /** The request log keeps the last this many requests (default 1,000) … */
  maxRecordedRequests?: number;
  /** … and at most about this many bytes of paths and bodies (default 16 MiB). */
  maxRecordedBytes?: number;
  /** How often due messages are sent while running, in ms (default 1,000; 0: only on demand). */
  sendIntervalMs?: number;
  /** How long a status callback may take (default 5,000 ms). */
  callbackTimeoutMs?: number;
  /** Mark a message delivered right after it is sent (a second callback). Default false. */
  autoDeliver?: boolean;
}

export const EMULATOR_ACCOUNT_SID = `AC${'0'.repeat(31)}1`;
export const EMULATOR_AUTH_TOKEN = 'e'.repeat(32);

const MIB = 1024 * 1024;

export class TwilioEmulator {
  readonly accountSid: string;
  readonly authToken: string;
  /** The clock everything here reads; move it with `advanceClock` or `clock.advance`. */
  readonly clock: MovableClock;
  /** Every message, by SID (the outbox). */
  readonly messages: Map<string, StoredMessage>;
  /** The last requests that reached "Twilio" with valid credentials, oldest first (bounded). */
  readonly requests: RecordedRequest[] = [];
  /** Status callbacks, in the order their status changed: posted, failed or skipped (bounded). */
  readonly callbacks: CallbackRecord[];
  /** The Sync store (services, maps, items), e.g. to add a service or look at records. */
  readonly sync: SyncApi;
  private readonly api: MessagesApi;
  private readonly statusCallbacks: StatusCallbacks;
  private readonly log: BoundedLog;
  private readonly faults: { fault: Fault; matches: (req: RecordedRequest) => boolean }[] = [];
  private readonly maxBodyBytes: number;
  private readonly sendIntervalMs: number;
  private readonly autoDeliver: boolean;
  private readonly port: number;
  private server: Server | undefined;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private readonly hung = new Set<ServerResponse>();

  constructor(options: EmulatorOptions = {}) {
    this.accountSid = options.accountSid ?? EMULATOR_ACCOUNT_SID;
    this.authToken = options.authToken ?? EMULATOR_AUTH_TOKEN;
    this.clock =
      options.clock instanceof MovableClock ? options.clock : new MovableClock(options.clock);
    this.port = options.port ?? 0;
    this.maxBodyBytes = options.maxBodyBytes ?? MIB;
    this.sendIntervalMs = options.sendIntervalMs ?? 1000;
    this.autoDeliver = options.autoDeliver ?? false;
    const now = () => this.clock.now();
    this.statusCallbacks = new StatusCallbacks({
      authToken: this.authToken,
      timeoutMs: options.callbackTimeoutMs ?? 5000,
      maxRecords: 1000,
    });
    this.callbacks = this.statusCallbacks.records;
    this.api = new MessagesApi({
      accountSid: this.accountSid,
      now,
      minLeadMs: (options.minLeadSeconds ?? 15 * 60) * 1000,
      maxLeadMs: (options.maxLeadDays ?? 35) * 24 * 3600 * 1000,
      onStatus: (message) => this.reportStatus(message),
    });
    this.messages = this.api.messages;
    this.sync = new SyncApi({
      accountSid: this.accountSid,
      now,
      writesPerSecond: options.syncWritesPerSecond ?? 20,
      readsPerSecond: options.syncReadsPerSecond ?? 20,
      burstWindowSeconds: options.syncBurstWindowSeconds ?? 10,
    });
    this.log = new BoundedLog(this.requests, {
      maxEntries: options.maxRecordedRequests ?? 1000,
      maxBytes: options.maxRecordedBytes ?? 16 * MIB,
    });
  }

  /** Starts listening on 127.0.0.1; resolves to the base URL (`http://127.0.0.1:PORT`). */
  async start(): Promise<string> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) sendError(res, 500, 20500, 'Internal Server Error');
      });
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', resolve);
    });
    // Moving the clock sends what has become due at once, not at the next request.
    this.unsubscribe = this.clock.onMove(() => this.api.sendDue());
    if (this.sendIntervalMs > 0) {
      this.timer = setInterval(() => this.api.sendDue(), this.sendIntervalMs);
      this.timer.unref();
    }
    return this.url;
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('The emulator is not listening.');
    return `http://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    for (const res of this.hung) res.destroy();
    this.hung.clear();
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await this.statusCallbacks.settled();
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
    return this.api.seed(message);
  }

  /** Sends every scheduled message that is due by the clock; returns their SIDs. */
  sendDue(): string[] {
    return this.api.sendDue().map((m) => m.sid);
  }

  /** Moves the clock forward by `ms`, sending what falls due; returns the SIDs sent. */
  advanceClock(ms: number): string[] {
    return this.advanceTo(this.clock.now() + ms);
  }

  /** Moves the clock to the next scheduled send time (if any) and sends; returns the SIDs. */
  advanceToNextSend(): string[] {
    const next = this.api.nextSendAt();
    return this.advanceTo(Math.max(this.clock.now(), next ?? 0));
  }

  /** The next scheduled send time (ms), or null when nothing is scheduled. */
  nextSendAt(): number | null {
    return this.api.nextSendAt();
  }

  /** Changes a message's status as Twilio would (e.g. `delivered`, `failed`) and calls back. */
  setStatus(sid: string, status: MessageStatus, errorCode?: number): void {
    const message = this.messages.get(sid);
    if (!message) throw new Error(`No message ${sid}.`);
    if (errorCode !== undefined) message.errorCode = errorCode;
    this.api.setStatus(message, status);
  }

  /** Resolves when every status callback so far has been posted (or has failed). */
  callbacksSettled(): Promise<void> {
    return this.statusCallbacks.settled();
  }

  private advanceTo(instant: number): string[] {
    const due = [...this.messages.values()].filter(
      (m) => m.status === 'scheduled' && m.sendAt !== null && m.sendAt <= instant,
    );
    const now = this.clock.now();
    if (instant > now) this.clock.advance(instant - now);
    this.api.sendDue();
    return due.filter((m) => m.status !== 'scheduled').map((m) => m.sid);
  }

  private reportStatus(message: StoredMessage): void {
    if (message.statusCallback) {
      const status = message.status;
      const form: Record<string, string> = {
        AccountSid: message.accountSid,
        ApiVersion: '2010-04-01',
        ErrorCode: message.errorCode ? String(message.errorCode) : '',
        From: EMULATOR_FROM,
        MessageSid: message.sid,
        MessageStatus: status,
        SmsSid: message.sid,
        SmsStatus: status,
        To: message.to,
      };
      if (message.messagingServiceSid) form.MessagingServiceSid = message.messagingServiceSid;
      this.statusCallbacks.post({
        sid: message.sid,
        status,
        url: message.statusCallback,
        form,
        at: this.clock.now(),
      });
    }
    if (this.autoDeliver && message.status === 'sent') {
      this.api.setStatus(message, 'delivered', message.dateUpdated);
    }
  }

  private authorized(req: IncomingMessage): boolean {
    const expected = `Basic ${Buffer.from(`${this.accountSid}:${this.authToken}`).toString('base64')}`;
    return req.headers.authorization === expected;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A web page, or a name other than this server's (DNS rebinding): refused before anything.
    if (refusedForeign(req, res, { ownPage: false })) return;
    const url = new URL(req.url ?? '/', 'http://emulator');
    const control = url.pathname.startsWith(CONTROL_PREFIX);
    // Credentials first: a stranger's request is neither read nor recorded.
    if (!control && !this.authorized(req)) {
      res.on('finish', () => res.socket?.destroySoon());
      return sendError(res, 401, 20003, 'Authenticate', { Connection: 'close' });
    }
    let raw: string;
    try {
      raw = await readBody(req, this.maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLarge) return refuseTooLarge(res, this.maxBodyBytes);
      throw error;
    }
    if (control) {
      return handleControl(
        {
          clock: this.clock,
          messages: this.messages,
          callbacks: this.callbacks,
          nextSendAt: () => this.api.nextSendAt(),
          advanceTo: (instant) => this.advanceTo(instant),
          inject: (rule) => this.inject(rule.fault, rule.times ?? 1, ruleMatches(rule)),
          clearFaults: () => this.clearFaults(),
        },
        req,
        url.pathname,
        raw,
        res,
      );
    }

    const ifMatch = req.headers['if-match'];
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      form: new URLSearchParams(raw),
      host: hostOf(url.pathname),
      ...(typeof ifMatch === 'string' ? { ifMatch } : {}),
    };
    this.log.push(recorded, url.pathname.length + url.search.length + raw.length);

    const index = this.faults.findIndex((entry) => entry.matches(recorded));
    const injected = index >= 0 ? this.faults.splice(index, 1)[0] : undefined;
    if (injected?.fault.kind === 'delay') {
      // Handled as usual, answered late: a write lands though its caller may have given up.
      const ms = injected.fault.ms;
      const late = res.writeHead.bind(res);
      const body = res.end.bind(res);
      let head: Parameters<typeof res.writeHead> | undefined;
      res.writeHead = ((...args: Parameters<typeof res.writeHead>) => {
        head = args;
        return res;
      }) as typeof res.writeHead;
      res.end = ((...args: Parameters<typeof res.end>) => {
        setTimeout(() => {
          if (head) late(...head);
          body(...args);
        }, ms);
        return res;
      }) as typeof res.end;
    } else if (injected) return applyFault(injected.fault, res, this.hung);

    if (recorded.host === 'api') return this.api.handle(recorded, res);
    if (recorded.host === 'sync') return this.sync.handle(recorded, res);
    return notFound(res, url.pathname);
  }
}
