// The functions' clock in tests: Node's mock timers (Date and Date.now), never a reassigned
// Date.now. Frozen at an instant, or following the emulator's movable clock as `npm start` does.
import { mock } from 'node:test';
import type { MovableClock } from '../../emulator/clock';

let frozen = false;

/** Date and Date.now show `instant` until moved or thawed. */
export function freezeClock(instant: number): void {
  if (frozen) mock.timers.setTime(instant);
  else mock.timers.enable({ apis: ['Date'], now: instant });
  frozen = true;
}

/** The real clock again. */
export function thawClock(): void {
  mock.timers.reset();
  frozen = false;
}

/** The process's clock set to the emulator's now, and again at every move; returns the undo. */
export function followClock(clock: MovableClock): () => void {
  freezeClock(clock.now());
  const stop = clock.onMove((now) => freezeClock(now));
  return () => {
    stop();
    thawClock();
  };
}
