// Hashes and random identifiers. node:crypto is loaded on first use, not at cold start: loading
// it costs ~3 ms, and only requests that use the registry need it.
import type * as Crypto from 'node:crypto';

let crypto: typeof Crypto | undefined;
/** node:crypto, loaded by the first caller. */
export const nodeCrypto = (): typeof Crypto => {
  crypto ??= require('node:crypto') as typeof Crypto;
  return crypto;
};
const load = nodeCrypto;

export const sha256 = (text: string, encoding: 'hex' | 'base64url'): string =>
  load().createHash('sha256').update(text).digest(encoding);

/** `bytes` random bytes as hex: an identifier no one can guess. */
export const randomHex = (bytes: number): string => load().randomBytes(bytes).toString('hex');
