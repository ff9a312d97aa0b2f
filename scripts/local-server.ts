// The local Functions server, as a child process of scripts/local-stack.ts: the real runtime
// from `@twilio/runtime-handler/dev` (the app twilio-run serves: same `event`, `context`,
// `Runtime`, `Twilio.Response`, routing by file name) behind our front (scripts/local-front.ts),
// listening on 127.0.0.1 only. Unlike twilio-run it never listens on every interface, takes its
// variables from its own environment (never a file), and exits as soon as its parent is gone.
//
// Its parent passes LOCAL_SERVER_OPTIONS (JSON: ServerOptions) and the functions' variables in
// the environment, talks to it over an IPC channel, and gets one message once it listens.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { LocalDevelopmentServer } from '@twilio/runtime-handler/dev';
import { getListOfFunctionsAndAssets } from '@twilio-labs/serverless-api/dist/utils/fs';
import type { NextFunction, Request, Response } from 'express';
import { redactNumbers } from '../src/core/mask';
import { markConsoleRequest } from './console-local';
import { followEmulatorClock } from './emulator-time';
import { front, type Handler, readFailure, sendError } from './local-front';
import { outboxOptionsFrom, outboxRoutes } from './outbox/routes';

export interface ServerOptions {
  /** Preferred port (0: any); when taken, another is used and reported. */
  port: number;
  /** Relative to the project root. */
  functionsFolder: string;
  assetsFolder: string;
  /** Names of the environment variables that are the functions' variables (`context`). */
  variables: string[];
}

export type ServerMessage =
  | { type: 'listening'; port: number; busyPort?: number }
  | { type: 'failed'; message: string };

const ROOT = join(import.meta.dirname, '..');
/** Where the functions ask Twilio to report a message's status (src/input/config.ts). */
const SIGNED_PATHS: ReadonlySet<string> = new Set(['/message-status']);
const log = (line: string) => console.log(`[local] ${line}`);

/** Exits at once when the parent is gone: its IPC channel closes, or this process is adopted. */
function watchParent(): void {
  const exit = () => process.exit(0);
  process.on('disconnect', exit);
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) exit();
  }, 200).unref();
  // Also the stdin pipe the parent holds: it closes when the parent dies, however it died.
  process.stdin.on('end', exit).on('close', exit).resume();
}

/** Listens on 127.0.0.1, on `port` if free, else on any free port. */
async function listenOnLoopback(server: Server, port: number): Promise<number> {
  const attempt = (p: number) =>
    new Promise<number>((resolve, reject) => {
      const fail = (error: Error) => reject(error);
      server.once('error', fail);
      server.listen(p, '127.0.0.1', () => {
        server.off('error', fail);
        resolve((server.address() as AddressInfo).port);
      });
    });
  try {
    return await attempt(port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw error;
    return attempt(0);
  }
}

function readOptions(): ServerOptions {
  const raw = process.env.LOCAL_SERVER_OPTIONS;
  if (!raw) throw new Error('LOCAL_SERVER_OPTIONS is not set: start this through local-stack.ts');
  delete process.env.LOCAL_SERVER_OPTIONS;
  return JSON.parse(raw) as ServerOptions;
}

async function main(): Promise<void> {
  if (!process.send) throw new Error('no IPC channel: start this through local-stack.ts');
  watchParent();
  const options = readOptions();
  const env: Record<string, string> = {};
  for (const name of options.variables) env[name] = process.env[name] ?? '';

  // Errors a function leaves behind (a rejection nobody awaited) are reported, not fatal: on
  // Twilio they end one invocation, not the service.
  const report = (error: unknown) =>
    log(`uncaught error in a function: ${redactNumbers(String((error as Error)?.stack ?? error))}`);
  process.on('uncaughtException', report);
  process.on('unhandledRejection', report);

  let app: Handler | undefined;
  let knownPaths: ReadonlySet<string> = new Set();
  // The outbox page (scripts/outbox): served here only, never deployed.
  const outbox = outboxOptionsFrom(env);
  const local = outboxRoutes(outbox);
  const handle = front({
    app: () => app,
    knownPaths: () => knownPaths,
    log,
    local,
    // The status callback is the one route Twilio calls: signed, as deployed it must be.
    signed: { paths: SIGNED_PATHS, authToken: env.AUTH_TOKEN ?? '' },
  });
  // With the emulator, the functions' now follows its clock, pushed to us as it moves.
  if (outbox.emulatorUrl !== undefined) followEmulatorClock(outbox.emulatorUrl);
  const consoleKey = env.CONSOLE_LOCAL_KEY;
  let port = 0;
  const server = createServer((req, res) => {
    markConsoleRequest(req, port, consoleKey);
    return handle(req, res);
  });
  port = await listenOnLoopback(server, options.port);

  const routes = await getListOfFunctionsAndAssets(ROOT, {
    functionsFolderNames: [options.functionsFolder],
    assetsFolderNames: [options.assetsFolder],
  });
  knownPaths = new Set([...routes.functions, ...routes.assets].map((r) => r.path));
  // As twilio-run configures it for `start --no-fork-process --no-live`, with its request log
  // off (it prints the query string) in favour of ours.
  const runtime = new LocalDevelopmentServer(port, {
    baseDir: ROOT,
    env,
    port,
    url: `http://127.0.0.1:${port}`,
    detailedLogs: false,
    live: false,
    logs: false,
    legacyMode: false,
    appName: 'local-server',
    forkProcess: false,
    routes,
    enableDebugLogs: false,
  });
  const express = runtime.getApp();
  // After the routes: body-parser's failures (bad JSON, too large) land here, not on express's
  // HTML error page.
  // A body refused by the front while the parser was still reading it ends here, answered.
  express.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (!res.headersSent) sendError(res, readFailure(error));
  });
  app = express as unknown as Handler;

  const message: ServerMessage = { type: 'listening', port };
  if (options.port !== 0 && port !== options.port) message.busyPort = options.port;
  process.send(message);
}

main().catch((error: unknown) => {
  const message: ServerMessage = {
    type: 'failed',
    message: error instanceof Error ? error.message : String(error),
  };
  if (process.send) process.send(message, () => process.exit(1));
  else {
    console.error(message.message);
    process.exit(1);
  }
});
