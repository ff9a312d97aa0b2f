// Servers the bench starts besides the local stack, and stopping whatever still runs when the
// bench is interrupted (each by its own PID, through its `stop`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startTwilioRun } from '../local-stack';
import { SCRATCH } from './section';

/** Stops whatever is still running if the bench is interrupted. */
const running = new Set<() => Promise<void>>();
process.once('SIGINT', () => {
  Promise.allSettled([...running].map((stop) => stop())).finally(() => process.exit(130));
});

/** Registers `stop` for an interruption; the function returned stops and unregisters it. */
export function stopOnInterrupt(stop: () => Promise<void>): () => Promise<void> {
  running.add(stop);
  return async () => {
    try {
      await stop();
    } finally {
      running.delete(stop);
    }
  };
}

/**
 * A second twilio-run, serving one function that answers at once without calling Twilio: the
 * dev server's own cost, to tell it apart from what /schedule-message adds.
 */
export async function startNoopServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  mkdirSync(join(ROOT, SCRATCH, 'functions'), { recursive: true });
  mkdirSync(join(ROOT, SCRATCH, 'assets'), { recursive: true });
  writeFileSync(
    join(ROOT, SCRATCH, 'functions', 'noop.js'),
    "exports.handler = (context, event, callback) => callback(null, { ok: true, status: 'scheduled' });\n",
  );
  writeFileSync(join(ROOT, SCRATCH, 'empty.env'), '');
  const server = await startTwilioRun({
    stdio: 'ignore',
    startTimeoutMs: 60_000,
    args: [
      '--functions-folder',
      join(SCRATCH, 'functions'),
      '--assets-folder',
      join(SCRATCH, 'assets'),
      '--env',
      join(SCRATCH, 'empty.env'),
    ],
  });
  return { url: `${server.url}/noop`, stop: stopOnInterrupt(server.stop) };
}
