// The STOP-at-scale scenario, shared by its test and its bench section: a recipient with many
// scheduled messages, every Twilio call slowed by a loopback latency proxy in front of the
// emulator, and one /cancel-message by `to` through the built function. "Twilio" (emulator and
// proxy) runs in a child process, so that only the function's own work is on this CPU.
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import type { FarTwilioReport, FarTwilioSetup } from './far-twilio';
import { invoke, loadFunction, makeContext } from './functions-runtime';
import type { Fault } from './index';

export const STOP_RECIPIENT = '+15551230077';
const SERVICE = `MG${'a'.repeat(32)}`;
const DAY = 24 * 3600 * 1000;

export interface StopAtScaleOptions {
  /** Scheduled messages of the recipient. */
  scheduled: number;
  /** Added to every Twilio call, in ms. */
  delayMs: number;
  /** Messages of the recipient that are not scheduled any more (history the scan pages past). */
  history?: number;
  /** Faults for the cancels (POSTs), e.g. 429s: [fault, how many]. */
  cancelFaults?: [Fault, number];
  /** The flow's loop: call again while `complete` is false, at most this many calls (default 1). */
  calls?: number;
}

export interface StopAtScaleRun {
  /** The last call's answer. */
  status: number;
  body: Record<string, unknown>;
  /** Canceled, as the answers say, over every call. */
  canceled: number;
  complete: boolean;
  /** Every call's time, summed. */
  elapsedMs: number;
  /** Invocations made (the flow's loop). */
  calls: number;
  /** What the emulator holds afterwards, and what went through the proxy. */
  far: FarTwilioReport;
}

/** Waits for the child's next message of `kind`, bounded. */
async function next<T>(child: ChildProcess, kind: string, timeoutMs = 30_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error(`no ${kind} from the far side within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (message: { kind: string } & T) => {
      if (message.kind !== kind) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(message);
    };
    child.on('message', onMessage);
  });
}

export async function runStopAtScale(options: StopAtScaleOptions): Promise<StopAtScaleRun> {
  const now = Date.now();
  const seed: FarTwilioSetup['seed'] = [];
  for (let i = 0; i < (options.history ?? 0); i++) {
    seed.push({ to: STOP_RECIPIENT, status: 'delivered', dateCreated: now - i * 60_000 });
  }
  for (let i = 0; i < options.scheduled; i++) {
    seed.push({ to: STOP_RECIPIENT, status: 'scheduled', sendAt: now + DAY + i * 1000 });
  }
  const setup: FarTwilioSetup = { delayMs: options.delayMs, seed };
  if (options.cancelFaults) setup.postFaults = options.cancelFaults;

  const child = fork(join(import.meta.dirname, 'far-twilio.ts'), {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  try {
    await next(child, 'started');
    child.send({ kind: 'setup', setup });
    const { url } = await next<{ url: string }>(child, 'ready');

    const cancel = loadFunction('cancel-message');
    const context = makeContext({
      env: { MESSAGING_SERVICE_SID: SERVICE, TWILIO_API_BASE_URL: url },
    });
    // The function logs one line per invocation; it is not what this measures.
    const log = console.log;
    console.log = () => {};
    const started = performance.now();
    let answer: Awaited<ReturnType<typeof invoke>> | undefined;
    let calls = 0;
    let canceled = 0;
    try {
      while (calls < (options.calls ?? 1) && answer?.body.complete !== true) {
        calls++;
        answer = await invoke(cancel, context, { to: STOP_RECIPIENT });
        if (Array.isArray(answer.body.canceled)) canceled += answer.body.canceled.length;
      }
    } finally {
      console.log = log;
    }
    const elapsedMs = performance.now() - started;
    if (answer === undefined) throw new Error('no call was made');

    child.send({ kind: 'report' });
    const { report } = await next<{ report: FarTwilioReport }>(child, 'report');
    return {
      status: answer.status,
      body: answer.body,
      canceled,
      complete: answer.body.complete === true,
      elapsedMs,
      calls,
      far: report,
    };
  } finally {
    // Stopped by its own handle: asked first, then killed if it has not gone within 2 s.
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      if (child.connected) child.send({ kind: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
      await exited;
      clearTimeout(timer);
    }
  }
}
