// /scheduled-messages: what is still waiting to be sent, for a recipient, a tag or a series.
// With the registry the answer is read from our records (with send times, in send-time order);
// without it, by recipient only, from Twilio's own list (which has no send times).
import { ok, type Result, refuse } from '../core/errors';
import { DEFAULT_LOCALE } from '../input/config';
import { cursorOf, type ListTarget, parseListTarget } from '../input/list-request';
import type { MessageRecord } from '../registry/records';
import { formatSendAtText } from '../time/local-text';
import { formatLocal } from '../time/wall-clock';
import { type ScanResult, scanScheduled } from '../twilio/message-scan';
import { type Invocation, registryOf, registryUnavailable } from './invocation';

/** Studio parses at most 64 kB; stop adding messages well before that. */
export const MAX_ANSWER_BYTES = 60_000;
/** The envelope around the messages: ok, source, scanned, complete, stoppedBy. */
const ENVELOPE_BYTES = 200;

/** A message as Twilio lists it (registry off). */
export interface TwilioListedMessage {
  sid: string;
  to: string;
  status: string;
  dateCreated: string | null;
  body: string;
}

/** A message as the registry remembers it. */
export interface RecordedMessage {
  sid: string;
  to: string;
  status: string;
  sendAt: string;
  sendAtLocal?: string;
  sendAtText?: string;
  timeZone?: string;
  tag?: string;
  series?: string;
}

export type ListAnswer =
  | ({ source: 'twilio'; messages: TwilioListedMessage[] } & ScanResult)
  | {
      source: 'registry';
      messages: RecordedMessage[];
      complete: boolean;
      stoppedBy?: 'size-limit' | 'time-budget';
      /** Pass it back as `cursor` to list what comes next. */
      cursor?: string;
    };

/** Adds entries while the answer stays under Studio's limit; false once one did not fit. */
function sizeLimited<T>(into: T[]): (entry: T) => boolean {
  let bytes = ENVELOPE_BYTES;
  return (entry) => {
    const size = Buffer.byteLength(JSON.stringify(entry)) + 1;
    if (bytes + size > MAX_ANSWER_BYTES) return false;
    bytes += size;
    into.push(entry);
    return true;
  };
}

/** A record as a listing shows it: its send time also on the wall clock of its zone. */
export function shown(record: MessageRecord): RecordedMessage {
  const entry: RecordedMessage = {
    sid: record.sid,
    to: record.to,
    status: record.status,
    sendAt: record.sendAt,
  };
  if (record.timeZone !== undefined) {
    const instant = Date.parse(record.sendAt);
    entry.sendAtLocal = formatLocal(instant, record.timeZone);
    entry.sendAtText = formatSendAtText(instant, record.timeZone, record.locale ?? DEFAULT_LOCALE);
    entry.timeZone = record.timeZone;
  }
  if (record.tag !== undefined) entry.tag = record.tag;
  if (record.series !== undefined) entry.series = record.series;
  return entry;
}

async function fromTwilio(invocation: Invocation, to: string): Promise<Result<ListAnswer>> {
  const messages: TwilioListedMessage[] = [];
  const add = sizeLimited(messages);
  const scan = await scanScheduled(invocation.twilio(), to, invocation, async (page) => {
    for (const m of page) {
      const entry = {
        sid: m.sid,
        to: m.to,
        status: m.status,
        dateCreated: m.dateCreated?.toISOString() ?? null,
        body: m.body,
      };
      if (!add(entry)) return 'size-limit';
    }
    return null;
  });
  return ok({ source: 'twilio', messages, ...scan });
}

export async function listScheduledMessages(invocation: Invocation): Promise<Result<ListAnswer>> {
  const target = parseListTarget(invocation.event);
  if (!target.ok) return target;
  const registry = registryOf(invocation);
  if (registry === undefined) {
    if (target.value.kind === 'to') return fromTwilio(invocation, target.value.to);
    return refuse('REGISTRY_DISABLED', target.value.kind, { variant: 'list' });
  }
  const by = targetOf(target.value);
  // Read in send-time order, and only until the answer is full: the cost follows the answer,
  // not the backlog.
  const messages: RecordedMessage[] = [];
  const add = sizeLimited(messages);
  let full = false;
  const options: Parameters<typeof registry.records.upcoming>[2] = {};
  if (target.value.kind !== 'tag')
    options.take = (record) => {
      if (full) return false;
      full = !add(shown(record));
      return !full;
    };
  if (target.value.after !== undefined) options.after = target.value.after;
  const listing = await registry.records.upcoming(by, invocation.now, options);
  if (!listing.ok) {
    return registryUnavailable('listNotRead', listing.error);
  }
  // A tag across recipients is read whole and sorted: its entries are added here instead.
  if (target.value.kind === 'tag') full = !listing.records.every((record) => add(shown(record)));
  if (full) {
    const answer: ListAnswer = {
      source: 'registry',
      messages,
      complete: false,
      stoppedBy: 'size-limit',
    };
    if (listing.next !== undefined) answer.cursor = cursorOf(listing.next);
    return ok(answer);
  }
  if (!listing.complete)
    return ok({ source: 'registry', messages, complete: false, stoppedBy: 'time-budget' });
  return ok({ source: 'registry', messages, complete: true });
}

const targetOf = (target: ListTarget) =>
  target.kind === 'to'
    ? { to: target.to }
    : target.kind === 'tag'
      ? { tag: target.tag }
      : { series: target.series };
