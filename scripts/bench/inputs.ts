// What the bench sends: a minimal deployment's variables and Studio-shaped events, every value a
// string, as the Run Function widget sends them.
import { EMULATOR_ACCOUNT_SID, EMULATOR_AUTH_TOKEN } from '../../emulator';
import { EMULATOR_MESSAGING_SERVICE_SID } from '../local-stack';

export const SERVICE = EMULATOR_MESSAGING_SERVICE_SID;
export const TO = '+15551234567';

/** A number in Alaska (+1 907): two candidate zones, America/Anchorage and America/Adak. */
export const ALASKA = '+19075550123';

/** A minimal deployment: a Messaging Service and the credentials, nothing else. */
export const ENV = {
  MESSAGING_SERVICE_SID: SERVICE,
  ACCOUNT_SID: EMULATOR_ACCOUNT_SID,
  AUTH_TOKEN: EMULATOR_AUTH_TOKEN,
};

/**
 * The same deployment with the registry off, as version 1 ran: since version 2 the registry
 * (Twilio Sync) is on by default, and a stand-in client without Sync would fail every call in
 * the registry write. A build without a registry ignores the variable.
 */
export const ENV_V1 = { ...ENV, REGISTRY: 'off' };

/** The SID the stand-in client answers with. */
export const CREATED_SID = `SM${'b'.repeat(32)}`;

/** The date `days` ahead on the wall clock of `zone`, as YYYY-MM-DD. */
export const localDate = (zone: string, days: number): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(Date.now() + days * 86_400_000);

export interface Variant {
  name: string;
  event: Record<string, string>;
}

/** Studio-shaped events: every value a string, as the Run Function widget sends them. */
export function variants(): Variant[] {
  return [
    { name: '`minutes`', event: { to: TO, minutes: '16', body: 'Ahoy' } },
    {
      name: 'local `sendAt` + `timeZone` + `quietHours` (moved)',
      event: {
        to: TO,
        body: 'Ahoy',
        // 22:30 in New York, inside 21:00-08:00: moved to 08:00 the next day.
        sendAt: `${localDate('America/New_York', 10)}T22:30`,
        timeZone: 'America/New_York',
        quietHours: '21:00-08:00',
      },
    },
    {
      name: '`delay` (`1d 4h`) + `timeZone`',
      event: { to: TO, body: 'Ahoy', delay: '1d 4h', timeZone: 'Europe/Berlin' },
    },
  ];
}

/** Version 2's time inputs: the recipient's own zones, and a time in words. */
export function v2Variants(): Variant[] {
  return [
    {
      name: '`timeZone=recipient` (+1 907: two zones) + `quietHours` (moved)',
      event: {
        to: ALASKA,
        body: 'Ahoy',
        // 22:30 in Anchorage (21:30 in Adak), inside 21:00-08:00 in both: moved to 08:00 Adak.
        sendAt: `${localDate('America/Anchorage', 10)}T22:30`,
        timeZone: 'recipient',
        quietHours: '21:00-08:00',
      },
    },
    {
      name: '`when=tomorrow at 9am` + `timeZone`',
      event: { to: TO, body: 'Ahoy', when: 'tomorrow at 9am', timeZone: 'America/New_York' },
    },
  ];
}
