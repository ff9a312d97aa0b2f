// X-Twilio-Signature on the local server. Deployed, Twilio's gateway refuses a request to a
// `.protected` function that is not signed with the account's auth token; twilio-run's local
// server (and the runtime app we serve) checks nothing. The route Twilio itself calls, the
// status callback, is checked here the same way, so that no one but the emulator (which signs
// with the local token) can change what the service believes about a message.
//
// The body has to be read to check it; the runtime then reads a copy of the request holding the
// same body, so what the function sees is what was signed.
import { IncomingMessage } from 'node:http';
// The validator alone, not the whole client (which takes ~170 ms to load).
import { validateRequest } from 'twilio/lib/webhooks/webhooks';
import { BodyTooLarge, readBodyBytes } from '../emulator/http';

export type SignedRead =
  | { ok: true; request: IncomingMessage }
  | { ok: false; reason: 'too-large' | 'unsigned' | 'bad-signature' };

/** Reads the whole body, up to `limit` bytes (undefined past it). */
const readAll = (req: IncomingMessage, limit: number): Promise<Buffer | undefined> =>
  readBodyBytes(req, limit).catch((error: unknown) => {
    if (error instanceof BodyTooLarge) return undefined;
    throw error;
  });

/** The form fields Twilio signs; a repeated name keeps every value. */
function signedParams(req: IncomingMessage, body: Buffer): Record<string, string | string[]> {
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  if (!type.startsWith('application/x-www-form-urlencoded')) return {};
  const params: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(body.toString('utf8'))) {
    const seen = params[name];
    params[name] = seen === undefined ? value : [seen, value].flat();
  }
  return params;
}

/** The same request with `body` to read again: the original's has been consumed. */
function replay(req: IncomingMessage, body: Buffer): IncomingMessage {
  const copy = new IncomingMessage(req.socket);
  copy.method = req.method ?? 'POST';
  copy.url = req.url ?? '/';
  copy.httpVersion = req.httpVersion;
  copy.httpVersionMajor = req.httpVersionMajor;
  copy.httpVersionMinor = req.httpVersionMinor;
  const headers = { ...req.headers, 'content-length': String(body.length) };
  delete headers['transfer-encoding'];
  copy.headers = headers;
  copy.rawHeaders = Object.entries(headers).flatMap(([name, value]) =>
    [value ?? []].flat().flatMap((v) => [name, v]),
  );
  if (body.length > 0) copy.push(body);
  copy.push(null);
  // Whole: otherwise, once read, it counts as aborted and takes the connection down with it.
  copy.complete = true;
  return copy;
}

/**
 * Reads the request and checks its signature against `authToken` over the URL it was sent to
 * (`http://` + Host + path and query) and its form fields, as Twilio computes it.
 */
export async function readSigned(
  req: IncomingMessage,
  authToken: string,
  limit: number,
): Promise<SignedRead> {
  const body = await readAll(req, limit);
  if (body === undefined) return { ok: false, reason: 'too-large' };
  const signature = req.headers['x-twilio-signature'];
  if (typeof signature !== 'string' || signature === '') return { ok: false, reason: 'unsigned' };
  const url = `http://${req.headers.host ?? ''}${req.url ?? '/'}`;
  // Without a token there is nothing to check against: refuse rather than trust.
  if (authToken === '' || !validateRequest(authToken, signature, url, signedParams(req, body))) {
    return { ok: false, reason: 'bad-signature' };
  }
  return { ok: true, request: replay(req, body) };
}
