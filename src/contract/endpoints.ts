// Every endpoint's declaration, by path: what the docs, the OpenAPI document and the flow check
// are made from.
import { CANCEL_MESSAGE } from './cancel-message';
import { CONSOLE_API } from './console-api';
import type { EndpointDeclaration } from './declaration';
import { MESSAGE_STATUS } from './message-status';
import { REPLY } from './reply';
import { SCHEDULE_MESSAGE } from './schedule-message';
import { SCHEDULED_MESSAGES } from './scheduled-messages';

export const ENDPOINTS: readonly EndpointDeclaration[] = [
  SCHEDULE_MESSAGE,
  CANCEL_MESSAGE,
  SCHEDULED_MESSAGES,
  MESSAGE_STATUS,
  REPLY,
];

/** What the console page calls (not a flow: no Run Function widget uses these). */
export const CONSOLE_ENDPOINTS: readonly EndpointDeclaration[] = [CONSOLE_API];
