import { performance } from 'node:perf_hooks';
import { runNode, scheduleHandlerPrelude } from './child-node';
import { invokeOnce, loadHandler, noLog, standInContext, withLog } from './harness';
import { TO, type Variant, v2Variants, variants } from './inputs';
import { fixed, progress, table } from './report';
import type { BenchOptions, Section, SectionResult } from './section';
import { median } from './stats';

const PROCESSES = 8;
const CALLS = 5_000;
const WARM_UP = 500;
const ROUNDS = 4;

function inputs(): { named: Variant; cases: Variant[] } {
  const [minutes, named] = variants();
  const [recipient, when] = v2Variants();
  if (!minutes || !named || !recipient || !when) throw new Error('no variants');
  return {
    named,
    cases: [
      minutes,
      named,
      recipient,
      when,
      {
        name: '`when` = a whole text ("remind me tomorrow at 9am to call mom")',
        event: {
          to: TO,
          body: 'Ahoy',
          when: 'remind me tomorrow at 9am to call mom',
          timeZone: 'America/New_York',
        },
      },
      {
        name: "`when=demain à 9h` + `locale=fr-FR` (chrono's French)",
        event: {
          to: TO,
          body: 'Ahoy',
          when: 'demain à 9h',
          locale: 'fr-FR',
          timeZone: 'Europe/Paris',
        },
      },
    ],
  };
}

/**
 * In a fresh process: require the function, optionally make one request with a named zone
 * first, then time the request `event`. Returns its CPU and wall ms, or undefined when this
 * build does not answer 200 to it.
 */
function firstUse(
  functions: string,
  event: Record<string, string>,
  before: Record<string, string> | undefined,
): { cpu: number; wall: number } | undefined {
  const out = runNode(`
    ${scheduleHandlerPrelude(functions)}
    const call = (event) => new Promise((done) => handler(context, event, (e, r) => done(r.statusCode)));
    (async () => {
      const before = ${JSON.stringify(before ?? null)};
      if (before && (await call(before)) !== 200) return process.stdout.write('failed before');
      const cpu = process.cpuUsage();
      const t = process.hrtime.bigint();
      const status = await call(${JSON.stringify(event)});
      const wall = Number(process.hrtime.bigint() - t) / 1e6;
      const used = process.cpuUsage(cpu);
      process.stdout.write(status === 200 ? JSON.stringify({ cpu: (used.user + used.system) / 1000, wall }) : 'failed ' + status);
    })();`);
  if (out.startsWith('failed')) return undefined;
  return JSON.parse(out) as { cpu: number; wall: number };
}

/**
 * Per call, in alternating rounds (drift falls on every input alike): the process's CPU time
 * over the calls ÷ calls (a mean, GC included), and the median wall time of single calls, µs.
 */
async function perCall(
  functions: string,
  cases: Variant[],
  untilMs: number,
): Promise<({ cpu: number; wall: number } | undefined)[]> {
  const handler = loadHandler(functions, 'schedule-message');
  const until = performance.now() + untilMs;
  return withLog(noLog, async () => {
    const supported: boolean[] = [];
    for (const c of cases) {
      try {
        for (let i = 0; i < WARM_UP; i++) await invokeOnce(handler, standInContext, c.event);
        supported.push(true);
      } catch {
        supported.push(false); // not in this build
      }
    }
    const walls = cases.map(() => [] as number[]);
    const cpu = cases.map(() => 0);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, c] of cases.entries()) {
        if (!supported[i]) continue;
        const started = process.cpuUsage();
        for (let n = 0; n < CALLS / ROUNDS && performance.now() < until; n++) {
          const t = performance.now();
          await invokeOnce(handler, standInContext, c.event);
          walls[i]?.push(performance.now() - t);
        }
        const used = process.cpuUsage(started);
        cpu[i] = (cpu[i] ?? 0) + used.user + used.system;
      }
    }
    return cases.map((_, i) => {
      const w = walls[i] ?? [];
      if (!supported[i] || w.length === 0) return undefined;
      return { cpu: (cpu[i] ?? 0) / w.length, wall: median(w) * 1000 };
    });
  });
}

async function run({ functions }: BenchOptions): Promise<SectionResult[]> {
  const { named, cases } = inputs();
  progress('recipient-when: first use in fresh processes');
  const first = cases.map((c) => {
    const alone: number[][] = [[], []];
    const after: number[][] = [[], []];
    let supported = true;
    for (let i = 0; i < PROCESSES && supported; i++) {
      const a = firstUse(functions, c.event, undefined);
      const b = firstUse(functions, c.event, named.event);
      if (!a || !b) supported = false;
      else {
        alone[0]?.push(a.cpu);
        alone[1]?.push(a.wall);
        after[0]?.push(b.cpu);
        after[1]?.push(b.wall);
      }
    }
    return supported ? { alone, after } : undefined;
  });
  progress('recipient-when: per call, in-process');
  const warm = await perCall(functions, cases, 60_000);
  const namedWall = warm[1]?.wall ?? Number.NaN;

  const rows = cases.map((c, i) => {
    const f = first[i];
    const w = warm[i];
    if (!f || !w) return [c.name, 'not in this build', '', '', '', '', '', ''];
    const m = (values: number[] | undefined) => fixed(median(values ?? []), 1);
    return [
      c.name,
      m(f.alone[0]),
      m(f.alone[1]),
      m(f.after[0]),
      m(f.after[1]),
      fixed(w.cpu, 1),
      fixed(w.wall, 1),
      `${fixed(w.wall / namedWall, 2)}×`,
    ];
  });
  const text = [
    `### 2b. \`timeZone=recipient\` and \`when\`: first use in a fresh process, and per call (built \`schedule-message\`, client answers at once, \`REGISTRY=off\`)`,
    '',
    table(
      [
        'input',
        'first request of a process: CPU ms',
        'wall ms',
        'after one request with a named zone: CPU ms',
        'wall ms',
        'per call, warm: CPU µs (mean)',
        'median wall µs',
        'median ÷ named zone',
      ],
      rows,
    ),
    '',
    `First use: ${PROCESSES} fresh \`node\` processes per column and input (medians); each requires the built function, then times one request (CPU time from \`process.cpuUsage\`, wall time from \`hrtime\`; the require is not included). "First request of a process" includes ICU's first date formatter, which any time zone pays once; "after one request with a named zone" first makes a \`sendAt\` + \`timeZone=America/New_York\` request, so what is left is the input's own first use: parsing libphonenumber's zone table (\`recipient\`), requiring chrono-node and building its parser for the language (\`when\`; each language is loaded on its first use). Per call: ${WARM_UP} warm-up calls, then up to ${CALLS.toLocaleString('en-US')} calls per input in this process, in ${ROUNDS} alternating rounds; the process's CPU time over the calls ÷ calls (a mean: garbage collection and GC threads included, so above the median) and the median wall time of single calls; the last column divides that median by the named-zone request's (local \`sendAt\` + \`timeZone\` + \`quietHours\`). The machine is shared: compare the ratios more than the absolute figures.`,
  ].join('\n');
  return [{ text, aims: [] }];
}

export const recipientWhenSection: Section = { name: 'recipient-when', run };
