// Twilio's message statuses, and the order a message moves through them. Status callbacks may
// carry any of these (and new ones appear over time); only a status that moves a record forward
// is recorded.

export type MessageStatus =
  | 'scheduled'
  | 'accepted'
  | 'queued'
  | 'sending'
  | 'sent'
  | 'partially_delivered'
  | 'delivered'
  | 'undelivered'
  | 'failed'
  | 'canceled'
  | 'read';

/**
 * Callbacks can arrive out of order (delivered before sent): a status only replaces one of a
 * lower rank, so what is known never moves backwards. `receiving`/`received` belong to incoming
 * messages and have no rank here: a callback carrying them is ignored, as is any unknown one.
 */
const RANK: Record<MessageStatus, number> = {
  scheduled: 0,
  accepted: 1,
  queued: 2,
  sending: 3,
  sent: 4,
  partially_delivered: 5,
  delivered: 6,
  undelivered: 6,
  failed: 6,
  canceled: 6,
  read: 7,
};

export const advances = (from: MessageStatus, to: MessageStatus): boolean =>
  RANK[to] > (RANK[from] ?? -1);

export const isMessageStatus = (value: unknown): value is MessageStatus =>
  typeof value === 'string' && Object.hasOwn(RANK, value);

/** A status after which the message has left the schedule: sent, or on its way, or failed. */
export const hasLeftSchedule = (status: MessageStatus): boolean =>
  status !== 'scheduled' && status !== 'canceled';
