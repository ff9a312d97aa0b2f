// `npm run bench -- when-cost`: what reading `when` costs in the built /schedule-message, with no
// `locale` (every language tried) and `timeZone=recipient` on a toll-free number (42 candidate
// zones: read once, placed 42 times). Three figures and their aims:
//   - warm, per input: the CPU of one request, for hostile inputs of up to 300 characters (the
//     worst is the figure; each answer's status is shown, a refusal costs too);
//   - the first `when` of a fresh process (chrono-node and its languages load on demand);
//   - a request without `when` loads no chrono-node at all.
import { runNode, scheduleHandlerPrelude } from './child-node';
import { type Handler, loadHandler, noLog, standInContext, withLog } from './harness';
import { TO } from './inputs';
import { fixed, progress, table } from './report';
import type { BenchOptions, Section, SectionResult } from './section';
import { median } from './stats';

/** A toll-free +1 number: every zone of the NANP is a candidate. */
const TOLL_FREE = '+18005550123';
const LIMIT = 300;
const CALLS = 15;
const PROCESSES = 5;

const fill = (unit: string) =>
  unit
    .repeat(Math.ceil(LIMIT / unit.length))
    .slice(0, LIMIT)
    .trim();

/** Inputs that make the parsers work hardest: many time-like tokens, in every language. */
const INPUTS: [string, string][] = [
  ['a phrase that reads: "tomorrow at 9am"', 'tomorrow at 9am'],
  ['"demain à 9h" (French, no locale)', 'demain à 9h'],
  ['300 chars: "morgen om 9 uur " repeated (Dutch)', fill('morgen om 9 uur ')],
  ['300 chars: "9 " repeated', fill('9 ')],
  ['300 chars: "1:1 " repeated', fill('1:1 ')],
  ['300 chars: "the 15th at 9pm " repeated', fill('the 15th at 9pm ')],
  [
    '300 chars: relative days in 6 languages repeated',
    fill('mañana demain morgen amanhã domani 明日 '),
  ],
  ['300 chars: "明日の9時" repeated (Japanese)', fill('明日の9時')],
  ['300 chars: "12/12/12 " repeated', fill('12/12/12 ')],
  ['300 chars: "in 2 hours " repeated', fill('in 2 hours ')],
  ['300 chars: "a" repeated', fill('a')],
  [
    '300 chars: "tomorrow at 9am " then filler words',
    `tomorrow at 9am ${fill('please call mom ')}`.slice(0, LIMIT),
  ],
  ['300 chars: weekdays and months repeated', fill('Friday March Freitag März vendredi mars ')],
  ['300 chars: words several languages share', fill('april morgen sábado 9 ')],
  [
    '300 chars: one sentence, 8 time words',
    `on Monday the 15th of March 2027 at half past 9 in the evening ${fill('please ')}`.slice(
      0,
      LIMIT,
    ),
  ],
];

const eventOf = (when: string) => ({ to: TOLL_FREE, body: 'Ahoy', when, timeZone: 'recipient' });

/** One request, whatever its answer; its CPU ms and status. */
async function timed(handler: Handler, event: Record<string, string>) {
  let status = 0;
  const cpu = process.cpuUsage();
  await handler(standInContext, { ...event }, (_e, response) => {
    status = (response as { statusCode: number }).statusCode;
  });
  const used = process.cpuUsage(cpu);
  return { cpu: (used.user + used.system) / 1000, status };
}

/** In a fresh process: a request without `when`, then whether chrono is loaded, then `when`. */
function freshProcess(functions: string, when: string) {
  const out = runNode(`
    ${scheduleHandlerPrelude(functions)}
    const call = (event) => new Promise((done) => handler(context, event, (e, r) => done(r.statusCode)));
    const chronoLoaded = () => Object.keys(require.cache).some((p) => p.includes('chrono-node'));
    (async () => {
      const sendAt = new Date(Date.now() + 86400000).toISOString().slice(0, 16);
      const first = await call({ to: '${TO}', body: 'Ahoy', sendAt, timeZone: 'America/New_York' });
      const loadedWithout = chronoLoaded();
      const cpu = process.cpuUsage();
      const status = await call(${JSON.stringify(eventOf(when))});
      const used = process.cpuUsage(cpu);
      process.stdout.write(JSON.stringify({ first, loadedWithout, status, cpu: (used.user + used.system) / 1000 }));
    })();`);
  return JSON.parse(out) as { first: number; loadedWithout: boolean; status: number; cpu: number };
}

async function run({ functions }: BenchOptions): Promise<SectionResult[]> {
  progress('when-cost: warm, per input');
  const handler = loadHandler(functions, 'schedule-message');
  const rows: { name: string; status: number; median: number; max: number }[] = [];
  await withLog(noLog, async () => {
    // Every language loaded, every formatter warm, before anything is timed.
    for (const [, when] of INPUTS) await timed(handler, eventOf(when));
    for (const [name, when] of INPUTS) {
      const cpus: number[] = [];
      let status = 0;
      for (let i = 0; i < CALLS; i++) {
        const one = await timed(handler, eventOf(when));
        cpus.push(one.cpu);
        status = one.status;
      }
      rows.push({ name, status, median: median(cpus), max: Math.max(...cpus) });
    }
  });
  const worst = rows.reduce((a, b) => (b.median > a.median ? b : a));

  progress('when-cost: first `when` in fresh processes');
  const firstInputs: [string, string][] = [
    ['"tomorrow at 9am" (English)', 'tomorrow at 9am'],
    ['"demain à 9h" (French, and the languages whose words it shares)', 'demain à 9h'],
    [
      'words several languages share ("april", "morgen", "sábado"...)',
      fill('april morgen sábado 9 '),
    ],
    ['shared words of four languages (the most read): "april mai morgen"', 'april mai morgen'],
    ['shared words of seven languages (refused: too many)', 'april domingo marzo morgen mai'],
    [
      'words of every language (refused before any loads)',
      fill('mañana demain morgen amanhã domani 明日 tomorrow '),
    ],
    [`the warm worst: ${worst.name}`, INPUTS.find(([n]) => n === worst.name)?.[1] ?? ''],
  ];
  const fresh = firstInputs.map(([name, when]) => {
    const runs = Array.from({ length: PROCESSES }, () => freshProcess(functions, when));
    return {
      name,
      cpu: median(runs.map((r) => r.cpu)),
      status: runs[0]?.status ?? 0,
      loadedWithout: runs.some((r) => r.loadedWithout),
      firstOk: runs.every((r) => r.first === 200),
    };
  });
  const worstFirst = Math.max(...fresh.map((f) => f.cpu));
  const noParserWithoutWhen = fresh.every((f) => f.firstOk && !f.loadedWithout);

  const text = [
    '### `when`: cost of reading, no `locale`, `timeZone=recipient` on a toll-free number (42 zones), built `schedule-message`',
    '',
    table(
      ['input', 'answer', 'warm CPU ms per request (median)', 'max'],
      rows.map((r) => [r.name, String(r.status), fixed(r.median, 2), fixed(r.max, 2)]),
    ),
    '',
    table(
      ['first `when` of a fresh process', 'answer', 'CPU ms (median)'],
      fresh.map((f) => [f.name, String(f.status), fixed(f.cpu, 1)]),
    ),
    '',
    `Warm: every input once first (all languages loaded), then ${CALLS} requests per input, one at a time; CPU from \`process.cpuUsage\` around each whole request (the handler, the 42-zone placing, quiet rules, the stand-in Twilio client). Fresh: ${PROCESSES} \`node\` processes per input; each requires the function, makes one \`sendAt\` request (ICU's first formatter, not \`when\`'s cost), checks that chrono-node is still not loaded, then times its first \`when\`. Worst warm input: ${worst.name}.`,
  ].join('\n');
  return [
    {
      text,
      aims: [
        {
          aim: 'any `when` ≤ 50 ms CPU, warm (worst input found)',
          figure: `${fixed(worst.median, 1)} ms (${worst.name})`,
          met: worst.median <= 50,
        },
        {
          aim: 'first `when` of a fresh process ≤ 150 ms CPU',
          figure: `${fixed(worstFirst, 1)} ms`,
          met: worstFirst <= 150,
        },
        {
          aim: 'a request without `when` loads no parser',
          figure: noParserWithoutWhen ? 'chrono-node not loaded' : 'chrono-node loaded',
          met: noParserWithoutWhen,
        },
      ],
    },
  ];
}

export const whenCostSection: Section = { name: 'when-cost', run };
