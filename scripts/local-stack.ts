// The built functions served by the real twilio-run on loopback, pointed either at Twilio (real
// credentials in .env) or at the local Messages emulator. `npm start` and the end-to-end tests
// both start it through here.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import {
  EMULATOR_ACCOUNT_SID,
  EMULATOR_AUTH_TOKEN,
  MessagesEmulator,
} from '../emulator/messages-api';

export const ROOT = join(import.meta.dirname, '..');
/** Used against the emulator when .env names no Messaging Service. */
export const EMULATOR_MESSAGING_SERVICE_SID = `MG${'0'.repeat(31)}1`;

export interface LocalStack {
  /** `http://localhost:PORT` */
  url: string;
  /** Present when the functions talk to the emulator rather than to Twilio. */
  emulator?: MessagesEmulator;
  /** The credentials the functions use (the emulator's, or the real ones from .env). */
  accountSid: string;
  authToken: string;
  stop(): Promise<void>;
}

export interface LocalStackOptions {
  /** Preferred port; a free one is picked when it is taken (twilio-run would prompt forever). */
  port?: number;
  /** Variables as if from .env; by default the project's .env file, if any. */
  env?: Record<string, string>;
  /** Where twilio-run's output goes; default: inherited. */
  stdio?: 'inherit' | 'ignore' | 'pipe';
  /** How long to wait for twilio-run to answer. */
  startTimeoutMs?: number;
}

export function readDotEnv(path = join(ROOT, '.env')): Record<string, string> {
  if (!existsSync(path)) return {};
  return Object.fromEntries(
    Object.entries(parseEnv(readFileSync(path, 'utf8'))).map(([k, v]) => [k, v ?? '']),
  );
}

export const hasRealCredentials = (env: Record<string, string | undefined>): boolean =>
  /^AC[0-9a-fA-F]{32}$/.test(env.ACCOUNT_SID ?? '') && (env.AUTH_TOKEN ?? '').length === 32;

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

async function freePort(preferred?: number): Promise<number> {
  if (preferred !== undefined && (await portIsFree(preferred))) return preferred;
  return new Promise((resolve, reject) => {
    const probe = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
  });
}

async function waitUntilServing(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`twilio-run exited with code ${child.exitCode}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`twilio-run did not answer at ${url} within ${timeoutMs} ms`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    killGroup(child.pid, 'SIGTERM');
  });
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

export interface TwilioRunServer {
  /** `http://localhost:PORT` */
  url: string;
  port: number;
  /** Stops twilio-run by its own process group. */
  stop(): Promise<void>;
}

/**
 * Starts the real twilio-run dev server in this project on a free port (on a busy one it would
 * wait forever on a prompt), in-process and uncached as the tests want it, and resolves once it
 * answers. `args` adds to `start --port P --no-fork-process --no-live`.
 */
export async function startTwilioRun(options: {
  args: string[];
  port?: number | undefined;
  stdio?: 'inherit' | 'ignore' | 'pipe' | undefined;
  startTimeoutMs?: number | undefined;
}): Promise<TwilioRunServer> {
  const port = await freePort(options.port);
  const stdio = options.stdio ?? 'inherit';
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'twilio-run', 'bin', 'twilio-run.js'),
      'start',
      '--port',
      String(port),
      '--no-fork-process',
      '--no-live',
      ...options.args,
    ],
    { cwd: ROOT, stdio: ['ignore', stdio, stdio], detached: true },
  );
  const url = `http://localhost:${port}`;
  const stop = () => stopChild(child);
  try {
    await waitUntilServing(url, child, options.startTimeoutMs ?? 30_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, stop };
}

/** Starts the emulator (without real credentials) and twilio-run on the built functions. */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const fileEnv = options.env ?? readDotEnv();
  const env: Record<string, string> = { ...fileEnv };
  let emulator: MessagesEmulator | undefined;
  if (!hasRealCredentials(fileEnv)) {
    emulator = new MessagesEmulator();
    env.ACCOUNT_SID = EMULATOR_ACCOUNT_SID;
    env.AUTH_TOKEN = EMULATOR_AUTH_TOKEN;
    env.TWILIO_API_BASE_URL = await emulator.start();
    env.MESSAGING_SERVICE_SID ||= EMULATOR_MESSAGING_SERVICE_SID;
  }

  // twilio-run lets a .env file override the process environment, so it gets a file of its own.
  const envDir = join(ROOT, 'node_modules', '.cache', 'local-stack');
  mkdirSync(envDir, { recursive: true });
  const envFile = join(envDir, `${randomUUID()}.env`);
  const quote = (value: string) => JSON.stringify(value.replace(/\r?\n/g, ' '));
  const lines = Object.entries(env).map(([k, v]) => `${k}=${quote(v)}`);
  writeFileSync(envFile, `${lines.join('\n')}\n`, { mode: 0o600 });
  let server: TwilioRunServer;
  try {
    server = await startTwilioRun({
      port: options.port,
      stdio: options.stdio,
      startTimeoutMs: options.startTimeoutMs,
      args: ['--env', envFile],
    });
  } catch (error) {
    await emulator?.stop();
    rmSync(envFile, { force: true });
    throw error;
  }
  const stack: LocalStack = {
    url: server.url,
    accountSid: env.ACCOUNT_SID ?? '',
    authToken: env.AUTH_TOKEN ?? '',
    stop: async () => {
      await server.stop();
      await emulator?.stop();
      rmSync(envFile, { force: true });
    },
  };
  if (emulator) stack.emulator = emulator;
  return stack;
}
