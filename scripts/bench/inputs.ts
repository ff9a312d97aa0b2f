// What the bench sends: a minimal deployment's variables and Studio-shaped events, every value a
// string, as the Run Function widget sends them.
import { EMULATOR_ACCOUNT_SID, EMULATOR_AUTH_TOKEN } from '../../emulator/messages-api';
import { EMULATOR_MESSAGING_SERVICE_SID } from '../local-stack';

export const SERVICE = EMULATOR_MESSAGING_SERVICE_SID;
export const TO = '+15551234567';

/** A minimal deployment: a Messaging Service and the credentials, nothing else. */
export const ENV = {
  MESSAGING_SERVICE_SID: SERVICE,
  ACCOUNT_SID: EMULATOR_ACCOUNT_SID,
  AUTH_TOKEN: EMULATOR_AUTH_TOKEN,
};

/** The SID the stand-in client answers with. */
export const CREATED_SID = `SM${'b'.repeat(32)}`;

/** The date `days` ahead on the wall clock of `zone`, as YYYY-MM-DD. */
const localDate = (zone: string, days: number): string =>
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
