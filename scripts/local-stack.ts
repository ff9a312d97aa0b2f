// The built functions served locally by Twilio's own runtime (scripts/local-server.ts, a child
// process listening on 127.0.0.1 only), pointed either at Twilio (real credentials in .env) or
// at the local Messages emulator. `npm start`, the end-to-end tests and the bench start it here.
//
// The child gets the functions' variables through its environment (never a file), dies with
// its parent (IPC channel, stdin pipe, parent PID), and is stopped by its own PID.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, relative, resolve } from 'node:path';
import { EMULATOR_ACCOUNT_SID, EMULATOR_AUTH_TOKEN, TwilioEmulator } from '../emulator';
import { isSid } from '../src/core/sid';
import { readDotEnv as readEnvFile } from './env-file';
import type { ServerMessage, ServerOptions } from './local-server';

export const ROOT = join(import.meta.dirname, '..');
/** Used against the emulator when .env names no Messaging Service. */
export const EMULATOR_MESSAGING_SERVICE_SID = `MG${'0'.repeat(31)}1`;

const SERVER_SCRIPT = join(import.meta.dirname, 'local-server.ts');
/** How long a stopped server may take before it is killed outright. */
const STOP_GRACE_MS = 1000;
/** What the server process may see of this process's environment, besides its variables. */
const HOST_VARIABLES = [
  'PATH',
  'HOME',
  'TMPDIR',
  'TZ',
  'LANG',
  'LC_ALL',
  'SYSTEMROOT',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'NODE_EXTRA_CA_CERTS',
];

type Stdio = 'inherit' | 'ignore' | 'pipe';

export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface LocalServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  /** The port asked for, when it was busy and another was taken. */
  busyPort?: number;
  /** The server process. */
  pid: number;
  /** Settles when the server process ends, however it ends. */
  exited: Promise<ServerExit>;
  /** Stops the server by its PID (SIGTERM, then SIGKILL); resolves once it is gone. */
  stop(): Promise<void>;
}

export interface LocalServerOptions {
  /** Preferred port; another free one is taken when it is busy. Default: any free port. */
  port?: number | undefined;
  /** The functions' variables (`context`); the server process sees no others. */
  variables: Record<string, string>;
  /** Relative to the project root (default `functions`, `assets`). */
  functionsFolder?: string | undefined;
  assetsFolder?: string | undefined;
  /** Where the server's output goes; default: inherited. */
  stdio?: Stdio | undefined;
  /** How long to wait for it to listen (default 30 s). */
  startTimeoutMs?: number | undefined;
  /** Aborting stops the server, also while it is starting. */
  signal?: AbortSignal | undefined;
}

export interface LocalStack {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  /** The port asked for, when it was busy and another was taken. */
  busyPort?: number;
  /** The server process. */
  pid: number;
  /** Settles when the server process ends. */
  exited: Promise<ServerExit>;
  /** Present when the functions talk to the emulator rather than to Twilio. */
  emulator?: TwilioEmulator;
  /** The credentials the functions use (the emulator's, or the real ones from .env). */
  accountSid: string;
  authToken: string;
  /** The console asks for CONSOLE_PASSWORD (set in the variables), as the deployed service does. */
  consolePassword: boolean;
  stop(): Promise<void>;
}

export interface LocalStackOptions {
  /** Preferred port; another free one is taken when it is busy. */
  port?: number;
  /** Variables as if from .env; by default the project's .env file, if any. */
  env?: Record<string, string>;
  /** Where the server's output goes; default: inherited. */
  stdio?: Stdio;
  /** How long to wait for the server to listen. */
  startTimeoutMs?: number;
  /** Aborting stops the stack, also while it is starting. */
  signal?: AbortSignal;
}

/** The project's .env (or another file), as every command reads it. */
export const readDotEnv = (path = join(ROOT, '.env')): Record<string, string> => readEnvFile(path);

export const hasRealCredentials = (env: Record<string, string | undefined>): boolean =>
  isSid('AC', env.ACCOUNT_SID) && (env.AUTH_TOKEN ?? '').length === 32;

/** The server process's whole environment: a few host variables, the functions' variables. */
function serverEnvironment(options: ServerOptions, variables: Record<string, string>) {
  const env: Record<string, string> = {};
  for (const name of HOST_VARIABLES) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  Object.assign(env, variables);
  env.LOCAL_SERVER_OPTIONS = JSON.stringify(options);
  return env;
}

const abortError = () =>
  Object.assign(new Error('Stopped while starting.'), { name: 'AbortError' });

/** Starts the local Functions server on loopback and resolves once it listens. */
export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  if (options.signal?.aborted) throw abortError();
  const serverOptions: ServerOptions = {
    port: options.port ?? 0,
    functionsFolder: options.functionsFolder ?? 'functions',
    assetsFolder: options.assetsFolder ?? 'assets',
    variables: Object.keys(options.variables),
  };
  const stdio = options.stdio ?? 'inherit';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', SERVER_SCRIPT], {
    cwd: ROOT,
    env: serverEnvironment(serverOptions, options.variables),
    // stdin is a pipe only so that the child sees it close when this process dies.
    stdio: ['pipe', stdio, stdio, 'ipc'],
  });
  const pid = child.pid;
  // A last resort if this process exits without stopping it (process.exit, an uncaught error).
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  const exited = new Promise<ServerExit>((resolve) => {
    child.once('exit', (code, signal) => {
      process.off('exit', killOnExit);
      resolve({ code, signal });
    });
  });
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(force);
    })();
    return stopping;
  };
  if (pid === undefined) {
    await stop();
    throw new Error('The local server could not be started.');
  }

  const timeoutMs = options.startTimeoutMs ?? 30_000;
  let onAbort: (() => void) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const message = await new Promise<ServerMessage & { type: 'listening' }>((resolve, reject) => {
      child.on('message', (message: ServerMessage) => {
        if (message.type === 'listening') resolve(message);
        else reject(new Error(`The local server failed to start: ${message.message}`));
      });
      child.once('error', reject);
      exited.then(({ code, signal }) =>
        reject(new Error(`The local server exited while starting (${signal ?? `code ${code}`}).`)),
      );
      timer = setTimeout(
        () => reject(new Error(`The local server did not start within ${timeoutMs} ms.`)),
        timeoutMs,
      );
      onAbort = () => reject(abortError());
      options.signal?.addEventListener('abort', onAbort, { once: true });
    });
    const server: LocalServer = {
      url: `http://127.0.0.1:${message.port}`,
      port: message.port,
      pid,
      exited,
      stop,
    };
    if (message.busyPort !== undefined) server.busyPort = message.busyPort;
    return server;
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
    if (onAbort) options.signal?.removeEventListener('abort', onAbort);
  }
}

export interface TwilioRunServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  /** Stops the server by its PID. */
  stop(): Promise<void>;
}

/**
 * What used to start `twilio-run start --no-fork-process --no-live` with `args`: now the same
 * runtime served by startLocalServer (loopback only). It understands the twilio-run flags this
 * project passes: `--functions-folder DIR`, `--assets-folder DIR`, `--env FILE` (relative to the
 * project root; without `--env`, no variables).
 */
export async function startTwilioRun(options: {
  args: string[];
  port?: number | undefined;
  stdio?: Stdio | undefined;
  startTimeoutMs?: number | undefined;
}): Promise<TwilioRunServer> {
  const flags = new Map<string, string>();
  for (let i = 0; i < options.args.length; i += 2) {
    const [flag, value] = [options.args[i], options.args[i + 1]];
    if (
      !flag ||
      value === undefined ||
      !['--functions-folder', '--assets-folder', '--env'].includes(flag)
    ) {
      throw new Error(`startTwilioRun: unsupported arguments ${options.args.join(' ')}`);
    }
    flags.set(flag, value);
  }
  const folder = (flag: string) => {
    const value = flags.get(flag);
    return value === undefined ? undefined : relative(ROOT, resolve(ROOT, value));
  };
  const envFile = flags.get('--env');
  const server = await startLocalServer({
    port: options.port,
    stdio: options.stdio,
    startTimeoutMs: options.startTimeoutMs,
    functionsFolder: folder('--functions-folder'),
    assetsFolder: folder('--assets-folder'),
    variables: envFile === undefined ? {} : readDotEnv(resolve(ROOT, envFile)),
  });
  return { url: server.url, port: server.port, stop: server.stop };
}

/** Starts the emulator (without real credentials) and the local server on the built functions. */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const fileEnv = options.env ?? readDotEnv();
  const variables: Record<string, string> = { ...fileEnv };
  let emulator: TwilioEmulator | undefined;
  if (!hasRealCredentials(fileEnv)) {
    emulator = new TwilioEmulator();
    variables.ACCOUNT_SID = EMULATOR_ACCOUNT_SID;
    variables.AUTH_TOKEN = EMULATOR_AUTH_TOKEN;
    variables.TWILIO_API_BASE_URL = await emulator.start();
    variables.MESSAGING_SERVICE_SID ||= EMULATOR_MESSAGING_SERVICE_SID;
  }
  // The console without a password on this machine: a key for this run only, in memory, never
  // read from or written to a file. With CONSOLE_PASSWORD set it asks for it, as deployed.
  delete variables.CONSOLE_LOCAL_KEY;
  if (!variables.CONSOLE_PASSWORD) variables.CONSOLE_LOCAL_KEY = randomBytes(32).toString('hex');

  let server: LocalServer;
  try {
    server = await startLocalServer({
      variables,
      port: options.port,
      stdio: options.stdio,
      startTimeoutMs: options.startTimeoutMs,
      signal: options.signal,
    });
  } catch (error) {
    await emulator?.stop();
    throw error;
  }
  const stack: LocalStack = {
    url: server.url,
    port: server.port,
    pid: server.pid,
    exited: server.exited,
    accountSid: variables.ACCOUNT_SID ?? '',
    authToken: variables.AUTH_TOKEN ?? '',
    consolePassword: Boolean(variables.CONSOLE_PASSWORD),
    stop: async () => {
      await server.stop();
      await emulator?.stop();
    },
  };
  if (server.busyPort !== undefined) stack.busyPort = server.busyPort;
  if (emulator) stack.emulator = emulator;
  return stack;
}
