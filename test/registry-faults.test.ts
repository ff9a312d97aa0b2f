// The registry's fault matrix: every Sync write of every path (one message, a series, a replace,
// cancel by SID, recipient, tag and series, a status callback) × each fault Sync can answer with,
// checked against the contract: nothing sent twice, nothing left scheduled after a
// `complete: true` (and calling again until complete converges), every message not recorded
// named in the answer, a status callback never refused with a 4xx.
//
// Each path is run once without faults to count its Sync writes (POST and DELETE); then once per
// write and fault, the fault put on that write (the n-th write to arrive). The endpoints run from
// the sources on a virtual clock (a 429's back-off costs no real time) against the emulator, in
// process, so the whole matrix takes seconds.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Fault, type RecordedRequest, TwilioEmulator } from '../emulator';
import { cancelMessage } from '../src/endpoints/cancel-message';
import type { Endpoint } from '../src/endpoints/invocation';
import { messageStatus } from '../src/endpoints/message-status';
import { scheduleMessage } from '../src/endpoints/schedule-message';
import { PENDING_LEASE_MS } from '../src/registry/idempotency';
import { placesOf, SHARDS } from '../src/registry/keys';
import { CLAIM_LEASE_MS } from '../src/registry/series';
import { captureConsole, handlerOf, SERVICE, virtualTime } from './support/faults';
import { type Answer, invoke, makeContext } from './support/functions';

const DAY = 24 * 3600 * 1000;

/** The faults, as Sync answers them; `times` answers in a row for the same write. */
const FAULTS: { name: string; fault: Fault; times: number; spendBudget?: boolean }[] = [
  { name: '429 repeated', fault: { kind: 'status', status: 429, code: 54009 }, times: 4 },
  { name: '500', fault: { kind: 'status', status: 500, code: 20500 }, times: 1 },
  { name: '503', fault: { kind: 'status', status: 503, code: 20503 }, times: 1 },
  { name: 'reset', fault: { kind: 'reset' }, times: 1 },
  { name: '412', fault: { kind: 'status', status: 412, code: 54205 }, times: 1 },
  // The write lands, but its answer comes when the time budget is spent: nothing after it runs.
  { name: 'delay past the budget', fault: { kind: 'delay', ms: 5 }, times: 1, spendBudget: true },
];

const isSyncWrite = (req: RecordedRequest) =>
  req.host === 'sync' && (req.method === 'POST' || req.method === 'DELETE');

interface Ctx {
  emulator: TwilioEmulator;
  call(endpoint: 'schedule' | 'cancel' | 'status', event: Record<string, unknown>): Promise<Answer>;
  /** A recipient, tag and body of their own for each run. */
  to: string;
  tag: string;
}

interface PathRun {
  /** What the faulted request answered. */
  answer: Answer;
  /** Checks the contract after the run (may call endpoints again, without faults). */
  check(): Promise<void>;
}

interface Path {
  name: string;
  /** Runs without faults: what the faulted step needs (messages scheduled first, a clock move). */
  setup?(ctx: Ctx): Promise<Record<string, string>>;
  run(ctx: Ctx, state: Record<string, string>): Promise<PathRun>;
}

const scheduledTo = (ctx: Ctx) =>
  [...ctx.emulator.messages.values()].filter((m) => m.to === ctx.to && m.status === 'scheduled');

const seriesOf = (statusCallback: string | null | undefined) =>
  /[?&]series=(SR[0-9a-f]{32})/.exec(statusCallback ?? '')?.[1];

/** Every scheduled message of the recipient, by series and send time: none twice. */
function assertNothingTwice(ctx: Ctx): void {
  const seen = new Set<string>();
  for (const m of scheduledTo(ctx)) {
    const key = `${seriesOf(m.statusCallback) ?? m.body}@${m.sendAt}`;
    assert.ok(!seen.has(key), `sent twice: ${key}`);
    seen.add(key);
  }
}

function hasItem(emulator: TwilioEmulator, mapName: string, key: string): boolean {
  for (const map of emulator.sync.maps.values())
    if (map.uniqueName === mapName && map.items.has(key)) return true;
  return false;
}

/** Every place a message's record is written: each holds it, or the answer says registered: false. */
function assertRecordedOrReported(
  ctx: Ctx,
  message: { sid: string; sendAt: string; tag?: string; series?: string; registered?: unknown },
): void {
  const places = placesOf({ to: ctx.to, ...message });
  const missing = places.filter((p) => !hasItem(ctx.emulator, p.map, p.key));
  if (missing.length > 0)
    assert.equal(message.registered, false, `not recorded, not reported: ${missing[0]?.map}`);
}

/** The flow's loop: calls again while complete is false, at most 5 times; returns the last. */
async function untilComplete(ctx: Ctx, event: Record<string, unknown>): Promise<Answer> {
  let answer: Answer | undefined;
  for (let i = 0; i < 5; i++) {
    answer = await ctx.call('cancel', event);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    if (answer.body.complete === true) break;
  }
  assert.equal(answer?.body.complete, true, 'calling again reaches complete: true');
  return answer as Answer;
}

/** After a complete cancel: the plan is stopped, so a later callback arms nothing. */
async function assertStopped(ctx: Ctx, series: string, anySid: string): Promise<void> {
  const before = scheduledTo(ctx).length;
  const late = await ctx.call('status', { MessageSid: anySid, MessageStatus: 'delivered', series });
  assert.ok(late.status < 400, 'a callback is never refused');
  assert.equal(scheduledTo(ctx).length, before, 'no occurrence of a stopped plan');
}

/** Two occurrences inside Twilio's 35 days, the third pending. */
const SERIES_RULE = 'FREQ=DAILY;INTERVAL=18;COUNT=3';
const startSeries = (ctx: Ctx) =>
  ctx.call('schedule', {
    to: ctx.to,
    body: `series for ${ctx.tag}`,
    delay: '1h',
    repeat: SERIES_RULE,
    tag: ctx.tag,
  });

const PATHS: Path[] = [
  {
    name: 'one message (tag, idempotency key)',
    async run(ctx) {
      const event = { to: ctx.to, body: `one ${ctx.tag}`, minutes: '45', tag: ctx.tag };
      const keyed = { ...event, idempotencyKey: `key-${ctx.tag}` };
      const answer = await ctx.call('schedule', keyed);
      return {
        answer,
        async check() {
          const created = scheduledTo(ctx);
          if (answer.status !== 200) {
            assert.equal(created.length, 0, 'an error answer created nothing');
            // Nothing created: the key is free again, and the retry schedules; at the latest once
            // the reservation's lease is over, when the fault also kept it from being given back.
            let retry = await ctx.call('schedule', keyed);
            if (retry.status === 409) {
              assert.equal(retry.body.error?.code, 'IDEMPOTENCY_KEY_IN_USE');
              ctx.emulator.advanceClock(PENDING_LEASE_MS);
              retry = await ctx.call('schedule', keyed);
            }
            assert.equal(retry.status, 200, JSON.stringify(retry.body));
            assert.equal(scheduledTo(ctx).length, 1);
            return;
          }
          assert.equal(created.length, 1);
          assertRecordedOrReported(ctx, answer.body as never);
          // The same key again: a replay (or in use), never a second message.
          const again = await ctx.call('schedule', keyed);
          assert.ok(again.status === 200 || again.status === 409, JSON.stringify(again.body));
          if (again.status === 200) assert.equal(again.body.replayed, true);
          assert.equal(scheduledTo(ctx).length, 1, 'not sent twice');
          if (answer.body.registered === false) return;
          await untilComplete(ctx, { tag: ctx.tag });
          assert.equal(scheduledTo(ctx).length, 0);
        },
      };
    },
  },
  {
    name: 'a series (tag)',
    async run(ctx) {
      const answer = await startSeries(ctx);
      return {
        answer,
        async check() {
          assertNothingTwice(ctx);
          if (answer.status !== 200) {
            assert.equal(scheduledTo(ctx).length, 0, 'an error answer left nothing scheduled');
            return;
          }
          const occurrences = answer.body.occurrences as { sid: string; sendAt: string }[];
          for (const o of occurrences)
            assertRecordedOrReported(ctx, {
              ...o,
              tag: ctx.tag,
              series: String(answer.body.series),
            });
          // Cancel by series finds every occurrence, recorded or not, and stops the plan.
          await untilComplete(ctx, { series: answer.body.series });
          assert.equal(scheduledTo(ctx).length, 0);
          await assertStopped(ctx, String(answer.body.series), String(occurrences[0]?.sid));
        },
      };
    },
  },
  {
    name: 'replace',
    async setup(ctx) {
      const first = await ctx.call('schedule', {
        to: ctx.to,
        body: `first ${ctx.tag}`,
        minutes: '45',
        tag: ctx.tag,
      });
      assert.equal(first.status, 200);
      return { first: String(first.body.sid) };
    },
    async run(ctx, state) {
      const event = {
        to: ctx.to,
        body: `moved ${ctx.tag}`,
        minutes: '90',
        tag: ctx.tag,
        replace: 'true',
      };
      const answer = await ctx.call('schedule', event);
      return {
        answer,
        async check() {
          const left = scheduledTo(ctx).map((m) => m.sid);
          if (answer.status !== 200) {
            assert.deepEqual(left, [state.first], 'an error answer changed nothing');
            return;
          }
          assertRecordedOrReported(ctx, answer.body as never);
          const notReplaced = ((answer.body.notReplaced ?? []) as { sid: string }[]).map(
            (n) => n.sid,
          );
          if (answer.body.complete === true) {
            assert.deepEqual(left, [answer.body.sid], 'exactly one message with the tag');
          } else {
            // Whatever is still scheduled besides the new one is named.
            for (const sid of left)
              if (sid !== answer.body.sid) assert.ok(notReplaced.includes(sid));
          }
        },
      };
    },
  },
  {
    name: 'cancel by SID',
    async setup(ctx) {
      const one = await ctx.call('schedule', {
        to: ctx.to,
        body: 'x',
        minutes: '45',
        tag: ctx.tag,
      });
      return { sid: String(one.body.sid) };
    },
    async run(ctx, state) {
      const answer = await ctx.call('cancel', { sid: state.sid });
      return {
        answer,
        async check() {
          if (answer.status === 200)
            assert.equal(ctx.emulator.messages.get(state.sid as string)?.status, 'canceled');
        },
      };
    },
  },
  ...(['to', 'tag', 'series'] as const).map(
    (route): Path => ({
      name: `cancel by ${route === 'to' ? 'recipient (STOP)' : route}`,
      async setup(ctx) {
        const series = await startSeries(ctx);
        assert.equal(series.status, 200, JSON.stringify(series.body));
        await ctx.call('schedule', { to: ctx.to, body: 'one', minutes: '45', tag: ctx.tag });
        const first = (series.body.occurrences as { sid: string }[])[0]?.sid ?? '';
        return { series: String(series.body.series), first };
      },
      async run(ctx, state) {
        const target =
          route === 'to'
            ? { to: ctx.to }
            : route === 'tag'
              ? { tag: ctx.tag }
              : { series: state.series };
        const answer = await ctx.call('cancel', target);
        return {
          answer,
          async check() {
            if (answer.status === 200 && answer.body.complete === true)
              assert.equal(
                scheduledTo(ctx).filter((m) => route !== 'series' || seriesOf(m.statusCallback))
                  .length,
                0,
                'complete: true left nothing',
              );
            await untilComplete(ctx, target);
            if (route !== 'series') assert.equal(scheduledTo(ctx).length, 0);
            await assertStopped(ctx, state.series as string, state.first as string);
          },
        };
      },
    }),
  ),
  {
    name: 'status callback (arms the series)',
    async setup(ctx) {
      const series = await startSeries(ctx);
      assert.equal(series.status, 200, JSON.stringify(series.body));
      // Two days on: the first occurrence is sent (its record kept), the third now falls inside
      // Twilio's window.
      ctx.emulator.advanceClock(2 * DAY);
      const first = (series.body.occurrences as { sid: string }[])[0]?.sid ?? '';
      return { series: String(series.body.series), first };
    },
    async run(ctx, state) {
      const callback = { MessageSid: state.first, MessageStatus: 'sent', series: state.series };
      const answer = await ctx.call('status', callback);
      return {
        answer,
        async check() {
          assert.ok(
            answer.status === 200 || answer.status === 503,
            `never a 4xx: ${answer.status}`,
          );
          assertNothingTwice(ctx);
          // Twilio retries a failed callback at once, and the next status comes later: by then the
          // series has caught up (a claim whose invocation gave up is taken back after its lease).
          const retry = await ctx.call('status', callback);
          assert.ok(retry.status === 200 || retry.status === 503, `never a 4xx: ${retry.status}`);
          ctx.emulator.advanceClock(CLAIM_LEASE_MS);
          const later = await ctx.call('status', { ...callback, MessageStatus: 'delivered' });
          assert.equal(later.status, 200, JSON.stringify(later.body));
          assertNothingTwice(ctx);
          const armed = scheduledTo(ctx).filter((m) => seriesOf(m.statusCallback) === state.series);
          assert.equal(armed.length, 2, 'the second and third occurrences are scheduled');
        },
      };
    },
  },
];

describe('registry fault matrix: every Sync write of every path × every fault', () => {
  const emulator = new TwilioEmulator({
    sendIntervalMs: 0,
    // The matrix puts its own faults; Sync's limits are the bench's to show.
    syncWritesPerSecond: 1_000_000,
    syncReadsPerSecond: 0,
    maxRecordedRequests: 100_000,
    callbackTimeoutMs: 200,
  });
  const env: Record<string, string> = { MESSAGING_SERVICE_SID: SERVICE };
  const endpoints: Record<'schedule' | 'cancel' | 'status', [string, Endpoint]> = {
    schedule: ['schedule-message', scheduleMessage],
    cancel: ['cancel-message', cancelMessage],
    status: ['message-status', messageStatus],
  };
  let quiet: ReturnType<typeof captureConsole>;
  let run = 0;
  /** The virtual clock of the call in progress, for a fault that spends its budget. */
  let current: ReturnType<typeof virtualTime> | undefined;

  before(async () => {
    env.TWILIO_API_BASE_URL = await emulator.start();
    quiet = captureConsole();
    // Every Map exists, as on a service that has run a while: each run makes the same writes.
    const auth = `Basic ${Buffer.from(`${emulator.accountSid}:${emulator.authToken}`).toString('base64')}`;
    const kinds = ['sid', 'to', 'tag', 'series', 'idem', 'def', 'arm', 'plans', 'slot', 'scan'];
    for (const kind of kinds) {
      for (let shard = 0; shard < SHARDS; shard++) {
        const made = await fetch(`${emulator.url}/v1/Services/default/Maps`, {
          method: 'POST',
          headers: { Authorization: auth, 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ UniqueName: `sched.${kind}.${shard.toString(16)}` }),
        });
        assert.equal(made.status, 201);
      }
    }
  });
  after(async () => {
    quiet.restore();
    await emulator.stop();
  });

  const ctxFor = (): Ctx => {
    run++;
    return {
      emulator,
      to: `+1555${String(7000000 + run).padStart(7, '0')}`,
      tag: `t${run}`,
      async call(endpoint, event) {
        const time = virtualTime();
        // The functions' clock is the emulator's (a test may have moved it).
        time.jump(emulator.clock.now() - Date.now());
        current = time;
        const [name, handler] = endpoints[endpoint];
        const timed = handlerOf(name, handler, { clock: time.clock, sleep: time.sleep });
        return invoke(timed, makeContext({ env }), event);
      },
    };
  };

  /** Puts `fault` on the n-th Sync write from now (and on its retries, `times` in all). */
  function faultOnWrite(n: number, entry: (typeof FAULTS)[number]): () => boolean {
    let seen = 0;
    let target: string | undefined;
    const decided = new WeakMap<RecordedRequest, boolean>();
    emulator.inject(entry.fault, entry.times, (req) => {
      const known = decided.get(req);
      if (known !== undefined) return known;
      let hit = false;
      if (isSyncWrite(req)) {
        const signature = `${req.method} ${req.path}`;
        if (target === undefined && seen++ === n) {
          target = signature;
          hit = true;
          if (entry.spendBudget) current?.jump(60_000);
        } else hit = target === signature;
      }
      decided.set(req, hit);
      return hit;
    });
    return () => target !== undefined;
  }

  const writesOf = async (path: Path): Promise<number> => {
    const ctx = ctxFor();
    const state = (await path.setup?.(ctx)) ?? {};
    emulator.requests.length = 0;
    const outcome = await path.run(ctx, state);
    assert.equal(outcome.answer.status, 200, JSON.stringify(outcome.answer.body));
    const writes = emulator.requests.filter(isSyncWrite).length;
    await outcome.check();
    return writes;
  };

  const cells: string[] = [];
  const writesByPath = new Map<string, number>();
  for (const path of PATHS) {
    it(`${path.name}: every write × every fault`, async () => {
      const writes = await writesOf(path);
      assert.ok(writes > 0, 'the path writes to Sync');
      writesByPath.set(path.name, writes);
      for (let n = 0; n < writes; n++) {
        for (const entry of FAULTS) {
          const ctx = ctxFor();
          const state = (await path.setup?.(ctx)) ?? {};
          const injected = faultOnWrite(n, entry);
          const outcome = await path.run(ctx, state);
          emulator.clearFaults();
          const where = `${path.name}, write ${n + 1} of ${writes}, ${entry.name}`;
          assert.ok(injected(), `${where}: the fault reached its write`);
          try {
            await outcome.check();
          } catch (error) {
            (error as Error).message =
              `${where}: ${(error as Error).message}\n${JSON.stringify(outcome.answer.body)}`;
            throw error;
          }
          cells.push(where);
        }
      }
    });
  }

  after(() => {
    // The matrix's size, for the record: paths × faults × the writes of each path.
    const writes = [...writesByPath].map(([name, n]) => `${name} ${n}`).join(', ');
    process.stdout.write(
      `# fault matrix: ${PATHS.length} paths, ${FAULTS.length} faults, ${cells.length} cells (Sync writes: ${writes})\n`,
    );
  });
});
