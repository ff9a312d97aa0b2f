// The `when` oracle (test/when-oracle.data.ts): every phrase, read in child processes under
// three host zones (UTC like Twilio, Sydney, Los Angeles), must give the same answer in each, and
// that answer must be the one written by hand, or a refusal listed as a known miss. Never a
// different time: that would be a message sent at the wrong time.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { KNOWN_MISSES, ORACLE, type OracleLanguage } from './when-oracle.data';

const ROOT = join(import.meta.dirname, '..');
const HOST_ZONES = ['UTC', 'Australia/Sydney', 'America/Los_Angeles'];

type Answers = Record<OracleLanguage, string[]>;

function runUnder(tz: string): Answers {
  const { NODE_TEST_CONTEXT: _, ...env } = process.env;
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'test/when-oracle.run.ts'], {
    cwd: ROOT,
    env: { ...env, TZ: tz, NODE_OPTIONS: '' },
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 8 * 1024 * 1024,
  });
  assert.equal(run.status, 0, `under TZ=${tz}: ${run.stderr}`);
  return JSON.parse(run.stdout) as Answers;
}

/** Right: as written; missed: refused where a time or another reason was written; wrong: anything else. */
function judge(expected: string, got: string): 'right' | 'missed' | 'wrong' {
  const same = /^\d{4}-\d\d-\d\d \d\d:\d\d$/.test(expected)
    ? got.slice(0, 16) === expected && got.length > 16
    : got === expected;
  if (same) return 'right';
  // A refusal where a time (or another refusal) was written: safe, but not what was meant.
  return got.startsWith('refused:') && expected !== 'now' ? 'missed' : 'wrong';
}

const answers = HOST_ZONES.map((tz) => ({ tz, answers: runUnder(tz) }));

describe('the when oracle, read without a locale under three host zones', () => {
  const counts: string[] = [];
  for (const [language, rows] of Object.entries(ORACLE) as [OracleLanguage, typeof ORACLE.en][]) {
    const tally = { right: 0, refused: 0, missed: 0, wrong: 0 };
    describe(language, () => {
      rows.forEach(([clock, text, expected], i) => {
        const [first, ...others] = answers.map((a) => a.answers[language][i] ?? 'missing');
        const got = first ?? 'missing';
        const verdict = judge(expected, got);
        tally[verdict]++;
        if (verdict === 'right' && expected.startsWith('refused:')) tally.refused++;
        it(`${clock}: ${text} -> ${expected}`, () => {
          for (const [k, other] of others.entries()) {
            assert.equal(other, got, `TZ=${answers[k + 1]?.tz} differs from TZ=UTC`);
          }
          assert.notEqual(verdict, 'wrong', `${text}: got ${got}, expected ${expected}`);
          assert.equal(verdict === 'missed', KNOWN_MISSES.includes(text), `${text}: got ${got}`);
        });
      });
    });
    counts.push(
      `${language}: ${rows.length} phrases, ${tally.right} right (${tally.refused} of them refusals as written), ${tally.missed} refused otherwise (missed), ${tally.wrong} wrong`,
    );
  }
  it('has at least 300 phrases in all eight languages', (t) => {
    const total = Object.values(ORACLE).reduce((sum, rows) => sum + rows.length, 0);
    t.diagnostic(counts.join('\n'));
    assert.ok(total >= 300, `${total} phrases`);
    assert.equal(Object.keys(ORACLE).length, 8);
  });
});
