// Under `npm start` with the emulator, the functions' clock follows the emulator's, which a
// person (or the outbox page) can move forward: a reminder due next week, or a series' next
// occurrences, can then be watched going out now. The emulator pushes its clock (server-sent
// events at `/_emulator/clock/events`, at once and on every move) and Date.now is shifted by its
// offset: nothing is fetched per request. Local only: deployed functions read Twilio's clock.

/** Shifts Date.now by the emulator clock's offset as it is pushed; returns a stop function. */
export function followEmulatorClock(emulatorUrl: string): () => void {
  const realNow = Date.now.bind(Date);
  let offsetMs = 0;
  Date.now = () => realNow() + offsetMs;
  const stopped = new AbortController();
  const read = (event: string) => {
    const data = event.split('\n').find((line) => line.startsWith('data: '));
    if (data === undefined) return;
    try {
      const clock = JSON.parse(data.slice('data: '.length)) as { offsetMs?: unknown };
      if (typeof clock.offsetMs === 'number' && Number.isFinite(clock.offsetMs))
        offsetMs = clock.offsetMs;
    } catch {
      // Not a clock: ignored.
    }
  };
  const follow = async (): Promise<void> => {
    while (!stopped.signal.aborted) {
      try {
        const answer = await fetch(`${emulatorUrl}/_emulator/clock/events`, {
          signal: stopped.signal,
        });
        if (!answer.body) throw new Error('no stream');
        const decoder = new TextDecoder();
        let buffered = '';
        for await (const chunk of answer.body) {
          buffered += decoder.decode(chunk as Uint8Array, { stream: true });
          for (let end = buffered.indexOf('\n\n'); end >= 0; end = buffered.indexOf('\n\n')) {
            read(buffered.slice(0, end));
            buffered = buffered.slice(end + 2);
          }
        }
      } catch {
        // The emulator is gone or restarting: keep the last offset, and try again shortly.
      }
      if (!stopped.signal.aborted) await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  };
  void follow();
  return () => stopped.abort();
}
