// Wrong console passwords counted in the emulator's Sync (src/registry/sign-in-throttle.ts): 5
// within 15 minutes lock sign-in until the oldest is 15 minutes old; the count is shared by every
// invocation, as it lives in Sync.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import twilio from 'twilio';
import {
  EMULATOR_ACCOUNT_SID,
  EMULATOR_AUTH_TOKEN,
  MovableClock,
  TwilioEmulator,
} from '../emulator';
import {
  lockedUntil,
  MAX_FAILURES,
  SignInThrottle,
  WINDOW_MS,
} from '../src/registry/sign-in-throttle';
import { SyncMaps } from '../src/twilio/sync-map';
import { createTransport } from '../src/twilio/transport';

const START = Date.parse('2027-01-05T09:00:00Z');
const MINUTE = 60_000;

describe('lockedUntil', () => {
  it('is open below the limit, locked at it, until the oldest leaves the window', () => {
    const at = [0, 1, 2, 3].map((i) => START + i * MINUTE);
    assert.equal(lockedUntil(at, START + 4 * MINUTE), undefined);
    const five = [...at, START + 4 * MINUTE];
    assert.equal(lockedUntil(five, START + 5 * MINUTE), START + WINDOW_MS);
    assert.equal(lockedUntil(five, START + WINDOW_MS), undefined);
  });
});

describe('SignInThrottle (emulator Sync)', () => {
  const clock = new MovableClock(() => START);
  const emulator = new TwilioEmulator({ clock });
  let maps: () => SyncMaps;

  before(async () => {
    const url = await emulator.start();
    const client = twilio(EMULATOR_ACCOUNT_SID, EMULATOR_AUTH_TOKEN, {
      httpClient: createTransport({ deadline: Date.now() + 60_000, baseUrl: url }),
    } as unknown as Parameters<typeof twilio>[2]);
    // A new SyncMaps per use, as each invocation opens its own: the count is in Sync only.
    maps = () => new SyncMaps(() => client, 'default');
  });
  after(() => emulator.stop());

  it('locks after 5 wrong passwords, opens 15 minutes after the first, clears on success', async () => {
    const now = () => clock.now();
    assert.deepEqual(await new SignInThrottle(maps()).gate(now()), { kind: 'open' });
    for (let i = 1; i <= MAX_FAILURES; i++) {
      assert.deepEqual(await new SignInThrottle(maps()).attempt(now()), { count: i });
      clock.advance(MINUTE);
    }
    const gate = await new SignInThrottle(maps()).gate(now());
    assert.deepEqual(gate, { kind: 'locked', until: START + WINDOW_MS });
    clock.advance(WINDOW_MS - 5 * MINUTE);
    assert.deepEqual(await new SignInThrottle(maps()).gate(now()), { kind: 'open' });
    assert.deepEqual(await new SignInThrottle(maps()).attempt(now()), { count: 5 });
    assert.equal((await new SignInThrottle(maps()).gate(now())).kind, 'locked');
    // An attempt that got past the gate at the same moment is over the limit, and told so.
    const over = await new SignInThrottle(maps()).attempt(now());
    assert.equal(over?.count, 6);
    // Six within the window: open again once only four are left, when the second oldest leaves.
    assert.equal(over?.lockedUntil, START + 2 * MINUTE + WINDOW_MS);
    await new SignInThrottle(maps()).cleared();
    assert.deepEqual(await new SignInThrottle(maps()).gate(now()), { kind: 'open' });
  });

  it('counts attempts made at once without losing one', async () => {
    const now = clock.now();
    await new SignInThrottle(maps()).cleared();
    await Promise.all([1, 2, 3].map(() => new SignInThrottle(maps()).attempt(now)));
    assert.deepEqual(await new SignInThrottle(maps()).attempt(now), { count: 4 });
  });
});
