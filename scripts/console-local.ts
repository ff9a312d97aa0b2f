// `npm start`'s console without a password: the local front adds the console's local header,
// carrying this run's random key (CONSOLE_LOCAL_KEY, made in memory by local-stack.ts and given
// only to the local server's environment), to the console's requests from the stack's own page.
// Whatever a client sent under that name is dropped first, from every request. The deployed
// service never has the key, so there the header opens nothing.
import type { IncomingMessage } from 'node:http';
import { CONSOLE_LOCAL_HEADER } from '../src/contract/console-api';

const PAGE = '/console';
const API = '/console-api';

/** Removes the header, however it was spelled, from what the runtime reads (`rawHeaders`). */
function drop(req: IncomingMessage): void {
  delete req.headers[CONSOLE_LOCAL_HEADER];
  const raw = req.rawHeaders;
  for (let i = raw.length - 2; i >= 0; i -= 2) {
    if (raw[i]?.toLowerCase() === CONSOLE_LOCAL_HEADER) raw.splice(i, 2);
  }
}

/**
 * True for the page (GET) from this stack's Host, and for an API call (POST, which every browser
 * sends with its Origin) from this stack's own page: no other site can use it (CSRF), and no
 * other name can reach it (DNS rebinding).
 */
export function fromOwnPage(req: IncomingMessage, port: number): boolean {
  const own = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!own.includes(req.headers.host ?? '')) return false;
  const path = (req.url ?? '/').split('?')[0];
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  if (path === PAGE) return req.method === 'GET' || req.method === 'HEAD';
  if (path !== API || req.method !== 'POST') return false;
  if (site !== undefined && site !== 'same-origin') return false;
  return origin !== undefined && own.some((host) => origin === `http://${host}`);
}

/** Drops any client's header, then adds this run's key when the request is the stack's own. */
export function markConsoleRequest(req: IncomingMessage, port: number, key: string | undefined) {
  drop(req);
  if (key === undefined || key === '' || !fromOwnPage(req, port)) return;
  req.headers[CONSOLE_LOCAL_HEADER] = key;
  req.rawHeaders.push(CONSOLE_LOCAL_HEADER, key);
}
