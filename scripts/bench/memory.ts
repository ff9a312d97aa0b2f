// Section `memory`: RSS and heap, after a full GC, before and after 100,000 in-process
// invocations of the built schedule-message handler (the three inputs in turn).
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { invokeOnce, loadHandler, noLog, standInContext, withLog } from './harness';
import { variants } from './inputs';
import { fixed, mb, progress, signed, table, thousands } from './report';
import type { BenchOptions, Section, SectionResult } from './section';

export const memorySection: Section = {
  name: 'memory',
  // While this process holds nothing else.
  runFirst: true,
  run: async ({ functions }: BenchOptions) => {
    progress('memory');
    return [await benchMemory(functions, 100_000)];
  },
};

function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

async function benchMemory(functions: string, invocations: number): Promise<SectionResult> {
  const gc = exposeGc();
  const handler = loadHandler(functions, 'schedule-message');
  const events = variants().map((v) => v.event);
  const run = async (count: number) => {
    for (let i = 0; i < count; i++) {
      await invokeOnce(
        handler,
        standInContext,
        events[i % events.length] as Record<string, string>,
      );
    }
  };
  const until = performance.now() + 120_000;
  const settle = () => {
    gc();
    gc();
    return process.memoryUsage();
  };
  return withLog(noLog, async () => {
    await run(3_000); // warm-up: compiled code, caches, pools
    const before = settle();
    let peakRss = before.rss;
    let done = 0;
    while (done < invocations && performance.now() < until) {
      const batch = Math.min(10_000, invocations - done);
      await run(batch);
      done += batch;
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }
    const after = settle();
    const growth = mb(after.rss - before.rss);
    const text = [
      `### 4. Memory over ${thousands(done)} in-process invocations (the three inputs in turn, client answers at once, \`REGISTRY=off\`; RSS after a full GC)`,
      '',
      table(
        ['', 'RSS MB', 'heap used MB'],
        [
          [
            'before (after 3,000 warm-up calls)',
            fixed(mb(before.rss), 1),
            fixed(mb(before.heapUsed), 1),
          ],
          ['after', fixed(mb(after.rss), 1), fixed(mb(after.heapUsed), 1)],
          ['growth', signed(growth, 1), signed(mb(after.heapUsed - before.heapUsed), 2)],
          ['peak RSS while running', fixed(mb(peakRss), 1), ''],
        ],
      ),
    ].join('\n');
    return {
      text,
      aims: [
        {
          aim: `4. memory: RSS growth over ${thousands(done)} invocations ≤ 10 MB`,
          figure: `${signed(growth, 1)} MB`,
          met: growth <= 10,
        },
      ],
    };
  });
}
