// The time layer must not depend on the host's zone (Twilio's hosts run in UTC, a laptop does
// not): re-runs the time test files in child processes under several TZ values.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = join(import.meta.dirname, '..');

/**
 * The time tests, found rather than listed: every test file that imports a module of src/time,
 * or sets the clock (mock timers, or test/support/clock.ts: a frozen or moved clock is what a
 * host zone could skew).
 */
const TIME_TESTS = readdirSync(join(ROOT, 'test'))
  .filter((name) => name.endsWith('.test.ts') && name !== 'host-tz.test.ts')
  .filter((name) =>
    /from '\.\.\/src\/time\/|mock\.timers|support\/clock'/.test(
      readFileSync(join(ROOT, 'test', name), 'utf8'),
    ),
  )
  .map((name) => `test/${name}`)
  .sort();

/** UTC (Twilio), a southern-hemisphere DST zone ahead of UTC, a northern one behind it. */
const HOST_ZONES = ['UTC', 'Australia/Sydney', 'America/Los_Angeles'];

const TIMEOUT_MS = 120_000;

interface Run {
  code: number | null;
  output: string;
}

/** Runs `node ARGS` with TZ set; on timeout kills its whole process group (node --test forks). */
function runNode(args: string[], tz: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    // Without NODE_TEST_CONTEXT: a child that inherits it skips its files ("run() is being
    // called recursively") and exits 0 having run nothing.
    const { NODE_TEST_CONTEXT: _, ...env } = process.env;
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...env, TZ: tz, NODE_OPTIONS: '' },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      reject(new Error(`node ${args.join(' ')} under TZ=${tz} took over ${TIMEOUT_MS} ms`));
    }, TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('the time tests are found', () => {
  it('every test of a src/time module, and every test that sets the clock', () => {
    for (const file of ['test/send-time.test.ts', 'test/when.test.ts', 'test/done-when.test.ts'])
      assert.ok(TIME_TESTS.includes(file), file);
    assert.ok(!TIME_TESTS.includes('test/workflows.test.ts'));
  });
});

describe('the host zone is really set in the children', () => {
  // Offsets on 1 January: 0 in UTC, -660 (AEDT) in Sydney, 480 (PST) in Los Angeles.
  const expected: Record<string, string> = {
    UTC: '0',
    'Australia/Sydney': '-660',
    'America/Los_Angeles': '480',
  };
  for (const tz of HOST_ZONES) {
    it(tz, async () => {
      const { output } = await runNode(
        ['-e', 'process.stdout.write(String(new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset()))'],
        tz,
      );
      assert.equal(output, expected[tz]);
    });
  }
});

describe('time tests pass under every host zone', {
  concurrency: Math.max(2, availableParallelism() - 1),
}, () => {
  for (const file of TIME_TESTS) {
    for (const tz of HOST_ZONES) {
      it(`${file} under TZ=${tz}`, async () => {
        const { code, output } = await runNode(
          ['--import', 'tsx', '--test', '--test-reporter=tap', file],
          tz,
        );
        const failures = output
          .split('\n')
          .filter((line) => /^\s*not ok|Error|error:|Counterexample|[Ss]eed/.test(line))
          .slice(0, 20)
          .join('\n');
        assert.equal(code, 0, `${file} failed under TZ=${tz}:\n${failures || output.slice(-2000)}`);
        // It ran tests, and all of them: a child that ran nothing also exits 0.
        const count = (name: string) =>
          Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(output)?.[1]);
        assert.ok(count('tests') > 0, `${file} ran no tests under TZ=${tz}`);
        assert.deepEqual([count('fail'), count('cancelled')], [0, 0], `${file} under TZ=${tz}`);
      });
    }
  }
});
