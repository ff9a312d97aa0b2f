// Twilio's message statuses that a scheduled message can reach, and the order they come in.

export type MessageStatus =
  | 'scheduled'
  | 'queued'
  | 'sending'
  | 'sent'
  | 'delivered'
  | 'undelivered'
  | 'failed'
  | 'canceled';

/**
 * Callbacks can arrive out of order (delivered before sent): a status only replaces one of a
 * lower rank, so what is known never moves backwards.
 */
const RANK: Record<MessageStatus, number> = {
  scheduled: 0,
  queued: 1,
  sending: 2,
  sent: 3,
  delivered: 4,
  undelivered: 4,
  failed: 4,
  canceled: 4,
};

export const advances = (from: MessageStatus, to: MessageStatus): boolean => RANK[to] > RANK[from];

export const isMessageStatus = (value: unknown): value is MessageStatus =>
  typeof value === 'string' && Object.hasOwn(RANK, value);
