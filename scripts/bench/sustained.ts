// Section `sustained`: the registry under load, against the emulator enforcing Sync's documented
// limits per Map (20 writes/s and 20 reads/s, 10-second burst window, 429 with 54009 beyond).
// Schedules are sent open-loop at a fixed rate (a clinic's morning import does not wait for our
// answers) for a minute, spread over recipients, with the registry on and off (version 1's path)
// in the same run; then 300 for one recipient within a minute, paced and all at once. Reported:
// schedules/s achieved, p50/p99 latency, answers `registered: false`, Sync 429s.
// BENCH_SUSTAINED_SECONDS shortens the minute for a quick look.
import { performance } from 'node:perf_hooks';
import { type Answer, startEmulated } from './emulated';
import { ENV_V1 } from './inputs';
import { fixed, progress, table, verdict } from './report';
import type { Aim, BenchOptions, Section, SectionResult } from './section';
import { percentile } from './stats';

const RATE = 150;
const SECONDS = Number(process.env.BENCH_SUSTAINED_SECONDS ?? 60);
const ONE_RECIPIENT = 300;

interface Load {
  what: string;
  sent: number;
  ok: number;
  unrecorded: number;
  latencies: number[];
  elapsedMs: number;
  throttled: number;
  errors: Record<string, number>;
}

async function run({ functions }: BenchOptions): Promise<SectionResult[]> {
  const emulated = await startEmulated(functions, {
    syncWritesPerSecond: 20,
    syncReadsPerSecond: 20,
    syncBurstWindowSeconds: 10,
    maxRecordedRequests: 1_000,
  });
  const loads: Load[] = [];
  try {
    const { emulator, call } = emulated;
    await emulated.createRegistryMaps();
    let n = 0;

    /** `count` schedules, one every 1000/rate ms (all at once when rate is Infinity). */
    const drive = async (
      what: string,
      count: number,
      rate: number,
      event: (i: number) => Record<string, string>,
      env: Record<string, string> = {},
    ): Promise<Load> => {
      progress(`sustained: ${what}`);
      const before = emulator.sync.throttled.writes + emulator.sync.throttled.reads;
      const latencies: number[] = [];
      const answers: Answer[] = [];
      const started = performance.now();
      const pending: Promise<void>[] = [];
      for (let i = 0; i < count; i++) {
        const due = started + (Number.isFinite(rate) ? (i * 1000) / rate : 0);
        const wait = due - performance.now();
        if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
        pending.push(
          (async () => {
            const t = performance.now();
            const answer = await call('schedule-message', event(i), { env });
            latencies.push(performance.now() - t);
            answers.push(answer);
          })(),
        );
      }
      await Promise.all(pending);
      const elapsedMs = performance.now() - started;
      const errors: Record<string, number> = {};
      for (const a of answers) {
        if (a.status === 200) continue;
        const code = String((a.body.error as { code?: string } | undefined)?.code ?? a.status);
        errors[code] = (errors[code] ?? 0) + 1;
      }
      const load: Load = {
        what,
        sent: count,
        ok: answers.filter((a) => a.status === 200).length,
        unrecorded: answers.filter((a) => a.body.registered === false).length,
        latencies,
        elapsedMs,
        throttled: emulator.sync.throttled.writes + emulator.sync.throttled.reads - before,
        errors,
      };
      loads.push(load);
      return load;
    };

    const spread = () => ({
      to: `+1555${String(2_000_000 + ++n).padStart(7, '0')}`,
      body: 'Your appointment is tomorrow at 9',
      minutes: '30',
    });
    // Warm the code and the connections first.
    await drive('warm-up', 50, 50, spread);
    loads.length = 0;
    const total = RATE * SECONDS;
    const on = await drive(`${RATE}/s for ${SECONDS} s, spread, registry on`, total, RATE, spread);
    await drive(
      `${RATE}/s for ${SECONDS} s, spread, registry off (version 1)`,
      total,
      RATE,
      spread,
      ENV_V1,
    );
    const one = '+15552999999';
    const single = () => ({ to: one, body: 'Reminder', minutes: '30' });
    const paced = await drive(
      `${ONE_RECIPIENT} for one recipient over a minute`,
      ONE_RECIPIENT,
      ONE_RECIPIENT / 60,
      single,
    );
    await drive(
      `${ONE_RECIPIENT} for one recipient at once`,
      ONE_RECIPIENT,
      Number.POSITIVE_INFINITY,
      single,
    );

    const rows = loads.map((l) => [
      l.what,
      `${l.ok} of ${l.sent}`,
      fixed((l.ok / l.elapsedMs) * 1000, 0),
      fixed(percentile(l.latencies, 0.5), 0),
      fixed(percentile(l.latencies, 0.99), 0),
      String(l.unrecorded),
      String(l.throttled),
      Object.entries(l.errors)
        .map(([code, count]) => `${code} ×${count}`)
        .join(', ') || '—',
    ]);
    const text = [
      "### Sustained load: schedules per second under Sync's limits",
      '',
      `Open-loop load, in process, against the emulator enforcing 20 writes/s and 20 reads/s per Sync Map (10 s window). Schedules without tag or key: 2 records each (by SID, by recipient).`,
      '',
      table(
        [
          'load',
          '200s',
          'schedules/s',
          'p50 ms',
          'p99 ms',
          'registered: false',
          'Sync 429s',
          'errors',
        ],
        rows,
      ),
    ].join('\n');
    const aims: Aim[] = [];
    const onMet =
      on.ok === on.sent &&
      on.unrecorded === 0 &&
      percentile(on.latencies, 0.99) < 2000 &&
      (on.ok / on.elapsedMs) * 1000 >= RATE * 0.97;
    aims.push({
      aim: `sustained: ${RATE} schedules/s for ${SECONDS} s with the registry, 0 registered: false, p99 < 2 s`,
      figure: `${fixed((on.ok / on.elapsedMs) * 1000, 0)}/s, ${on.unrecorded} unrecorded, p99 ${fixed(percentile(on.latencies, 0.99), 0)} ms`,
      met: onMet,
      verdict: verdict(onMet),
    });
    const pacedMet = paced.ok === paced.sent && paced.unrecorded === 0;
    aims.push({
      aim: `one recipient: ${ONE_RECIPIENT} within a minute, 0 registered: false`,
      figure: `${paced.ok} scheduled, ${paced.unrecorded} unrecorded`,
      met: pacedMet,
      verdict: verdict(pacedMet),
    });
    return [{ text, aims }];
  } finally {
    await emulated.stop();
  }
}

export const sustainedSection: Section = { name: 'sustained', run };
