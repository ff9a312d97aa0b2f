// The console's functions, built (functions/console.js, functions/console-api.js), against the
// Messages emulator and its Sync: off without a password, sign-in (wrong, right, locked after
// 5), tokens (missing, tampered, expired), the lists (everything, by recipient, tag or series,
// masked, with their text), series plans with pending counts, cancels, and npm start's header.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EMULATOR_AUTH_TOKEN, TwilioEmulator } from '../emulator';
import { sessionKey, signSession } from '../src/core/console-session';
import { type Answer, invoke, loadFunction, makeContext } from './support/functions';

const require = createRequire(import.meta.url);
type Handler = Parameters<typeof invoke>[0];
const built = (name: string): Handler =>
  require(join(import.meta.dirname, '..', 'functions', `${name}.js`)).handler;

const api = built('console-api');
const page = built('console');
const schedule = loadFunction('schedule-message');
const SERVICE = `MG${'a'.repeat(32)}`;
const PASSWORD = 'correct horse battery';
const LOCAL_KEY = 'k'.repeat(64);
const US = '+12125550123';
const UK = '+447700900123';

type Body = Record<string, unknown>;
const messagesOf = (answer: Answer) => answer.body.messages as Body[];

describe('/console and /console-api (built functions, emulator)', () => {
  const emulator = new TwilioEmulator();
  let env: Record<string, string>;
  const context = (extra: Record<string, string | undefined> = {}) =>
    makeContext({ env: { ...env, ...extra } });
  const call = (event: Body, token?: string, extra: Record<string, string | undefined> = {}) =>
    invoke(api, context(extra), {
      ...event,
      request: { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } },
    });
  let token = '';

  before(async () => {
    env = {
      MESSAGING_SERVICE_SID: SERVICE,
      TWILIO_API_BASE_URL: await emulator.start(),
      AUTH_TOKEN: EMULATOR_AUTH_TOKEN,
      CONSOLE_PASSWORD: PASSWORD,
    };
    const scheduled = [
      { to: US, body: 'later <script>alert(1)</script>', minutes: '120', tag: 'promo' },
      { to: UK, body: 'sooner', minutes: '60', tag: 'appt-7' },
      { to: US, body: 'daily', minutes: '30', repeat: 'daily', count: '3', tag: 'pill' },
    ];
    for (const event of scheduled) {
      const answer = await invoke(schedule, context(), event);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
    }
  });
  after(() => emulator.stop());

  describe('off', () => {
    it('answers 404 to everything without CONSOLE_PASSWORD, the page included', async () => {
      const off = { CONSOLE_PASSWORD: undefined };
      for (const action of ['sign-in', 'session', 'upcoming', 'cancel', 'nonsense']) {
        const answer = await call({ action, password: PASSWORD }, undefined, off);
        assert.equal(answer.status, 404, action);
        assert.equal(answer.body.error?.code, 'CONSOLE_OFF');
      }
      const html = await invoke(page, context(off), {});
      assert.equal(html.status, 404);
    });

    it('refuses a short password or secret as a configuration problem', async () => {
      const short = await call({ action: 'session' }, undefined, { CONSOLE_PASSWORD: 'short' });
      assert.equal(short.status, 500);
      assert.equal(short.body.error?.code, 'CONFIG_INVALID');
      assert.equal(short.body.error?.field, 'CONSOLE_PASSWORD');
      const secret = await call({ action: 'session' }, undefined, { CONSOLE_SECRET: 'x' });
      assert.equal(secret.body.error?.field, 'CONSOLE_SECRET');
    });
  });

  describe('the page', () => {
    it('is served with a strict Content-Security-Policy, and its script and style apart', async () => {
      const html = await invoke(page, context(), {});
      assert.equal(html.status, 200);
      assert.match(html.headers['Content-Type'] ?? '', /^text\/html/);
      const csp = html.headers['Content-Security-Policy'] ?? '';
      assert.match(csp, /default-src 'none'/);
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      assert.equal(html.headers['X-Frame-Options'], 'DENY');
      const text = String(html.body);
      assert.match(text, /<script src="console\?file=script" defer><\/script>/);
      assert.doesNotMatch(text, /<script>/, 'no inline script');
      const script = await invoke(page, context(), { file: 'script' });
      assert.match(script.headers['Content-Type'] ?? '', /^text\/javascript/);
      assert.match(String(script.body), /textContent/);
      assert.doesNotMatch(String(script.body), /innerHTML|insertAdjacentHTML|document\.write/);
      const style = await invoke(page, context(), { file: 'style' });
      assert.match(style.headers['Content-Type'] ?? '', /^text\/css/);
    });
  });

  describe('sign-in and sessions', () => {
    it('refuses a wrong password, and gives a token for the right one', async () => {
      const wrong = await call({ action: 'sign-in', password: 'not it at all' });
      assert.equal(wrong.status, 401);
      assert.equal(wrong.body.error?.code, 'CONSOLE_SIGN_IN_FAILED');
      assert.equal(wrong.body.error?.message, 'That password is not right.');
      assert.match(String(wrong.body.error?.detail), /1 of 5/);
      const right = await call({ action: 'sign-in', password: PASSWORD });
      assert.equal(right.status, 200, JSON.stringify(right.body));
      const session = right.body.session as { token: string; expiresAt: string };
      assert.match(session.token, /^v1\.\d+\.[0-9a-f]{32}\.[\w-]{43}$/);
      const minutes = (Date.parse(session.expiresAt) - Date.now()) / 60_000;
      assert.ok(minutes > 58 && minutes <= 60, `default session: ${minutes} minutes`);
      assert.equal(right.headers['Cache-Control'], 'no-store');
      token = session.token;
      const check = await call({ action: 'session' }, token);
      assert.equal(check.status, 200);
    });

    it('refuses no token, a tampered one, an expired one, and one from another password', async () => {
      const none = await call({ action: 'upcoming' });
      assert.equal(none.status, 401);
      assert.equal(none.body.error?.code, 'CONSOLE_SIGNED_OUT');
      const [version, expiry, id, mac] = token.split('.');
      const later = [version, Number(expiry) + 86_400, id, mac].join('.');
      const tampered = await call({ action: 'upcoming' }, later);
      assert.equal(tampered.status, 401);
      assert.equal(tampered.body.error?.code, 'CONSOLE_SIGNED_OUT');
      assert.match(String(tampered.body.error?.detail), /not signed by this service/);
      const key = sessionKey(EMULATOR_AUTH_TOKEN, PASSWORD);
      const expired = await call({ action: 'upcoming' }, signSession(key, Date.now() - 1000));
      assert.equal(expired.status, 401);
      assert.equal(expired.body.error?.code, 'CONSOLE_SESSION_EXPIRED');
      assert.match(String(expired.body.error?.detail), /expired at \d{4}-\d\d-\d\dT/);
      const changed = await call({ action: 'session' }, token, {
        CONSOLE_PASSWORD: 'a brand new password',
      });
      assert.equal(changed.body.error?.code, 'CONSOLE_SIGNED_OUT');
      const unknown = await call({ action: 'drop-tables' }, token);
      assert.equal(unknown.body.error?.code, 'CONSOLE_UNKNOWN_ACTION');
      const unknownSignedOut = await call({ action: 'drop-tables' });
      assert.equal(unknownSignedOut.body.error?.code, 'CONSOLE_SIGNED_OUT');
    });

    it('ignores the local header unless the run set CONSOLE_LOCAL_KEY, and then only its key', async () => {
      const header = (value: string) => ({ request: { headers: { 'x-console-local': value } } });
      const deployed = await invoke(api, context(), { action: 'upcoming', ...header(LOCAL_KEY) });
      assert.equal(deployed.status, 401);
      const local = { CONSOLE_PASSWORD: undefined, CONSOLE_LOCAL_KEY: LOCAL_KEY };
      const right = await invoke(api, context(local), { action: 'session', ...header(LOCAL_KEY) });
      assert.deepEqual(right.body, { ok: true, session: { local: true } });
      const wrong = await invoke(api, context(local), {
        action: 'session',
        ...header(`${LOCAL_KEY.slice(1)}x`),
      });
      assert.equal(wrong.status, 404);
      // On a deployed service's domain the key counts for nothing, even if it were set there.
      const twilio = { ...local, DOMAIN_NAME: 'studio-message-scheduler-1234-dev.twil.io' };
      const deployedKey = await invoke(api, context(twilio), {
        action: 'session',
        ...header(LOCAL_KEY),
      });
      assert.equal(deployedKey.status, 404);
      const pageLocal = await invoke(page, context(local), header(LOCAL_KEY));
      assert.equal(pageLocal.status, 200);
      assert.equal((await invoke(page, context(local), {})).status, 404);
    });
  });

  describe('lists', () => {
    it('lists everything upcoming by send time, masked so that no two numbers look alike, with text', async () => {
      const answer = await call({ action: 'upcoming' }, token);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      const messages = messagesOf(answer);
      const times = messages.map((m) => String(m.sendAt));
      assert.deepEqual(times, [...times].sort());
      // The daily series: its occurrences within Twilio's window exist, the rest are pending.
      assert.deepEqual(
        messages.map((m) => m.body),
        ['daily', 'sooner', 'later <script>alert(1)</script>', 'daily', 'daily'],
      );
      assert.equal(messages[1]?.to, '+44 \u00b7\u00b7\u00b70123');
      assert.equal(messages[0]?.to, '+1 \u00b7\u00b7\u00b70123');
      assert.ok(!JSON.stringify(answer.body).includes('5550123'), 'no full number');
      assert.equal(answer.body.complete, true);
    });

    it('searches by recipient, tag and series as /scheduled-messages does', async () => {
      const byTo = messagesOf(await call({ action: 'upcoming', to: UK }, token));
      assert.deepEqual(
        byTo.map((m) => m.body),
        ['sooner'],
      );
      const byTag = messagesOf(await call({ action: 'upcoming', tag: 'promo' }, token));
      assert.deepEqual(
        byTag.map((m) => m.tag),
        ['promo'],
      );
      const series = String(
        byTag[0]?.series ??
          messagesOf(await call({ action: 'upcoming', tag: 'pill' }, token))[0]?.series,
      );
      const bySeries = messagesOf(await call({ action: 'upcoming', series }, token));
      assert.equal(bySeries.length, 3);
      const bad = await call({ action: 'upcoming', to: '555' }, token);
      assert.equal(bad.body.error?.code, 'INVALID_TO');
    });

    it('shows series plans with how many occurrences exist and how many are to come', async () => {
      const answer = await call({ action: 'series' }, token);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      const [plan] = answer.body.plans as Body[];
      assert.equal(plan?.planned, 3);
      assert.equal(plan?.scheduled, 3);
      assert.equal(plan?.pending, 0);
      assert.ok(Date.parse(String(plan?.next)) > Date.now(), 'the next occurrence');
      assert.equal(plan?.body, 'daily');
      assert.equal(plan?.to, '+1 \u00b7\u00b7\u00b70123');
    });

    it('counts as pending the occurrences beyond Twilio\u2019s 35 days', async () => {
      const monthly = await invoke(schedule, context(), {
        to: UK,
        body: 'rent',
        minutes: '90',
        repeat: 'FREQ=MONTHLY',
        count: '4',
      });
      assert.equal(monthly.status, 200, JSON.stringify(monthly.body));
      const plans = (await call({ action: 'series' }, token)).body.plans as Body[];
      const plan = plans.find((p) => p.series === monthly.body.series);
      assert.deepEqual(
        [plan?.planned, plan?.scheduled, plan?.pending, plan?.canceled],
        // One month ahead is always inside the 35 days, two never.
        [4, 2, 2, false],
      );
      const stopped = await call({ action: 'cancel', series: monthly.body.series }, token);
      assert.equal(stopped.body.seriesStopped, true);
      const after = (await call({ action: 'series' }, token)).body.plans as Body[];
      assert.equal(after.find((p) => p.series === monthly.body.series)?.pending, 0);
    });
  });

  describe('cancels', () => {
    it('cancels one, by tag and by series; each is gone from the list', async () => {
      const before = messagesOf(await call({ action: 'upcoming' }, token));
      const sooner = before.find((m) => m.body === 'sooner');
      const one = await call({ action: 'cancel', sid: sooner?.sid }, token);
      assert.deepEqual(one.body, { ok: true, canceled: [sooner?.sid] });
      const tag = await call({ action: 'cancel', tag: 'promo' }, token);
      assert.equal((tag.body.canceled as string[]).length, 1);
      const series = String(before.find((m) => m.series)?.series);
      const stopped = await call({ action: 'cancel', series }, token);
      assert.equal(stopped.body.seriesStopped, true);
      assert.equal((stopped.body.canceled as string[]).length, 3);
      assert.deepEqual(messagesOf(await call({ action: 'upcoming' }, token)), []);
      const plans = (await call({ action: 'series' }, token)).body.plans as Body[];
      assert.equal(plans[0]?.canceled, true);
      assert.equal(plans[0]?.pending, 0);
    });
  });

  describe('throttle', () => {
    it('compares at most 5 passwords of many sent at once, then refuses the right one too', async () => {
      // One wrong password was counted above; the right one cleared it.
      const guesses = await Promise.all(
        Array.from({ length: 8 }, (_, i) => call({ action: 'sign-in', password: `guess ${i}` })),
      );
      const codes = guesses.map((answer) => String(answer.body.error?.code));
      const compared = codes.filter((code) => code === 'CONSOLE_SIGN_IN_FAILED').length;
      assert.ok(compared >= 1 && compared <= 5, codes.join(' '));
      for (const code of codes)
        assert.ok(
          ['CONSOLE_SIGN_IN_FAILED', 'CONSOLE_SIGN_IN_LOCKED', 'REGISTRY_UNAVAILABLE'].includes(
            code,
          ),
          code,
        );
      // Until 5 are counted, the rest are compared one by one.
      for (let i = compared; i < 5; i++) {
        const wrong = await call({ action: 'sign-in', password: `again ${i}` });
        assert.equal(wrong.body.error?.code, 'CONSOLE_SIGN_IN_FAILED');
      }
      const locked = await call({ action: 'sign-in', password: PASSWORD });
      assert.equal(locked.status, 429);
      assert.equal(locked.body.error?.code, 'CONSOLE_SIGN_IN_LOCKED');
      assert.match(String(locked.body.error?.message), /try again in 15 minutes/);
      // A session already open is not locked out.
      assert.equal((await call({ action: 'session' }, token)).status, 200);
    });
  });

  describe('appointments', () => {
    it('by an appointment\u2019s tag, shows the appointment and its state as replies change it', async () => {
      const to = '+12125550177';
      const at = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
      const booked = await invoke(schedule, context(), {
        to,
        body: 'See you {{appointment}}',
        appointmentAt: `${at}T15:00`,
        timeZone: 'America/New_York',
        remind: '24h',
        tag: 'appt-console',
      });
      assert.equal(booked.status, 200, JSON.stringify(booked.body));
      const before = await call({ action: 'upcoming', tag: 'appt-console' }, token);
      const appointment = before.body.appointment as Body;
      assert.equal(appointment.tag, 'appt-console');
      assert.equal(appointment.state, 'booked');
      const replied = await invoke(loadFunction('reply'), context(), { from: to, text: 'C' });
      assert.equal(replied.body.state, 'confirmed', JSON.stringify(replied.body));
      const after = await call({ action: 'upcoming', tag: 'appt-console' }, token);
      assert.equal((after.body.appointment as Body).state, 'confirmed');
      // A tag that names no appointment has none.
      const plain = await call({ action: 'upcoming', tag: 'promo' }, token);
      assert.equal(plain.body.appointment, undefined);
    });
  });
});
