// "Twilio" in its own process for scale tests and the bench: the emulator behind a latency
// proxy, so that their CPU time is not the function's, as with the real Twilio. Run by
// startFarTwilio() (stop-at-scale.ts) through fork + IPC; it exits when told to, or when its
// parent goes away.

import { type Fault, TwilioEmulator } from './index';
import { startLatencyProxy } from './latency-proxy';

export interface FarTwilioSetup {
  delayMs: number;
  /** Messages to seed, in order. */
  seed: { to: string; status: 'scheduled' | 'delivered'; sendAt?: number; dateCreated?: number }[];
  /** Faults for POSTs (the cancels): [fault, how many]. */
  postFaults?: [Fault, number];
}

export interface FarTwilioReport {
  scheduledLeft: number;
  canceled: number;
  byMethod: Record<string, number>;
  maxInFlight: number;
}

type Command = { kind: 'setup'; setup: FarTwilioSetup } | { kind: 'report' } | { kind: 'stop' };

async function main(): Promise<void> {
  const send = (message: unknown) => process.send?.(message);
  let emulator: TwilioEmulator | undefined;
  let proxy: Awaited<ReturnType<typeof startLatencyProxy>> | undefined;
  const stop = async () => {
    await proxy?.stop();
    await emulator?.stop();
    process.exit(0);
  };
  process.on('disconnect', () => void stop());
  process.on('message', (command: Command) => {
    void (async () => {
      if (command.kind === 'setup') {
        emulator = new TwilioEmulator({ sendIntervalMs: 0 });
        const target = await emulator.start();
        proxy = await startLatencyProxy(target, command.setup.delayMs);
        for (const message of command.setup.seed) emulator.seed(message);
        const faults = command.setup.postFaults;
        if (faults) emulator.inject(faults[0], faults[1], (req) => req.method === 'POST');
        send({ kind: 'ready', url: proxy.url });
      } else if (command.kind === 'report') {
        const statuses = [...(emulator?.messages.values() ?? [])].map((m) => m.status);
        const report: FarTwilioReport = {
          scheduledLeft: statuses.filter((s) => s === 'scheduled').length,
          canceled: statuses.filter((s) => s === 'canceled').length,
          byMethod: Object.fromEntries(proxy?.byMethod ?? []),
          maxInFlight: proxy?.maxInFlight ?? 0,
        };
        send({ kind: 'report', report });
      } else {
        await stop();
      }
    })();
  });
  send({ kind: 'started' });
}

void main();
