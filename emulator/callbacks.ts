// Status callbacks as Twilio sends them: a signed form POST to the message's StatusCallback when
// it is sent or canceled. The emulator posts only to this machine (https becomes http, since the
// local functions serve http) and records every attempt, so tests and people can watch them land.
import { createHmac } from 'node:crypto';
import { isLoopbackHostname } from './http';

export interface CallbackRecord {
  sid: string;
  status: string;
  /** The StatusCallback the create named. */
  url: string;
  /** Where it was posted (and what was signed); absent when skipped. */
  postedTo?: string;
  form: Record<string, string>;
  /** `skipped`: not a loopback URL, never posted. `failed`: no 2xx answer in time. */
  outcome: 'pending' | 'posted' | 'failed' | 'skipped';
  httpStatus?: number;
  reason?: string;
  /** Posts made, when Twilio's retries made more than one. */
  attempts?: number;
  /** The emulator clock when the status changed (ms). */
  at: number;
}

/** Twilio's X-Twilio-Signature: HMAC-SHA1 over the URL then each sorted name and value, base64. */
export function twilioSignature(
  authToken: string,
  url: string,
  params: Record<string, string>,
): string {
  const data = Object.keys(params)
    .sort()
    .reduce((text, name) => text + name + params[name], url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** The URL to post to, or why not: only this machine, and http (what the local server speaks). */
export function localCallbackUrl(raw: string): { url: string } | { reason: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { reason: 'not a URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { reason: 'not http(s)' };
  if (url.username || url.password) return { reason: 'carries credentials' };
  if (!isLoopbackHostname(url.hostname)) return { reason: 'not a loopback host' };
  // Keep the text as given (what Twilio signs), with only the scheme changed, and without the
  // fragment: Twilio reads its connection overrides there and neither sends nor signs it.
  const hash = raw.indexOf('#');
  const sent = hash >= 0 ? raw.slice(0, hash) : raw;
  return { url: url.protocol === 'https:' ? `http:${sent.slice('https:'.length)}` : sent };
}

/**
 * Twilio's webhook connection overrides on a URL's fragment (`#rc=3&rp=all`): how many retries,
 * and on what. Without them Twilio retries once, on a failed connection only.
 */
export function retryPolicyOf(raw: string): { retries: number; onStatus: boolean } {
  const hash = raw.indexOf('#');
  const overrides = new URLSearchParams(hash >= 0 ? raw.slice(hash + 1) : '');
  const count = Number(overrides.get('rc') ?? '1');
  const policy = (overrides.get('rp') ?? 'ct').split(',');
  return {
    retries: Number.isInteger(count) ? Math.min(5, Math.max(0, count)) : 1,
    onStatus: policy.includes('all') || policy.includes('5xx'),
  };
}

export interface CallbackOptions {
  authToken: string;
  timeoutMs: number;
  /** Oldest records are dropped past this many. */
  maxRecords: number;
  /** Callbacks posted at once at most (Twilio sends them over a bounded set of connections). */
  concurrency?: number;
}

export class StatusCallbacks {
  readonly records: CallbackRecord[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  /** Callbacks for one message go out in order (sent before delivered). */
  private readonly chains = new Map<string, Promise<void>>();
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly options: CallbackOptions) {}

  /** Records and posts (in the background) one callback; never throws. */
  post(record: Omit<CallbackRecord, 'outcome' | 'postedTo'>): CallbackRecord {
    const target = localCallbackUrl(record.url);
    const entry: CallbackRecord =
      'url' in target
        ? { ...record, postedTo: target.url, outcome: 'pending' }
        : { ...record, outcome: 'skipped', reason: target.reason };
    this.records.push(entry);
    if (this.records.length > this.options.maxRecords) this.records.shift();
    if (entry.postedTo === undefined) return entry;

    const previous = this.chains.get(entry.sid) ?? Promise.resolve();
    const done = previous.then(() => this.send(entry));
    this.chains.set(entry.sid, done);
    this.inFlight.add(done);
    void done.finally(() => {
      this.inFlight.delete(done);
      if (this.chains.get(entry.sid) === done) this.chains.delete(entry.sid);
    });
    return entry;
  }

  /** Resolves when every callback posted so far has its outcome. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Waits for a free connection, then posts, retrying as the URL's overrides ask. */
  private async send(entry: CallbackRecord): Promise<void> {
    const limit = this.options.concurrency ?? 8;
    if (this.active >= limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      const { retries, onStatus } = retryPolicyOf(entry.url);
      for (let attempt = 0; ; attempt++) {
        await this.attempt(entry);
        const retry = entry.outcome === 'failed' && (entry.httpStatus === undefined || onStatus);
        if (!retry || attempt >= retries) return;
        entry.attempts = attempt + 2;
      }
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }

  private async attempt(entry: CallbackRecord): Promise<void> {
    const url = entry.postedTo ?? '';
    delete entry.httpStatus;
    delete entry.reason;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
          'User-Agent': 'TwilioProxy/1.1',
          'X-Twilio-Signature': twilioSignature(this.options.authToken, url, entry.form),
        },
        body: new URLSearchParams(entry.form).toString(),
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      entry.httpStatus = response.status;
      entry.outcome = response.ok ? 'posted' : 'failed';
      if (!response.ok) entry.reason = `HTTP ${response.status}`;
    } catch (error) {
      entry.outcome = 'failed';
      entry.reason = (error as Error)?.name === 'TimeoutError' ? 'timeout' : 'connection failed';
    }
  }
}
