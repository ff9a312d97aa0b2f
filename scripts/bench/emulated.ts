// The built functions called in-process against the local emulator (Messages API and Sync), for
// the sections that count round trips (registry, series): the real twilio client with our
// transport, aimed either at the emulator or at a latency proxy in front of it. The emulator
// counts the requests (by host: `api` or `sync`); the proxy's fixed delay per request turns the
// time of a call into its number of sequential round trips. While running, the functions' clock
// (Date.now) follows the emulator's movable clock, as under `npm start`; stop() restores it.
import { performance } from 'node:perf_hooks';
import twilio from 'twilio';
import {
  EMULATOR_ACCOUNT_SID,
  EMULATOR_AUTH_TOKEN,
  type EmulatorOptions,
  TwilioEmulator,
} from '../../emulator';
import { type LatencyProxy, startLatencyProxy } from '../../emulator/latency-proxy';
import { SHARDS } from '../../src/registry/keys';
import { type Handler, loadOwnHandler } from './harness';
import { ENV } from './inputs';
import { median } from './stats';

/** The delay the proxy adds to every request: large beside our own few ms per call. */
export const PROXY_DELAY_MS = 50;

// Captured before anything points Date.now at the emulator: the emulator's own time source.
const realNow = Date.now.bind(Date);

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** What one call cost in round trips, counted at the emulator. */
export interface Trips {
  api: number;
  sync: number;
  /** Sync requests that read (GET) and that wrote (POST, DELETE). */
  syncReads: number;
  syncWrites: number;
}

export interface Measured {
  /** Round trips of every timed call: equal unless something (a Map, a retry) differed. */
  trips: Trips[];
  /** Time of the call behind the proxy, ms. */
  proxiedMs: number;
  /** The most requests in flight at once, seen by the proxy. */
  mostInFlight: number;
  /** Time of each direct call at the emulator, ms. */
  times: number[];
  answer: Answer;
}

export interface Emulated {
  emulator: TwilioEmulator;
  /** Calls a built function in-process; `viaProxy` sends its Twilio calls through the proxy. */
  call(
    name: string,
    event: Record<string, string>,
    options?: { viaProxy?: boolean; env?: Record<string, string> },
  ): Promise<Answer>;
  /** Counts the requests that reach the emulator while `run` runs. */
  count(run: () => Promise<Answer>): Promise<{ trips: Trips; answer: Answer }>;
  /**
   * One call behind the proxy (its sequential round trips), then up to `runs` direct calls
   * (their time), each counted; `event(i)` gives each call its event, `check` its answer.
   * Unless `warm` is false, one call direct and one behind the proxy (event(-1), event(-2)) first, so that neither loading code
   * nor opening connections is counted as a round trip.
   */
  measure(
    name: string,
    event: (i: number) => Record<string, string>,
    options: {
      runs: number;
      untilMs: number;
      env?: Record<string, string>;
      warm?: boolean;
      check: (answer: Answer) => boolean;
    },
  ): Promise<Measured>;
  /** Creates every Map the registry uses, as on a service that has run a while. */
  createRegistryMaps(): Promise<void>;
  stop(): Promise<void>;
}

export async function startEmulated(
  functions: string,
  options: EmulatorOptions & { env?: Record<string, string> } = {},
): Promise<Emulated> {
  const { env: baseEnv = {}, ...emulatorOptions } = options;
  const emulator = new TwilioEmulator({
    clock: realNow,
    sendIntervalMs: 0,
    maxRecordedRequests: 10_000,
    ...emulatorOptions,
  });
  const direct = await emulator.start();
  let proxy: LatencyProxy | undefined;
  try {
    proxy = await startLatencyProxy(direct, PROXY_DELAY_MS);
  } catch (error) {
    await emulator.stop();
    throw error;
  }
  const viaProxy = proxy.url;
  Date.now = () => emulator.clock.now();
  // The functions log each call through console.log: quiet while this runs (calls overlap, so
  // once here rather than around each call).
  const log = console.log;
  console.log = () => {};

  const handlers = new Map<string, Handler>();
  const handlerOf = (name: string): Handler => {
    let handler = handlers.get(name);
    if (!handler) {
      handler = loadOwnHandler(functions, name);
      handlers.set(name, handler);
    }
    return handler;
  };

  const call: Emulated['call'] = async (name, event, callOptions = {}) => {
    const context = {
      PATH: `/${name}`,
      ...ENV,
      ...baseEnv,
      ...callOptions.env,
      TWILIO_API_BASE_URL: callOptions.viaProxy ? viaProxy : direct,
      getTwilioClient: (opts?: Record<string, unknown>) =>
        twilio(EMULATOR_ACCOUNT_SID, EMULATOR_AUTH_TOKEN, { lazyLoading: true, ...opts }),
    };
    let answer: Answer | undefined;
    await handlerOf(name)(context, { ...event }, (error, response) => {
      if (error) throw error;
      const r = response as { statusCode: number; body: Record<string, unknown> };
      answer = { status: r.statusCode, body: r.body };
    });
    if (!answer) throw new Error(`${name} gave no answer`);
    return answer;
  };

  const count: Emulated['count'] = async (run) => {
    emulator.requests.length = 0;
    const answer = await run();
    const trips: Trips = { api: 0, sync: 0, syncReads: 0, syncWrites: 0 };
    for (const r of emulator.requests) {
      if (r.host === 'api') trips.api++;
      if (r.host !== 'sync') continue;
      trips.sync++;
      if (r.method === 'GET') trips.syncReads++;
      else trips.syncWrites++;
    }
    return { trips, answer };
  };

  const measure: Emulated['measure'] = async (name, event, measureOptions) => {
    const { runs, untilMs, env, check } = measureOptions;
    const expect = (answer: Answer) => {
      if (!check(answer)) {
        throw new Error(
          `${name}: unexpected answer ${answer.status} ${JSON.stringify(answer.body)}`,
        );
      }
      return answer;
    };
    const callOptions = env ? { env } : {};
    if (measureOptions.warm !== false) {
      expect(await call(name, event(-1), callOptions));
      expect(await call(name, event(-2), { ...callOptions, viaProxy: true }));
    }
    proxy?.reset();
    const started = performance.now();
    const behind = await count(async () =>
      expect(await call(name, event(0), { ...callOptions, viaProxy: true })),
    );
    const proxiedMs = performance.now() - started;
    const mostInFlight = proxy?.maxInFlight ?? 0;
    const trips = [behind.trips];
    const times: number[] = [];
    const until = performance.now() + untilMs;
    for (let i = 1; i <= runs && performance.now() < until; i++) {
      const t = performance.now();
      const counted = await count(async () => expect(await call(name, event(i), callOptions)));
      times.push(performance.now() - t);
      trips.push(counted.trips);
    }
    return { trips, proxiedMs, mostInFlight, times, answer: behind.answer };
  };

  const createRegistryMaps = async () => {
    const auth = `Basic ${Buffer.from(`${EMULATOR_ACCOUNT_SID}:${EMULATOR_AUTH_TOKEN}`).toString('base64')}`;
    const kinds = ['sid', 'to', 'tag', 'series', 'idem', 'def', 'arm', 'plans', 'slot'];
    for (const kind of kinds) {
      for (let shard = 0; shard < SHARDS; shard++) {
        const response = await fetch(`${direct}/v1/Services/default/Maps`, {
          method: 'POST',
          headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ UniqueName: `sched.${kind}.${shard.toString(16)}` }),
        });
        await response.arrayBuffer();
        if (response.status !== 201 && response.status !== 409) {
          throw new Error(`creating a Sync Map: HTTP ${response.status}`);
        }
      }
    }
  };

  const stop = async () => {
    Date.now = realNow;
    console.log = log;
    await proxy?.stop();
    await emulator.stop();
  };

  return { emulator, call, count, measure, createRegistryMaps, stop };
}

/**
 * Sequential round trips: (the time behind the proxy - the median time of the same call
 * direct) / the proxy's delay, i.e. how many delays the call waited for one after another.
 */
export const sequentialOf = (proxiedMs: number, directTimes: number[]): number =>
  Math.max(0, Math.round((proxiedMs - median(directTimes)) / PROXY_DELAY_MS));

/** `3` when every run agrees, else `3–5`. */
export function spread(values: number[]): string {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? String(low) : `${low}–${high}`;
}
