// The console's sign-in, as pure functions of a key and a clock: a session token is
// `v1.<expiry, seconds since epoch>.<random id>.<HMAC-SHA256 of the three>`, signed with a key
// that only the service can make (from its secret, never from the password alone), checked in
// constant time. The key also depends on the password, so changing the password ends every
// session. Nothing is stored: a token is good until its expiry.
import { nodeCrypto } from './digest';

/** Separates this key from any other use of the same secret. */
const KEY_LABEL = 'studio-message-scheduler console session v1';
const PASSWORD_LABEL = 'console password';
const LOCAL_LABEL = 'console local key';
const TOKEN = /^v1\.(\d{1,12})\.([0-9a-f]{32})\.([A-Za-z0-9_-]{43})$/;

/** The signing key: HMAC of the label and the password's digest, keyed by the service's secret. */
export function sessionKey(secret: string, password: string): Buffer {
  const passwordDigest = nodeCrypto().createHash('sha256').update(password).digest('hex');
  return nodeCrypto()
    .createHmac('sha256', secret)
    .update(`${KEY_LABEL}\n${passwordDigest}`)
    .digest();
}

const mac = (key: Buffer, text: string): Buffer =>
  nodeCrypto().createHmac('sha256', key).update(text).digest();

/** True when `a` and `b` are the same text, in time that does not depend on where they differ. */
function sameText(key: Buffer, label: string, a: string, b: string): boolean {
  return nodeCrypto().timingSafeEqual(mac(key, `${label}\n${a}`), mac(key, `${label}\n${b}`));
}

/** The password typed, against the one set: compared as HMACs of equal length. */
export const passwordMatches = (key: Buffer, given: string, expected: string): boolean =>
  sameText(key, PASSWORD_LABEL, given, expected);

/** The header the local front adds, against the per-run key it was given. */
export const localKeyMatches = (key: Buffer, given: string, expected: string): boolean =>
  sameText(key, LOCAL_LABEL, given, expected);

/** A new token, good until `expiresAt` (ms since epoch). */
export function signSession(
  key: Buffer,
  expiresAt: number,
  id = nodeCrypto().randomBytes(16).toString('hex'),
) {
  const payload = `v1.${Math.floor(expiresAt / 1000)}.${id}`;
  return `${payload}.${mac(key, payload).toString('base64url')}`;
}

export type SessionCheck =
  | { kind: 'valid'; expiresAt: number }
  | { kind: 'expired'; expiresAt: number }
  | { kind: 'invalid' };

/** Whether `token` was signed with `key` and is still good at `now` (ms since epoch). */
export function checkSession(key: Buffer, token: string, now: number): SessionCheck {
  const parts = TOKEN.exec(token);
  if (!parts) return { kind: 'invalid' };
  const [, seconds, id, signature] = parts;
  const expected = mac(key, `v1.${seconds}.${id}`);
  const given = Buffer.from(signature ?? '', 'base64url');
  if (given.length !== expected.length || !nodeCrypto().timingSafeEqual(given, expected)) {
    return { kind: 'invalid' };
  }
  const expiresAt = Number(seconds) * 1000;
  return expiresAt > now ? { kind: 'valid', expiresAt } : { kind: 'expired', expiresAt };
}
