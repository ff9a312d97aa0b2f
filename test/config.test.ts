// readConfig: the environment variables, as Twilio hands them over (strings, maybe empty).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLoopbackUrl } from '../src/core/web-url';
import { httpStatusFor } from '../src/edge/response';
import { type Env, readConfig } from '../src/input/config';

const SERVICE = `MG${'0123456789abcdef'.repeat(2)}`;

describe('readConfig', () => {
  it('an empty environment gives Twilio’s window and nothing else', () => {
    assert.deepEqual(readConfig({}), {
      ok: true,
      value: {
        defaults: { quietHours: null },
        window: { minLeadMinutes: 15, maxLeadDays: 35 },
        warnings: [],
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
          },
          window: { minLeadMinutes: 20, maxLeadDays: 7 },
          apiBaseUrl: 'http://127.0.0.1:4010',
          warnings: [],
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
      assert.match(result.error.message, new RegExp(name));
      // The value itself is not echoed: a misplaced secret must not reach a response.
      assert.ok(!result.error.message.includes(value), result.error.message);
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
