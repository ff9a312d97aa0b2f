// URLs a request or the environment may name: media for a message, or a local emulator.

function parse(raw: string): URL | undefined {
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

/** An absolute http(s) URL with a host. */
export function isWebUrl(raw: string): boolean {
  const url = parse(raw);
  return (url?.protocol === 'https:' || url?.protocol === 'http:') && url.hostname !== '';
}

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

/** Only a loopback address may replace Twilio, so credentials can't be sent anywhere else. */
export function isLoopbackUrl(raw: string): boolean {
  const url = parse(raw);
  if (url === undefined || !isWebUrl(raw)) return false;
  if (url.username || url.password) return false;
  return LOOPBACK_HOSTS.has(url.hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(url.hostname);
}
