// The emulator's entry point under its first name: the tests, scripts and bench import it from
// here. It now serves Sync as well; the parts live beside it (server.ts is the whole emulator).
export type { CallbackRecord } from './callbacks';
export { twilioSignature } from './callbacks';
export { MovableClock } from './clock';
export type { Fault, RecordedRequest, TwilioHost } from './http';
export type { MessageStatus, StoredMessage } from './messages';
export {
  EMULATOR_ACCOUNT_SID,
  EMULATOR_AUTH_TOKEN,
  type EmulatorOptions,
  MessagesEmulator,
} from './server';
