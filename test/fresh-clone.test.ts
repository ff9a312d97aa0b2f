// A fresh clone stays clean after the README's commands: `npm install` rewrites
// package-lock.json whenever the lockfile's root entry disagrees with package.json, and what
// `npm start` writes (the build, a .env) must be ignored by git.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = join(import.meta.dirname, '..');
const readJson = (name: string) => JSON.parse(readFileSync(join(ROOT, name), 'utf8'));
/** A copy without .git (a downloaded archive) cannot ask git what it ignores. */
const inGit = spawnSync('git', ['rev-parse', '--git-dir'], { cwd: ROOT }).status === 0;

describe('a fresh clone', () => {
  it("package-lock.json's root entry says what package.json says", () => {
    const manifest = readJson('package.json');
    const root = readJson('package-lock.json').packages[''];
    for (const key of [
      'name',
      'version',
      'license',
      'engines',
      'dependencies',
      'devDependencies',
    ] as const) {
      assert.deepEqual(root[key], manifest[key], key);
    }
  });

  it('what npm start and a local setup write is ignored by git', { skip: !inGit }, () => {
    for (const path of [
      'functions/schedule-message.protected.js',
      'assets/when.private.js',
      '.env',
      'node_modules/x',
    ]) {
      const ignored = spawnSync('git', ['check-ignore', '-q', path], { cwd: ROOT });
      assert.equal(ignored.status, 0, `${path} is ignored`);
    }
  });
});
