// Who may use a local server (the functions' front, the outbox page, the emulator): programs on
// this machine that name the server by the address it serves, and, from a browser, only the
// server's own page. A web page the builder happens to visit must not be able to schedule,
// cancel or read anything: not by a form, an image, a script's fetch, nor by DNS rebinding (a
// name of its own pointed at 127.0.0.1, which browsers send as the Host).
//
// What a browser sends decides it: `Host` (the name in the URL), `Origin` (the page, on every
// cross-origin request but a simple GET) and `Sec-Fetch-Site` (on every request, an `<img>`
// included, to a loopback URL). A program such as curl or twilio-node sends only `Host`.
// No answer carries an `Access-Control-Allow-*` header, so no other page may read one.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isLoopbackAddress } from './http';

export const FORBIDDEN_ORIGIN = 'FORBIDDEN_ORIGIN';

export interface LocalOriginRule {
  /**
   * Whether the server serves a page of its own that may call it (the outbox page on the
   * functions' server). The emulator serves none: no page may call it.
   */
  ownPage: boolean;
}

/** The names this server answers to: the loopback address it listens on, and `localhost`. */
function ownHosts(req: IncomingMessage): string[] {
  const port = req.socket.localPort;
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/**
 * Why the request is refused, or undefined when it may be served. The port is the one the
 * request arrived on, so the rule needs no configuration.
 */
export function foreignRequest(req: IncomingMessage, rule: LocalOriginRule): string | undefined {
  if (!isLoopbackAddress(req.socket.remoteAddress)) return 'The request is not from this machine.';
  const host = (req.headers.host ?? '').toLowerCase();
  if (!ownHosts(req).includes(host)) {
    return `The Host must be this server's address (${ownHosts(req).join(' or ')}).`;
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !(rule.ownPage && origin.toLowerCase() === `http://${host}`)) {
    return rule.ownPage
      ? `Requests from a web page are answered only for this server's own page (http://${host}).`
      : 'Requests from a web page are not answered here.';
  }
  // `none`: the builder typed the address or followed a bookmark; no page can make a browser
  // send it. `same-site` is another port of this machine: another origin.
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'none' && !(rule.ownPage && site === 'same-origin')) {
    return 'Requests from another web page are not answered here.';
  }
  return undefined;
}

/** Answers 403 without reading the body, and closes the connection after it. */
export function refuseForeign(res: ServerResponse, reason: string): void {
  const text = JSON.stringify({
    ok: false,
    error: {
      code: FORBIDDEN_ORIGIN,
      message: 'This local server answers only this machine and its own page.',
      detail: reason,
    },
  });
  res.writeHead(403, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    Connection: 'close',
  });
  res.end(text);
}

/** Applies the rule: true when the request was refused (and answered). */
export function refusedForeign(
  req: IncomingMessage,
  res: ServerResponse,
  rule: LocalOriginRule,
): boolean {
  const reason = foreignRequest(req, rule);
  if (reason === undefined) return false;
  refuseForeign(res, reason);
  return true;
}
