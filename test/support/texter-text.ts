// What a message for the person who texted must not contain: a parameter or variable name, an
// "=", an UPPER_SNAKE code, jargon. Shared by the tests of every language's messages.
import { ENDPOINT_PARAMETERS } from '../../scripts/flow/endpoint-parameters';

/** Every variable the service reads (src/input/config.ts's Env). */
const ENV_VARIABLES = [
  'MESSAGING_SERVICE_SID',
  'DEFAULT_TIME_ZONE',
  'QUIET_HOURS',
  'QUIET_DAYS',
  'DEFAULT_LOCALE',
  'SCHEDULE_MIN_LEAD_MINUTES',
  'SCHEDULE_MAX_LEAD_DAYS',
  'TWILIO_API_BASE_URL',
  'SYNC_SERVICE_SID',
  'REGISTRY',
  'REMINDER_OFFSETS',
  'MAX_PER_DAY',
  'DOMAIN_NAME',
  'ACCOUNT_SID',
  'AUTH_TOKEN',
];
/** Parameter names that are also plain English: refused only quoted or next to "=". */
const ENGLISH = new Set([
  'to',
  'from',
  'text',
  'number',
  'body',
  'message',
  'at',
  'when',
  'delay',
  'minutes',
  'tag',
  'replace',
  'repeat',
  'count',
  'until',
  'series',
]);
const PARAMETERS = [...new Set(Object.values(ENDPOINT_PARAMETERS).flat())];
const JARGON = [
  /\bSID\b/i,
  /E\.164/,
  /ISO 8601/,
  /\bIANA\b/,
  /\bHTTP\b/,
  /\bJSON\b/,
  /\bAPI\b/,
  /\bTwilio\b/,
  /misconfigured/i,
  /\bparameter\b/i,
  /\benvironment\b/i,
  /\b(null|undefined|NaN)\b/,
  /\bRRULE\b/,
  /\bBCP 47\b/,
];

/** Quotation marks of every language the messages are written in, opening and closing. */
const OPEN = '["\'`«„“「]\\s?';
const CLOSE = '\\s?["\'`»“”」]';

/** What in `message` a person who texted should not read; empty when it is fit. */
export function unfit(message: string): string[] {
  const found: string[] = [];
  if (message.includes('=')) found.push('"="');
  const snake = /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/.exec(message);
  if (snake) found.push(`code-like ${snake[0]}`);
  for (const name of [...PARAMETERS, ...ENV_VARIABLES]) {
    const quoted = new RegExp(`${OPEN}${name}${CLOSE}`);
    const bare = new RegExp(`\\b${name}\\b`);
    if (quoted.test(message) || (!ENGLISH.has(name) && bare.test(message))) found.push(name);
  }
  for (const pattern of JARGON) if (pattern.test(message)) found.push(`jargon ${pattern}`);
  return found;
}
