// Bench section `stop`: STOP at scale. /cancel-message by `to` for a recipient with 1,000
// scheduled messages (and 300 older ones), every Twilio call slowed by a loopback latency proxy
// in front of the emulator (both in a child process, as Twilio is not on our CPU): how many are
// canceled in one invocation, and how long it takes, at 0, 50 and 100 ms per call.
import { runStopAtScale } from '../../emulator/stop-at-scale';
import { fixed, progress, table, thousands, verdict } from './report';
import type { Aim, Section, SectionResult } from './section';

const SCHEDULED = 1000;
const HISTORY = 300;
const DELAYS_MS = [0, 50, 100];
const BACKLOG = 5000;

async function run(): Promise<SectionResult[]> {
  const rows: string[][] = [];
  const aims: Aim[] = [];
  for (const delayMs of DELAYS_MS) {
    progress(`stop: ${SCHEDULED} scheduled, ${delayMs} ms per Twilio call`);
    const r = await runStopAtScale({ scheduled: SCHEDULED, history: HISTORY, delayMs });
    rows.push([
      `${delayMs} ms`,
      thousands(r.canceled),
      String(r.complete),
      fixed(r.elapsedMs / 1000, 2),
      String(r.far.maxInFlight),
      thousands((r.far.byMethod.GET ?? 0) + (r.far.byMethod.POST ?? 0)),
    ]);
    if (delayMs === 100) {
      const met = r.status === 200 && r.canceled >= SCHEDULED && r.complete;
      aims.push({
        aim: `STOP: ${thousands(SCHEDULED)} scheduled canceled in one invocation at 100 ms per call`,
        figure: `${thousands(r.canceled)} canceled, complete ${r.complete}, ${fixed(r.elapsedMs / 1000, 2)} s`,
        met,
        verdict: verdict(met),
      });
    }
  }
  // A backlog no single call can clear: the flow's loop (up to 5 calls), each resuming.
  progress(`stop: ${thousands(BACKLOG)} scheduled, 100 ms per Twilio call, the flow's loop`);
  const loop = await runStopAtScale({ scheduled: BACKLOG, delayMs: 100, calls: 5 });
  const cleared = loop.complete && loop.far.scheduledLeft === 0;
  aims.push({
    aim: `STOP: ${thousands(BACKLOG)} scheduled cleared by the flow's loop (≤ 5 calls) at 100 ms per call`,
    figure: `${loop.calls} calls, ${thousands(loop.canceled)} canceled, ${thousands(loop.far.scheduledLeft)} left, ${fixed(loop.elapsedMs / 1000, 1)} s`,
    met: cleared,
    verdict: verdict(cleared),
  });
  rows.push([
    `100 ms, ${thousands(BACKLOG)} scheduled, flow loop`,
    thousands(loop.canceled),
    `${loop.complete} after ${loop.calls} calls`,
    fixed(loop.elapsedMs / 1000, 2),
    String(loop.far.maxInFlight),
    thousands((loop.far.byMethod.GET ?? 0) + (loop.far.byMethod.POST ?? 0)),
  ]);
  const text = [
    '### STOP at scale: /cancel-message by `to`',
    '',
    `${thousands(SCHEDULED)} scheduled messages among ${thousands(SCHEDULED + HISTORY)} for one recipient; the emulator behind a latency proxy, both in a child process. One invocation of the built function, time budget 8 s.`,
    '',
    table(
      ['per Twilio call', 'canceled', 'complete', 'seconds', 'most in flight', 'Twilio calls'],
      rows,
    ),
  ].join('\n');
  return [{ text, aims }];
}

export const stopAtScaleSection: Section = { name: 'stop', run, checkoutOnly: true };
