// readConfig: the environment variables, as Twilio hands them over (strings, maybe empty).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { configReport, DEPLOY_ONLY_MARK } from '../scripts/check-config';
import { isLoopbackUrl } from '../src/core/web-url';
import { httpStatusFor } from '../src/edge/error-catalog';
import { wordsFor } from '../src/edge/error-words';
import { configProblems, type Env, readConfig } from '../src/input/config';

const SERVICE = `MG${'0123456789abcdef'.repeat(2)}`;

describe('readConfig', () => {
  it('an empty environment gives Twilio’s window and nothing else', () => {
    assert.deepEqual(readConfig({}), {
      ok: true,
      value: {
        defaults: { quietHours: null, quietDays: null, locale: 'en-US' },
        window: { minLeadMinutes: 15, maxLeadDays: 35 },
        warnings: [],
        registry: { service: 'default' },
      },
    });
  });

  it('reads every variable', () => {
    assert.deepEqual(
      readConfig({
        MESSAGING_SERVICE_SID: SERVICE,
        DEFAULT_TIME_ZONE: 'America/New_York',
        QUIET_HOURS: '21:00-08:00',
        SCHEDULE_MIN_LEAD_MINUTES: '20',
        SCHEDULE_MAX_LEAD_DAYS: '7',
        TWILIO_API_BASE_URL: 'http://127.0.0.1:4010',
      }),
      {
        ok: true,
        value: {
          defaults: {
            messagingServiceSid: SERVICE,
            timeZone: 'America/New_York',
            quietHours: { start: 21 * 60, end: 8 * 60 },
            quietDays: null,
            locale: 'en-US',
          },
          window: { minLeadMinutes: 20, maxLeadDays: 7 },
          apiBaseUrl: 'http://127.0.0.1:4010',
          warnings: [],
          registry: { service: 'default' },
        },
      },
    );
  });

  it('empty and white-space values count as unset (as .env.example leaves them)', () => {
    const blank: Env = {
      MESSAGING_SERVICE_SID: '',
      DEFAULT_TIME_ZONE: ' ',
      QUIET_HOURS: '',
      SCHEDULE_MIN_LEAD_MINUTES: '',
      SCHEDULE_MAX_LEAD_DAYS: '  ',
      TWILIO_API_BASE_URL: '',
    };
    assert.deepEqual(readConfig(blank), readConfig({}));
  });

  it('trims values and fixes the letter case of the zone', () => {
    const config = readConfig({
      MESSAGING_SERVICE_SID: ` ${SERVICE}\n`,
      DEFAULT_TIME_ZONE: 'america/new_york',
    });
    assert.ok(config.ok);
    assert.equal(config.value.defaults.messagingServiceSid, SERVICE);
    assert.equal(config.value.defaults.timeZone, 'America/New_York');
  });

  // ICU calls these Asia/Calcutta, Asia/Katmandu and Europe/Kiev.
  for (const zone of ['Asia/Kolkata', 'Asia/Kathmandu', 'Europe/Kyiv']) {
    it(`keeps DEFAULT_TIME_ZONE=${zone} as it is spelled`, () => {
      const config = readConfig({ DEFAULT_TIME_ZONE: zone });
      assert.ok(config.ok);
      assert.equal(config.value.defaults.timeZone, zone);
    });
  }

  it('accepts credentials of the right shape', () => {
    const config = readConfig({ ACCOUNT_SID: `AC${'0'.repeat(32)}`, AUTH_TOKEN: 'a'.repeat(32) });
    assert.ok(config.ok);
  });

  for (const off of ['off', 'OFF', 'none']) {
    it(`QUIET_HOURS=${off} means no quiet hours`, () => {
      const config = readConfig({ QUIET_HOURS: off });
      assert.ok(config.ok);
      assert.equal(config.value.defaults.quietHours, null);
    });
  }

  it('accepts the ends of the lead ranges', () => {
    const config = readConfig({ SCHEDULE_MIN_LEAD_MINUTES: '0', SCHEDULE_MAX_LEAD_DAYS: '35' });
    assert.ok(config.ok);
    assert.deepEqual(config.value.window, { minLeadMinutes: 0, maxLeadDays: 35 });
  });

  it('accepts a decimal lead', () => {
    const config = readConfig({ SCHEDULE_MIN_LEAD_MINUTES: '15.5' });
    assert.ok(config.ok);
    assert.equal(config.value.window.minLeadMinutes, 15.5);
  });
});

describe('readConfig: an invalid variable is CONFIG_INVALID naming it', () => {
  // biome-ignore format: one case per line reads as a table
  const cases: [keyof Env, string][] = [
    ['MESSAGING_SERVICE_SID', 'MG123'],
    ['MESSAGING_SERVICE_SID', `PN${'0'.repeat(32)}`],
    ['MESSAGING_SERVICE_SID', `${SERVICE}0`],
    ['DEFAULT_TIME_ZONE', 'Mars/Olympus_Mons'],
    ['DEFAULT_TIME_ZONE', 'New York'],
    ['QUIET_HOURS', '9pm-8am'],
    ['QUIET_HOURS', '22:00'],
    ['QUIET_HOURS', '21:00-21:00'],
    ['SCHEDULE_MIN_LEAD_MINUTES', 'fifteen'],
    ['SCHEDULE_MIN_LEAD_MINUTES', '-1'],
    ['SCHEDULE_MIN_LEAD_MINUTES', '1441'],
    ['SCHEDULE_MIN_LEAD_MINUTES', '15m'],
    ['SCHEDULE_MAX_LEAD_DAYS', '0'],
    ['SCHEDULE_MAX_LEAD_DAYS', '36'],
    ['SCHEDULE_MAX_LEAD_DAYS', '7d'],
    ['SCHEDULE_MAX_LEAD_DAYS', '1e1'],
    ['TWILIO_API_BASE_URL', 'not-a-url'],
    ['TWILIO_API_BASE_URL', 'localhost:4010'],
    ['TWILIO_API_BASE_URL', 'ftp://127.0.0.1/'],
    ['ACCOUNT_SID', 'AC123'],
    ['ACCOUNT_SID', `SK${'0'.repeat(32)}`],
    ['AUTH_TOKEN', 'short-token'],
  ];
  for (const [name, value] of cases) {
    it(`${name}=${JSON.stringify(value)}`, () => {
      const result = readConfig({ [name]: value });
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.error.code, 'CONFIG_INVALID');
      assert.equal(result.error.field, name);
      // The builder reads which variable in the detail; the texter never sees its name.
      assert.match(wordsFor(result.error, 'en').detail ?? '', new RegExp(name));
      assert.doesNotMatch(wordsFor(result.error, 'en').message, new RegExp(name));
      // The value itself is not echoed: a misplaced secret must not reach a response.
      assert.ok(!JSON.stringify(result.error).includes(value), JSON.stringify(result.error));
      assert.equal(httpStatusFor(result.error.code), 500);
    });
  }

  it('a minimum lead that leaves no window names SCHEDULE_MIN_LEAD_MINUTES', () => {
    const result = readConfig({ SCHEDULE_MIN_LEAD_MINUTES: '1440', SCHEDULE_MAX_LEAD_DAYS: '1' });
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.error.code, 'CONFIG_INVALID');
      assert.equal(result.error.field, 'SCHEDULE_MIN_LEAD_MINUTES');
    }
  });

  it('names the invalid variable even when others are valid', () => {
    const result = readConfig({
      MESSAGING_SERVICE_SID: SERVICE,
      DEFAULT_TIME_ZONE: 'America/New_York',
      SCHEDULE_MAX_LEAD_DAYS: '40',
    });
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.error.field, 'SCHEDULE_MAX_LEAD_DAYS');
  });
});

describe('TWILIO_API_BASE_URL', () => {
  // biome-ignore format: one case per line reads as a table
  const kept: [string, string][] = [
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
    ['http://127.0.0.1:4010/', 'http://127.0.0.1:4010'],
    ['http://localhost:4010', 'http://localhost:4010'],
    ['http://LOCALHOST:4010', 'http://LOCALHOST:4010'],
    ['http://[::1]:4010', 'http://[::1]:4010'],
    ['https://127.0.0.2:8443/twilio/', 'https://127.0.0.2:8443/twilio'],
  ];
  for (const [raw, apiBaseUrl] of kept) {
    it(`keeps the loopback ${raw}`, () => {
      const config = readConfig({ TWILIO_API_BASE_URL: raw });
      assert.ok(config.ok);
      assert.equal(config.value.apiBaseUrl, apiBaseUrl);
      assert.deepEqual(config.value.warnings, []);
    });
  }

  const ignored = [
    'https://api.twilio.com',
    'http://10.0.0.5:4010',
    'http://192.168.1.10',
    'http://127.0.0.1.example.com',
    'http://localhost.example.com',
    'http://user:secret@127.0.0.1:4010',
  ];
  for (const raw of ignored) {
    it(`ignores ${raw} with a warning`, () => {
      const config = readConfig({ TWILIO_API_BASE_URL: raw, MESSAGING_SERVICE_SID: SERVICE });
      assert.ok(config.ok, 'an ignored URL is not an error');
      assert.equal(config.value.apiBaseUrl, undefined);
      assert.equal(config.value.warnings.length, 1);
      assert.match(config.value.warnings[0] ?? '', /TWILIO_API_BASE_URL/);
      // The URL may hold credentials: the warning does not repeat it.
      assert.ok(!config.value.warnings[0]?.includes(raw));
    });
  }

  it('isLoopbackUrl agrees', () => {
    assert.equal(isLoopbackUrl('http://127.0.0.1:4010'), true);
    assert.equal(isLoopbackUrl('http://[::1]/'), true);
    assert.equal(isLoopbackUrl('https://api.twilio.com'), false);
    assert.equal(isLoopbackUrl('http://127.0.0.1.example.com'), false);
  });
});

describe('every configuration problem at once', () => {
  const bad: Env = {
    AUTH_TOKEN: 'short',
    DEFAULT_TIME_ZONE: 'Mars/Olympus_Mons',
    QUIET_HOURS: '22:00',
    SCHEDULE_MAX_LEAD_DAYS: '40',
  };

  it('configProblems lists each bad variable, in order, without its value', () => {
    const problems = configProblems(bad);
    assert.deepEqual(
      problems.map((p) => p.name),
      ['AUTH_TOKEN', 'DEFAULT_TIME_ZONE', 'QUIET_HOURS', 'SCHEDULE_MAX_LEAD_DAYS'],
    );
    assert.ok(!JSON.stringify(problems).includes('short'));
  });

  it('readConfig answers the first as CONFIG_INVALID, with all of them in detail', () => {
    const result = readConfig(bad);
    assert.ok(!result.ok);
    assert.equal(result.error.code, 'CONFIG_INVALID');
    assert.equal(result.error.field, 'AUTH_TOKEN');
    for (const name of Object.keys(bad))
      assert.match(wordsFor(result.error, 'en').detail ?? '', new RegExp(name));
  });

  it('before a deploy, a missing MESSAGING_SERVICE_SID and a loopback TWILIO_API_BASE_URL count', () => {
    const env: Env = { TWILIO_API_BASE_URL: 'http://127.0.0.1:3001' };
    assert.deepEqual(configProblems(env), []);
    assert.deepEqual(
      configProblems(env, { forDeploy: true }).map((p) => p.name),
      ['MESSAGING_SERVICE_SID', 'TWILIO_API_BASE_URL'],
    );
    assert.deepEqual(configProblems({ MESSAGING_SERVICE_SID: SERVICE }, { forDeploy: true }), []);
  });

  it('check-config prints every problem in one message', () => {
    const report = configReport({ ...bad }, { forDeploy: true, source: '.env' });
    assert.equal(report.ok, false);
    assert.match(report.text, /^The configuration in \.env has 5 problems:/);
    for (const name of [...Object.keys(bad), 'MESSAGING_SERVICE_SID']) {
      assert.match(report.text, new RegExp(`- ${name} `));
    }
    assert.deepEqual(configReport({ MESSAGING_SERVICE_SID: SERVICE }, { forDeploy: true }), {
      ok: true,
      text: '',
    });
  });

  it('checked by hand, what only a deploy needs is listed too, and marked', () => {
    const report = configReport(
      { QUIET_HOURS: '22:00', TWILIO_API_BASE_URL: 'http://127.0.0.1:3001' },
      { forDeploy: true, markDeployOnly: true, source: '.env' },
    );
    assert.equal(report.ok, false);
    const lines = report.text.split('\n');
    assert.equal(lines[0], 'The configuration in .env has 3 problems:');
    const line = (name: string) => lines.find((text) => text.startsWith(`  - ${name} `)) ?? '';
    assert.ok(line('MESSAGING_SERVICE_SID').endsWith(DEPLOY_ONLY_MARK));
    assert.ok(line('TWILIO_API_BASE_URL').endsWith(DEPLOY_ONLY_MARK));
    assert.ok(line('QUIET_HOURS') !== '' && !line('QUIET_HOURS').endsWith(DEPLOY_ONLY_MARK));
    // With --deploy nothing is marked: everything listed stops the deploy.
    assert.ok(
      !configReport({}, { forDeploy: true, source: '.env' }).text.includes(DEPLOY_ONLY_MARK),
    );
  });
});

describe('npx tsx scripts/check-config.ts, as the README says to run it', () => {
  const ROOT = join(import.meta.dirname, '..');
  const run = (envText: string, ...args: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'check-config-'));
    try {
      writeFileSync(join(dir, '.env'), envText);
      // tsx's own command, as npx runs it, in a folder holding only that .env.
      const result = spawnSync(
        join(ROOT, 'node_modules/.bin/tsx'),
        [join(ROOT, 'scripts/check-config.ts'), ...args],
        { cwd: dir, env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8', timeout: 30_000 },
      );
      return { status: result.status, output: result.stdout + result.stderr };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('names an empty MESSAGING_SERVICE_SID, without --deploy too, and exits 1', () => {
    const { status, output } = run('ACCOUNT_SID=\nAUTH_TOKEN=\nMESSAGING_SERVICE_SID=\n');
    assert.equal(status, 1, output);
    assert.match(output, /has 1 problem:\n {2}- MESSAGING_SERVICE_SID is not set/);
    assert.ok(output.includes(DEPLOY_ONLY_MARK), output);
  });

  it('lists every bad value at once, and says nothing was deployed with --deploy', () => {
    const { status, output } = run(
      'MESSAGING_SERVICE_SID=\nQUIET_HOURS=9pm-8am\nDEFAULT_TIME_ZONE=Mars/Olympus\n',
      '--deploy',
    );
    assert.equal(status, 1, output);
    assert.match(output, /has 3 problems/);
    for (const name of ['MESSAGING_SERVICE_SID', 'QUIET_HOURS', 'DEFAULT_TIME_ZONE']) {
      assert.match(output, new RegExp(`- ${name} `));
    }
    assert.match(output, /Nothing was deployed\./);
  });

  it('prints nothing and exits 0 when all is well', () => {
    const { status, output } = run(`MESSAGING_SERVICE_SID=${SERVICE}\nQUIET_HOURS=21:00-08:00\n`);
    assert.equal(status, 0, output);
    assert.equal(output, '');
  });
});
