// A replace: once the new message (or series, or appointment's reminders) exists, the
// recipient's earlier messages with the same tag are canceled and their series stopped, so that a
// failure never leaves them with none.
import { runBounded } from '../core/pool';
import type { Registry } from '../registry/registry';
import { cancelOne } from '../twilio/cancel';
import { cancelFailure } from './cancel-message';
import type { Invocation } from './invocation';
import { stopPlans } from './series';

/** Earlier messages canceled at once by a replace; Twilio's concurrency limit is shared. */
const REPLACE_CONCURRENCY = 8;
/** A cancel is not started with less time left than this. */
const REPLACE_RESERVE_MS = 700;

/** What a replace did to the earlier messages of the tag. */
export interface Replaced {
  /** The recipient's earlier messages with the tag, canceled. */
  replaced: string[];
  /** Those that could not be canceled: still scheduled, or maybe. */
  notReplaced?: { sid: string; code: string; maybeCanceled?: true }[];
  /** True when no earlier message with the tag is left scheduled. */
  complete: boolean;
}

/**
 * Cancels the recipient's earlier messages with the tag, and stops their series (but the one
 * just started). Says what was canceled, what was not, and whether nothing is left.
 */
export async function replaceEarlier(
  invocation: Invocation,
  registry: Registry,
  by: { tag: string; to: string },
  earlier: string[],
  keep: { sid?: string; series?: string },
): Promise<Replaced> {
  const plans = await stopPlans(invocation, by, keep.series);
  const sids = [...new Set([...earlier, ...plans.sids])].filter((sid) => sid !== keep.sid);
  const replaced: string[] = [];
  const notReplaced: NonNullable<Replaced['notReplaced']> = [];
  const { notStarted } = await runBounded(
    sids,
    REPLACE_CONCURRENCY,
    { ...invocation, reserveMs: REPLACE_RESERVE_MS },
    async (sid) => {
      const outcome = await cancelOne(invocation.twilio(), sid);
      const failure = cancelFailure(sid, outcome);
      if (failure) notReplaced.push(failure);
      if (outcome.kind === 'canceled') replaced.push(sid);
    },
  );
  for (const sid of notStarted) notReplaced.push({ sid, code: 'TIME_BUDGET' });
  await Promise.all(replaced.map((sid) => registry.setStatus(sid, 'canceled')));
  const answer: Replaced = {
    replaced,
    complete: plans.complete && notReplaced.length === 0,
  };
  if (notReplaced.length > 0) answer.notReplaced = notReplaced;
  return answer;
}
