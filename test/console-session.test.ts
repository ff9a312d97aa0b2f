// The console's session tokens and password check (src/core/console-session.ts), on a clock
// passed in: signed, checked, refused when changed in any way, expired at their time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkSession,
  localKeyMatches,
  passwordMatches,
  sessionKey,
  signSession,
} from '../src/core/console-session';

const SECRET = 'a'.repeat(32);
const PASSWORD = 'correct horse battery';
const NOW = Date.parse('2027-01-05T09:00:00Z');
const HOUR = 3_600_000;

describe('session tokens', () => {
  const key = sessionKey(SECRET, PASSWORD);

  it('are valid until their expiry, and expired from then on', () => {
    const token = signSession(key, NOW + HOUR);
    assert.deepEqual(checkSession(key, token, NOW), { kind: 'valid', expiresAt: NOW + HOUR });
    assert.deepEqual(checkSession(key, token, NOW + HOUR - 1000).kind, 'valid');
    const expired = { kind: 'expired', expiresAt: NOW + HOUR };
    assert.deepEqual(checkSession(key, token, NOW + HOUR), expired);
    assert.deepEqual(checkSession(key, token, NOW + 2 * HOUR), expired);
  });

  it('are refused with any part changed (a later expiry included)', () => {
    const token = signSession(key, NOW + HOUR, '0'.repeat(32));
    const [version, expiry, id, mac] = token.split('.') as [string, string, string, string];
    const changed = [
      [version, String(Number(expiry) + 3600), id, mac],
      [version, expiry, `1${id.slice(1)}`, mac],
      [version, expiry, id, `${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`],
      ['v2', expiry, id, mac],
      [version, expiry, id, mac.slice(0, -1)],
    ].map((parts) => parts.join('.'));
    for (const tampered of [...changed, '', 'Bearer', `${token}.x`, token.toUpperCase()])
      assert.deepEqual(checkSession(key, tampered, NOW), { kind: 'invalid' }, tampered);
  });

  it('are refused under another secret or after the password changed', () => {
    const token = signSession(key, NOW + HOUR);
    assert.equal(checkSession(sessionKey('b'.repeat(32), PASSWORD), token, NOW).kind, 'invalid');
    assert.equal(checkSession(sessionKey(SECRET, 'another password'), token, NOW).kind, 'invalid');
  });

  it('are different each time (a random id)', () => {
    assert.notEqual(signSession(key, NOW + HOUR), signSession(key, NOW + HOUR));
  });
});

describe('password and local key checks', () => {
  const key = sessionKey(SECRET, PASSWORD);

  it('match only the exact text', () => {
    assert.equal(passwordMatches(key, PASSWORD, PASSWORD), true);
    for (const wrong of ['', 'correct horse', `${PASSWORD} `, 'Correct horse battery'])
      assert.equal(passwordMatches(key, wrong, PASSWORD), false, wrong);
    assert.equal(localKeyMatches(key, 'k'.repeat(64), 'k'.repeat(64)), true);
    assert.equal(localKeyMatches(key, 'k'.repeat(63), 'k'.repeat(64)), false);
  });
});
