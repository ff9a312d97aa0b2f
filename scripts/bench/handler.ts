// Section `handler`: the built schedule-message handler's cost per call, in-process, with a
// Twilio client that answers at once (our code alone), plus rows for the log line written out
// and for twilio-node's own share. Version 1's rows run with REGISTRY=off (what they measured
// before the registry existed); one row has the registry on with a Sync that answers at once,
// and two rows measure version 2's time inputs (the recipient's zones, a time in words).
import { closeSync, openSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  accepts,
  type Handler,
  installInstantHttp,
  invokeOnce,
  loadOwnHandler,
  noLog,
  realClientContext,
  registryStandInContext,
  standInContext,
  syncStandIn,
  withLog,
} from './harness';
import { v2Variants, variants } from './inputs';
import { fixed, progress, table, thousands, verdict } from './report';
import type { Aim, BenchOptions, Section, SectionResult } from './section';
import { median, percentile } from './stats';

export const handlerSection: Section = {
  name: 'handler',
  run: async ({ functions }: BenchOptions) => {
    progress('handler');
    return [await benchHandler(functions, 20_000)];
  },
};

/** Times `count` more calls into `samples` (ms each); returns the time they took in all. */
async function sampleCalls(
  handler: Handler,
  context: unknown,
  event: Record<string, string>,
  count: number,
  until: number,
  samples: number[],
): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count && performance.now() < until; i++) {
    const t = performance.now();
    await invokeOnce(handler, context, event);
    samples.push(performance.now() - t);
  }
  return performance.now() - started;
}

interface HandlerCase {
  name: string;
  registry: string;
  client: string;
  log: string;
  context: unknown;
  event: Record<string, string>;
  logLine: (line: string) => void;
  aim: boolean;
  /** Sets up around the calls; returns the undo. */
  around?: () => () => void;
  /** Why the build measured cannot run it (an older build), found by one call first. */
  skipped?: string;
}

const OFF = 'off (`REGISTRY=off`)';

async function benchHandler(functions: string, calls: number): Promise<SectionResult> {
  const handler = loadOwnHandler(functions, 'schedule-message');
  const [minutes, ...zoned] = variants();
  if (!minutes) throw new Error('no variants');
  const devNull = openSync('/dev/null', 'w');
  const cases: HandlerCase[] = [
    ...[minutes, ...zoned, ...v2Variants()].map((variant) => ({
      name: variant.name,
      registry: OFF,
      client: 'answers at once',
      log: 'built, not printed',
      context: standInContext,
      event: variant.event,
      logLine: noLog,
      aim: true,
    })),
    {
      name: minutes.name,
      registry: 'on: 2 Sync writes (record by SID, by recipient), answered at once',
      client: 'answers at once, and Sync too',
      log: 'built, not printed',
      context: registryStandInContext,
      event: minutes.event,
      logLine: noLog,
      aim: true,
    },
    {
      name: minutes.name,
      registry: OFF,
      client: 'answers at once',
      log: 'written to /dev/null',
      context: standInContext,
      event: minutes.event,
      logLine: (line) => writeSync(devNull, `${line}\n`),
      aim: false,
    },
    {
      name: minutes.name,
      registry: OFF,
      client: 'twilio-node + our transport; its HTTP call answers at once',
      log: 'built, not printed',
      context: realClientContext,
      event: minutes.event,
      logLine: noLog,
      aim: false,
      around: installInstantHttp,
    },
  ];
  for (const c of cases) {
    const before = syncStandIn.creates;
    const undo = c.around?.() ?? (() => {});
    const accepted = await accepts(handler, c.context, c.event).finally(undo);
    if (!accepted) c.skipped = 'not in this build';
    else if (c.context === registryStandInContext && syncStandIn.creates === before)
      c.skipped = 'no registry in this build';
  }
  const samples = cases.map(() => [] as number[]);
  const elapsed = cases.map(() => 0);
  const until = performance.now() + 120_000;
  // Alternating rounds, so that drift (other work on the machine, GC, tiering) falls on every
  // row alike; the first round starts each row with a warm-up.
  const rounds = 4;
  try {
    for (let round = 0; round < rounds; round++) {
      for (const [i, c] of cases.entries()) {
        if (c.skipped) continue;
        const undo = c.around?.() ?? (() => {});
        try {
          await withLog(c.logLine, async () => {
            if (round === 0) await sampleCalls(handler, c.context, c.event, 2_000, until, []);
            const share = Math.ceil(calls / rounds);
            elapsed[i] =
              (elapsed[i] ?? 0) +
              (await sampleCalls(handler, c.context, c.event, share, until, samples[i] ?? []));
          });
        } finally {
          undo();
        }
      }
    }
  } finally {
    closeSync(devNull);
  }

  const aims: Aim[] = [];
  const rows = cases.map((c, i) => {
    if (c.skipped) return [c.name, c.registry, c.client, c.log, c.skipped, '', '', '', ''];
    const s = samples[i] ?? [];
    const medianUs = median(s) * 1000;
    const perSecond = (s.length / (elapsed[i] ?? 1)) * 1000;
    if (c.aim) {
      aims.push({
        aim: `2. handler, ${c.name}${c.registry === OFF ? '' : ', registry on'}: < 50 µs per call`,
        figure: `${fixed(medianUs, 1)} µs median, ${thousands(perSecond)} calls/s`,
        met: medianUs < 50,
      });
    }
    return [
      c.name,
      c.registry,
      c.client,
      c.log,
      thousands(s.length),
      fixed(medianUs, 1),
      fixed(percentile(s, 0.99) * 1000, 1),
      thousands(perSecond),
      c.aim ? verdict(medianUs < 50) : '',
    ];
  });

  const text = [
    `### 2. Handler cost per invocation, in-process (built \`schedule-message.protected.js\`, ${thousands(calls)} timed calls per row in 4 alternating rounds, after 2,000 warm-up calls)`,
    '',
    table(
      [
        'input',
        'registry',
        'Twilio client',
        'log line',
        'calls',
        'median µs',
        'p99 µs',
        'calls/s',
        'aim < 50 µs',
      ],
      rows,
    ),
    '',
    "One call: the Studio-shaped event is parsed, the send time computed, `messages.create` awaited, the JSON response built and handed to `callback`, and the log line built. \"Answers at once\": `getTwilioClient()` returns `{ messages: { create } }` resolving `{ sid, status }` at once, so the figure is our code alone. Since version 2 the registry (Twilio Sync) is on by default; the rows marked `REGISTRY=off` run without it, so they measure what version 1 measured (an older build ignores the variable). The registry row adds a Sync stand-in (`sync.v1.services(x).syncMaps(y).syncMapItems.create(...)` resolving the item at once): our registry code's own cost, not Sync's round trip (section 5). The `recipient` row looks up the zones of a +1 907 number (Anchorage and Adak) and keeps quiet hours in both; the `when` row reads the words with chrono-node (loaded on first use: section 2b). The last row uses the real twilio client (built per call, as the runtime does) and our transport, with its HTTP call (`fetch` or `node:http`) answered in-process: twilio-node's share, for scale.",
  ].join('\n');
  return { text, aims };
}
