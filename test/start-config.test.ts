// `npm start` checks the whole configuration before it starts anything, and names every problem
// at once: three bad variables in .env, one message, nothing started.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = join(import.meta.dirname, '..');

describe('npm start with a bad .env', () => {
  it('lists every problem in one message and exits 1 before starting anything', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'start-config-'));
    try {
      const envFile = join(dir, 'bad.env');
      await writeFile(
        envFile,
        'DEFAULT_TIME_ZONE=Mars/Olympus\nQUIET_HOURS=9pm-8am\nSCHEDULE_MAX_LEAD_DAYS=90\n',
      );
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(ROOT, 'scripts/start.ts'), '--env', envFile],
        { cwd: ROOT, env: { PATH: process.env.PATH ?? '', PORT: '0' }, stdio: 'pipe' },
      );
      let output = '';
      child.stdout.on('data', (chunk) => {
        output += chunk;
      });
      child.stderr.on('data', (chunk) => {
        output += chunk;
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      clearTimeout(timer);
      assert.equal(code, 1, output);
      for (const name of ['DEFAULT_TIME_ZONE', 'QUIET_HOURS', 'SCHEDULE_MAX_LEAD_DAYS']) {
        assert.match(output, new RegExp(name), `${name} is named`);
      }
      assert.match(output, /3 problems/);
      assert.doesNotMatch(output, /running at/, 'nothing was started');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
