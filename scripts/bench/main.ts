// `npm run bench`: how much of every invocation is ours. It measures the built functions/*.js
// (what Twilio runs), never the sources. One module per section:
//   cold     a process that only requires each function, against bare `node`; and the first
//            invocation in a fresh process
//   handler  the handler in-process with a Twilio client that answers at once
//   e2e      the real twilio-run server (--no-fork-process --no-live) against the local
//            Messages emulator, beside the emulator alone and a no-op function
//   memory   RSS before and after 100,000 in-process invocations
//   registry round trips (Twilio, Sync) per request, counted at the local emulator, and time
//   recipient-when  `timeZone=recipient` and `when`: first use in a fresh process, and per call
//   series   a 35-occurrence series (repeat): round trips and time; the cost of arming per callback
//   stop     STOP at scale: /cancel-message by `to` for 1,000 scheduled, Twilio 0-100 ms away
//   burst    16 tagged daily×20 series at once under Sync's limits, then cancel by each tag
//   sustained  150 schedules/s for a minute (registry on and off), 300 for one recipient
//   listing  a recipient with 5,000 upcoming against one with 50: reads per answer, cursor
// `npm run bench -- handler memory` runs only the sections named; `--functions DIR` measures
// another build (e.g. of an older commit) for a before/after, except e2e, which serves this
// checkout's functions/. Every loop is bounded in count and in time; each server process it
// starts (two twilio-run) is stopped by its own PID; the in-process emulators and proxies of
// registry and series are stopped by their own handles.
// A new section: a module exporting a `Section` (see section.ts), listed in SECTIONS below.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../local-stack';
import { burstSection } from './burst';
import { coldSection } from './cold';
import { e2eSection } from './e2e';
import { handlerSection } from './handler';
import { inputCostSection } from './input-cost';
import { listingSection } from './listing';
import { memorySection } from './memory';
import { recipientWhenSection } from './recipient-when';
import { registrySection } from './registry';
import { machine, table, verdict } from './report';
import type { Section, SectionResult } from './section';
import { seriesSection } from './series';
import { stopAtScaleSection } from './stop-at-scale';
import { sustainedSection } from './sustained';
import { whenCostSection } from './when-cost';

/** Every section, in the order the report prints them (and numbers their headings). */
const SECTIONS: Section[] = [
  coldSection,
  handlerSection,
  recipientWhenSection,
  whenCostSection,
  e2eSection,
  memorySection,
  registrySection,
  seriesSection,
  stopAtScaleSection,
  burstSection,
  inputCostSection,
  sustainedSection,
  listingSection,
];

const NAMES = SECTIONS.map((section) => section.name);
const USAGE = `sections: ${NAMES.join(', ')}; --functions DIR`;

/** The sections named and the build to measure; a wrong argument names the right ones. */
function readArgs(args: string[]): { asked: string[]; functions: string } {
  const parsed = (() => {
    try {
      return parseArgs({
        args,
        allowPositionals: true,
        options: { functions: { type: 'string' } },
      });
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : error}; ${USAGE}`);
    }
  })();
  const { values, positionals } = parsed;
  if (values.functions === '') throw new Error('--functions needs a folder of built functions');
  for (const name of positionals) {
    if (!NAMES.includes(name)) throw new Error(`unknown argument ${name}; ${USAGE}`);
  }
  return {
    asked: positionals,
    functions: values.functions === undefined ? join(ROOT, 'functions') : resolve(values.functions),
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const { asked, functions } = readArgs(args);
  const wanted = SECTIONS.filter((s) => asked.length === 0 || asked.includes(s.name));
  const otherBuild = functions !== join(ROOT, 'functions');
  for (const section of wanted) {
    if (otherBuild && section.checkoutOnly) {
      throw new Error(
        `${section.name} serves this checkout's functions/ only: name the other sections`,
      );
    }
  }

  const started = machine();
  const results = new Map<Section, SectionResult[]>();
  const runOrder = [...wanted.filter((s) => s.runFirst), ...wanted.filter((s) => !s.runFirst)];
  for (const section of runOrder) results.set(section, await section.run({ functions }));

  const reproduce = args.length === 0 ? 'npm run bench' : `npm run bench -- ${args.join(' ')}`;
  const lines = [
    '## Benchmark: our share of an invocation',
    '',
    `Reproduce: \`${reproduce}\` (builds functions/*.js, then runs \`tsx scripts/bench/main.ts\`).`,
    started,
    `Finished at ${new Date().toISOString()}.`,
    ...(otherBuild ? [`Functions measured: ${functions}`] : []),
    '',
  ];
  const ordered = wanted.flatMap((section) => results.get(section) ?? []);
  for (const result of ordered) lines.push(result.text, '');
  const aims = ordered.flatMap((r) => r.aims);
  lines.push(
    '### Aims',
    '',
    table(
      ['aim', 'figure', ''],
      aims.map((a) => [a.aim, a.figure, a.verdict ?? verdict(a.met)]),
    ),
  );
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
