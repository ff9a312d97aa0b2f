// Section `listing`: /scheduled-messages for a recipient with 5,000 upcoming messages against
// one with 50: what one answer reads (Sync pages) and costs, and following `cursor` to the end.
// A listing reads in send-time order and stops at the answer's size cap, so its cost follows
// the answer, not the backlog. Records are written straight into the emulator's Sync (the write
// limit is lifted for that only); reads are limited as Twilio's are (20/s per Map).
import { performance } from 'node:perf_hooks';
import { EMULATOR_ACCOUNT_SID, EMULATOR_AUTH_TOKEN } from '../../emulator';
import { placesOf } from '../../src/registry/keys';
import { startEmulated } from './emulated';
import { fixed, progress, table, verdict } from './report';
import type { BenchOptions, Section, SectionResult } from './section';

const DAY = 24 * 3600 * 1000;

async function run({ functions }: BenchOptions): Promise<SectionResult[]> {
  const emulated = await startEmulated(functions, {
    syncWritesPerSecond: 1_000_000,
    syncReadsPerSecond: 20,
    maxRecordedRequests: 20_000,
  });
  try {
    const { emulator, call } = emulated;
    const auth = `Basic ${Buffer.from(`${EMULATOR_ACCOUNT_SID}:${EMULATOR_AUTH_TOKEN}`).toString('base64')}`;
    const post = (path: string, form: Record<string, string>) =>
      fetch(`${emulator.url}/v1/Services/default/${path}`, {
        method: 'POST',
        headers: { Authorization: auth, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form),
      }).then((r) => r.arrayBuffer());
    const seed = async (to: string, count: number) => {
      const start = Date.now() + DAY;
      for (let i = 0; i < count; i++) {
        const sid = `SM${(count * 100_000 + i).toString(16).padStart(32, '0')}`;
        const sendAt = `${new Date(start + i * 60_000).toISOString().slice(0, 19)}Z`;
        const record = {
          sid,
          to,
          sendAt,
          status: 'scheduled',
          createdAt: new Date().toISOString(),
        };
        const place = placesOf(record)[1];
        if (!place) throw new Error('no recipient place');
        if (i === 0) await post('Maps', { UniqueName: place.map });
        await post(`Maps/${place.map}/Items`, { Key: place.key, Data: JSON.stringify(record) });
      }
    };
    const rows: string[][] = [];
    const firstReads: number[] = [];
    for (const [to, count] of [
      ['+15552880050', 50],
      ['+15552885000', 5_000],
    ] as const) {
      progress(`listing: a recipient with ${count} upcoming`);
      await seed(to, count);
      let cursor: string | undefined;
      let calls = 0;
      let listed = 0;
      let totalReads = 0;
      let totalMs = 0;
      let firstShown = 0;
      do {
        emulator.requests.length = 0;
        const started = performance.now();
        const answer = await call('scheduled-messages', cursor ? { to, cursor } : { to });
        totalMs += performance.now() - started;
        const reads = emulator.requests.filter((r) => r.host === 'sync').length;
        const shown = (answer.body.messages as unknown[] | undefined)?.length ?? 0;
        if (calls === 0) {
          firstReads.push(reads);
          firstShown = shown;
          rows.push([
            `${count} upcoming: first answer`,
            String(shown),
            String(reads),
            fixed(totalMs, 1),
          ]);
        }
        calls++;
        listed += shown;
        totalReads += reads;
        cursor = typeof answer.body.cursor === 'string' ? answer.body.cursor : undefined;
      } while (cursor !== undefined && calls < 50);
      rows.push([
        `${count} upcoming: following \`cursor\` to the end`,
        `${listed} in ${calls} answers`,
        String(totalReads),
        fixed(totalMs, 1),
      ]);
      if (firstShown === 0) throw new Error('nothing listed');
    }
    const [small, large] = firstReads;
    const met = small !== undefined && large !== undefined && large <= 6;
    return [
      {
        text: [
          '### Listing a recipient: cost follows the answer, not the backlog',
          '',
          table(['listing', 'messages', 'Sync reads', 'ms'], rows),
        ].join('\n'),
        aims: [
          {
            aim: 'listing: one answer reads only what it returns (5,000 upcoming)',
            figure: `${large} Sync reads for the first answer (50 upcoming: ${small})`,
            met,
            verdict: verdict(met),
          },
        ],
      },
    ];
  } finally {
    await emulated.stop();
  }
}

export const listingSection: Section = { name: 'listing', run };
