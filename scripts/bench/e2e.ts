// Section `e2e`: the real twilio-run server (--no-fork-process --no-live) in front of the local
// Messages emulator, beside the emulator alone and a no-op function on a second twilio-run, at
// concurrency 1 and 16. It serves this checkout's functions/, so it cannot take `--functions`.
import twilio from 'twilio';
import { startLocalStack } from '../local-stack';
import { SERVICE, TO } from './inputs';
import { drive, type LoadFigures, merge } from './load';
import { fixed, progress, signed, table, thousands, verdict } from './report';
import type { Aim, Section, SectionResult } from './section';
import { startNoopServer, stopOnInterrupt } from './servers';
import { median, percentile } from './stats';

export const e2eSection: Section = {
  name: 'e2e',
  checkoutOnly: true,
  run: async () => [
    await benchEndToEnd([
      { concurrency: 1, count: 2_000 },
      { concurrency: 16, count: 8_000 },
    ]),
  ],
};

async function benchEndToEnd(
  plan: { concurrency: number; count: number }[],
): Promise<SectionResult> {
  const stack = await startLocalStack({ env: {}, stdio: 'ignore', startTimeoutMs: 60_000 });
  const stopStack = stopOnInterrupt(stack.stop);
  let noop: Awaited<ReturnType<typeof startNoopServer>> | undefined;
  try {
    noop = await startNoopServer();
    const emulator = stack.emulator;
    if (!emulator) throw new Error('expected the local emulator (no credentials given)');
    // Its lazy sweep walks every stored message on each request: keep the store small, alike
    // for every path, so it measures a request and not the size of the store.
    const reset = () => {
      emulator.messages.clear();
      emulator.requests.length = 0;
    };

    const params = { to: TO, minutes: '16', body: 'Ahoy' };
    const studioBody = new URLSearchParams(params).toString();
    /** A Studio-shaped form post (signed, as the Run Function widget signs it). */
    const studio = (url: string) => {
      const headers = {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Twilio-Signature': twilio.getExpectedTwilioSignature(stack.authToken, url, params),
      };
      return async () => {
        const response = await fetch(url, {
          method: 'POST',
          headers,
          body: studioBody,
          signal: AbortSignal.timeout(10_000),
        });
        const text = await response.text();
        return response.status === 200 && text.includes('"scheduled"');
      };
    };

    // What twilio-node sends for the same message, straight to the emulator.
    const emulatorUrl = `${emulator.url}/2010-04-01/Accounts/${stack.accountSid}/Messages.json`;
    const emulatorHeaders = {
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
      Authorization: `Basic ${Buffer.from(`${stack.accountSid}:${stack.authToken}`).toString('base64')}`,
    };
    const emulatorBody = () =>
      new URLSearchParams({
        To: TO,
        MessagingServiceSid: SERVICE,
        ScheduleType: 'fixed',
        SendAt: `${new Date(Date.now() + 20 * 60_000).toISOString().slice(0, 19)}Z`,
        Body: 'Ahoy',
      }).toString();
    let body = emulatorBody();
    const direct = async () => {
      const response = await fetch(emulatorUrl, {
        method: 'POST',
        headers: emulatorHeaders,
        body,
        signal: AbortSignal.timeout(10_000),
      });
      const text = await response.text();
      return response.status === 201 && text.includes('"scheduled"');
    };

    const paths = [
      { name: 'emulator alone (POST Messages.json)', send: direct },
      { name: 'twilio-run → no-op function', send: studio(noop.url) },
      {
        name: 'twilio-run → /schedule-message → emulator',
        send: studio(`${stack.url.replace('localhost', '127.0.0.1')}/schedule-message`),
      },
    ];
    const maxMs = 30_000;
    const rows: string[][] = [];
    const aims: Aim[] = [];
    for (const { concurrency, count } of plan) {
      progress(`e2e at concurrency ${concurrency}`);
      // Warm-up: connections, JIT, twilio-run's first require of each function.
      for (const path of paths) await drive(path.send, concurrency, 200, maxMs, reset);
      const figures = paths.map(() => [] as LoadFigures[]);
      // Alternating rounds, so that drift (other work on the machine) falls on every path.
      const rounds = 4;
      for (let round = 0; round < rounds; round++) {
        body = emulatorBody();
        for (const [i, path] of paths.entries()) {
          reset();
          const share = Math.ceil(count / rounds);
          figures[i]?.push(await drive(path.send, concurrency, share, maxMs, reset));
        }
      }
      const [alone, idle, through] = figures.map(merge) as [LoadFigures, LoadFigures, LoadFigures];
      const p50 = (r: LoadFigures) => median(r.latencies);
      const added = p50(through) - p50(alone);
      const beyond = p50(through) - p50(idle) - p50(alone);
      aims.push({
        aim: `3. end to end at concurrency ${concurrency}: < 2 ms added at p50`,
        figure: `${signed(added, 2)} ms (the dev server alone ${signed(p50(idle) - p50(alone), 2)}; beyond it ${signed(beyond, 2)})`,
        met: added < 2,
      });
      const line = (name: string, r: LoadFigures, extra: string[]) => [
        name,
        String(concurrency),
        thousands(r.requests),
        String(r.errors),
        thousands(r.perSecond),
        fixed(p50(r), 2),
        fixed(percentile(r.latencies, 0.99), 2),
        ...extra,
      ];
      rows.push(line(paths[0]?.name ?? '', alone, ['', '', '']));
      rows.push(line(paths[1]?.name ?? '', idle, [signed(p50(idle) - p50(alone), 2), '', '']));
      rows.push(
        line(paths[2]?.name ?? '', through, [
          signed(added, 2),
          signed(beyond, 2),
          verdict(added < 2),
        ]),
      );
    }
    const text = [
      '### 3. End to end on loopback: twilio-run `--no-fork-process --no-live`, the local emulator behind it',
      '',
      table(
        [
          'path',
          'concurrency',
          'requests',
          'errors',
          'requests/s',
          'p50 ms',
          'p99 ms',
          'added at p50 vs emulator alone, ms',
          'beyond the dev server, ms',
          'aim < 2 ms',
        ],
        rows,
      ),
      '',
      'Requests: signed Studio-shaped form posts `to=+15551234567&minutes=16&body=Ahoy` to twilio-run; to the emulator, the same message as twilio-node POSTs it. Node fetch with keep-alive; 4 alternating rounds per path. The load generator and the emulator share the bench process; each twilio-run is a process of its own. "Beyond the dev server" = p50(/schedule-message) - p50(no-op) - p50(emulator alone): our handler, twilio-node and its HTTP call from inside twilio-run.',
    ].join('\n');
    return { text, aims };
  } finally {
    await noop?.stop();
    await stopStack();
  }
}
