// Section `cold`: what a cold start costs. 1: a process that only requires each built function,
// against bare `node`, alternating, with the require also timed inside the child; 1b: the first
// invocation in a fresh process (ICU's first formatter, cold code).
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../local-stack';
import { runNode, scheduleHandlerPrelude, timeProcess } from './child-node';
import { TO, variants } from './inputs';
import { fixed, progress, signed, table, verdict } from './report';
import { type Aim, type BenchOptions, SCRATCH, type Section, type SectionResult } from './section';
import { median, medianDifferenceInterval } from './stats';

export const coldSection: Section = {
  name: 'cold',
  run: async ({ functions }: BenchOptions) => {
    progress('cold load');
    const load = benchColdLoad(functions, 40);
    progress('first invocation');
    return [load, benchFirstInvocation(functions, 10)];
  },
};

function benchColdLoad(functions: string, rounds: number): SectionResult {
  // Calibration: what any first require costs (the module loader warming up), with no code.
  const empty = join(ROOT, SCRATCH, 'empty.js');
  mkdirSync(join(ROOT, SCRATCH), { recursive: true });
  writeFileSync(empty, '');
  const targets = [
    { label: 'an empty .js file (calibration)', module: empty, ours: false, rounds },
    ...readdirSync(functions)
      .filter((name) => name.endsWith('.js'))
      .sort()
      .map((file) => ({ label: file, module: join(functions, file), ours: true, rounds })),
    // For scale: what the runtime loads for the Twilio client, which is not ours.
    { label: "require('twilio') (reference, not ours)", module: 'twilio', ours: false, rounds: 10 },
  ];
  const bare: number[] = [];
  const wall = targets.map(() => [] as number[]);
  const inside = targets.map(() => [] as number[]);
  timeProcess(''); // the first spawn warms the page cache
  for (let round = 0; round < rounds; round++) {
    // Alternating: a bare node right before every target, so drift hits both alike.
    for (const [i, target] of targets.entries()) {
      if (round >= target.rounds) continue;
      bare.push(timeProcess(''));
      wall[i]?.push(timeProcess(`require(${JSON.stringify(target.module)})`));
      // The require alone, timed by the child itself: free of process start-up noise.
      const own = runNode(
        `const t=process.hrtime.bigint();require(${JSON.stringify(target.module)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`,
      );
      inside[i]?.push(Number(own));
    }
  }
  const bareMedian = median(bare);
  const emptyAlone = median(inside[0] ?? []);
  const aims: Aim[] = [];
  const rows = [
    ['bare `node -e ""`', '', fixed(bareMedian, 1), '', '', '', ''],
    ...targets.map((target, i) => {
      const times = wall[i] ?? [];
      const added = median(times) - bareMedian;
      const [low, high] = medianDifferenceInterval(times, bare);
      const alone = median(inside[i] ?? []);
      const own = alone - emptyAlone;
      // The process figure decides when the noise lets it; otherwise the in-process one does.
      const result =
        high < 5
          ? 'met'
          : low >= 5
            ? '**not met**'
            : `within noise; ours alone: ${verdict(own < 5)}`;
      if (target.ours) {
        aims.push({
          aim: `1. cold load of \`${target.label}\`: < 5 ms above bare node`,
          figure: `${signed(added, 1)} ms [95%: ${signed(low, 1)}, ${signed(high, 1)}]; the require alone ${fixed(alone, 2)} ms, ${signed(own, 2)} ms beyond an empty module`,
          met: high < 5 || (low < 5 && own < 5),
          verdict: result,
        });
      }
      return [
        `\`${target.label}\``,
        target.ours ? `${(statSync(target.module).size / 1024).toFixed(1)} kB` : '',
        `${fixed(median(times), 1)} (${times.length})`,
        `${signed(added, 1)} [${signed(low, 1)}, ${signed(high, 1)}]`,
        fixed(alone, 2),
        i === 0 ? '' : signed(own, 2),
        target.ours ? result : '',
      ];
    }),
  ];
  const text = [
    `### 1. Cold load: \`node -e "require('<file>')"\` against \`node -e ""\` (alternating runs, medians)`,
    '',
    table(
      [
        'process',
        'bundle',
        'wall ms (runs)',
        'above bare node, ms [95% interval]',
        'require() alone, ms (timed inside)',
        'beyond an empty module, ms',
        'aim < 5 ms',
      ],
      rows,
    ),
    '',
    `"Above bare node" = median of the runs - median of all ${bare.length} bare runs (${fixed(bareMedian, 1)} ms), with a bootstrap interval: starting node itself varies by ±10 ms and more on a busy machine. The require timed inside the process does not see that noise; an empty module shows what any first \`require\` costs (the runtime has paid that before it loads a function), so "beyond an empty module" is our bundle's own load time.`,
  ].join('\n');
  return { text, aims };
}

/**
 * A fresh process's first invocation of /schedule-message, after the require: what a cold
 * start adds to its first request beyond loading (ICU's first formatter, cold code).
 */
function timeFirstInvocation(functions: string, event: Record<string, string>): number {
  const out = runNode(`
    ${scheduleHandlerPrelude(functions)}
    const t = process.hrtime.bigint();
    handler(context, ${JSON.stringify(event)}, (error, response) => {
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      process.stdout.write(response.statusCode === 200 ? String(ms) : 'failed ' + response.statusCode);
    });`);
  const ms = Number(out);
  if (!Number.isFinite(ms)) throw new Error(`first invocation failed: ${out}`);
  return ms;
}

function benchFirstInvocation(functions: string, runs: number): SectionResult {
  const inputs = [
    ...variants(),
    {
      name: '`delay` (`1d 4h`), no zone (days in UTC)',
      event: { to: TO, body: 'Ahoy', delay: '1d 4h' },
    },
  ];
  const rows = inputs.map((variant) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(timeFirstInvocation(functions, variant.event));
    return [variant.name, fixed(median(times), 2), fixed(Math.max(...times), 2)];
  });
  const text = [
    `### 1b. First invocation in a fresh process (\`schedule-message\`, client answers at once, \`REGISTRY=off\`, ${runs} processes per input)`,
    '',
    table(['input', 'median ms', 'slowest ms'], rows),
    '',
    "With a time zone, the first request of a process pays for ICU's first date formatter (any `Intl.DateTimeFormat`, ~15-25 ms here), once; later ones are section 2.",
  ].join('\n');
  return { text, aims: [] };
}
