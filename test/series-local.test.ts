// What repeats promise a person trying it locally: through `npm start`'s stack (the real
// runtime on loopback, the emulator behind it), a 10-week series is scheduled, the emulator's
// clock is moved over its HTTP API, and exactly 10 messages go out, each at 08:00 New York. The
// functions' clock follows the emulator's; its status callbacks arm the later occurrences.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type LocalStack, startLocalStack } from '../scripts/local-stack';

const NY = 'America/New_York';
const newYork = (ms: number) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: NY,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(ms);

describe('a 10-week series watched going out under npm start', { timeout: 120_000 }, () => {
  let stack: LocalStack;

  before(async () => {
    stack = await startLocalStack({ env: {}, stdio: 'ignore', startTimeoutMs: 60_000 });
  });
  after(() => stack?.stop());

  const post = async (url: string, params: Record<string, string>) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
      signal: AbortSignal.timeout(10_000),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('repeat=weekly&count=10&at=08:00: scheduled inside 35 days, the rest armed as the clock moves', async () => {
    const emulator = stack.emulator;
    assert.ok(emulator, 'no credentials: the emulator stands in');
    const to = '+15557770010';
    const started = await post(`${stack.url}/schedule-message`, {
      to,
      body: 'Class at 9',
      repeat: 'weekly',
      count: '10',
      at: '08:00',
      timeZone: NY,
    });
    assert.equal(started.status, 200, JSON.stringify(started.body));
    const scheduledNow = (started.body.occurrences as unknown[]).length;
    assert.equal(scheduledNow + Number(started.body.pending), 10);
    assert.ok(Number(started.body.pending) > 0, 'some occurrences are past the 35-day window');

    for (let step = 0; step < 30; step++) {
      const moved = await post(`${emulator.url}/_emulator/clock`, { to: 'next-send' });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      await emulator.callbacksSettled();
      if ((moved.body.sent as unknown[]).length === 0) break;
    }
    const mine = [...emulator.messages.values()].filter((m) => m.to === to);
    assert.equal(mine.length, 10, 'exactly one message per occurrence');
    assert.ok(mine.every((m) => m.status === 'sent'));
    for (const m of mine) assert.match(newYork(m.sendAt ?? 0), /08:00/);
    assert.equal(
      new Set(mine.map((m) => newYork(m.sendAt ?? 0).slice(0, 3))).size,
      1,
      'same weekday',
    );
  });
});
