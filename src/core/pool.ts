// One bounded worker pool: at most `concurrency` tasks at once, none started with less than
// `reserveMs` of the budget left. What was not started is handed back, so the caller can say so.
import { type Budget, remaining } from './budget';

export async function runBounded<T>(
  items: readonly T[],
  concurrency: number,
  budget: Budget & { reserveMs: number },
  task: (item: T) => Promise<void>,
): Promise<{ notStarted: T[] }> {
  const queue = [...items];
  const worker = async () => {
    while (queue.length > 0) {
      if (remaining(budget) < budget.reserveMs) return;
      await task(queue.shift() as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  return { notStarted: queue };
}
