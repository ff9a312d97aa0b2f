// The StatusCallback URL every create sets. It carries Twilio's webhook connection overrides, so
// that Twilio retries a callback that failed instead of dropping it (by default it does not
// retry), and, for a series occurrence, the series it belongs to, so that its callbacks arm the
// series even when its record could not be written.
//
// Overrides: a URL fragment, `rc` the retry count (0 to 5, default 1) and `rp` the retry policy
// (`all` retries on 4xx, 5xx, connect and read failures); Twilio reads the fragment and leaves
// it out of the request and of the signature. Source: Twilio Docs, "Webhooks (HTTP callbacks):
// Connection Overrides", https://www.twilio.com/docs/usage/webhooks/webhooks-connection-overrides
export const CONNECTION_OVERRIDES = 'rc=3&rp=all';

/** `base` (`https://DOMAIN/message-status`) with the series and the connection overrides. */
export function statusCallbackUrl(
  base: string | undefined,
  series?: string | undefined,
): string | undefined {
  if (base === undefined) return undefined;
  const query = series === undefined ? '' : `?series=${series}`;
  return `${base}${query}#${CONNECTION_OVERRIDES}`;
}
