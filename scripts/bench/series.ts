// Section `series`: what `repeat` costs. The Twilio and Sync round trips of a 35-occurrence
// series request and its time at the local emulator; then the cost of one status callback that
// arms the next occurrence, and of the same callback again (it arms nothing). The emulator's
// clock is moved to each send; the callbacks are made in-process (the emulator posts none: the
// StatusCallback names a host that is not this machine).
import {
  type Answer,
  type Measured,
  PROXY_DELAY_MS,
  sequentialOf,
  spread,
  startEmulated,
} from './emulated';
import { fixed, progress, table } from './report';
import type { BenchOptions, Section, SectionResult } from './section';
import { median } from './stats';

const NY = 'America/New_York';
const SERIES_RUNS = 5;
const CALLBACKS = 10;

interface Row {
  what: string;
  measured: Measured;
  result: string;
  /** Extra direct runs (callbacks, each on its own day) beside the measured ones. */
  times?: number[];
}

async function run({ functions }: BenchOptions): Promise<SectionResult[]> {
  progress('series: round trips and arming at the emulator');
  // Sync's write limits as Twilio's (~20/s per Map, 10 s bursts). The StatusCallback goes to a
  // name that is not loopback, so the emulator records the callback and posts nothing.
  const emulated = await startEmulated(functions, { env: { DOMAIN_NAME: 'bench.invalid' } });
  const rows: Row[] = [];
  try {
    const { emulator, measure, count, call } = emulated;
    await emulated.createRegistryMaps();
    let n = 0;
    const series = (count: number, at: string) => () => ({
      to: `+1555100${String(++n).padStart(4, '0')}`,
      body: 'Daily',
      repeat: 'daily',
      count: String(count),
      at,
      timeZone: NY,
    });
    const started = (a: Answer) => a.status === 200 && Array.isArray(a.body.occurrences);
    const request = await measure('schedule-message', series(35, '08:00'), {
      runs: SERIES_RUNS,
      untilMs: 60_000,
      check: started,
    });
    const created = (request.answer.body.occurrences as unknown[]).length;
    rows.push({
      what: '`repeat=daily&count=35&at=08:00&timeZone=America/New_York`',
      measured: request,
      result: `${created} scheduled at once, ${request.answer.body.pending} pending`,
    });

    // Arming: a daily series of 60; each day one goes out, and one more comes inside 35 days.
    const to = '+15551200000';
    const start = await call('schedule-message', { ...series(60, '09:00')(), to });
    if (!started(start)) throw new Error(`series: ${JSON.stringify(start.body)}`);
    const mine = new Set((start.body.occurrences as { sid: string }[]).map((o) => o.sid));
    /** Moves the clock to this series' next send; returns the SID that went out. */
    const nextSent = (): string => {
      for (let step = 0; step < 10; step++) {
        const sid = emulator.advanceToNextSend().find((s) => mine.has(s));
        if (sid) return sid;
      }
      throw new Error('series: none of its messages went out');
    };
    const status = (sid: string) => () => ({ MessageSid: sid, MessageStatus: 'sent' });
    const recorded = (a: Answer) => a.status === 200 && a.body.recorded === true;
    const armedOne = (a: Answer) => recorded(a) && a.body.armed === 1;
    const armedNone = (a: Answer) => recorded(a) && a.body.armed === 0;
    // An armed occurrence's SID is not in the callback's answer: found at the emulator.
    const track = () => {
      for (const m of emulator.messages.values()) if (m.to === to) mine.add(m.sid);
    };

    // Warm: the code of /message-status and its connections (a SID the registry does not know).
    const unknown = { MessageSid: `SM${'0'.repeat(32)}`, MessageStatus: 'sent' };
    for (const viaProxy of [false, true]) {
      const warm = await call('message-status', unknown, { viaProxy });
      if (warm.status !== 200) throw new Error(`warm-up: ${JSON.stringify(warm.body)}`);
    }
    // The first day behind the proxy (sequential round trips), the others direct.
    let sid = nextSent();
    const arming = await measure('message-status', status(sid), {
      runs: 0,
      untilMs: 1,
      warm: false,
      check: armedOne,
    });
    const duplicate = await measure('message-status', status(sid), {
      runs: 0,
      untilMs: 1,
      warm: false,
      check: armedNone,
    });
    track();
    const armTimes: number[] = [];
    const dupTimes: number[] = [];
    for (let day = 1; day < CALLBACKS; day++) {
      sid = nextSent();
      let t = performance.now();
      const armed = await count(() => call('message-status', status(sid)()));
      armTimes.push(performance.now() - t);
      if (!armedOne(armed.answer)) throw new Error(`arming: ${JSON.stringify(armed.answer.body)}`);
      arming.trips.push(armed.trips);
      t = performance.now();
      const again = await count(() => call('message-status', status(sid)()));
      dupTimes.push(performance.now() - t);
      if (!armedNone(again.answer)) throw new Error(`again: ${JSON.stringify(again.answer.body)}`);
      duplicate.trips.push(again.trips);
      track();
    }
    rows.push({
      what: '`/message-status` `sent` that arms the next occurrence',
      measured: arming,
      result: 'armed 1',
      times: armTimes,
    });
    rows.push({
      what: 'the same callback again (duplicate)',
      measured: duplicate,
      result: 'armed 0',
      times: dupTimes,
    });
  } finally {
    await emulated.stop();
  }

  const tableRows = rows.map((row) => {
    const { trips, proxiedMs, mostInFlight } = row.measured;
    const times = row.times ?? row.measured.times;
    const sequential = sequentialOf(proxiedMs, times);
    const pick = (key: keyof (typeof trips)[number]) => spread(trips.map((t) => t[key]));
    return [
      row.what,
      row.result,
      pick('api'),
      `${pick('sync')} (${pick('syncReads')} read, ${pick('syncWrites')} write)`,
      spread(trips.map((t) => t.api + t.sync)),
      String(sequential),
      String(mostInFlight),
      fixed(median(times), 1),
      String(times.length),
    ];
  });
  const text = [
    '### 6. Series (`repeat`): round trips counted at the emulator, and time there',
    '',
    table(
      [
        'request',
        'result',
        'Twilio requests',
        'Sync requests',
        'in all',
        'sequential',
        'most at once',
        'median ms at the emulator',
        'runs',
      ],
      tableRows,
    ),
    '',
    `As in section 5: built functions in-process, the real twilio client, requests counted at the emulator by host; "sequential" from one call behind a proxy that delays every request by ${PROXY_DELAY_MS} ms (its time - the median direct time, / ${PROXY_DELAY_MS} ms), on the first series and the first day's callbacks. A series request saves its plan, then for each occurrence inside Twilio's 35 days claims it (Sync create-with-key), creates it at Twilio and writes its 3 records (SID, recipient, series) in parallel; the first occurrence alone, the rest 4 at a time (src/endpoints/series.ts). Sync's write limits are Twilio's (20/s per Map over 10 s). The callbacks: a daily series of 60 at 09:00 New York; the emulator's clock (which Date.now follows) is moved to each of its sends in turn, and \`/message-status\` is called in-process with \`{MessageSid, MessageStatus: 'sent'}\`, then again with the same. The callback updates the record (read, conditional write, copies), reads the plan and the claims, claims, creates and records the occurrence that came inside the window, and reads the plan again (a cancel in between takes it back); the duplicate finds the status recorded and every occurrence in the window claimed.`,
  ].join('\n');
  return [{ text, aims: [] }];
}

export const seriesSection: Section = { name: 'series', run };
