// Noticing that the process which started us is gone, so that `npm start` never leaves the stack
// running. Under npm the chain is npm → sh → node: a SIGTERM or `kill -9` to npm alone kills
// npm (and the shell, for SIGTERM) but not us, so every process of that chain is watched, up
// to npm itself. Where /proc is missing (not Linux), only the direct parent is watched.
import { readFileSync } from 'node:fs';

/** The parent PID and whether the process is alive (not a zombie); undefined when gone. */
function stat(pid: number): { ppid: number; alive: boolean } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(ppid), alive: state !== 'Z' && state !== 'X' };
  } catch {
    return undefined;
  }
}

function startedByNpm(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'utf8').includes('\0npm_lifecycle_event=');
  } catch {
    return false;
  }
}

/**
 * The processes to watch: the parent, and while a process was started by an npm script (npm
 * gives its scripts `npm_lifecycle_event`), its parent too, up to the npm process.
 */
export function ancestorsToWatch(): number[] {
  const chain = [process.ppid];
  if (process.env.npm_lifecycle_event === undefined || !stat(process.pid)) return chain;
  let pid = process.ppid;
  for (let depth = 0; depth < 8 && startedByNpm(pid); depth++) {
    const parent = stat(pid)?.ppid;
    if (!parent || parent <= 1) break;
    chain.push(parent);
    pid = parent;
  }
  return chain;
}

/** Calls `onGone` once, within `intervalMs`, after any watched ancestor is gone. */
export function watchAncestors(onGone: () => void, intervalMs = 250): () => void {
  const parent = process.ppid;
  const ancestors = ancestorsToWatch();
  const timer = setInterval(() => {
    const gone =
      process.ppid !== parent ||
      ancestors.some((pid) => {
        const s = stat(pid);
        // Without /proc (s undefined for every PID), the direct parent check above decides.
        return s ? !s.alive : pid !== parent && isMissing(pid);
      });
    if (gone) {
      clearInterval(timer);
      onGone();
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

function isMissing(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
