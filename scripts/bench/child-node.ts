// Fresh Node processes for the cold-start figures: run `node -e code` and time it whole.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT } from '../local-stack';
import { CREATED_SID, ENV_V1 } from './inputs';

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

/**
 * The start of a child script that has the built /schedule-message as `handler`, a `context`
 * whose Twilio client answers at once (`REGISTRY=off`), and `console.log` silenced.
 */
export function scheduleHandlerPrelude(functions: string): string {
  const module = join(functions, 'schedule-message.protected.js');
  return `
    globalThis.Twilio = { Response: class { setStatusCode(c) { this.statusCode = c; } setBody() {} appendHeader() {} } };
    const { handler } = require(${JSON.stringify(module)});
    const client = { messages: { create: async () => ({ sid: '${CREATED_SID}', status: 'scheduled' }) } };
    const context = { ...${JSON.stringify(ENV_V1)}, getTwilioClient: () => client };
    console.log = () => {};`;
}
