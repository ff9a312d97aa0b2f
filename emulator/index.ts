// The emulator of Twilio's APIs (Messages, Sync, status callbacks, a movable clock): the tests,
// scripts and bench import it from here; the parts live beside it (server.ts is the whole of it).
export type { CallbackRecord } from './callbacks';
export { twilioSignature } from './callbacks';
export { MovableClock } from './clock';
export type { Fault, RecordedRequest, TwilioHost } from './http';
export type { MessageStatus, StoredMessage } from './messages';
export {
  EMULATOR_ACCOUNT_SID,
  EMULATOR_AUTH_TOKEN,
  type EmulatorOptions,
  TwilioEmulator,
} from './server';
