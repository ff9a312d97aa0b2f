// Section `registry`: what the registry (Twilio Sync) costs in round trips, counted at the local
// emulator, and in time there. A schedule without and with an idempotency key, a replay, a tag,
// and listing a recipient with 1,000 past and 5 upcoming messages (registry against Twilio's own
// list, as with REGISTRY=off). Sequential round trips are measured behind a latency proxy.
import {
  type Answer,
  type Measured,
  PROXY_DELAY_MS,
  sequentialOf,
  spread,
  startEmulated,
} from './emulated';
import { fixed, progress, table, thousands, verdict } from './report';
import type { Aim, BenchOptions, Section, SectionResult } from './section';
import { median } from './stats';

const RUNS = 30;
const PAST = 1_000;
const UPCOMING = 5;
/** Seeding the past messages: this many schedules at once. */
const SEED_CONCURRENCY = 8;

const scheduled = (answer: Answer) => answer.status === 200 && typeof answer.body.sid === 'string';

interface Row {
  what: string;
  measured: Measured;
  /** Which requests run side by side, from src/endpoints/schedule-message.ts. */
  shape: string;
  aim?: { text: string; max: number };
  /** Direct times of the same work, when this row has none of its own (the fresh service). */
  baseline?: number[];
}

async function run({ functions }: BenchOptions): Promise<SectionResult[]> {
  progress('registry: round trips at the emulator');
  // Seeding writes 1,000 records to one recipient's Map: Sync's ~20 writes/s per Map would make
  // that take a minute. The limit changes no count below.
  const emulated = await startEmulated(functions, { syncWritesPerSecond: 100_000 });
  const rows: Row[] = [];
  let listing: { pages: number; shown: number; registryShown: number } | undefined;
  try {
    const { measure, emulator } = emulated;
    let n = 0;
    const next = () => `+1555000${String(++n).padStart(4, '0')}`;
    const one =
      (extra: Record<string, string> = {}) =>
      () => ({
        to: next(),
        body: 'Ahoy',
        minutes: '20',
        ...extra,
      });

    // A fresh Sync service: no Map exists yet, so the first write to each is refused (54200),
    // the Map created, and the write retried. The code is warmed on another service first.
    const other = emulator.sync.addService({ friendlyName: 'warm-up' });
    for (const viaProxy of [false, true]) {
      const warm = await emulated.call('schedule-message', one()(), {
        viaProxy,
        env: { SYNC_SERVICE_SID: other },
      });
      if (!scheduled(warm)) throw new Error(`warm-up: ${JSON.stringify(warm.body)}`);
    }
    const fresh = await measure('schedule-message', one(), {
      runs: 0,
      untilMs: 1,
      warm: false,
      check: scheduled,
    });
    rows.push({
      what: 'schedule, no key, on a fresh Sync service (first write to each Map)',
      measured: fresh,
      shape: 'create; then per record Map: write → 54200 → create Map → write',
    });

    await emulated.createRegistryMaps();
    const noKey = await measure('schedule-message', one(), {
      runs: RUNS,
      untilMs: 20_000,
      check: scheduled,
    });
    (rows[0] as Row).baseline = noKey.times;
    rows.push({
      what: 'schedule, no `idempotencyKey`',
      measured: noKey,
      shape: 'create; then 2 record writes (by SID, by recipient) in parallel',
      aim: { text: 'schedule without `idempotencyKey`: ≤ 2 sequential round trips', max: 2 },
    });
    rows.push({
      what: 'schedule with a new `idempotencyKey`',
      measured: await measure(
        'schedule-message',
        (i) => ({ ...one()(), idempotencyKey: `bench-key-${i}` }),
        { runs: RUNS, untilMs: 20_000, check: scheduled },
      ),
      shape: "reserve key; create; then 2 record writes and the key's answer in parallel",
      aim: { text: 'schedule with `idempotencyKey`: ≤ 3 sequential round trips', max: 3 },
    });
    const replayed = { to: next(), body: 'Ahoy', minutes: '20', idempotencyKey: 'bench-replay' };
    const first = await emulated.call('schedule-message', replayed);
    if (!scheduled(first)) throw new Error(`replay: ${JSON.stringify(first.body)}`);
    rows.push({
      what: 'replay (same key, same parameters)',
      measured: await measure('schedule-message', () => replayed, {
        runs: RUNS,
        untilMs: 20_000,
        check: (a) => scheduled(a) && a.body.replayed === true,
      }),
      shape: 'reserve key (54208: taken); read its answer; Twilio not called',
    });
    rows.push({
      what: 'schedule with a `tag`',
      measured: await measure('schedule-message', one({ tag: 'bench' }), {
        runs: RUNS,
        untilMs: 20_000,
        check: scheduled,
      }),
      shape: 'create; then 3 record writes (SID, recipient, tag) in parallel',
    });

    // One recipient with 1,000 messages sent (scheduled, then the clock moved past them) and
    // 5 still to come.
    progress(`registry: seeding ${thousands(PAST)} past messages for one recipient`);
    const to = '+15559990000';
    let seeded = 0;
    const seedWorker = async () => {
      while (seeded < PAST) {
        seeded++;
        const answer = await emulated.call('schedule-message', { to, body: 'Past', minutes: '20' });
        if (!scheduled(answer)) throw new Error(`seeding: ${JSON.stringify(answer.body)}`);
      }
    };
    await Promise.all(Array.from({ length: SEED_CONCURRENCY }, seedWorker));
    emulator.advanceClock(60 * 60_000);
    for (let i = 0; i < UPCOMING; i++) {
      const answer = await emulated.call('schedule-message', {
        to,
        body: 'Upcoming',
        minutes: String(30 + 10 * i),
      });
      if (!scheduled(answer)) throw new Error(`seeding: ${JSON.stringify(answer.body)}`);
    }
    const sent = [...emulator.messages.values()].filter(
      (m) => m.to === to && m.status === 'sent',
    ).length;
    if (sent !== PAST) throw new Error(`seeding: ${sent} sent, not ${PAST}`);

    const lists = (a: Answer) => a.status === 200 && Array.isArray(a.body.messages);
    const fromRegistry = await measure('scheduled-messages', () => ({ to }), {
      runs: RUNS,
      untilMs: 20_000,
      check: (a) => lists(a) && a.body.source === 'registry',
    });
    rows.push({
      what: `list a recipient: ${thousands(PAST)} past, ${UPCOMING} upcoming (registry)`,
      measured: fromRegistry,
      shape: "one page of the recipient's range, from now on",
      aim: {
        text: `list of ${thousands(PAST)} past + ${UPCOMING} upcoming: ≤ 1 page read`,
        max: 1,
      },
    });
    const fromTwilio = await measure('scheduled-messages', () => ({ to }), {
      runs: 5,
      untilMs: 20_000,
      env: { REGISTRY: 'off' },
      check: lists,
    });
    rows.push({
      what: "the same list with `REGISTRY=off` (Twilio's own list, version 1)",
      measured: fromTwilio,
      shape: "Twilio's pages of the recipient's messages, newest first, one after another",
    });
    listing = {
      pages: fromTwilio.trips[0]?.api ?? 0,
      shown: (fromTwilio.answer.body.messages as unknown[]).length,
      registryShown: (fromRegistry.answer.body.messages as unknown[]).length,
    };
  } finally {
    await emulated.stop();
  }

  const aims: Aim[] = [];
  const tableRows = rows.map((row) => {
    const { trips, proxiedMs, mostInFlight, times } = row.measured;
    const sequential = sequentialOf(proxiedMs, row.baseline ?? times);
    const pick = (key: keyof (typeof trips)[number]) => spread(trips.map((t) => t[key]));
    const total = spread(trips.map((t) => t.api + t.sync));
    if (row.aim) {
      // The list's aim is in pages read: Sync reads, one page each.
      const figure = row.aim.max === 1 ? Math.max(...trips.map((t) => t.syncReads)) : sequential;
      aims.push({
        aim: `5. registry: ${row.aim.text}`,
        figure:
          row.aim.max === 1
            ? `${figure} page read (${total} requests in all)`
            : `${sequential} sequential, ${total} requests in all (${pick('api')} Twilio, ${pick('sync')} Sync)`,
        met: figure <= row.aim.max,
      });
    }
    return [
      row.what,
      pick('api'),
      `${pick('sync')} (${pick('syncReads')} read, ${pick('syncWrites')} write)`,
      total,
      String(sequential),
      String(mostInFlight),
      row.shape,
      times.length > 0 ? fixed(median(times), 2) : '',
      times.length > 0 ? String(times.length) : '',
      row.aim
        ? verdict((row.aim.max === 1 ? Number(pick('syncReads')) : sequential) <= row.aim.max)
        : '',
    ];
  });

  const text = [
    '### 5. Registry: round trips counted at the emulator, and time there',
    '',
    table(
      [
        'request',
        'Twilio requests',
        'Sync requests',
        'in all',
        'sequential',
        'most at once',
        'what runs when (src/endpoints/schedule-message.ts)',
        'median ms at the emulator',
        'runs',
        'aim',
      ],
      tableRows,
    ),
    '',
    `Built functions called in-process with the real twilio client and our transport, against the local emulator (Messages API and Sync on loopback, in this process). Requests are counted at the emulator, by host (\`api\`, \`sync\`); a range means the runs differed. "Sequential" is measured, not inferred: one more call goes through a loopback proxy that delays every request by ${PROXY_DELAY_MS} ms, and (its time - the median time direct) / ${PROXY_DELAY_MS} ms is the number of round trips that had to wait for one another; "most at once" is what that proxy saw in flight together. The Maps of the registry exist (as on a service that has run a while) except in the first row. The list's recipient has ${thousands(PAST)} messages that were scheduled through the function and sent (the emulator's clock moved an hour past them) and ${UPCOMING} still to come; the registry answered ${listing?.registryShown ?? 'n/a'} messages from one page of Sync, while Twilio's own list (\`REGISTRY=off\`) took ${listing?.pages ?? 'n/a'} pages to find its ${listing?.shown ?? 'n/a'}. Sync's per-Map write limit is raised here for the seeding only.`,
  ].join('\n');
  return [{ text, aims }];
}

export const registrySection: Section = { name: 'registry', run };
