// What an endpoint is handed by the edge, and what it gives back. Shared by every endpoint, so it
// lives here rather than in the edge: endpoints never import the layer above them.
import type { Twilio as TwilioClient } from 'twilio';
import type { Budget } from '../core/budget';
import { type AppError, type Failure, type Result, refuse } from '../core/errors';
import type { Config } from '../input/config';
import type { Event } from '../input/event-fields';
import { IdempotencyKeys } from '../registry/idempotency';
import { Registry } from '../registry/registry';
import { ReplaceSlots } from '../registry/replace-slot';
import { ScanCursors } from '../registry/scan-cursor';
import { SyncMaps } from '../twilio/sync-map';

export interface Invocation extends Budget {
  event: Event;
  config: Config;
  /** Built on first use, so that paths that must not reach Twilio never construct it. */
  twilio(): TwilioClient;
  /** When the request arrived, ms since epoch. */
  now: number;
}

/** An endpoint's answer: a success body (without `ok`), or an error value. */
export type Endpoint<Answer extends object = object> = (
  invocation: Invocation,
) => Promise<Result<Answer>>;

/** The registry of this invocation, or undefined when REGISTRY=off. Opened per request. */
export function registryOf(
  invocation: Invocation,
):
  | { records: Registry; keys: IdempotencyKeys; slots: ReplaceSlots; cursors: ScanCursors }
  | undefined {
  const settings = invocation.config.registry;
  if (settings === undefined) return undefined;
  const maps = new SyncMaps(invocation.twilio, settings.service);
  return {
    records: new Registry(maps, invocation),
    keys: new IdempotencyKeys(maps),
    slots: new ReplaceSlots(maps),
    cursors: new ScanCursors(maps),
  };
}

/** What could not be done with the registry (Twilio Sync): the edge words it for both readers. */
export type RegistryMiss =
  | 'notReached'
  | 'seriesNotSaved'
  | 'seriesNotWritten'
  | 'remindersUndone'
  | 'remindersLeft'
  | 'listNotRead'
  | 'appointmentNotRead'
  | 'cancelNotRead'
  | 'statusNotRecorded'
  | 'replyNotRecorded'
  | 'signInNotRead'
  | 'signInNotCounted';

/** What the texter is told, by what could not be done (a variant of REGISTRY_UNAVAILABLE). */
const TOLD: Readonly<Record<RegistryMiss, string>> = {
  notReached: 'default',
  seriesNotSaved: 'default',
  seriesNotWritten: 'default',
  remindersUndone: 'default',
  remindersLeft: 'remindersLeft',
  listNotRead: 'list',
  appointmentNotRead: 'list',
  cancelNotRead: 'cancel',
  statusNotRecorded: 'status',
  replyNotRecorded: 'reply',
  signInNotRead: 'signIn',
  signInNotCounted: 'signIn',
};

/** The registry (Twilio Sync) could not be used: what was not done, and Sync's code if any. */
export const registryUnavailable = (miss: RegistryMiss, cause?: AppError): Failure =>
  refuse('REGISTRY_UNAVAILABLE', undefined, { variant: TOLD[miss], miss, cause: cause?.code });
