// `npm run bench`: how much of every invocation is ours. It measures the built functions/*.js
// (what Twilio runs), never the sources:
//   cold     a process that only requires each function, against bare `node`; and the first
//            invocation in a fresh process
//   handler  the handler in-process with a Twilio client that answers at once
//   e2e      the real twilio-run server (--no-fork-process --no-live) against the local
//            Messages emulator, beside the emulator alone and a no-op function
//   memory   RSS before and after 100,000 in-process invocations
// `npm run bench -- handler memory` runs only the sections named; `--functions DIR` measures
// another build (e.g. of an older commit) for a before/after, except e2e, which serves this
// checkout's functions/. Every loop is bounded in count and in time; each server process it
// starts (two twilio-run) is stopped by its own PID.
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import twilio from 'twilio';
import { EMULATOR_ACCOUNT_SID, EMULATOR_AUTH_TOKEN } from '../emulator/messages-api';
import { ResponseStandIn } from '../test/support/functions';
import {
  EMULATOR_MESSAGING_SERVICE_SID,
  ROOT,
  startLocalStack,
  startTwilioRun,
} from './local-stack';

const require = createRequire(import.meta.url);
// The Twilio.Response stand-in the tests use, as the runtime's global.
(globalThis as unknown as { Twilio: unknown }).Twilio = { Response: ResponseStandIn };
let FUNCTIONS = join(ROOT, 'functions');
/** Scratch files (a no-op function, an empty module): git-ignored, never deployed. */
const SCRATCH = join('node_modules', '.cache', 'bench');
const SERVICE = EMULATOR_MESSAGING_SERVICE_SID;
const TO = '+15551234567';
const SECTIONS = ['cold', 'handler', 'e2e', 'memory'] as const;
type Section = (typeof SECTIONS)[number];

// ---------------------------------------------------------------------------------------------
// Figures

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
/** Nearest-rank percentile, p in [0, 1]. */
function percentile(values: number[], p: number): number {
  const s = sorted(values);
  if (s.length === 0) return Number.NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] as number;
}
const median = (values: number[]) => percentile(values, 0.5);

const fixed = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const signed = (n: number, digits: number) => `${n >= 0 ? '+' : ''}${fixed(n, digits)}`;
const thousands = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number) => bytes / 1024 / 1024;

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

const verdict = (met: boolean) => (met ? 'met' : '**not met**');

interface Aim {
  aim: string;
  figure: string;
  met: boolean;
  /** Shown instead of met / not met when that needs qualifying. */
  verdict?: string;
}

interface SectionResult {
  text: string;
  aims: Aim[];
}

const progress = (line: string) => process.stderr.write(`bench: ${line}\n`);

/** Node's own environment, without loaders (tsx) that would slow every child down. */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return env;
}

/** Runs `node -e code` to its end; returns its stdout. */
function runNode(code: string): string {
  const run = spawnSync(process.execPath, ['-e', code], {
    cwd: ROOT,
    env: childEnv(),
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (run.status !== 0) throw new Error(`node -e failed (${run.status}): ${run.stderr}`);
  return run.stdout;
}

/** Wall time of a whole `node -e code` process, as seen from here. */
function timeProcess(code: string): number {
  const started = performance.now();
  runNode(code);
  return performance.now() - started;
}

// ---------------------------------------------------------------------------------------------
// Inputs and the in-process harness

type Callback = (error: unknown, response: unknown) => void;
type Handler = (context: unknown, event: Record<string, unknown>, callback: Callback) => unknown;

const loadHandler = (name: string): Handler =>
  require(join(FUNCTIONS, `${name}.protected.js`)).handler;

/** A minimal deployment: a Messaging Service and the credentials, nothing else. */
const ENV = {
  MESSAGING_SERVICE_SID: SERVICE,
  ACCOUNT_SID: EMULATOR_ACCOUNT_SID,
  AUTH_TOKEN: EMULATOR_AUTH_TOKEN,
};
const CREATED_SID = `SM${'b'.repeat(32)}`;

/** A stand-in for Twilio only: `messages.create` resolves at once. Everything of ours runs. */
const instantClient = {
  messages: {
    create: async (params: { to: string; sendAt: Date }) => {
      if (!(params.sendAt instanceof Date)) throw new Error('no sendAt');
      return { sid: CREATED_SID, status: 'scheduled' };
    },
  },
};
const standInContext = {
  DOMAIN_NAME: 'localhost',
  PATH: '/schedule-message',
  ...ENV,
  getTwilioClient: () => instantClient,
};

/** The real twilio client, as the runtime builds it, with the handler's own transport. */
const realClientContext = {
  DOMAIN_NAME: 'localhost',
  PATH: '/schedule-message',
  ...ENV,
  // A discard port on loopback: if the fetch stand-in were missing, nothing would leave.
  TWILIO_API_BASE_URL: 'http://127.0.0.1:9',
  getTwilioClient: (opts?: Record<string, unknown>) =>
    twilio(EMULATOR_ACCOUNT_SID, EMULATOR_AUTH_TOKEN, { lazyLoading: true, ...opts }),
};

/** Answers every fetch in-process with a 201 Message, as the Messages API would. */
function installInstantFetch(): () => void {
  const original = globalThis.fetch;
  const sid = `SM${'c'.repeat(32)}`;
  const body = JSON.stringify({
    account_sid: EMULATOR_ACCOUNT_SID,
    api_version: '2010-04-01',
    body: 'Ahoy',
    date_created: 'Thu, 26 Nov 2026 21:00:00 +0000',
    date_updated: 'Thu, 26 Nov 2026 21:00:00 +0000',
    date_sent: null,
    direction: 'outbound-api',
    messaging_service_sid: SERVICE,
    num_media: '0',
    num_segments: '1',
    sid,
    status: 'scheduled',
    to: TO,
    uri: `/2010-04-01/Accounts/${EMULATOR_ACCOUNT_SID}/Messages/${sid}.json`,
  });
  globalThis.fetch = async () =>
    new Response(body, { status: 201, headers: { 'content-type': 'application/json' } });
  return () => {
    globalThis.fetch = original;
  };
}

/** The date `days` ahead on the wall clock of `zone`, as YYYY-MM-DD. */
const localDate = (zone: string, days: number): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(Date.now() + days * 86_400_000);

interface Variant {
  name: string;
  event: Record<string, string>;
}

/** Studio-shaped events: every value a string, as the Run Function widget sends them. */
function variants(): Variant[] {
  return [
    { name: '`minutes`', event: { to: TO, minutes: '16', body: 'Ahoy' } },
    {
      name: 'local `sendAt` + `timeZone` + `quietHours` (moved)',
      event: {
        to: TO,
        body: 'Ahoy',
        // 22:30 in New York, inside 21:00-08:00: moved to 08:00 the next day.
        sendAt: `${localDate('America/New_York', 10)}T22:30`,
        timeZone: 'America/New_York',
        quietHours: '21:00-08:00',
      },
    },
    {
      name: '`delay` (`1d 4h`) + `timeZone`',
      event: { to: TO, body: 'Ahoy', delay: '1d 4h', timeZone: 'Europe/Berlin' },
    },
  ];
}

let lastResponse: ResponseStandIn | undefined;
const keep: Callback = (error, response) => {
  if (error) throw error;
  lastResponse = response as ResponseStandIn;
};

/** One invocation as the runtime makes it; the answer is checked, so no failure is timed. */
async function invokeOnce(
  handler: Handler,
  context: unknown,
  event: Record<string, string>,
): Promise<void> {
  lastResponse = undefined;
  await handler(context, { ...event }, keep);
  const response = lastResponse as ResponseStandIn | undefined;
  if (response?.statusCode !== 200) {
    throw new Error(`expected 200, got ${response?.statusCode}: ${JSON.stringify(response?.body)}`);
  }
}

/**
 * console.log replaced while `run` runs. The built functions log through console.log (they
 * pass no logger to defineHandler), so this is the only way in: the line is still built and
 * handed over, only not written to the terminal.
 */
async function withLog<T>(log: (line: string) => void, run: () => Promise<T>): Promise<T> {
  const original = console.log;
  console.log = log;
  try {
    return await run();
  } finally {
    console.log = original;
  }
}
const noLog = (_line: string) => {};

// ---------------------------------------------------------------------------------------------
// 1. Cold load

/** A small seeded generator, so that the bootstrap below gives the same interval every time. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 95% bootstrap interval of median(a) - median(b). */
function medianDifferenceInterval(a: number[], b: number[]): [number, number] {
  const random = seeded(20261126);
  const resample = (values: number[]) =>
    values.map(() => values[Math.floor(random() * values.length)] as number);
  const differences: number[] = [];
  for (let i = 0; i < 2_000; i++) differences.push(median(resample(a)) - median(resample(b)));
  return [percentile(differences, 0.025), percentile(differences, 0.975)];
}

function benchColdLoad(rounds: number): SectionResult {
  // Calibration: what any first require costs (the module loader warming up), with no code.
  const empty = join(ROOT, SCRATCH, 'empty.js');
  mkdirSync(join(ROOT, SCRATCH), { recursive: true });
  writeFileSync(empty, '');
  const targets = [
    { label: 'an empty .js file (calibration)', module: empty, ours: false, rounds },
    ...readdirSync(FUNCTIONS)
      .filter((name) => name.endsWith('.js'))
      .sort()
      .map((file) => ({ label: file, module: join(FUNCTIONS, file), ours: true, rounds })),
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
function timeFirstInvocation(event: Record<string, string>): number {
  const module = join(FUNCTIONS, 'schedule-message.protected.js');
  const out = runNode(`
    globalThis.Twilio = { Response: class { setStatusCode(c) { this.statusCode = c; } setBody() {} appendHeader() {} } };
    const { handler } = require(${JSON.stringify(module)});
    const client = { messages: { create: async () => ({ sid: '${CREATED_SID}', status: 'scheduled' }) } };
    const context = { ...${JSON.stringify(ENV)}, getTwilioClient: () => client };
    console.log = () => {};
    const t = process.hrtime.bigint();
    handler(context, ${JSON.stringify(event)}, (error, response) => {
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      process.stdout.write(response.statusCode === 200 ? String(ms) : 'failed ' + response.statusCode);
    });`);
  const ms = Number(out);
  if (!Number.isFinite(ms)) throw new Error(`first invocation failed: ${out}`);
  return ms;
}

function benchFirstInvocation(runs: number): SectionResult {
  const inputs = [
    ...variants(),
    {
      name: '`delay` (`1d 4h`), no zone (days in UTC)',
      event: { to: TO, body: 'Ahoy', delay: '1d 4h' },
    },
  ];
  const rows = inputs.map((variant) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(timeFirstInvocation(variant.event));
    return [variant.name, fixed(median(times), 2), fixed(Math.max(...times), 2)];
  });
  const text = [
    `### 1b. First invocation in a fresh process (\`schedule-message\`, client answers at once, ${runs} processes per input)`,
    '',
    table(['input', 'median ms', 'slowest ms'], rows),
    '',
    "With a time zone, the first request of a process pays for ICU's first date formatter (any `Intl.DateTimeFormat`, ~15-25 ms here), once; later ones are section 2.",
  ].join('\n');
  return { text, aims: [] };
}

// ---------------------------------------------------------------------------------------------
// 2. Handler cost per invocation

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
  client: string;
  log: string;
  context: unknown;
  event: Record<string, string>;
  logLine: (line: string) => void;
  aim: boolean;
  /** Sets up around the calls; returns the undo. */
  around?: () => () => void;
}

async function benchHandler(calls: number): Promise<SectionResult> {
  const handler = loadHandler('schedule-message');
  const [minutes, ...zoned] = variants();
  if (!minutes) throw new Error('no variants');
  const devNull = openSync('/dev/null', 'w');
  const cases: HandlerCase[] = [
    ...[minutes, ...zoned].map((variant) => ({
      name: variant.name,
      client: 'answers at once',
      log: 'built, not printed',
      context: standInContext,
      event: variant.event,
      logLine: noLog,
      aim: true,
    })),
    {
      name: minutes.name,
      client: 'answers at once',
      log: 'written to /dev/null',
      context: standInContext,
      event: minutes.event,
      logLine: (line) => writeSync(devNull, `${line}\n`),
      aim: false,
    },
    {
      name: minutes.name,
      client: 'twilio-node + our transport; fetch answers at once',
      log: 'built, not printed',
      context: realClientContext,
      event: minutes.event,
      logLine: noLog,
      aim: false,
      around: installInstantFetch,
    },
  ];
  const samples = cases.map(() => [] as number[]);
  const elapsed = cases.map(() => 0);
  const until = performance.now() + 120_000;
  // Alternating rounds, so that drift (other work on the machine, GC, tiering) falls on every
  // row alike; the first round starts each row with a warm-up.
  const rounds = 4;
  try {
    for (let round = 0; round < rounds; round++) {
      for (const [i, c] of cases.entries()) {
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
    const s = samples[i] ?? [];
    const medianUs = median(s) * 1000;
    const perSecond = (s.length / (elapsed[i] ?? 1)) * 1000;
    if (c.aim) {
      aims.push({
        aim: `2. handler, ${c.name}: < 50 µs per call`,
        figure: `${fixed(medianUs, 1)} µs median, ${thousands(perSecond)} calls/s`,
        met: medianUs < 50,
      });
    }
    return [
      c.name,
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
    'One call: the Studio-shaped event is parsed, the send time computed, `messages.create` awaited, the JSON response built and handed to `callback`, and the log line built. "Answers at once": `getTwilioClient()` returns `{ messages: { create } }` resolving `{ sid, status }` at once, so the figure is our code alone. The last row uses the real twilio client (built per call, as the runtime does) and our transport, with `fetch` answered in-process: twilio-node\'s share, for scale.',
  ].join('\n');
  return { text, aims };
}

// ---------------------------------------------------------------------------------------------
// 3. End to end

interface LoadFigures {
  requests: number;
  errors: number;
  perSecond: number;
  latencies: number[];
}

/**
 * `concurrency` workers send requests until `count` have started or `maxMs` has passed.
 * `between` runs every 256 answers (the emulator's store is emptied there).
 */
async function drive(
  send: () => Promise<boolean>,
  concurrency: number,
  count: number,
  maxMs: number,
  between: () => void,
): Promise<LoadFigures> {
  const latencies: number[] = [];
  let started = 0;
  let errors = 0;
  const t0 = performance.now();
  const until = t0 + maxMs;
  const worker = async () => {
    while (started < count && performance.now() < until) {
      started++;
      const t = performance.now();
      let good = false;
      try {
        good = await send();
      } catch {
        good = false;
      }
      latencies.push(performance.now() - t);
      if (!good) errors++;
      if (latencies.length % 256 === 0) between();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = performance.now() - t0;
  return {
    requests: latencies.length,
    errors,
    perSecond: (latencies.length / elapsed) * 1000,
    latencies,
  };
}

function merge(runs: LoadFigures[]): LoadFigures {
  const latencies = runs.flatMap((r) => r.latencies);
  const seconds = runs.reduce((sum, r) => sum + r.requests / r.perSecond, 0);
  return {
    requests: latencies.length,
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    perSecond: latencies.length / seconds,
    latencies,
  };
}

/** Stops whatever is still running if the bench is interrupted. */
const cleanups = new Set<() => Promise<void>>();
process.once('SIGINT', () => {
  Promise.allSettled([...cleanups].map((stop) => stop())).finally(() => process.exit(130));
});

/**
 * A second twilio-run, serving one function that answers at once without calling Twilio: the
 * dev server's own cost, to tell it apart from what /schedule-message adds.
 */
async function startNoopServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  mkdirSync(join(ROOT, SCRATCH, 'functions'), { recursive: true });
  mkdirSync(join(ROOT, SCRATCH, 'assets'), { recursive: true });
  writeFileSync(
    join(ROOT, SCRATCH, 'functions', 'noop.js'),
    "exports.handler = (context, event, callback) => callback(null, { ok: true, status: 'scheduled' });\n",
  );
  writeFileSync(join(ROOT, SCRATCH, 'empty.env'), '');
  const server = await startTwilioRun({
    stdio: 'ignore',
    startTimeoutMs: 60_000,
    args: [
      '--functions-folder',
      join(SCRATCH, 'functions'),
      '--assets-folder',
      join(SCRATCH, 'assets'),
      '--env',
      join(SCRATCH, 'empty.env'),
    ],
  });
  cleanups.add(server.stop);
  return { url: `${server.url}/noop`, stop: server.stop };
}

async function benchEndToEnd(
  plan: { concurrency: number; count: number }[],
): Promise<SectionResult> {
  const stack = await startLocalStack({ env: {}, stdio: 'ignore', startTimeoutMs: 60_000 });
  cleanups.add(stack.stop);
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
    await stack.stop();
    cleanups.clear();
  }
}

// ---------------------------------------------------------------------------------------------
// 4. Memory

function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

async function benchMemory(invocations: number): Promise<SectionResult> {
  const gc = exposeGc();
  const handler = loadHandler('schedule-message');
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
      `### 4. Memory over ${thousands(done)} in-process invocations (the three inputs in turn, client answers at once; RSS after a full GC)`,
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

// ---------------------------------------------------------------------------------------------

function machine(): string {
  const cores = cpus();
  return [
    `Machine: ${cores.length} cores (${cores[0]?.model.trim() ?? 'unknown CPU'}), ${fixed(totalmem() / 1024 ** 3, 1)} GB RAM, ${platform()} ${release()} ${arch()}, Node ${process.version}.`,
    `Started at ${new Date().toISOString()}; load average ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')} (other work on the machine shows up as noise).`,
  ].join(' ');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const asked: Section[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--functions' || arg.startsWith('--functions=')) {
      const dir = arg === '--functions' ? args[++i] : arg.slice('--functions='.length);
      if (!dir) throw new Error('--functions needs a folder of built functions');
      FUNCTIONS = resolve(dir);
    } else if (SECTIONS.includes(arg as Section)) {
      asked.push(arg as Section);
    } else {
      throw new Error(`unknown argument ${arg}; sections: ${SECTIONS.join(', ')}; --functions DIR`);
    }
  }
  const wanted = (section: Section) => asked.length === 0 || asked.includes(section);
  const otherBuild = FUNCTIONS !== join(ROOT, 'functions');
  if (otherBuild && wanted('e2e')) {
    throw new Error("e2e serves this checkout's functions/ only: name the other sections");
  }

  const started = machine();
  const results = new Map<string, SectionResult>();
  // Memory first, while this process holds nothing else; printed in the numbered order.
  if (wanted('memory')) {
    progress('memory');
    results.set('4', await benchMemory(100_000));
  }
  if (wanted('cold')) {
    progress('cold load');
    results.set('1', benchColdLoad(40));
    progress('first invocation');
    results.set('1b', benchFirstInvocation(10));
  }
  if (wanted('handler')) {
    progress('handler');
    results.set('2', await benchHandler(20_000));
  }
  if (wanted('e2e')) {
    results.set(
      '3',
      await benchEndToEnd([
        { concurrency: 1, count: 2_000 },
        { concurrency: 16, count: 8_000 },
      ]),
    );
  }

  const reproduce = args.length === 0 ? 'npm run bench' : `npm run bench -- ${args.join(' ')}`;
  const lines = [
    '## Benchmark: our share of an invocation',
    '',
    `Reproduce: \`${reproduce}\` (builds functions/*.js, then runs \`tsx scripts/bench.ts\`).`,
    started,
    `Finished at ${new Date().toISOString()}.`,
    ...(otherBuild ? [`Functions measured: ${FUNCTIONS}`] : []),
    '',
  ];
  const ordered = ['1', '1b', '2', '3', '4'].flatMap((key) => results.get(key) ?? []);
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
