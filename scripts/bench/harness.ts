// Calling a built function in-process, the way the runtime calls it: `Twilio.Response` as a
// global, a context with the service's variables, and a Twilio client that is either a stand-in
// answering at once or the real twilio-node with its HTTP call answered in-process.
import { EventEmitter } from 'node:events';
import http from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import twilio from 'twilio';
import { EMULATOR_ACCOUNT_SID, EMULATOR_AUTH_TOKEN } from '../../emulator';
import { installResponseStandIn, type ResponseStandIn } from '../../emulator/twilio-response';
import { CREATED_SID, ENV, ENV_V1, SERVICE, TO } from './inputs';

const require = createRequire(import.meta.url);
installResponseStandIn();

type Callback = (error: unknown, response: unknown) => void;
export type Handler = (
  context: unknown,
  event: Record<string, unknown>,
  callback: Callback,
) => unknown;

/** The handler of `functions/<name>.protected.js`. */
export const loadHandler = (functions: string, name: string): Handler =>
  require(join(functions, `${name}.protected.js`)).handler;

/**
 * The handler of a module instance of its own, sharing nothing with loadHandler's: our transport
 * keeps `http.request` from its first call, so an instance that ran with installInstantHttp
 * would keep answering in-process.
 */
export function loadOwnHandler(functions: string, name: string): Handler {
  const path = require.resolve(join(functions, `${name}.protected.js`));
  const shared = require.cache[path];
  delete require.cache[path];
  try {
    return require(path).handler;
  } finally {
    if (shared) require.cache[path] = shared;
    else delete require.cache[path];
  }
}

/** A stand-in for Twilio only: `messages.create` resolves at once. Everything of ours runs. */
const instantClient = {
  messages: {
    create: async (params: { to: string; sendAt: Date }) => {
      if (!(params.sendAt instanceof Date)) throw new Error('no sendAt');
      return { sid: CREATED_SID, status: 'scheduled' };
    },
  },
};
/** The registry off (REGISTRY=off): version 1's path, which the stand-in measures. */
export const standInContext = {
  DOMAIN_NAME: 'localhost',
  PATH: '/schedule-message',
  ...ENV_V1,
  getTwilioClient: () => instantClient,
};

/** Sync writes the stand-in below has answered: a build without a registry makes none. */
export const syncStandIn = { creates: 0 };

/**
 * Twilio and Sync stand-ins that answer at once, the registry on (version 2's default): the
 * figure is our code, registry writes included. Only what a schedule without a key uses:
 * `sync.v1.services(x).syncMaps(y).syncMapItems.create(...)` resolving the item.
 */
const syncMapItems = {
  create: async (params: { key: string; data: unknown }) => {
    syncStandIn.creates++;
    return { key: params.key, data: params.data, revision: '0' };
  },
};
const instantSyncClient = {
  ...instantClient,
  sync: {
    v1: { services: (_service: string) => ({ syncMaps: (_map: string) => ({ syncMapItems }) }) },
  },
};
export const registryStandInContext = {
  DOMAIN_NAME: 'localhost',
  PATH: '/schedule-message',
  ...ENV,
  getTwilioClient: () => instantSyncClient,
};

/** The real twilio client, as the runtime builds it, with the handler's own transport. */
export const realClientContext = {
  DOMAIN_NAME: 'localhost',
  PATH: '/schedule-message',
  ...ENV_V1,
  // A discard port on loopback: if the fetch stand-in were missing, nothing would leave.
  TWILIO_API_BASE_URL: 'http://127.0.0.1:9',
  getTwilioClient: (opts?: Record<string, unknown>) =>
    twilio(EMULATOR_ACCOUNT_SID, EMULATOR_AUTH_TOKEN, { lazyLoading: true, ...opts }),
};

/**
 * Answers every HTTP call in-process with a 201 Message, as the Messages API would: through
 * `fetch` (our transport before it moved to node:http) and through `http.request`, which our
 * transport takes from the module on its first call and keeps: use a module instance of its own
 * (loadOwnHandler) whose first Twilio call is made with this in place. Returns the undo.
 */
export function installInstantHttp(): () => void {
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
  const headers = { 'content-type': 'application/json' };
  const originalFetch = globalThis.fetch;
  const originalRequest = http.request;
  globalThis.fetch = async () => new Response(body, { status: 201, headers });
  // Only what a client request needs here: `on`, `end`, `destroy`, and a 'response' after `end`.
  http.request = (() => {
    const request = Object.assign(new EventEmitter(), {
      end: () => {
        process.nextTick(() => {
          const response = Object.assign(Readable.from([Buffer.from(body)]), {
            statusCode: 201,
            headers,
          });
          request.emit('response', response);
        });
        return request;
      },
      destroy: () => request,
    });
    return request;
  }) as unknown as typeof http.request;
  return () => {
    globalThis.fetch = originalFetch;
    http.request = originalRequest;
  };
}

let lastResponse: ResponseStandIn | undefined;
const keep: Callback = (error, response) => {
  if (error) throw error;
  lastResponse = response as ResponseStandIn;
};

/** One invocation as the runtime makes it; the answer is checked, so no failure is timed. */
export async function invokeOnce(
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

/** Whether this build answers 200 to `event` (an older build may not know a parameter). */
export async function accepts(
  handler: Handler,
  context: unknown,
  event: Record<string, string>,
): Promise<boolean> {
  try {
    await withLog(noLog, () => invokeOnce(handler, context, event));
    return true;
  } catch {
    return false;
  }
}

/**
 * console.log replaced while `run` runs. The built functions log through console.log (they
 * pass no logger to defineHandler), so this is the only way in: the line is still built and
 * handed over, only not written to the terminal.
 */
export async function withLog<T>(log: (line: string) => void, run: () => Promise<T>): Promise<T> {
  const original = console.log;
  console.log = log;
  try {
    return await run();
  } finally {
    console.log = original;
  }
}
export const noLog = (_line: string) => {};
