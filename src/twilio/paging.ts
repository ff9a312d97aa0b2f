// The one paging loop: Twilio's lists (messages, Sync Map items) come a page at a time, and every
// list we read is bounded by the time budget (and sometimes a page cap). Errors are thrown to the
// caller, which knows what a failed page means for it.
import { type Budget, remaining } from '../core/budget';

/** What twilio-node's pages have in common. */
export interface Page<I> {
  instances: I[];
  nextPageUrl?: string;
  nextPage(): Promise<Page<I> | undefined>;
}

/** Why the pages stopped: the list's end, the visitor, the budget, or the page cap. */
export type PagesEnd = 'end' | 'stopped' | 'time-budget' | 'page-limit';

/**
 * Visits the pages from `first` on, each requested only with `reserveMs` of the budget left,
 * until the list ends (no next page, or an empty one), `visit` returns 'stop', or a bound.
 */
export async function eachPage<I>(
  first: () => Promise<Page<I>>,
  limits: Budget & { reserveMs: number; maxPages?: number },
  visit: (page: Page<I>) => Promise<'stop' | undefined> | 'stop' | undefined,
): Promise<PagesEnd> {
  const maxPages = limits.maxPages ?? Number.POSITIVE_INFINITY;
  let page: Page<I> | undefined;
  for (let read = 0; ; read++) {
    if (read >= maxPages) return 'page-limit';
    if (remaining(limits) < limits.reserveMs) return 'time-budget';
    page = page ? await page.nextPage() : await first();
    if (!page) return 'end';
    if ((await visit(page)) === 'stop') return 'stopped';
    if (page.instances.length === 0 || !page.nextPageUrl) return 'end';
  }
}
