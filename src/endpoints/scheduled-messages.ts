// /scheduled-messages: the recipient's messages still waiting to be sent.
import { ok, type Result } from '../core/errors';
import { readRecipient } from '../input/recipient';
import { type ScanResult, scanScheduled } from '../twilio/message-scan';
import type { Invocation } from './invocation';

/** Studio parses at most 64 kB; stop adding messages well before that. */
export const MAX_BODY_BYTES = 60_000;

export interface ScheduledMessage {
  sid: string;
  to: string;
  status: string;
  dateCreated: string | null;
  body: string;
}

/** The recipient's scheduled messages, and how far the scan got. */
export type ListAnswer = { messages: ScheduledMessage[] } & ScanResult;

export async function listScheduledMessages(invocation: Invocation): Promise<Result<ListAnswer>> {
  const to = readRecipient(invocation.event);
  if (!to.ok) return to;

  const messages: ScheduledMessage[] = [];
  let bytes = 200; // the envelope: ok, scanned, complete
  const scan = await scanScheduled(invocation.twilio(), to.value, invocation, async (page) => {
    for (const m of page) {
      const entry = {
        sid: m.sid,
        to: m.to,
        status: m.status,
        dateCreated: m.dateCreated?.toISOString() ?? null,
        body: m.body,
      };
      const size = Buffer.byteLength(JSON.stringify(entry)) + 1;
      if (bytes + size > MAX_BODY_BYTES) return 'size-limit';
      bytes += size;
      messages.push(entry);
    }
    return null;
  });
  return ok({ messages, ...scan });
}
