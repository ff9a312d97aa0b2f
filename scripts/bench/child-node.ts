// Fresh Node processes for the cold-start figures: run `node -e code` and time it whole.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { ROOT } from '../local-stack';

/** Node's own environment, without loaders (tsx) that would slow every child down. */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return env;
}

/** Runs `node -e code` to its end; returns its stdout. */
export function runNode(code: string): string {
  const run = spawnSync(process.execPath, ['-e', code], {
    cwd: ROOT,
    env: childEnv(),
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (run.status !== 0) throw new Error(`node -e failed (${run.status}): ${run.stderr}`);
  return run.stdout;
}

/** Wall time of a whole `node -e code` process, as seen from here. */
export function timeProcess(code: string): number {
  const started = performance.now();
  runNode(code);
  return performance.now() - started;
}
