// The local outbox page (scripts/outbox) in a real browser: Debian's Chromium driven
// by playwright-core. A person schedules through the form, sees the row (masked number, tag,
// times), cancels one, moves the emulator's clock to the next send and sees the message sent and
// its status callback land. Against a real account the page says so and shows no outbox, and the
// page's routes refuse a request that does not name this machine.
//
// Needs /usr/bin/chromium (`apt-get install chromium`; .ci/run installs it). Set
// OUTBOX_SCREENSHOT=/tmp/outbox.png to keep a picture of the page.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { type LocalStack, startLocalStack } from '../scripts/local-stack';
import { launchChromium, requireChromium } from './support/browser';

/** Every wait in the page is bounded by this. */
const WAIT_MS = 15_000;
const TEST_TIMEOUT_MS = 120_000;
const TO = '+15551234567';

async function openPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ timezoneId: 'UTC' });
  page.setDefaultTimeout(WAIT_MS);
  await page.goto(`${url}/`, { timeout: WAIT_MS });
  return page;
}

/** A raw GET with its own Host and Origin headers (fetch won't send another Host). */
function rawGet(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, timeout: WAIT_MS }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error('no answer')));
    req.on('error', reject);
    req.end();
  });
}

// Its own test, so that a machine without it counts a failure (the suite's are then canceled).
it("has Debian's Chromium to test the page in", () => requireChromium());

describe('the outbox page', { timeout: TEST_TIMEOUT_MS }, () => {
  let stack: LocalStack | undefined;
  let browser: Browser | undefined;

  before(async () => {
    // No .env: the emulator, whatever this machine's .env says.
    stack = await startLocalStack({ env: {}, stdio: 'ignore', startTimeoutMs: 60_000 });
    browser = await launchChromium();
  });

  after(async () => {
    try {
      await browser?.close();
    } finally {
      await stack?.stop();
    }
  });

  it('schedules through the form, cancels, moves the clock and shows the message sent', async () => {
    assert.ok(stack?.emulator && browser);
    const emulator = stack.emulator;
    const page = await openPage(browser, stack.url);
    try {
      await page.getByRole('heading', { name: 'Outbox', level: 1 }).waitFor();
      await page.getByText('No messages yet').waitFor();

      // A time the service refuses: its message and detail are shown.
      await page.getByLabel('To', { exact: true }).fill(TO);
      await page.getByLabel('Send time as').selectOption('minutes');
      await page.getByLabel('Send time', { exact: true }).fill('3');
      await page.getByRole('button', { name: 'Schedule' }).click();
      const result = page.locator('#schedule-result');
      await result.getByText('Not scheduled: Sorry, that time is too soon').waitFor();
      assert.match((await result.textContent()) ?? '', /at least 15 minutes/);

      // Tomorrow at 9 in Paris, tagged, as a Studio widget would send it.
      await page.getByLabel('Send time as').selectOption('when');
      await page.getByLabel('Send time', { exact: true }).fill('tomorrow at 9am');
      await page.getByLabel('Time zone').fill('Europe/Paris');
      await page.getByLabel('Tag').fill('promo');
      await page.getByRole('button', { name: 'Schedule' }).click();
      await result.getByText('Scheduled for').waitFor();
      const rows = page.locator('#outbox-rows tr');
      await rows.first().waitFor();
      const [stored] = [...emulator.messages.values()];
      assert.ok(stored?.sendAt, 'the emulator holds the scheduled message');
      const row = page.locator(`#outbox-rows tr[data-sid="${stored.sid}"]`);
      assert.equal(await row.locator('td.to').textContent(), '***4567');
      assert.equal(await row.locator('td.status').textContent(), 'scheduled');
      await row.locator('td.tag').getByText('promo').waitFor();
      assert.match((await row.locator('td.local').textContent()) ?? '', /09:00 CES?T/);
      const utc = new Date(stored.sendAt).toISOString().slice(11, 16);
      assert.match((await row.locator('td.utc').textContent()) ?? '', new RegExp(`${utc} UTC`));

      // A series from elsewhere (as a Studio flow would send it): its rows show its tag and
      // series, read from the registry.
      const answer = (await (
        await fetch(`${stack.url}/schedule-message`, {
          method: 'POST',
          body: new URLSearchParams({
            to: TO,
            body: 'Daily',
            delay: '3d',
            repeat: 'daily',
            count: '2',
            tag: 'daily',
          }),
        })
      ).json()) as { ok: boolean; series: string; occurrences: { sid: string }[] };
      assert.ok(answer.ok && answer.occurrences.length === 2);
      for (const { sid } of answer.occurrences) {
        const seriesRow = page.locator(`#outbox-rows tr[data-sid="${sid}"]`);
        await seriesRow.locator('td.tag').getByText('daily').waitFor();
        assert.equal(await seriesRow.locator('td.series').getAttribute('title'), answer.series);
      }
      const seriesSids = new Set(answer.occurrences.map((o) => o.sid));

      // A second one, canceled with its own button.
      await page.getByLabel('Tag').fill('');
      await page.getByLabel('Send time as').selectOption('delay');
      await page.getByLabel('Send time', { exact: true }).fill('2h');
      await page.getByRole('button', { name: 'Schedule' }).click();
      await rows.nth(3).waitFor();
      const second = [...emulator.messages.values()].find(
        (m) => m.sid !== stored.sid && !seriesSids.has(m.sid),
      );
      assert.ok(second);
      const secondRow = page.locator(`#outbox-rows tr[data-sid="${second.sid}"]`);
      // By keyboard: the focused button keeps its focus while the page refreshes.
      const cancel = secondRow.getByRole('button', { name: /^Cancel the message to \*\*\*4567/ });
      await cancel.focus();
      await page.waitForResponse((r) => r.url().endsWith('/_outbox/state'), { timeout: WAIT_MS });
      await page.waitForResponse((r) => r.url().endsWith('/_outbox/state'), { timeout: WAIT_MS });
      assert.ok(
        await cancel.evaluate((button) => button === button.ownerDocument.activeElement),
        'a refresh leaves the focus where it was',
      );
      await page.keyboard.press('Enter');
      await secondRow.locator('td.status').getByText('canceled').waitFor();
      await page.locator('#changes').getByText('scheduled → canceled').waitFor();
      assert.equal(await secondRow.getByRole('button').count(), 0, 'no Cancel once canceled');

      // To the next send: the first one goes out and its status callback lands.
      const before = emulator.clock.now();
      await page.getByRole('button', { name: 'To the next send' }).click();
      await row.locator('td.status').getByText('sent', { exact: true }).waitFor();
      await page.locator('#clock-result').getByText('1 message sent').waitFor();
      await page.locator('#changes').getByText('scheduled → sent').waitFor();
      assert.equal(emulator.messages.get(stored.sid)?.status, 'sent');
      assert.ok(emulator.clock.now() >= stored.sendAt && emulator.clock.now() > before);
      await page.locator('#callbacks li', { hasText: 'sent · posted (HTTP 200)' }).waitFor();

      // +1 hour moves the clock by an hour.
      const beforeHour = emulator.clock.now();
      await page.getByRole('button', { name: '+1 hour' }).click();
      await page.locator('#clock-result').getByText('nothing was due').waitFor();
      assert.ok(emulator.clock.now() - beforeHour >= 3600_000);

      // An appointment, booked as the flow's REST path books it, then confirmed by a reply: the
      // appointments table shows its state as the registry holds it.
      const base = stack.url;
      const post = async (path: string, fields: Record<string, string>) =>
        (await fetch(`${base}${path}`, {
          method: 'POST',
          body: new URLSearchParams(fields),
        }).then((r) => r.json())) as Record<string, unknown>;
      const booked = await post('/schedule-message', {
        to: TO,
        appointmentAt: 'in 3 days',
        timeZone: 'Europe/Paris',
        tag: 'appt-7',
        body: 'See you {{appointment}}',
      });
      assert.equal(booked.ok, true, JSON.stringify(booked));
      const appointmentRow = page.locator('#appointment-rows tr[data-tag="appt-7"]');
      await appointmentRow.locator('td.state').getByText('booked').waitFor();
      assert.equal(await appointmentRow.locator('td.to').textContent(), '***4567');
      const replied = await post('/reply', { from: TO, text: 'C' });
      assert.equal(replied.state, 'confirmed', JSON.stringify(replied));
      await appointmentRow.locator('td.state').getByText('confirmed').waitFor();

      // Masked numbers only, anywhere on the page.
      const text = (await page.locator('body').textContent()) ?? '';
      assert.ok(!text.includes('5551234567'), 'no full number on the page');
      const state = await page.evaluate(async () => (await fetch('/_outbox/state')).text());
      assert.ok(state.includes('***4567') && !state.includes('5551234567'), 'none sent to it');

      if (process.env.OUTBOX_SCREENSHOT) {
        await page.screenshot({ path: process.env.OUTBOX_SCREENSHOT, fullPage: true });
      }
    } finally {
      await page.close();
    }
  });

  it('refuses requests that do not name this machine', async () => {
    assert.ok(stack);
    const state = `${stack.url}/_outbox/state`;
    assert.equal(await rawGet(state, {}), 200);
    assert.equal(await rawGet(state, { Host: 'evil.example' }), 403);
    assert.equal(await rawGet(`${stack.url}/_emulator/clock`, { Host: 'evil.example' }), 403);
    assert.equal(await rawGet(state, { Origin: 'http://evil.example' }), 403);
  });

  it('says so and shows no outbox against a real account', async () => {
    assert.ok(browser);
    // Credentials of the right shape: no emulator. The page calls no function, so nothing
    // reaches Twilio.
    const real = await startLocalStack({
      env: { ACCOUNT_SID: `AC${'1'.repeat(32)}`, AUTH_TOKEN: 'f'.repeat(32) },
      stdio: 'ignore',
      startTimeoutMs: 60_000,
    });
    try {
      assert.equal(real.emulator, undefined);
      const page = await openPage(browser, real.url);
      try {
        await page.locator('#notice').getByText('real Twilio account').waitFor();
        assert.ok(await page.locator('#outbox-app').isHidden());
        assert.equal(await page.locator('#outbox-rows tr').count(), 0);
        const clock = await page.evaluate(async () => (await fetch('/_emulator/clock')).status);
        assert.equal(clock, 404);
      } finally {
        await page.close();
      }
    } finally {
      await real.stop();
    }
  });
});
