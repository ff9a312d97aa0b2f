// Walking a recipient's messages, newest first, to find the scheduled ones. Twilio's list has no
// status filter, so we page and filter, bounded by a page cap and by the time budget.
import type { Twilio } from 'twilio';
import type { MessageInstance } from 'twilio/lib/rest/api/v2010/account/message';
import type { Budget } from '../core/budget';
import { AppFailure } from '../core/errors';
import type { Recipient } from '../input/recipient';
import { twilioError } from './errors';
import { eachPage, type Page, type PagesEnd } from './paging';

export const PAGE_SIZE = 100;
export const MAX_PAGES = 20;
/** A page is not requested with less time left than this: its answer and our reply need it. */
export const PAGE_RESERVE_MS = 1_500;

/** Why a scan stopped early; `series`: a series plan of the recipient could not be stopped. */
export type ScanStop = 'page-limit' | 'time-budget' | 'twilio-error' | 'size-limit' | 'series';

export interface ScanResult {
  scanned: number;
  complete: boolean;
  /** Why the scan stopped early, when it did. */
  stoppedBy?: ScanStop;
}

type Limits = Budget & {
  maxPages?: number;
  pageSize?: number;
  /** Resume at this page (a URL a previous scan gave as `resumeAt`) instead of the first. */
  startAt?: string;
};

/** Only a page of this account's Messages list at Twilio is ever requested from a saved URL. */
const MESSAGES_PAGE =
  /^https:\/\/api\.twilio\.com\/2010-04-01\/Accounts\/AC[0-9a-f]{32}\/Messages\.json\?/;
export const isMessagesPageUrl = (url: string): boolean => MESSAGES_PAGE.test(url);

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
  /** `pageUrl`: the page's own URL, to resume at; undefined for the list's first page. */
  visit: (scheduled: MessageInstance[], pageUrl: string | undefined) => Promise<ScanStop | null>,
): Promise<ScanResult & { resumeAt?: string }> {
  let scanned = 0;
  let pagesRead = 0;
  let stop: ScanStop | null = null;
  // The URL of the page about to be read (undefined: the list's first page).
  let url =
    limits.startAt !== undefined && isMessagesPageUrl(limits.startAt) ? limits.startAt : undefined;
  const first = url;
  const early = (stoppedBy: ScanStop) => {
    const result: ScanResult & { resumeAt?: string } = { scanned, complete: false, stoppedBy };
    if (url !== undefined) result.resumeAt = url;
    return result;
  };
  let ended: PagesEnd;
  try {
    ended = await eachPage<MessageInstance>(
      async () =>
        (first !== undefined
          ? await client.messages.getPage(first)
          : await client.messages.page({
              to,
              pageSize: limits.pageSize ?? PAGE_SIZE,
            })) as Page<MessageInstance>,
      { ...limits, reserveMs: PAGE_RESERVE_MS, maxPages: limits.maxPages ?? MAX_PAGES },
      async (page) => {
        pagesRead++;
        scanned += page.instances.length;
        // Twilio filters by To exactly; the check keeps a misbehaving filter from touching others.
        const scheduled = page.instances.filter((m) => m.status === 'scheduled' && m.to === to);
        const here = url;
        url = page.nextPageUrl;
        stop = await visit(scheduled, here);
        if (stop === null) return undefined;
        // Stopped by the visitor inside this page: resume at it, not after it.
        url = here;
        return 'stop';
      },
    );
  } catch (error) {
    if (pagesRead === 0) throw new AppFailure(twilioError(error, 'read'));
    return early('twilio-error');
  }
  // No early stop on age: Twilio orders the list by DateSent, which a scheduled message lacks,
  // so where scheduled messages stand in it is not documented.
  if (ended === 'end') return { scanned, complete: true };
  if (ended === 'stopped') return early(stop ?? 'time-budget');
  return early(ended);
}
