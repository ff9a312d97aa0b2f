// The console page in a real browser (Debian's Chromium driven by playwright-core), against the
// local stack: once run as if deployed (CONSOLE_PASSWORD set, 1-minute sessions), once as
// `npm start` runs it without a password. Sign-in wrong then right, list, search, cancel with a
// confirmation, a tampered and an expired token, sign-out, and markup in message bodies shown
// as text and never run.
//
// Needs /usr/bin/chromium (`apt-get install chromium`). Set CONSOLE_SCREENSHOTS=/tmp to keep
// pictures of the page.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { type LocalStack, startLocalStack } from '../scripts/local-stack';
import { launchChromium, requireChromium } from './support/browser';

const WAIT_MS = 15_000;
const TEST_TIMEOUT_MS = 180_000;
const PASSWORD = 'correct horse battery';
const US = '+12125550123';
const UK = '+447700900123';
const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=2</script>';
const DOTS = '\u00b7\u00b7\u00b7';

/** The page's sessionStorage, as the test reads it (the test's types have no DOM). */
interface Store {
  length: number;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

async function screenshot(page: Page, name: string): Promise<void> {
  const folder = process.env.CONSOLE_SCREENSHOTS;
  if (folder) await page.screenshot({ path: join(folder, `console-${name}.png`), fullPage: true });
}

async function post(url: string, fields: Record<string, string>) {
  const response = await fetch(url, { method: 'POST', body: new URLSearchParams(fields) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const launch = (): Promise<Browser> => launchChromium();

/** What the browser reported as wrong on a page: script errors, CSP refusals. */
const problems = new WeakMap<Page, string[]>();

async function openConsole(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ timezoneId: 'UTC' });
  page.setDefaultTimeout(WAIT_MS);
  const seen: string[] = [];
  problems.set(page, seen);
  page.on('pageerror', (error) => seen.push(error.message));
  // The expected 401s of a wrong password show as failed loads; anything else is a problem.
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 40[14]/.test(message.text()))
      seen.push(message.text());
  });
  await page.goto(`${url}/console`, { timeout: WAIT_MS });
  return page;
}

async function signIn(page: Page, password: string): Promise<void> {
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

it("has Debian's Chromium to test the console in", () => requireChromium());

describe('the console, run as if deployed (password, 1-minute sessions)', {
  timeout: TEST_TIMEOUT_MS,
}, () => {
  let stack: LocalStack | undefined;
  let browser: Browser | undefined;

  before(async () => {
    stack = await startLocalStack({
      env: { CONSOLE_PASSWORD: PASSWORD, CONSOLE_SESSION_MINUTES: '1' },
      stdio: 'ignore',
      startTimeoutMs: 60_000,
    });
    const scheduled: Record<string, string>[] = [
      { to: US, body: `later ${IMG}`, minutes: '120', tag: 'promo' },
      { to: UK, body: `sooner ${SCRIPT}`, minutes: '60', tag: 'appt-7' },
      { to: US, body: 'take the pill', minutes: '30', repeat: 'daily', count: '3', tag: 'pill' },
    ];
    for (const fields of scheduled) {
      const answer = await post(`${stack.url}/schedule-message`, fields);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
    }
    // A tag can't carry markup: it is refused before anything is scheduled.
    const markupTag = await post(`${stack.url}/schedule-message`, {
      to: US,
      body: 'x',
      minutes: '60',
      tag: '<b>x</b>',
    });
    assert.equal((markupTag.body.error as { code?: string }).code, 'INVALID_TAG');
    browser = await launch();
  });

  after(async () => {
    try {
      await browser?.close();
    } finally {
      await stack?.stop();
    }
  });

  it('signs in (wrong, then right), lists, searches, cancels with a confirmation, signs out', async () => {
    assert.ok(stack?.emulator && browser);
    const page = await openConsole(browser, stack.url);
    try {
      // Wrong: the texter-style message and the builder's detail, apart.
      await signIn(page, 'not the password');
      await page.locator('#error-message').getByText('That password is not right.').waitFor();
      assert.match((await page.locator('#error-detail').textContent()) ?? '', /1 of 5/);
      assert.equal(await page.locator('#console').isVisible(), false);
      await screenshot(page, '1-wrong-password');

      await signIn(page, PASSWORD);
      const rows = page.locator('#rows tr');
      await page.locator('#who').getByText('Signed in until').waitFor();
      await rows.nth(4).waitFor();
      assert.equal(await rows.count(), 5);
      assert.equal(await page.locator('#error').isVisible(), false);

      // Soonest first: the pill (30 min), the UK message (60), the promo (120), two more pills.
      const bodies = await page.locator('#rows td.body').allTextContents();
      assert.deepEqual(bodies, [
        'take the pill',
        `sooner ${SCRIPT}`,
        `later ${IMG}`,
        'take the pill',
        'take the pill',
      ]);
      const masked = await page.locator('#rows td.to').allTextContents();
      assert.equal(masked[1], `+44 ${DOTS}0123`);
      assert.equal(masked[0], `+1 ${DOTS}0123`);
      // Markup stayed text: no element made from it, nothing run.
      assert.equal(await page.locator('#rows img, #rows script').count(), 0);
      assert.equal(
        await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned),
        undefined,
      );
      // The series, with its counts.
      const plan = page.locator('#plans tr').first();
      assert.equal(await plan.locator('td.created').textContent(), '3 / 3');
      assert.equal(await plan.locator('td.pending').textContent(), '0');
      await screenshot(page, '2-signed-in');

      // Search by tag, then by recipient.
      await page.getByLabel('Show').selectOption('tag');
      await page.getByLabel('Search for').fill('promo');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.locator('#rows-note').getByText('1 upcoming').waitFor();
      assert.deepEqual(await page.locator('#rows td.tag').allTextContents(), ['promo']);
      await page.getByLabel('Show').selectOption('to');
      await page.getByLabel('Search for').fill(UK);
      await page.getByRole('button', { name: 'Search' }).click();
      await page.locator('#rows td.tag').getByText('appt-7').waitFor();
      assert.deepEqual(await page.locator('#rows td.tag').allTextContents(), ['appt-7']);

      // Cancel one: asked first; "No" keeps it, "Yes" cancels it.
      const sid = (await page.locator('#rows tr').first().getAttribute('data-sid')) ?? '';
      await page.locator('#rows tr').first().getByRole('button', { name: 'This one' }).click();
      await page.locator('#confirm-text').getByText(`+44 ${DOTS}0123`).waitFor();
      await screenshot(page, '3-confirm');
      await page.getByRole('button', { name: 'No, keep' }).click();
      assert.equal(stack.emulator.messages.get(sid)?.status, 'scheduled');
      await page.locator('#rows tr').first().getByRole('button', { name: 'This one' }).click();
      await page.getByRole('button', { name: 'Yes, cancel' }).click();
      await page.locator('#notice').getByText('Canceled 1 message.').waitFor();
      assert.equal(stack.emulator.messages.get(sid)?.status, 'canceled');
      await page.locator('#rows td.empty').waitFor();

      // Cancel a series from its plan, by tag from a row.
      await page.getByLabel('Show').selectOption('');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.locator('#rows-note').getByText('4 upcoming').waitFor();
      await page.locator('#plans tr').first().getByRole('button', { name: 'Series' }).click();
      await page.getByRole('button', { name: 'Yes, cancel' }).click();
      await page.locator('#notice').getByText('The series will schedule nothing more.').waitFor();
      await page.locator('#rows-note').getByText('1 upcoming').waitFor();
      assert.equal(await page.locator('#plans td.next').first().textContent(), 'canceled');
      await page.locator('#rows tr').first().getByRole('button', { name: 'Tag' }).click();
      await page.locator('#confirm-text').getByText('tagged "promo"').waitFor();
      await page.getByRole('button', { name: 'Yes, cancel' }).click();
      await page.locator('#rows td.empty').waitFor();
      await screenshot(page, '4-all-canceled');
      // No script error, and nothing the Content-Security-Policy had to refuse.
      assert.deepEqual(problems.get(page), []);

      // Sign out: the token is dropped, and the form is back.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByLabel('Password').waitFor();
      assert.equal(
        await page.evaluate(
          () => (globalThis as unknown as { sessionStorage: Store }).sessionStorage.length,
        ),
        0,
      );
      assert.equal(await page.locator('#console').isVisible(), false);
    } finally {
      await page.close();
    }
  });

  it('refuses a tampered token and an expired one, and asks to sign in again', async () => {
    assert.ok(stack?.emulator && browser);
    const page = await openConsole(browser, stack.url);
    try {
      await signIn(page, PASSWORD);
      await page.locator('#who').getByText('Signed in until').waitFor();
      // A token whose expiry was pushed back a day: its signature no longer matches.
      await page.evaluate(() => {
        const store = (globalThis as unknown as { sessionStorage: Store }).sessionStorage;
        const [v, expiry, id, mac] = (store.getItem('console-session') ?? '').split('.');
        store.setItem('console-session', [v, Number(expiry) + 86400, id, mac].join('.'));
      });
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.locator('#error-message').getByText('Please sign in.').waitFor();
      assert.match(
        (await page.locator('#error-detail').textContent()) ?? '',
        /not signed by this service/,
      );
      assert.equal(await page.locator('#console').isVisible(), false);
      assert.equal(
        await page.evaluate(
          () => (globalThis as unknown as { sessionStorage: Store }).sessionStorage.length,
        ),
        0,
      );
      await screenshot(page, '5-tampered');

      // Expired: the functions' clock follows the emulator's, moved past the 1-minute session.
      await signIn(page, PASSWORD);
      await page.locator('#who').getByText('Signed in until').waitFor();
      stack.emulator.clock.advance(2 * 60_000);
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page
        .locator('#error-message')
        .getByText('Your session has ended: please sign in again.')
        .waitFor();
      await screenshot(page, '6-expired');
      await signIn(page, PASSWORD);
      await page.locator('#who').getByText('Signed in until').waitFor();
    } finally {
      await page.close();
    }
  });
});

describe('the console under npm start without a password', { timeout: TEST_TIMEOUT_MS }, () => {
  let stack: LocalStack | undefined;
  let browser: Browser | undefined;

  before(async () => {
    stack = await startLocalStack({ env: {}, stdio: 'ignore', startTimeoutMs: 60_000 });
    const answer = await post(`${stack.url}/schedule-message`, {
      to: UK,
      body: 'hello from the outbox',
      minutes: '45',
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    browser = await launch();
  });

  after(async () => {
    try {
      await browser?.close();
    } finally {
      await stack?.stop();
    }
  });

  it('opens without a password on this machine, with no sign-out', async () => {
    assert.ok(stack && browser);
    const page = await openConsole(browser, stack.url);
    try {
      await page.locator('#who').getByText('On this machine').waitFor();
      await page.locator('#rows td.body').getByText('hello from the outbox').waitFor();
      assert.equal(await page.getByRole('button', { name: 'Sign out' }).isVisible(), false);
      assert.equal(await page.getByLabel('Password').isVisible(), false);
      await screenshot(page, '7-local');
      assert.deepEqual(problems.get(page), []);
    } finally {
      await page.close();
    }
  });

  it('gives nothing to a request that is not from its own page', async () => {
    assert.ok(stack);
    const call = (headers: Record<string, string>) =>
      fetch(`${stack?.url}/console-api`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify({ action: 'upcoming' }),
      });
    // Another site's page (its Origin) is refused by the local server before the console runs;
    // a program forging the local header gets the console as if off (no password set).
    const foreign = await call({ Origin: 'https://evil.example' });
    assert.equal(foreign.status, 403);
    const forged = await call({ 'X-Console-Local': 'f'.repeat(64) });
    assert.equal(forged.status, 404);
    const own = await call({ Origin: stack.url });
    assert.equal(own.status, 200);
  });
});
