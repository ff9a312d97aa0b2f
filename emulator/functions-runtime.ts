// A stand-in for Twilio's Functions runtime: runs the built functions/*.js (what Twilio deploys)
// in-process, with a Twilio.Response stand-in, a Runtime.getAssets() over the built assets/, and
// a context whose getTwilioClient() builds the real twilio client, as the runtime does. Used by
// the tests and the bench.
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import twilio from 'twilio';
import { EMULATOR_ACCOUNT_SID, EMULATOR_AUTH_TOKEN } from './index';
import { installResponseStandIn, ResponseStandIn } from './twilio-response';

export { ResponseStandIn };

const require = createRequire(import.meta.url);

installResponseStandIn();
installRuntimeStandIn(join(import.meta.dirname, '../assets'));

/**
 * `Runtime.getAssets()` as Twilio's runtime answers it for private assets: `x.private.js` of the
 * assets folder under `/x.js`, with its file path (how the functions' lazy parts are found).
 * Public assets are served by URL, not listed here; a Runtime already present is kept.
 */
export function installRuntimeStandIn(assetsDir: string): void {
  const global = globalThis as { Runtime?: unknown };
  if (global.Runtime !== undefined) return;
  global.Runtime = {
    getAssets() {
      const assets: Record<string, { path: string }> = {};
      let files: string[] = [];
      try {
        files = readdirSync(assetsDir);
      } catch {
        // No assets folder: no private asset (a lazy part then fails, as it would deployed).
      }
      for (const file of files.filter((name) => /\.private\.[^.]+$/.test(name))) {
        assets[`/${file.replace('.private.', '.')}`] = { path: join(assetsDir, file) };
      }
      return assets;
    },
  };
}

export interface Answer {
  status: number;
  body: Record<string, unknown> & { ok: boolean; error?: Record<string, unknown> };
  headers: Record<string, string>;
  callbacks: number;
}

type Handler = (
  context: unknown,
  event: unknown,
  callback: (err: unknown, res: unknown) => void,
) => unknown;

/** A built function by its path name: `schedule-message` (protected) or `console` (public). */
export function loadFunction(name: string): Handler {
  const folder = join(import.meta.dirname, '../functions');
  const file = existsSync(join(folder, `${name}.protected.js`))
    ? `${name}.protected.js`
    : `${name}.js`;
  return require(join(folder, file)).handler;
}

export interface ContextOptions {
  env?: Record<string, string | undefined>;
  /** Counts getTwilioClient() calls, to prove a path never reaches Twilio. */
  onClient?: () => void;
}

export function makeContext(options: ContextOptions = {}) {
  return {
    DOMAIN_NAME: 'localhost',
    PATH: '/',
    SERVICE_SID: undefined,
    ENVIRONMENT_SID: undefined,
    ...options.env,
    getTwilioClient(opts?: Record<string, unknown>) {
      options.onClient?.();
      return twilio(EMULATOR_ACCOUNT_SID, EMULATOR_AUTH_TOKEN, { lazyLoading: true, ...opts });
    },
  };
}

/** Invokes a handler as the runtime does and resolves with what it passed to callback. */
export async function invoke(
  handler: Handler,
  context: unknown,
  event: Record<string, unknown>,
): Promise<Answer> {
  let callbacks = 0;
  let response: ResponseStandIn | undefined;
  await new Promise<void>((resolve, reject) => {
    Promise.resolve(
      handler(context, event, (err, res) => {
        callbacks++;
        if (err) reject(err);
        response = res as ResponseStandIn;
        resolve();
      }),
    ).catch(reject);
  });
  // Give a second callback, if any, the chance to show itself.
  await new Promise((resolve) => setImmediate(resolve));
  if (!response) throw new Error('no response');
  return {
    status: response.statusCode,
    body: response.body as Answer['body'],
    headers: response.headers,
    callbacks,
  };
}
