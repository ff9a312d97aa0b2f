// Under `npm start` with the emulator, the functions' clock follows the emulator's, which a
// person (or the outbox page) can move forward: a reminder due next week, or a series' next
// occurrences, can then be watched going out now. Before each request the server reads how far
// the emulator's clock has been moved and shifts Date.now by as much. Local only: deployed
// functions read Twilio's real clock.

/** Shifts Date.now by the emulator clock's offset; the returned function refreshes it. */
export function followEmulatorClock(emulatorUrl: string): () => Promise<void> {
  const realNow = Date.now.bind(Date);
  let offsetMs = 0;
  Date.now = () => realNow() + offsetMs;
  return async () => {
    try {
      const answer = await fetch(`${emulatorUrl}/_emulator/clock`, {
        signal: AbortSignal.timeout(1_000),
      });
      const clock = (await answer.json()) as { offsetMs?: unknown };
      if (typeof clock.offsetMs === 'number' && Number.isFinite(clock.offsetMs))
        offsetMs = clock.offsetMs;
    } catch {
      // The emulator is gone or slow: keep the last offset; the request is answered anyway.
    }
  };
}
