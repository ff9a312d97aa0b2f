// The emulator's own HTTP API, for tests, scripts and the local page (through the local server,
// which passes its requests on): read and move the clock, read the outbox and the status
// callbacks. No Twilio credentials, but only for programs on this machine: the emulator's server
// refuses any other Host and every web page before it gets here (emulator/local-origin.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallbackRecord } from './callbacks';
import type { MovableClock } from './clock';
import { type FaultRule, readFaultRule, sendJson } from './http';
import type { StoredMessage } from './messages';

export const CONTROL_PREFIX = '/_emulator/';

export interface ControlTarget {
  clock: MovableClock;
  messages: Map<string, StoredMessage>;
  callbacks: CallbackRecord[];
  nextSendAt(): number | null;
  /** Moves the clock forward to `instant` and sends what is due; returns the SIDs sent. */
  advanceTo(instant: number): string[];
  /** Faults for the next matching requests (tests and the bench reproduce Sync's and Twilio's). */
  inject(rule: FaultRule): void;
  clearFaults(): void;
}

/** The longest single move: a year and a day (a yearly series' last occurrence). */
const MAX_ADVANCE_MS = 366 * 24 * 3600 * 1000;

const isoOrNull = (ms: number | null): string | null =>
  ms === null ? null : new Date(ms).toISOString();

/** `***4567`: the outbox is local, but a screen may be shared. */
const maskTo = (to: string): string => {
  const channel = to.startsWith('whatsapp:') ? 'whatsapp:' : '';
  return `${channel}***${to.replace(/\D/g, '').slice(-4)}`;
};

/** `{advanceMs}`, `{to: 'next-send'}` or `{to: ISO instant}`, as JSON or a form. */
function readMove(raw: string, contentType: string | undefined): Record<string, string> {
  if (contentType?.includes('application/json')) {
    try {
      const value = JSON.parse(raw) as unknown;
      if (typeof value !== 'object' || value === null) return {};
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

const clockJson = (target: ControlTarget) => ({
  now: new Date(target.clock.now()).toISOString(),
  nowMs: target.clock.now(),
  offsetMs: target.clock.offset,
  nextSendAt: isoOrNull(target.nextSendAt()),
});

export function outboxEntry(m: StoredMessage) {
  return {
    sid: m.sid,
    to: m.to,
    toMasked: maskTo(m.to),
    body: m.body,
    status: m.status,
    sendAt: isoOrNull(m.sendAt),
    dateCreated: new Date(m.dateCreated).toISOString(),
    dateUpdated: new Date(m.dateUpdated).toISOString(),
    messagingServiceSid: m.messagingServiceSid,
    statusCallback: m.statusCallback ?? null,
  };
}

/** Serves `/_emulator/…`; `raw` is the request body already read. */
export function handleControl(
  target: ControlTarget,
  req: IncomingMessage,
  path: string,
  raw: string,
  res: ServerResponse,
): void {
  const method = req.method ?? 'GET';
  const route = path.slice(CONTROL_PREFIX.length);
  if (route === 'clock' && method === 'GET') return sendJson(res, 200, clockJson(target));
  // The clock pushed to whoever follows it (the local functions), at once and on every move:
  // server-sent events, one `data:` line of JSON each, so nobody reads it before each request.
  if (route === 'clock/events' && method === 'GET') {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
    const push = () => res.write(`data: ${JSON.stringify(clockJson(target))}\n\n`);
    push();
    const unsubscribe = target.clock.onMove(push);
    res.on('close', unsubscribe);
    return;
  }
  if (route === 'clock' && method === 'POST') {
    const move = readMove(raw, req.headers['content-type']);
    const now = target.clock.now();
    let to: number | undefined;
    if (move.advanceMs !== undefined) {
      const ms = Number(move.advanceMs);
      if (!Number.isFinite(ms) || ms < 0 || ms > MAX_ADVANCE_MS) {
        return sendJson(res, 400, { error: `advanceMs must be from 0 to ${MAX_ADVANCE_MS}.` });
      }
      to = now + ms;
    } else if (move.to === 'next-send') {
      to = Math.max(now, target.nextSendAt() ?? now);
    } else if (move.to !== undefined) {
      to = Date.parse(move.to);
      if (!Number.isFinite(to) || to < now || to - now > MAX_ADVANCE_MS) {
        return sendJson(res, 400, {
          error: 'to must be next-send or an ISO 8601 instant from now to a year ahead.',
        });
      }
    } else {
      return sendJson(res, 400, { error: 'Give advanceMs, or to (next-send or an instant).' });
    }
    const sent = target.advanceTo(to);
    return sendJson(res, 200, { ...clockJson(target), sent });
  }
  if (route === 'messages' && method === 'GET') {
    const messages = [...target.messages.values()]
      .map(outboxEntry)
      .sort((a, b) => (a.sendAt ?? a.dateCreated).localeCompare(b.sendAt ?? b.dateCreated, 'en'));
    return sendJson(res, 200, { now: clockJson(target).now, messages });
  }
  if (route === 'faults' && method === 'POST') {
    let rule: FaultRule | undefined;
    try {
      rule = readFaultRule(JSON.parse(raw));
    } catch {
      rule = undefined;
    }
    if (!rule) {
      return sendJson(res, 400, {
        error:
          'Give {fault: {kind: status|raw|hang|reset|delay, …}, times?, host?: api|sync, method?, pathContains?} as JSON.',
      });
    }
    target.inject(rule);
    return sendJson(res, 200, { injected: rule.times ?? 1 });
  }
  if (route === 'faults' && method === 'DELETE') {
    target.clearFaults();
    return sendJson(res, 200, { cleared: true });
  }
  if (route === 'callbacks' && method === 'GET') {
    return sendJson(res, 200, { callbacks: target.callbacks });
  }
  sendJson(res, 404, { error: `No emulator control at ${path}.` });
}
