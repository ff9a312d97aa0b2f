// The bodies of messages, read from Twilio (the registry keeps no text): for the console's rows.
// Bounded: a few at once, and none started with too little time left.
import type { Twilio } from 'twilio';
import { type Budget, remaining } from '../core/budget';

const CONCURRENCY = 8;
/** A fetch is not started with less time left than this. */
const FETCH_RESERVE_MS = 1_500;

/** The body of each of `sids` that could be read in time; the others are left out. */
export async function fetchBodies(
  client: Twilio,
  sids: readonly string[],
  budget: Budget,
): Promise<Map<string, string>> {
  const bodies = new Map<string, string>();
  const queue = [...sids];
  const worker = async () => {
    for (let sid = queue.shift(); sid; sid = queue.shift()) {
      if (remaining(budget) < FETCH_RESERVE_MS) return;
      try {
        const message = await client.messages(sid).fetch();
        if (typeof message.body === 'string') bodies.set(sid, message.body);
      } catch {
        // Not readable now: the row is shown without its text.
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
  return bodies;
}
