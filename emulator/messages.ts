// Twilio's Messages API (2010-04-01) as the emulator serves it: create, fetch, cancel and list,
// with Twilio's JSON shapes, paging, scheduling window and error codes. A scheduled message is
// sent when the emulator's clock passes its send time; status changes are reported through
// `onStatus` (the status callbacks).
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { notFound, type RecordedRequest, sendError, sendJson } from './http';

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
  /** The create's StatusCallback, if any. */
  statusCallback?: string | null;
  errorCode?: number | null;
}

export interface MessagesOptions {
  accountSid: string;
  now: () => number;
  minLeadMs: number;
  maxLeadMs: number;
  /** Called after every status change that Twilio reports by callback. */
  onStatus: (message: StoredMessage) => void;
}

const E164 = /^(whatsapp:)?\+[1-9]\d{5,14}$/;
const SEND_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const MAX_PAGE_SIZE = 1000;
const API = '/2010-04-01';
/** The sender a Messaging Service picks, in callbacks and in answers without a service. */
export const EMULATOR_FROM = '+15005550006';

export const newSid = (prefix: string): string => prefix + randomBytes(16).toString('hex');

const rfc2822 = (ms: number): string => new Date(ms).toUTCString().replace('GMT', '+0000');

export class MessagesApi {
  readonly messages = new Map<string, StoredMessage>();
  private order = 0;
  private readonly created = new Map<string, number>();

  constructor(private readonly options: MessagesOptions) {}

  /** Adds a message directly, e.g. history for a recipient; returns its SID. */
  seed(message: Partial<StoredMessage> & { to: string }): string {
    const now = this.options.now();
    const stored: StoredMessage = {
      sid: newSid('SM'),
      accountSid: this.options.accountSid,
      body: 'Seeded message',
      numMedia: 0,
      messagingServiceSid: null,
      status: 'delivered',
      sendAt: null,
      dateCreated: now,
      dateUpdated: now,
      ...message,
    };
    this.add(stored);
    return stored.sid;
  }

  /** Sends every scheduled message whose time has come; returns them, in send-time order. */
  sendDue(now = this.options.now()): StoredMessage[] {
    const due = [...this.messages.values()]
      .filter((m) => m.status === 'scheduled' && m.sendAt !== null && m.sendAt <= now)
      .sort((a, b) => (a.sendAt ?? 0) - (b.sendAt ?? 0));
    for (const message of due) this.setStatus(message, 'sent', message.sendAt ?? now);
    return due;
  }

  /** The earliest send time still to come, if any. */
  nextSendAt(): number | null {
    let next: number | null = null;
    for (const m of this.messages.values()) {
      if (m.status === 'scheduled' && m.sendAt !== null && (next === null || m.sendAt < next)) {
        next = m.sendAt;
      }
    }
    return next;
  }

  /** Changes a status as Twilio would, and reports it (e.g. `delivered`, `failed` in tests). */
  setStatus(message: StoredMessage, status: MessageStatus, at = this.options.now()): void {
    message.status = status;
    message.dateUpdated = at;
    this.options.onStatus(message);
  }

  /** Serves `/2010-04-01/Accounts/{AC}/Messages…`. */
  handle(req: RecordedRequest, res: ServerResponse): void {
    const prefix = `${API}/Accounts/${this.options.accountSid}/Messages`;
    if (!req.path.startsWith(prefix)) return notFound(res, req.path);
    this.sendDue();
    const rest = req.path.slice(prefix.length);
    if (rest === '.json' && req.method === 'POST') return this.create(req.form, res);
    if (rest === '.json' && req.method === 'GET') return this.list(req.query, res);
    const sid = /^\/((?:SM|MM)[0-9a-f]{32})\.json$/.exec(rest)?.[1];
    const message = sid === undefined ? undefined : this.messages.get(sid);
    if (!message) return notFound(res, req.path);
    if (req.method === 'GET') return sendJson(res, 200, this.toJson(message));
    if (req.method === 'POST') return this.update(message, req.form, res);
    return sendError(res, 405, 20004, 'Method not allowed');
  }

  private add(message: StoredMessage): void {
    this.messages.set(message.sid, message);
    this.created.set(message.sid, this.order++);
  }

  private create(form: URLSearchParams, res: ServerResponse): void {
    const to = form.get('To') ?? '';
    const service = form.get('MessagingServiceSid');
    const body = form.get('Body') ?? '';
    const media = form.getAll('MediaUrl');
    const contentSid = form.get('ContentSid');
    const scheduleType = form.get('ScheduleType');
    const sendAtText = form.get('SendAt');
    const statusCallback = form.get('StatusCallback');

    if (!to) return sendError(res, 400, 21604, "A 'To' phone number is required.");
    if (!E164.test(to))
      return sendError(res, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (!service && !form.get('From')) {
      return sendError(
        res,
        400,
        21603,
        "A 'From' phone number or a Messaging Service is required.",
      );
    }
    if (service && !/^MG[0-9a-fA-F]{32}$/.test(service)) {
      return sendError(res, 400, 21701, 'The Messaging Service Sid is invalid.');
    }
    if (!body && media.length === 0 && !contentSid) {
      return sendError(res, 400, 21602, 'Message body is required.');
    }
    if ([...body].length > 1600)
      return sendError(
        res,
        400,
        21617,
        'The concatenated message body exceeds the 1600 character limit.',
      );
    if (statusCallback !== null && !/^https?:\/\/\S+$/i.test(statusCallback)) {
      return sendError(res, 400, 21609, 'The StatusCallback URL is not valid.');
    }

    let sendAt: number | null = null;
    if (scheduleType !== null || sendAtText !== null) {
      if (scheduleType !== 'fixed')
        return sendError(res, 400, 35126, 'ScheduleType is invalid; the only value is fixed.');
      if (!service)
        return sendError(res, 400, 35118, 'MessagingServiceSid is required to schedule a message.');
      if (sendAtText === null)
        return sendError(res, 400, 35111, 'SendAt is required to schedule a message.');
      if (!SEND_AT.test(sendAtText))
        return sendError(res, 400, 35115, 'SendAt is not a valid ISO 8601 date-time.');
      sendAt = Date.parse(sendAtText);
      const now = this.options.now();
      if (sendAt - now < this.options.minLeadMs || sendAt - now > this.options.maxLeadMs) {
        return sendError(
          res,
          400,
          35114,
          'Scheduling does not support this timestamp: SendAt must be between 15 minutes and 35 days in the future.',
        );
      }
    }

    const now = this.options.now();
    const message: StoredMessage = {
      sid: newSid(media.length > 0 ? 'MM' : 'SM'),
      accountSid: this.options.accountSid,
      to,
      body: contentSid ? '' : body,
      numMedia: media.length,
      messagingServiceSid: service,
      status: sendAt === null ? 'sent' : 'scheduled',
      sendAt,
      dateCreated: now,
      dateUpdated: now,
      statusCallback,
    };
    this.add(message);
    // A message without SendAt goes out at once (the emulator skips queued), and is reported.
    if (sendAt === null) this.options.onStatus(message);
    sendJson(res, 201, this.toJson(message));
  }

  private update(message: StoredMessage, form: URLSearchParams, res: ServerResponse): void {
    const status = form.get('Status');
    if (status !== null && status !== 'canceled') {
      return sendError(
        res,
        400,
        20001,
        `Status ${status} is not a valid update; only canceled is.`,
      );
    }
    if (status === 'canceled') {
      if (message.status !== 'scheduled') {
        return sendError(res, 400, 30409, 'The message cannot be canceled: it is not scheduled.');
      }
      this.setStatus(message, 'canceled');
    }
    sendJson(res, 200, this.toJson(message));
  }

  private list(query: URLSearchParams, res: ServerResponse): void {
    const to = query.get('To');
    const pageSize = Math.min(
      Math.max(Number(query.get('PageSize') ?? 50) || 50, 1),
      MAX_PAGE_SIZE,
    );
    const page = Math.max(Number(query.get('Page') ?? 0) || 0, 0);
    // Newest first, as Twilio lists them.
    const all = [...this.messages.values()]
      .filter((m) => to === null || m.to === to)
      .sort(
        (a, b) =>
          b.dateCreated - a.dateCreated ||
          (this.created.get(b.sid) ?? 0) - (this.created.get(a.sid) ?? 0),
      );
    const slice = all.slice(page * pageSize, (page + 1) * pageSize);
    const base = `${API}/Accounts/${this.options.accountSid}/Messages.json`;
    const uri = (p: number) => {
      const q = new URLSearchParams();
      if (to !== null) q.set('To', to);
      q.set('PageSize', String(pageSize));
      q.set('Page', String(p));
      if (p > 0) q.set('PageToken', `PA${p}`);
      return `${base}?${q.toString()}`;
    };
    const hasNext = (page + 1) * pageSize < all.length;
    sendJson(res, 200, {
      messages: slice.map((m) => this.toJson(m)),
      end: page * pageSize + Math.max(slice.length - 1, 0),
      first_page_uri: uri(0),
      next_page_uri: hasNext ? uri(page + 1) : null,
      page,
      page_size: pageSize,
      previous_page_uri: page > 0 ? uri(page - 1) : null,
      start: page * pageSize,
      uri: uri(page),
    });
  }

  toJson(m: StoredMessage): Record<string, unknown> {
    const uri = `${API}/Accounts/${m.accountSid}/Messages/${m.sid}.json`;
    const sent = m.status === 'sent' || m.status === 'delivered';
    return {
      account_sid: m.accountSid,
      api_version: '2010-04-01',
      body: m.body,
      date_created: rfc2822(m.dateCreated),
      date_sent: sent ? rfc2822(m.sendAt ?? m.dateCreated) : null,
      date_updated: rfc2822(m.dateUpdated),
      direction: 'outbound-api',
      error_code: m.errorCode ?? null,
      error_message: null,
      from: m.messagingServiceSid ? null : EMULATOR_FROM,
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
}
