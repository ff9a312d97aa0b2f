// The local stack (`npm start`, scripts/local-stack.ts): it listens on loopback only, answers
// unreadable or oversized requests in the error shape, logs no number or message body, keeps
// credentials off the disk, and never outlives the process that started it, however that
// process ends. Processes are looked at through /proc (test/support/processes.ts).
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import {
  type LocalStack,
  ROOT,
  startLocalStack,
  startTwilioRun,
  type TwilioRunServer,
} from '../scripts/local-stack';
import {
  childrenOf,
  commandLineOf,
  environmentOf,
  freePort,
  isAlive,
  isLoopbackAddress,
  killAll,
  listeningAddresses,
  portIsFree,
  waitFor,
} from './support/processes';

const START = join(ROOT, 'scripts', 'start.ts');
/** The whole stack is gone this soon after the signal. */
const STOP_WITHIN_MS = 2000;
const READY_WITHIN_MS = 60_000;
/** Processes and sockets are read from /proc. */
const LINUX = process.platform === 'linux';

/** Every PID a test saw, killed (SIGKILL) after each test whatever happened. */
const seen = new Set<number>();
afterEach(() => {
  killAll(seen);
  seen.clear();
});

interface Reply {
  status: number;
  type: string | null;
  text: string;
}

async function post(url: string, body: string, type: string): Promise<Reply> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': type },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    text: await response.text(),
  };
}

/** An error answer in our shape, holding nothing of a stack trace or a local path. */
function assertErrorShape(reply: Reply, status: number, code: string): void {
  assert.equal(reply.status, status, reply.text);
  assert.match(String(reply.type), /^application\/json/);
  const body = JSON.parse(reply.text) as { ok: boolean; error: { code: string; message: string } };
  assert.equal(body.ok, false);
  assert.equal(body.error.code, code);
  assert.equal(typeof body.error.message, 'string');
  assert.doesNotMatch(
    reply.text,
    /<html|<pre|\n\s*at \S|\.[jt]s:\d+|node_modules|\/work\/|\/tmp\//i,
  );
}

/** POSTs `bytes` bytes of JSON-ish data chunked (no Content-Length) and reads the answer. */
function postChunked(url: string, bytes: number): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
        timeout: 10_000,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] ?? null, text }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    // The server may close the connection once it has answered: what was answered counts.
    req.on('error', (error) => reject(error));
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

describe('the local stack, in process', { timeout: 120_000, skip: !LINUX }, () => {
  let stack: LocalStack;

  before(async () => {
    stack = await startLocalStack({ env: {}, stdio: 'ignore', startTimeoutMs: READY_WITHIN_MS });
  });
  after(() => stack?.stop());

  it('listens on loopback only: the server and the emulator', () => {
    const server = listeningAddresses(stack.pid);
    assert.deepEqual(server, [`127.0.0.1:${stack.port}`]);
    // The emulator runs in this process: every socket this process listens on is loopback.
    const here = listeningAddresses(process.pid);
    const emulatorPort = new URL(String(stack.emulator?.url)).port;
    assert.ok(here.includes(`127.0.0.1:${emulatorPort}`), here.join(' '));
    assert.deepEqual(
      here.filter((address) => !isLoopbackAddress(address)),
      [],
    );
  });

  it('answers unreadable JSON with a JSON 400 in the error shape', async () => {
    const reply = await post(`${stack.url}/schedule-message`, '{"to": "+1555', 'application/json');
    assertErrorShape(reply, 400, 'INVALID_JSON');
  });

  it('answers a body over 1 MB with a JSON 413, declared or chunked', async () => {
    const big = `to=%2B15551234567&body=${'a'.repeat(1024 * 1024)}`;
    assertErrorShape(
      await post(`${stack.url}/schedule-message`, big, 'application/x-www-form-urlencoded'),
      413,
      'REQUEST_TOO_LARGE',
    );
    assertErrorShape(
      await postChunked(`${stack.url}/schedule-message`, 2 * 1024 * 1024),
      413,
      'REQUEST_TOO_LARGE',
    );
    // And a body just under the limit is read as usual (answered by the function).
    const fits = await post(
      `${stack.url}/schedule-message`,
      JSON.stringify({ to: '+15551234567', body: 'a'.repeat(1000), minutes: 5 }),
      'application/json',
    );
    assertErrorShape(fits, 400, 'SEND_AT_TOO_SOON');
  });

  it('passes the functions no variable of this process and writes no env file', () => {
    const env = environmentOf(stack.pid).map((entry) => entry.split('=')[0]);
    assert.ok(env.includes('ACCOUNT_SID') && env.includes('AUTH_TOKEN'));
    assert.ok(!env.includes('NODE_TEST_CONTEXT'), env.join(' '));
    const cache = join(ROOT, 'node_modules', '.cache', 'local-stack');
    let files: string[] = [];
    try {
      files = readdirSync(cache);
    } catch {}
    assert.deepEqual(files, []);
  });
});

describe('the local server runtime, on scratch functions', { timeout: 120_000 }, () => {
  let dir: string;
  let server: TwilioRunServer;
  const ua = {
    desktop:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36',
    curl: 'curl/8.5.0',
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'local-stack-test-'));
    mkdirSync(join(dir, 'functions'));
    mkdirSync(join(dir, 'assets'));
    const fn = (name: string, code: string) => writeFileSync(join(dir, 'functions', name), code);
    fn('throws.js', "exports.handler = () => { throw new Error('boom +15551234567'); };\n");
    fn('broken.js', "require('./does-not-exist');\nexports.handler = () => {};\n");
    fn(
      'late.js',
      "exports.handler = (context, event, callback) => { setTimeout(() => { throw new Error('late'); }, 0); callback(null, { ok: true }); };\n",
    );
    fn(
      'env.protected.js',
      `exports.handler = (context, event, callback) => {
  const response = new Twilio.Response();
  response.appendHeader('Content-Type', 'application/json');
  response.setBody({ processEnv: Object.keys(process.env), greeting: context.GREETING,
    domain: context.DOMAIN_NAME, event, runtime: typeof Runtime.getAssets });
  callback(null, response);
};\n`,
    );
    writeFileSync(join(dir, 'assets', 'hello.txt'), 'hi\n');
    writeFileSync(join(dir, 'vars.env'), 'GREETING=hello\n');
    process.env.LOCAL_STACK_TEST_SECRET = 'not for the functions';
    try {
      server = await startTwilioRun({
        stdio: 'ignore',
        startTimeoutMs: READY_WITHIN_MS,
        args: [
          '--functions-folder',
          join(dir, 'functions'),
          '--assets-folder',
          join(dir, 'assets'),
          '--env',
          join(dir, 'vars.env'),
        ],
      });
    } finally {
      delete process.env.LOCAL_STACK_TEST_SECRET;
    }
  });
  after(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = async (path: string, agent: string): Promise<Reply> => {
    const response = await fetch(`${server.url}${path}`, {
      headers: { 'User-Agent': agent },
      signal: AbortSignal.timeout(10_000),
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      text: await response.text(),
    };
  };

  it('serves functions with the runtime: event, context variables, Twilio.Response, assets', async () => {
    const reply = await get('/env?x=1', ua.curl);
    assert.equal(reply.status, 200, reply.text);
    const body = JSON.parse(reply.text) as {
      processEnv: string[];
      greeting: string;
      domain: string;
      event: { x: string; request: { headers: Record<string, string> } };
      runtime: string;
    };
    assert.equal(body.greeting, 'hello');
    assert.equal(body.domain, new URL(server.url).host);
    assert.equal(body.event.x, '1');
    assert.equal(body.event.request.headers['user-agent'], ua.curl);
    assert.equal(body.runtime, 'function');
    assert.ok(!body.processEnv.includes('LOCAL_STACK_TEST_SECRET'), 'no variable of the parent');
    assert.ok(!body.processEnv.includes('LOCAL_SERVER_OPTIONS'));
    const asset = await get('/hello.txt', ua.curl);
    assert.equal(asset.status, 200);
    assert.equal(asset.text, 'hi\n');
  });

  for (const [who, agent] of Object.entries(ua)) {
    it(`answers a function that throws with a JSON 500, no stack (${who})`, async () => {
      assertErrorShape(await get('/throws', agent), 500, 'INTERNAL_ERROR');
      assertErrorShape(await get('/broken', agent), 500, 'INTERNAL_ERROR');
      assertErrorShape(await get('/nothing/+15551234567', agent), 404, 'UNKNOWN_PATH');
    });
  }

  it('survives an error a function leaves behind', async () => {
    assert.equal((await get('/late', ua.curl)).status, 200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal((await get('/late', ua.curl)).status, 200);
  });
});

/** `npm start` as a process of its own: `node --import tsx scripts/start.ts`. */
interface Run {
  child: ChildProcess;
  pid: number;
  /** PORT as given to it. */
  port: number;
  output: () => string;
}

async function launch(
  options: { env?: Record<string, string>; args?: string[]; port?: number } = {},
): Promise<Run> {
  const port = options.port ?? (await freePort());
  const env: Record<string, string> = { PORT: String(port), ...options.env };
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'TZ']) {
    const value = process.env[name];
    if (value !== undefined) env[name] ??= value;
  }
  // Never the project's .env: tests say what the variables are.
  const args = options.args ?? ['--no-env-file'];
  const child = spawn(process.execPath, ['--import', 'tsx', START, ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  assert.ok(child.pid, 'started');
  seen.add(child.pid);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return { child, pid: child.pid, port, output: () => output };
}

/**
 * Processes anywhere that serve for this run (found by the port asked for, in the server's
 * options or on a twilio-run command line): none may be left once it stopped.
 */
function serversOf(run: Run): number[] {
  const options = `"port":${run.port},`;
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!/^\d+$/.test(entry) || pid === process.pid || pid === run.pid || !isAlive(pid)) continue;
    const env = environmentOf(pid);
    const serves =
      env.some((e) => e.startsWith('LOCAL_SERVER_OPTIONS=') && e.includes(options)) ||
      commandLineOf(pid).includes(`--port ${run.port} `);
    if (serves) found.push(pid);
  }
  return found;
}

/** Waits for the banner; returns the server's PID, and the ports of the server and emulator. */
async function ready(run: Run): Promise<{ server: number; ports: number[]; url: string }> {
  const up = await waitFor(
    () => run.output().includes('Press Ctrl-C to stop.') || run.child.exitCode !== null,
    READY_WITHIN_MS,
    50,
  );
  assert.ok(up && run.child.exitCode === null, `npm start did not come up:\n${run.output()}`);
  const url = /running at (http:\/\/(?:127\.0\.0\.1|localhost):(\d+))/.exec(run.output());
  const emulator = /emulator at http:\/\/127\.0\.0\.1:(\d+)/.exec(run.output());
  const ports = [Number(url?.[2])];
  if (emulator) ports.push(Number(emulator[1]));
  // Its server is the child that listens on the port it printed.
  const children = childrenOf(run.pid);
  for (const pid of children) seen.add(pid);
  const listening = `127.0.0.1:${ports[0]}`;
  const server = children.find((pid) =>
    listeningAddresses(pid).some(
      (address) => address === listening || address.endsWith(`]:${ports[0]}`),
    ),
  );
  assert.ok(server, `a child of npm start serves ${url?.[1]}`);
  return { server, ports, url: String(url?.[1]) };
}

/** Everything of the run is gone within STOP_WITHIN_MS of `since`. */
async function assertAllGone(run: Run, pids: number[], ports: number[], since: number) {
  const left = () => STOP_WITHIN_MS - (Date.now() - since);
  assert.ok(
    await waitFor(() => pids.every((pid) => !isAlive(pid)), left()),
    `still running: ${pids.filter(isAlive).map(commandLineOf).join(' | ')}`,
  );
  for (const port of ports) {
    assert.ok(
      await waitFor(() => portIsFree(port), Math.max(0, left())),
      `port ${port} still taken`,
    );
  }
  assert.deepEqual(serversOf(run), [], 'no server process left anywhere');
}

describe('npm start never outlives its process', { timeout: 300_000, skip: !LINUX }, () => {
  for (const signal of ['SIGKILL', 'SIGHUP', 'SIGTERM', 'SIGINT'] as const) {
    it(`${signal} to npm start stops the whole stack within 2 s`, async () => {
      const run = await launch();
      const { server, ports } = await ready(run);
      const since = Date.now();
      process.kill(run.pid, signal);
      await assertAllGone(run, [run.pid, server], ports, since);
    });
  }

  for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
    it(`${signal} to npm itself (npm → sh → node) stops the whole stack within 2 s`, async () => {
      // A stand-in for npm: it runs the script through sh with npm_lifecycle_event set, as npm
      // does, and stays alive. Killing it alone leaves sh (SIGKILL) or node (both) behind.
      const port = await freePort();
      const script = `node --import tsx ${START} --no-env-file; true`;
      const npm = spawn(
        process.execPath,
        [
          '-e',
          `require('node:child_process').spawn('sh', ['-c', ${JSON.stringify(script)}], { stdio: 'inherit', env: { ...process.env, npm_lifecycle_event: 'start' } }); setInterval(() => {}, 60000);`,
        ],
        {
          cwd: ROOT,
          env: { PATH: String(process.env.PATH), PORT: String(port) },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      assert.ok(npm.pid);
      seen.add(npm.pid);
      let output = '';
      npm.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      const run: Run = { child: npm, pid: npm.pid, port, output: () => output };
      assert.ok(await waitFor(() => output.includes('Press Ctrl-C'), READY_WITHIN_MS, 50), output);
      const [sh = 0] = childrenOf(npm.pid);
      const [start = 0] = childrenOf(sh);
      const servers = serversOf(run);
      for (const pid of [sh, start, ...servers]) seen.add(pid);
      assert.ok(sh && start && servers.length === 1, 'npm → sh → node → server');
      const since = Date.now();
      npm.kill(signal);
      await assertAllGone(run, [start, ...servers], [port], since);
    });
  }

  it('a Ctrl-C during start-up stops it too', async () => {
    const run = await launch();
    // The server process exists from the moment it is spawned, long before it listens.
    assert.ok(await waitFor(() => childrenOf(run.pid).length > 0, READY_WITHIN_MS, 5));
    const pids = [run.pid, ...childrenOf(run.pid)];
    for (const pid of pids) seen.add(pid);
    const since = Date.now();
    process.kill(run.pid, 'SIGINT');
    assert.ok(!run.output().includes('Press Ctrl-C'), 'the signal landed during start-up');
    await assertAllGone(run, pids, [run.port], since);
    assert.ok(!run.output().includes('Press Ctrl-C'), 'it never came up');
  });

  it('a Ctrl-C at any moment of start-up leaves nothing running', async () => {
    for (const delay of [0, 200, 500, 900, 1400]) {
      const run = await launch();
      // Note every process it starts, up to the signal and after it.
      const watch = setInterval(() => {
        for (const pid of childrenOf(run.pid)) seen.add(pid);
      }, 5);
      try {
        await new Promise((resolve) => setTimeout(resolve, delay));
        const since = Date.now();
        run.child.kill('SIGINT');
        await assertAllGone(run, [run.pid, ...seen], [run.port], since);
      } finally {
        clearInterval(watch);
      }
    }
  });

  it('says in one line that the port is busy, and prints the port it took', async () => {
    const blocker = createServer();
    const busy = await new Promise<number>((resolve) => {
      blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port));
    });
    try {
      const run = await launch({ port: busy });
      const { ports, url } = await ready(run);
      const [taken] = ports;
      assert.notEqual(taken, busy);
      assert.match(run.output(), new RegExp(`^port ${busy} is busy: using ${taken}$`, 'm'));
      assert.match(run.output(), new RegExp(`curl -s -X POST http://127\\.0\\.0\\.1:${taken}/`));
      assert.doesNotMatch(run.output(), new RegExp(`:${busy}/`));
      assert.equal(
        (
          await post(
            `${url}/scheduled-messages`,
            'to=%2B15551234567',
            'application/x-www-form-urlencoded',
          )
        ).status,
        200,
      );
      run.child.kill('SIGTERM');
      await assertAllGone(run, [run.pid], ports, Date.now());
    } finally {
      blocker.close();
    }
  });

  it('listens on loopback only and logs no phone number or message body', async () => {
    const run = await launch();
    const { server, ports, url } = await ready(run);
    assert.doesNotMatch(run.output(), /REAL ACCOUNT/);
    for (const pid of [run.pid, server]) {
      const addresses = listeningAddresses(pid);
      assert.ok(addresses.length > 0, `pid ${pid} listens`);
      assert.deepEqual(
        addresses.filter((a) => !isLoopbackAddress(a)),
        [],
        addresses.join(' '),
      );
    }
    const number = '+15557654321';
    const form = new URLSearchParams({ to: number, minutes: '16', body: 'Secret words here' });
    const scheduled = await post(
      `${url}/schedule-message?to=${encodeURIComponent(number)}`,
      form.toString(),
      'application/x-www-form-urlencoded',
    );
    assert.equal(scheduled.status, 200, scheduled.text);
    await post(
      `${url}/schedule-message`,
      `{"to":"${number}","body":"Secret words`,
      'application/json',
    );
    await fetch(`${url}/x/${encodeURIComponent(number)}`, { signal: AbortSignal.timeout(10_000) });
    assert.ok(await waitFor(() => (run.output().match(/\[local\] /g) ?? []).length >= 3, 5000));
    assert.match(run.output(), /\[local\] POST \/schedule-message 200/);
    assert.match(run.output(), /\[local\] POST \/schedule-message 400/);
    assert.doesNotMatch(run.output(), /5557654321|Secret words/);
    run.child.kill('SIGTERM');
    await assertAllGone(run, [run.pid, server], ports, Date.now());
  });

  it('with real credentials: says REAL ACCOUNT, and the token reaches no file', async () => {
    const token = randomBytes(16).toString('hex');
    const accountSid = `AC${randomBytes(16).toString('hex')}`;
    const since = Date.now() - 1000;
    // -f: the variables come from its environment, so the test writes no file of its own.
    const run = await launch({
      env: {
        ACCOUNT_SID: accountSid,
        AUTH_TOKEN: token,
        MESSAGING_SERVICE_SID: `MG${'1'.repeat(32)}`,
      },
      args: ['--no-env-file', '-f'],
    });
    const { server, ports } = await ready(run);
    assert.match(run.output(), /REAL ACCOUNT: messages will be sent/);
    assert.doesNotMatch(run.output(), new RegExp(`${token}|${accountSid}`));
    assert.doesNotMatch(commandLineOf(server), new RegExp(token));
    const places = [join(ROOT, 'node_modules', '.cache'), tmpdir(), '/tmp'];
    assert.deepEqual(filesContaining(token, places, since), [], 'while running');
    run.child.kill('SIGTERM');
    await assertAllGone(run, [run.pid, server], ports, Date.now());
    assert.deepEqual(filesContaining(token, places, since), [], 'after it stopped');
  });
});

/** Files under `dirs` changed since `since` (bounded walk, small files) that contain `needle`. */
function filesContaining(needle: string, dirs: string[], since: number): string[] {
  const found = new Set<string>();
  let budget = 50_000;
  const walk = (dir: string, depth: number) => {
    let entries: string[] = [];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of entries) {
      if (--budget < 0) return;
      const path = join(dir, name);
      try {
        const info = statSync(path);
        if (info.isDirectory()) {
          if (depth < 8) walk(path, depth + 1);
        } else if (info.isFile() && info.mtimeMs >= since && info.size < 5_000_000) {
          if (readFileSync(path).includes(needle)) found.add(path);
        }
      } catch {
        // Gone or unreadable meanwhile.
      }
    }
  };
  for (const dir of dirs) walk(dir, 0);
  return [...found];
}
