// What the registry remembers about one scheduled message, and for how long.

import type { MessageStatus } from '../core/message-status';
import { DAY, SECOND } from '../core/units';

export type { MessageStatus } from '../core/message-status';

export interface MessageRecord {
  sid: string;
  to: string;
  /** `2026-12-01T14:00:00Z`, as sent to Twilio. */
  sendAt: string;
  timeZone?: string;
  locale?: string;
  tag?: string;
  series?: string;
  /** Which occurrence of its series (the index in the plan). */
  occurrence?: number;
  status: MessageStatus;
  /** When the record was written, ISO 8601. */
  createdAt: string;
}

/** How long a record is kept: 7 days after its send time, in seconds from `now`. */
const RETENTION_MS = 7 * DAY;
export const ttlAfter = (sendAtMs: number, now: number): number =>
  Math.ceil((sendAtMs + RETENTION_MS - now) / SECOND);
