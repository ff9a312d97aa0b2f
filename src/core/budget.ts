// The time budget every invocation works within: Studio and Functions stop at 10 s.

/** Every answer leaves by 8 s after the request arrived. */
export const TIME_BUDGET_MS = 8_000;

/** What a piece of work needs to stop in time: the clock and when Twilio calls must be done. */
export interface Budget {
  /** ms since epoch by which Twilio calls must be done. */
  deadline: number;
  clock: () => number;
}

/** ms left before the deadline. */
export const remaining = (budget: Budget): number => budget.deadline - budget.clock();
