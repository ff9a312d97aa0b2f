// Section `input-cost`: the CPU time of the worst inputs a request can carry into the time layer
// (an RRULE at and past its limits, a series of 100 occurrences over 42 candidate zones with
// quiet hours and days, oversized lists), through the same pure functions the built function
// runs: parseRepeat, expandSeries, skipQuietDays and finalTime per occurrence, parseQuietDays,
// zonesForNumber. Each input is timed alone with process.cpuUsage: its first call (cold code,
// ICU's first formatters for its zones) and the median and worst of the next ones. The aim: every request
// stays under 100 ms of CPU, whatever its input.
import type { Result } from '../../src/core/errors';
import { parseQuietDays } from '../../src/time/quiet-days';
import { zonesForNumber } from '../../src/time/recipient-zones';
import { parseRepeat } from '../../src/time/repeat-parse';
import type { RepeatInput } from '../../src/time/repeat-rule';
import { finalTime, type SendTimeRequest } from '../../src/time/send-time';
import { expandSeries } from '../../src/time/series-expand';
import { skipQuietDays } from '../../src/time/series-quiet-days';
import { fixed, progress, table, verdict } from './report';
import type { Section, SectionResult } from './section';
import { median } from './stats';

const AIM_MS = 100;
const RUNS = 30;
const NOW = Date.parse('2026-12-01T12:00:00Z');
const WINDOW = { minLeadMinutes: 15, maxLeadDays: 35 };

/** Everything a series request costs in the time layer, from `repeat` to each occurrence's time. */
function series(input: RepeatInput, to: string, zone?: string): Result<unknown> {
  const zones = zone === undefined ? zonesForNumber(to) : [zone];
  const shown = zones[0] ?? 'UTC';
  const rule = parseRepeat(input, { now: NOW, zone: shown });
  if (!rule.ok) return rule;
  const first = Date.parse('2026-12-02T14:00:00Z');
  const expanded = expandSeries(first, rule.value, shown);
  if (!expanded.ok) return expanded;
  const request: SendTimeRequest = {
    spec: { kind: 'instant', instant: first },
    zones,
    quietHours: { start: 21 * 60, end: 8 * 60 },
    quietDays: new Set([0, 6]),
    ifTooSoon: 'reject',
    locale: 'fr-FR',
  };
  const { kept } = skipQuietDays(expanded.value, request, zones);
  // armWithin: each occurrence through the window and quiet rules, sendAtText included.
  for (const instant of kept) finalTime({ instant, zone: shown }, request, WINDOW, NOW);
  return { ok: true, value: kept.length };
}

const allMonthDays = Array.from({ length: 31 }, (_, i) => i + 1).join(',');

const INPUTS: { name: string; run: () => unknown }[] = [
  {
    name: 'an RRULE with a 273 KiB BYDAY list (refused: over 256 characters)',
    run: () =>
      parseRepeat(
        { repeat: `FREQ=WEEKLY;BYDAY=${'MO,'.repeat(93_000)}MO;COUNT=3` },
        { now: NOW, zone: 'UTC' },
      ),
  },
  {
    name: 'an RRULE of 8 BYDAY entries (refused: at most 7)',
    run: () =>
      parseRepeat(
        { repeat: 'FREQ=MONTHLY;BYDAY=1MO,2MO,3MO,4MO,-1MO,1TU,2TU,3TU;COUNT=100' },
        { now: NOW, zone: 'UTC' },
      ),
  },
  {
    name: 'DAILY x100, quiet 21:00-08:00 and sat,sun, a +1 toll-free number (42 zones)',
    run: () => series({ repeat: 'daily', count: '100' }, '+18005550100'),
  },
  {
    name: `MONTHLY BYMONTHDAY=1..31 x100, same rules, 42 zones`,
    run: () =>
      series({ repeat: `FREQ=MONTHLY;BYMONTHDAY=${allMonthDays};COUNT=100` }, '+18005550100'),
  },
  {
    name: 'WEEKLY BYDAY=7 days UNTIL a year on (refused: over 100), New York',
    run: () =>
      series(
        { repeat: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU', until: '2027-12-01' },
        '',
        'America/New_York',
      ),
  },
  {
    name: 'MONTHLY Friday the 13th x100 (too rare: refused after 366 days), New York',
    run: () =>
      series({ repeat: 'FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13;COUNT=100' }, '', 'America/New_York'),
  },
  {
    name: 'quietDays: 200 KiB of "sun,"',
    run: () => parseQuietDays('sun,'.repeat(51_200)),
  },
  {
    name: 'timeZone=recipient: an Australian mobile (8 zones, validity data loaded)',
    run: () => zonesForNumber('+61412345678'),
  },
];

function cpuMs(run: () => unknown): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

export const inputCostSection: Section = {
  name: 'input-cost',
  run: async (): Promise<SectionResult[]> => {
    progress('input cost');
    // Loading the modules (tsx compiling these sources, the validity data among them) is not a
    // request's cost: the built function's load is measured in `cold`. Loaded before timing.
    zonesForNumber('+12125550100');
    const rows: string[][] = [];
    let worst = 0;
    for (const input of INPUTS) {
      const first = cpuMs(input.run);
      const times = Array.from({ length: RUNS }, () => cpuMs(input.run));
      const max = Math.max(first, ...times);
      worst = Math.max(worst, max);
      rows.push([input.name, fixed(first, 2), fixed(median(times), 2), fixed(max, 2)]);
    }
    const text = [
      '## Input cost: the worst inputs, CPU ms per request (time layer)',
      '',
      table(['input', 'first call', `median of ${RUNS}`, 'worst'], rows),
    ].join('\n');
    const figure = `worst ${fixed(worst, 1)} ms`;
    return [
      {
        text,
        aims: [
          {
            aim: `every input under ${AIM_MS} ms of CPU`,
            figure,
            met: worst < AIM_MS,
            verdict: verdict(worst < AIM_MS),
          },
        ],
      },
    ];
  },
};
