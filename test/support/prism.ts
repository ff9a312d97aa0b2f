// Prism (@stoplight/prism-cli) mocking one of Twilio's OpenAPI descriptions on loopback, with
// request validation: a request the description does not allow gets 422 problem+json, a valid
// one gets the description's canned example. One process per call, stopped by its own PID.
import { type ChildProcess, spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { prismSpecPath, type TwilioSpec } from './openapi';

export interface PrismServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  url: string;
  /** Kills Prism (its whole process group) and resolves once it has exited. */
  stop(): Promise<void>;
}

export interface PrismOptions {
  /** Bound on start-up. Parsing the 2 MB 2010 description takes ~3 s. */
  timeoutMs?: number;
}

const ROOT = join(import.meta.dirname, '../..');
const LISTENING = /Prism is listening on (http:\/\/127\.0\.0\.1:\d+)/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: strips terminal colour codes
const ANSI = /\u001b\[[0-9;]*m/g;
const KILL_GRACE_MS = 3_000;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

export async function startPrism(
  spec: TwilioSpec,
  options: PrismOptions = {},
): Promise<PrismServer> {
  const document = await prismSpecPath(spec);
  const timeoutMs = options.timeoutMs ?? 60_000;
  const cli = realpathSync(join(ROOT, 'node_modules/.bin/prism'));
  // Port 0: the OS picks a free port and Prism reports it, so there is no race for one.
  const child = spawn(
    process.execPath,
    [cli, 'mock', document, '--host', '127.0.0.1', '--port', '0', '--verboseLevel', 'info'],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
  );
  const tail: string[] = [];
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', (error) => {
      tail.push(`spawn failed: ${error.message}`);
      resolve();
    });
  });
  // If the test process ends without stop(), Prism must not outlive it.
  const onExit = () => killGroup(child, 'SIGKILL');
  process.once('exit', onExit);

  // Prism logs every request: keep reading its output so it never blocks on a full pipe, and
  // keep the tail for error messages.
  let announced: ((url: string) => void) | undefined;
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (raw) => {
      const line = raw.replace(ANSI, '');
      tail.push(line);
      if (tail.length > 40) tail.shift();
      const match = LISTENING.exec(line);
      if (match?.[1]) announced?.(match[1]);
    });
  }

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      killGroup(child, 'SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const escalate = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          killGroup(child, 'SIGKILL');
          resolve();
        }, KILL_GRACE_MS);
      });
      await Promise.race([exited, escalate]);
      clearTimeout(timer);
      await exited;
      process.removeListener('exit', onExit);
    })();
    return stopping;
  };

  const deadline = Date.now() + timeoutMs;
  let timer: NodeJS.Timeout | undefined;
  try {
    const url = await Promise.race([
      new Promise<string>((resolve) => {
        announced = resolve;
      }),
      exited.then(() => {
        throw new Error(`Prism exited before listening:\n${tail.join('\n')}`);
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(new Error(`Prism did not start within ${timeoutMs} ms:\n${tail.join('\n')}`)),
          timeoutMs,
        );
      }),
    ]);
    await untilAnswering(url, deadline);
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Any HTTP answer (Prism says 404 for an unknown path) means it serves requests. */
async function untilAnswering(url: string, deadline: number): Promise<void> {
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`Prism at ${url} did not answer in time`);
    try {
      const response = await fetch(`${url}/__ready`, { signal: AbortSignal.timeout(left) });
      await response.arrayBuffer();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
