// Walking a recipient's messages, newest first, to find the scheduled ones. Twilio's list has no
// status filter, so we page and filter, bounded by a page cap and by the time budget.
import type { Twilio } from 'twilio';
import type { MessageInstance } from 'twilio/lib/rest/api/v2010/account/message';
import type { Budget } from '../core/budget';
import { AppFailure } from '../core/errors';
import type { Recipient } from '../input/recipient';
import { twilioError } from './errors';

export const PAGE_SIZE = 100;
export const MAX_PAGES = 20;
/** A page is not requested with less time left than this: its answer and our reply need it. */
export const PAGE_RESERVE_MS = 1_500;

/** Why a scan stopped early; `series`: a series plan of the recipient could not be stopped. */
export type ScanStop = 'page-limit' | 'time-budget' | 'twilio-error' | 'size-limit' | 'series';

/** The part of twilio-node's MessagePage we use. */
interface MessagesPage {
  instances: MessageInstance[];
  nextPageUrl?: string;
  nextPage(): Promise<MessagesPage> | undefined;
}

export interface ScanResult {
  scanned: number;
  complete: boolean;
  /** Why the scan stopped early, when it did. */
  stoppedBy?: ScanStop;
}

type Limits = Budget & {
  maxPages?: number;
  pageSize?: number;
};

/**
 * Calls `visit` with the scheduled messages of each page until the list ends or a bound is
 * reached. A failure on the first page is thrown as an AppFailure (the caller has nothing to
 * report); a later one ends the scan early.
 * `visit` returns null to go on, or why it stopped (e.g. it ran out of time itself).
 */
export async function scanScheduled(
  client: Twilio,
  to: Recipient,
  limits: Limits,
  visit: (scheduled: MessageInstance[]) => Promise<ScanStop | null>,
): Promise<ScanResult> {
  const maxPages = limits.maxPages ?? MAX_PAGES;
  let scanned = 0;
  let page: MessagesPage | undefined;
  for (let pages = 0; ; pages++) {
    if (pages >= maxPages) return { scanned, complete: false, stoppedBy: 'page-limit' };
    if (limits.deadline - limits.clock() < PAGE_RESERVE_MS)
      return { scanned, complete: false, stoppedBy: 'time-budget' };
    try {
      page = page
        ? await page.nextPage()
        : await client.messages.page({ to, pageSize: limits.pageSize ?? PAGE_SIZE });
    } catch (error) {
      if (pages === 0) throw new AppFailure(twilioError(error, 'read'));
      return { scanned, complete: false, stoppedBy: 'twilio-error' };
    }
    if (!page) return { scanned, complete: true };
    const messages = page.instances;
    scanned += messages.length;
    // Twilio filters by To exactly; the check keeps a misbehaving filter from touching others.
    const scheduled = messages.filter((m) => m.status === 'scheduled' && m.to === to);
    const stop = await visit(scheduled);
    if (stop) return { scanned, complete: false, stoppedBy: stop };
    // No early stop on age: Twilio orders the list by DateSent, which a scheduled message lacks,
    // so where scheduled messages stand in it is not documented.
    if (messages.length === 0 || !page.nextPageUrl) return { scanned, complete: true };
  }
}
