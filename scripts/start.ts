// `npm start`: serve the built functions locally, on 127.0.0.1 only. Without real credentials
// the functions talk to the local Messages emulator, so everything can be tried without a Twilio
// account; with them, the banner says plainly that messages are real.
//
// The whole stack stops on Ctrl-C (also during start-up), SIGTERM, SIGHUP (the terminal
// closing) and when the process that started it goes away (npm included: scripts/parent-watch.ts);
// the server process also stops by itself when this process dies, even by `kill -9`.
//
// Variables come from .env; `--env FILE` reads another file, `--no-env-file` none, and
// `-f`/`--load-local-env` adds this process's environment under the file's (as twilio-run's -f).
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { configReport } from './check-config';
import {
  hasRealCredentials,
  type LocalStack,
  ROOT,
  readDotEnv,
  startLocalStack,
} from './local-stack';
import { watchAncestors } from './parent-watch';

/** Stopping never takes longer than this, whatever hangs. */
const STOP_DEADLINE_MS = 1500;

const stopRequested = new AbortController();
let stack: LocalStack | undefined;
let stopping = false;
let exitCode = 0;

/** Stops what is running (or abandons the start-up) and exits. */
function shutdown(code: number): void {
  if (stopping) return;
  stopping = true;
  exitCode = code;
  stopRequested.abort();
  setTimeout(() => process.exit(code), STOP_DEADLINE_MS).unref();
  const stopped = stack ? stack.stop() : Promise.resolve();
  // Without a stack yet, the aborted start-up stops what it began and main() exits.
  if (stack) stopped.finally(() => process.exit(code));
}

// Before anything starts: a signal that lands during start-up stops it too.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => shutdown(signal === 'SIGINT' ? 130 : 0));
}
// A parent that goes away (npm killed, the shell gone) must not leave the stack running.
watchAncestors(() => shutdown(0));

function readVariables(): Record<string, string> {
  const { values } = parseArgs({
    options: {
      env: { type: 'string' },
      'no-env-file': { type: 'boolean' },
      'load-local-env': { type: 'boolean', short: 'f' },
    },
  });
  const file = values['no-env-file']
    ? {}
    : readDotEnv(resolve(ROOT, values.env ?? join(ROOT, '.env')));
  if (!values['load-local-env']) return file;
  const local: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined) local[name] = value;
  }
  return { ...local, ...file };
}

const masked = (sid: string) => `${sid.slice(0, 2)}…${sid.slice(-4)}`;

function banner(stack: LocalStack, real: boolean): string {
  const { url } = stack;
  const to = '+15551234567';
  const where = stack.emulator
    ? `Twilio calls go to the local Messages emulator at ${stack.emulator.url} (no account needed).
Add ACCOUNT_SID and AUTH_TOKEN to .env to use Twilio itself.`
    : `Twilio calls go to Twilio, as account ${masked(stack.accountSid)}.`;
  return `${
    real
      ? `
**********************************************************************
  REAL ACCOUNT: messages will be sent
**********************************************************************
`
      : ''
  }
Studio Message Scheduler is running at ${url} (this machine only: 127.0.0.1)
${where}

Try it (requests shaped like Studio's Run Function widget: form-encoded strings):

  # schedule "Ahoy" in 16 minutes
  curl -s -X POST ${url}/schedule-message \\
    --data-urlencode 'to=${to}' -d minutes=16 --data-urlencode 'body=Ahoy'

  # list what is scheduled for that number
  curl -s -X POST ${url}/scheduled-messages --data-urlencode 'to=${to}'

  # cancel one message (paste the sid from the first answer), or all of them with to=
  curl -s -X POST ${url}/cancel-message -d sid=SM...
  curl -s -X POST ${url}/cancel-message --data-urlencode 'to=${to}'

${
  stack.emulator
    ? `Outbox: open ${url}/ in a browser to watch messages go out, and move the clock.
`
    : ''
}Console: open ${url}/console to see, search and cancel what is scheduled (${
    stack.consolePassword
      ? 'CONSOLE_PASSWORD is set: it asks for it, as deployed'
      : 'no password on this machine'
  }).

Press Ctrl-C to stop.
`;
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const variables = readVariables();
  const real = hasRealCredentials(variables);
  // Every problem with the variables at once, before anything starts (with the emulator, it
  // sets its own credentials, service and base URL: only what .env gives is checked).
  const report = configReport(variables, { source: '.env', forDeploy: real });
  if (report.text) console.log(report.text);
  if (!report.ok) {
    console.error('Fix these (see .env.example), then run npm start again.');
    process.exit(1);
  }
  stack = await startLocalStack({ port, env: variables, signal: stopRequested.signal });
  if (stopping) {
    // A signal landed in the last moment of start-up, after the abort could reach it.
    await stack.stop();
    process.exit(exitCode);
  }
  if (stack.busyPort !== undefined) {
    console.log(`port ${stack.busyPort} is busy: using ${stack.port}`);
  }
  console.log(banner(stack, real));
  stack.exited.then(({ code, signal }) => {
    if (stopping) return;
    // In the terminal's process group the server gets Ctrl-C and SIGHUP too: not a crash.
    if (signal === 'SIGINT' || signal === 'SIGHUP' || signal === 'SIGTERM') return shutdown(0);
    console.error(`The local server stopped (${signal ?? `exit code ${code}`}).`);
    shutdown(1);
  });
}

main().catch((error: unknown) => {
  // Stopped during start-up: the aborted start has already stopped what it began.
  if (stopping) process.exit(exitCode);
  console.error(error instanceof Error ? error.message : error);
  shutdown(1);
});
