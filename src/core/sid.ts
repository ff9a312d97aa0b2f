// Twilio SIDs: two letters naming the resource, then 32 hex digits. One pattern for every kind.

/** The resource prefixes this service reads or checks. */
export type SidPrefix =
  | 'AC' // account
  | 'MG' // Messaging Service
  | 'SM' // message (SMS)
  | 'MM' // message (with media)
  | 'HX' // Content template
  | 'IS' // Sync service
  | 'MP' // Sync map
  | 'SK' // API key
  | 'ZS' // Functions service
  | 'ZE' // Functions environment
  | 'ZH' // function
  | 'PN' // phone number
  | 'FW'; // Studio flow

const HEX32 = /^[0-9a-fA-F]{32}$/;

/** True when `value` is one of `prefixes` followed by exactly 32 hex digits. */
export function isSid(prefixes: SidPrefix | readonly SidPrefix[], value: unknown): boolean {
  if (typeof value !== 'string' || value.length !== 34) return false;
  const prefix = value.slice(0, 2) as SidPrefix;
  const allowed = typeof prefixes === 'string' ? prefix === prefixes : prefixes.includes(prefix);
  return allowed && HEX32.test(value.slice(2));
}

/** A message SID: what Twilio returns for an SMS (SM) or a message with media (MM). */
export const MESSAGE_SID_PREFIXES: readonly SidPrefix[] = ['SM', 'MM'];
