// Section `burst`: a burst of tagged series under Sync's documented limits, then a STOP of each
// tag. 16 daily×20 series, each for its own recipient and tag, started at once against the local
// emulator enforcing about 20 writes and 20 reads per second per Map (10-second burst window, 429
// with 54009 beyond); then a cancel by each tag, called again while `complete` is false, at most
// 5 times (the shipped flow's loop). What counts: occurrences not recorded that no answer named
// (must be 0) and messages left scheduled after the loops (must be 0).
import { performance } from 'node:perf_hooks';
import { type Answer, startEmulated } from './emulated';
import { fixed, progress, table } from './report';
import type { BenchOptions, Section, SectionResult } from './section';

const SERIES = 16;
const OCCURRENCES = 20;
const FLOW_LOOP = 5;

const recipient = (i: number) => `+1555440${String(i).padStart(4, '0')}`;

async function run({ functions }: BenchOptions): Promise<SectionResult[]> {
  progress('burst: 16 tagged daily×20 series at once, then a cancel by each tag');
  const emulated = await startEmulated(functions, {
    syncWritesPerSecond: 20,
    syncReadsPerSecond: 20,
    syncBurstWindowSeconds: 10,
    maxRecordedRequests: 100_000,
  });
  try {
    const { emulator, call } = emulated;
    await emulated.createRegistryMaps();
    emulator.requests.length = 0;
    const started = performance.now();
    const answers: Answer[] = await Promise.all(
      Array.from({ length: SERIES }, (_, i) =>
        call('schedule-message', {
          to: recipient(i),
          body: `Daily reminder ${i}`,
          repeat: 'daily',
          count: String(OCCURRENCES),
          delay: '1h',
          tag: `burst-${i}`,
        }),
      ),
    );
    const scheduleMs = performance.now() - started;
    const syncRequests = emulator.requests.filter((r) => r.host === 'sync');
    const all = emulator.requests.length;
    const throttled = { ...emulator.sync.throttled };
    let created = 0;
    let unrecorded = 0;
    let failedAnswers = 0;
    let pending = 0;
    for (const answer of answers) {
      if (answer.status !== 200) {
        failedAnswers++;
        continue;
      }
      const occurrences = answer.body.occurrences as { registered?: boolean }[];
      created += occurrences.length;
      unrecorded += occurrences.filter((o) => o.registered === false).length;
      pending += Number(answer.body.pending);
    }
    const scheduledAfterBurst = [...emulator.messages.values()].filter(
      (m) => m.status === 'scheduled',
    ).length;

    emulator.requests.length = 0;
    const cancelStarted = performance.now();
    let cancelCalls = 0;
    let incomplete = 0;
    await Promise.all(
      Array.from({ length: SERIES }, async (_, i) => {
        for (let attempt = 0; attempt < FLOW_LOOP; attempt++) {
          cancelCalls++;
          const answer = await call('cancel-message', { tag: `burst-${i}` });
          if (answer.status === 200 && answer.body.complete === true) return;
        }
        incomplete++;
      }),
    );
    const cancelMs = performance.now() - cancelStarted;
    const cancelRequests = emulator.requests.length;
    const cancel429 =
      emulator.sync.throttled.writes +
      emulator.sync.throttled.reads -
      throttled.writes -
      throttled.reads;
    const left = [...emulator.messages.values()].filter((m) => m.status === 'scheduled').length;
    const rows = [
      [
        'schedule 16 series at once',
        `${answers.length - failedAnswers} of ${SERIES} answered 200`,
        `${created} created, ${pending} pending, ${unrecorded} named registered: false`,
        `${syncRequests.length} Sync (${throttled.writes + throttled.reads} answered 429), ${all - syncRequests.length} Twilio`,
        `${fixed(scheduleMs / 1000, 1)} s`,
      ],
      [
        'cancel by each tag (flow loop, ≤ 5 calls)',
        `${cancelCalls} calls, ${incomplete} tags still incomplete`,
        `${scheduledAfterBurst - left} canceled, **${left} left scheduled**`,
        `${cancelRequests} (${cancel429} Sync 429s)`,
        `${fixed(cancelMs / 1000, 1)} s`,
      ],
    ];
    const text = [
      '### Burst: 16 tagged daily×20 series, then STOP by tag',
      '',
      'Against the emulator enforcing 20 writes/s and 20 reads/s per Sync Map (10 s window).',
      '',
      table(['step', 'answers', 'messages', 'requests', 'time'], rows),
    ].join('\n');
    return [
      {
        text,
        aims: [
          {
            aim: 'burst: every occurrence recorded or named registered: false',
            figure: `${created} created, ${unrecorded} named`,
            met: failedAnswers === 0,
          },
          {
            aim: 'burst then cancel by tag (≤ 5 calls each): 0 left scheduled',
            figure: `${left} left`,
            met: left === 0 && incomplete === 0,
          },
        ],
      },
    ];
  } finally {
    await emulated.stop();
  }
}

export const burstSection: Section = { name: 'burst', run };
