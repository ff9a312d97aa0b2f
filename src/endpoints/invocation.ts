// What an endpoint is handed by the edge, and what it gives back. Shared by every endpoint, so it
// lives here rather than in the edge: endpoints never import the layer above them.
import type { Twilio as TwilioClient } from 'twilio';
import type { Budget } from '../core/budget';
import type { AppError, Failure, Result } from '../core/errors';
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

/**
 * The registry (Twilio Sync) could not be used: `message` tells the texter what did not happen,
 * `detail` the builder what failed (Sync's own code, when there is one).
 */
export function registryUnavailable(message: string, detail: string, cause?: AppError): Failure {
  const because = cause ? ` (${cause.code})` : '';
  return {
    ok: false,
    error: {
      code: 'REGISTRY_UNAVAILABLE',
      message,
      detail: `The registry (Twilio Sync) ${detail}${because}. Try again shortly.`,
    },
  };
}
